/**
 * Where a JSON text first nests deeper than `max` objects and arrays, or
 * undefined when it never does. Checked before `JSON.parse`: V8 parses deep
 * nesting fine, but whatever walks the value afterwards (validation,
 * messages, `JSON.stringify` of an answer) recurses and overflows the stack.
 * Strings are skipped, with their escapes, so brackets inside them do not count.
 */
export function tooDeepAt(text: string, max: number): { offset: number } | undefined {
  let depth = 0;
  let inString = false;
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.charCodeAt(offset);
    if (inString) {
      if (code === 0x5c /* \ */) offset++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > max) return { offset };
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth--;
  }
  return undefined;
}

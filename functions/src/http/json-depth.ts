/**
 * Where a JSON text first nests deeper than `max` objects and arrays, or
 * undefined when it never does. Checked before `JSON.parse`: V8 parses deep
 * nesting fine, but whatever walks the value afterwards (validation,
 * messages, `JSON.stringify` of an answer) recurses and overflows the stack.
 * Strings are skipped, with their escapes, so brackets inside them do not count.
 * Most of a request's characters are inside strings (keys and ids), so each
 * string is jumped over with `indexOf` rather than read a character at a time.
 */
export function tooDeepAt(text: string, max: number): { offset: number } | undefined {
  let depth = 0;
  const length = text.length;
  for (let offset = 0; offset < length; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 0x22 /* " */) {
      offset = closingQuote(text, offset);
      if (offset === -1) return undefined; // an unfinished string: JSON.parse says where
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > max) return { offset };
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth--;
  }
  return undefined;
}

/** The quote that ends the string opened at `open`: the next one after an even run of `\`. */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1) return -1;
    let backslashes = 0;
    while (at - 1 - backslashes > open && text.charCodeAt(at - 1 - backslashes) === 0x5c)
      backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

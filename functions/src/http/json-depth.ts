/** The array that is the value of one key of the top-level object, as `scanJson` found it. */
export interface TopLevelArray {
  /** Offsets of its `[` and its `]`. */
  open: number;
  close: number;
  /** Offsets of the commas between its elements (not those inside them). */
  commas: number[];
}

export interface JsonScan {
  /**
   * Where the text first nests deeper than the maximum; absent when it never does. Checked
   * before a parsed value is walked: V8 parses deep nesting fine, but whatever walks the value
   * afterwards (validation, messages, `JSON.stringify` of an answer) recurses and overflows
   * the stack, and parsing a deep text is slow.
   */
  tooDeepAt?: number;
  /**
   * The array under `arrayKey` in the top-level object, when that key occurs exactly once
   * there, its value is an array and the scan reached the array's end. Only a text that
   * `JSON.parse` accepts is read right by this lexer (it knows strings and brackets, not the
   * grammar), so a caller must check what it reads by these offsets with JSON.parse
   * (json-array-parts.ts does).
   */
  array?: TopLevelArray;
}

/**
 * One pass over a JSON text: where it first nests too deep and, when `arrayKey` is given,
 * where the elements of the top-level object's array under that key begin and end, so that
 * parts of the array can be parsed apart (functions/src/handlers/evaluate-helper.ts).
 * Strings are skipped, with their escapes, so brackets inside them do not count. Most of a
 * request's characters are inside strings (keys and ids), so each string is jumped over with
 * `indexOf` rather than read a character at a time.
 */
export function scanJson(text: string, max: number, arrayKey?: string): JsonScan {
  let depth = 0;
  const length = text.length;
  let keyMatches = 0;
  let arrayOpenAt = -1; // where the matched key's value starts, when it is an array
  let array: TopLevelArray | undefined;
  let inArray = false;
  for (let offset = 0; offset < length; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 0x22 /* " */) {
      const close = closingQuote(text, offset);
      if (close === -1) return {}; // an unfinished string: JSON.parse says where
      if (depth === 1 && arrayKey !== undefined && !inArray) {
        const valueAt = valueAfterKey(text, close);
        if (valueAt !== -1 && keyText(text, offset, close) === arrayKey) {
          keyMatches++;
          arrayOpenAt = text.charCodeAt(valueAt) === 0x5b /* [ */ ? valueAt : -1;
        }
      }
      offset = close;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > max) return { tooDeepAt: offset };
      if (offset === arrayOpenAt) {
        inArray = true;
        array = { open: offset, close: -1, commas: [] };
      }
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth--;
      if (inArray && depth === 1 && array !== undefined) {
        inArray = false;
        array.close = offset;
      }
    } else if (code === 0x2c /* , */ && inArray && depth === 2) array?.commas.push(offset);
  }
  const complete = array !== undefined && array.close !== -1 && keyMatches === 1;
  return complete ? { array } : {};
}

/** Where the value after a key's closing quote starts (past `:` and white space), or -1 when no `:` follows. */
function valueAfterKey(text: string, closeQuote: number): number {
  let at = skipWhiteSpace(text, closeQuote + 1);
  if (text.charCodeAt(at) !== 0x3a /* : */) return -1;
  at = skipWhiteSpace(text, at + 1);
  return at;
}

function skipWhiteSpace(text: string, from: number): number {
  let at = from;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return at;
    at++;
  }
}

/** A key's text as JSON.parse reads it (escapes such as `\u0061` decoded). */
function keyText(text: string, open: number, close: number): string | undefined {
  const raw = text.slice(open + 1, close);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return undefined;
  }
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

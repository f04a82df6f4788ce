/**
 * A lexer of JSON text that knows strings (with their escapes) and brackets, not the grammar:
 * it says where a text first nests deeper than a maximum and, for POST /api/evaluate's two
 * threads (handlers/evaluate-helper.ts), where the array under one key of the top-level object
 * opens and closes and how many elements it has, one part of the text at a time. Only a text
 * that `JSON.parse` accepts is read right by it, so a caller must check what it reads by these
 * offsets with JSON.parse (json-array-parts.ts does).
 *
 * Why the depth: V8 parses deep nesting fine, but whatever walks the value afterwards
 * (validation, messages, `JSON.stringify` of an answer) recurses and overflows the stack, and
 * parsing a deep text is slow. So a text is checked before it is parsed, never after.
 *
 * Most of a request's characters are inside strings (keys and ids), so each string is jumped
 * over with `indexOf` rather than read a character at a time.
 */

export interface JsonScan {
  /** Where the text first nests deeper than the maximum; absent when it never does. */
  tooDeepAt?: number;
}

/** One pass over a whole JSON text: where it first nests too deep. */
export function scanJson(text: string, max: number): JsonScan {
  const state = startOfText();
  const tooDeepAt = lex(text, 0, text.length, state, max);
  return tooDeepAt >= 0 ? { tooDeepAt } : {};
}

/**
 * The text before `cut`, where the caller expects a comma between two elements of the array
 * under `arrayKey` in the top-level object. `array` is given only when it is one: the key
 * occurs once before it at the top level, its value is an array, and `cut` is at that array's
 * own level, outside any string. `elements` is how many elements come before the cut.
 */
export function scanArrayStart(
  text: string,
  max: number,
  arrayKey: string,
  cut: number
): JsonScan & { array?: { open: number; elements: number } } {
  const state = startOfText();
  const tooDeepAt = lex(text, 0, cut, state, max, arrayKey);
  if (tooDeepAt >= 0) return { tooDeepAt };
  const atTheCut =
    tooDeepAt === READ &&
    text.charCodeAt(cut) === 0x2c /* , */ &&
    state.inArray &&
    state.depth === 2 &&
    state.keyMatches === 1;
  return atTheCut ? { array: { open: state.arrayOpenAt, elements: state.commas + 1 } } : {};
}

/**
 * The rest of a text after such a cut: the array's later elements, its `]`, then the rest of
 * the top-level object, read as the whole text's lexer reads it from the cut on. `close` (the
 * offset of the array's `]` in `rest`) and `elements` are given only when the array ends in it
 * and the key does not occur again after it. `tooDeepAt` is an offset in `rest`.
 */
export function scanArrayRest(
  rest: string,
  max: number,
  arrayKey: string
): JsonScan & { close?: number; elements?: number } {
  const state: Lexing = { ...startOfText(), depth: 2, inArray: true };
  const tooDeepAt = lex(rest, 0, rest.length, state, max, arrayKey);
  if (tooDeepAt >= 0) return { tooDeepAt };
  const complete = tooDeepAt === READ && state.close !== -1 && state.keyMatches === 0;
  return complete ? { close: state.close, elements: state.commas + 1 } : {};
}

/** Where a pass stands, so that a text can be lexed in parts. */
interface Lexing {
  depth: number;
  /** How often the key occurred at the top level. */
  keyMatches: number;
  /** Where the key's value opens, when it is an array. */
  arrayOpenAt: number;
  /** Within that array (from its `[` to its `]`). */
  inArray: boolean;
  /** Commas at the array's own level, and where it closed (-1: not yet). */
  commas: number;
  close: number;
}

function startOfText(): Lexing {
  return { depth: 0, keyMatches: 0, arrayOpenAt: -1, inArray: false, commas: 0, close: -1 };
}

/** `lex` read its part to the end (it returns where the text nests too deep, or this, or UNREAD). */
const READ = -1;
/** A string in the part is unfinished, or goes on past its end: what follows is not known. */
const UNREAD = -2;

/**
 * Lexes text[from, to) on from `state`, which it updates. Returns where the text first nests
 * deeper than `max`, READ, or UNREAD. With `arrayKey`, it follows the array under that key.
 */
function lex(
  text: string,
  from: number,
  to: number,
  state: Lexing,
  max: number,
  arrayKey?: string
): number {
  let { depth, keyMatches, arrayOpenAt, inArray, commas, close } = state;
  let result = READ;
  for (let offset = from; offset < to; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 0x22 /* " */) {
      const end = closingQuote(text, offset);
      if (end === -1 || end >= to) {
        result = UNREAD; // JSON.parse says where an unfinished string breaks
        break;
      }
      if (depth === 1 && arrayKey !== undefined && !inArray) {
        const valueAt = valueAfterKey(text, end);
        if (valueAt !== -1 && keyText(text, offset, end) === arrayKey) {
          keyMatches++;
          arrayOpenAt = text.charCodeAt(valueAt) === 0x5b /* [ */ ? valueAt : -1;
        }
      }
      offset = end;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > max) {
        result = offset;
        break;
      }
      if (offset === arrayOpenAt) inArray = true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth--;
      if (inArray && depth === 1) {
        inArray = false;
        close = offset;
      }
    } else if (code === 0x2c /* , */ && inArray && depth === 2) commas++;
  }
  Object.assign(state, { depth, keyMatches, arrayOpenAt, inArray, commas, close });
  return result;
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

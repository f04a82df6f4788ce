import { scanArrayRest } from "./json-depth";

/**
 * A JSON text read in parts, so that two threads can parse one request (the helper of
 * POST /api/evaluate, handlers/evaluate-helper.ts). The text is cut at a comma between two
 * elements of the array under one key of the top-level object; the parts are
 * - the text with that array emptied (`[]` in its place),
 * - `[` + the array's elements before the cut + `]`,
 * - `[` + its elements after the cut + `]`.
 *
 * The cut is found first, by a guess that reads almost nothing (`guessCut`), so that the later
 * part can go to the helper before either thread has lexed anything; each thread then lexes its
 * own side (json-depth.ts: `scanArrayStart` from the start of the text to the cut, checking
 * that the cut is such a comma; `scanArrayRest` from the cut on, finding where the array ends).
 * Together they read what one pass over the whole text reads: the rest is lexed from the very
 * state the start's pass ends in at the cut.
 *
 * When all three parts parse, the whole text parses, to the same value: the lexer reads strings
 * exactly as JSON.parse does on any text that JSON.parse accepts up to that point, so the `[`
 * it found is a value (the emptied text parses with an array there), and two non-empty lists
 * of values joined by a comma are a list of values. When one part does not parse, the caller
 * parses the whole text, and JSON.parse says where it breaks, as it always did.
 */

/**
 * Where to cut: the first comma from the last `share` of the text on that stands between a `}`
 * and a `{` (an application ends, the next begins), white space allowed; when there is none
 * there, the last such comma before. A guess: -1 when the text has none, and only
 * `scanArrayStart` says whether it is a comma of the array itself.
 */
export function guessCut(text: string, share: number): number {
  const between = /\}[ \t\n\r]*,[ \t\n\r]*\{/g; // JSON's white space only
  const target = Math.floor(text.length * (1 - share));
  between.lastIndex = target;
  let found = between.exec(text);
  if (found === null) {
    // Rare (a tiny share, or a batch whose end is one big application): read from the start.
    between.lastIndex = 0;
    for (let next = between.exec(text); next !== null && next.index < target;) {
      found = next;
      next = between.exec(text);
    }
  }
  return found === null ? -1 : found.index + found[0].indexOf(",");
}

/** `[` + text[from, to) + `]` parsed: a part's elements, or undefined when it is not JSON. */
export function parseElements(text: string, from: number, to: number): unknown[] | undefined {
  try {
    const elements: unknown = JSON.parse(`[${text.slice(from, to)}]`);
    return Array.isArray(elements) ? elements : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text with the array between `open` and `close` emptied, parsed: the top-level object,
 * `key` holding `[]`. Undefined when that is not JSON or `key` does not hold an empty array.
 */
export function parseEmptiedEnvelope(
  text: string,
  open: number,
  close: number,
  key: string
): Record<string, unknown> | undefined {
  try {
    const envelope: unknown = JSON.parse(text.slice(0, open + 1) + text.slice(close));
    if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope))
      return undefined;
    const emptied = (envelope as Record<string, unknown>)[key];
    return Array.isArray(emptied) && emptied.length === 0
      ? (envelope as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What the text after a cut holds: where it nests too deep, or the array's later elements and where it closes. */
export type ArrayRest =
  | { tooDeepAt: number }
  | { close: number; elements: unknown[] }
  /** Not known to be JSON: the array does not end in it, the key occurs again, or it does not parse. */
  | { unread: true };

/**
 * The text after a cut, lexed (never parsed when it nests too deep) and its elements parsed:
 * the helper's work, and the request loop's when the helper does not answer.
 */
export function readArrayRest(rest: string, maxDepth: number, key: string): ArrayRest {
  const scan = scanArrayRest(rest, maxDepth, key);
  if (scan.tooDeepAt !== undefined) return { tooDeepAt: scan.tooDeepAt };
  if (scan.close === undefined) return { unread: true };
  const elements = parseElements(rest, 0, scan.close);
  return elements !== undefined && elements.length === scan.elements
    ? { close: scan.close, elements }
    : { unread: true };
}

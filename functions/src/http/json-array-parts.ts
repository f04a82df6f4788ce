import type { TopLevelArray } from "./json-depth";

/**
 * A JSON text read in parts, so that two threads can parse one request (the helper of
 * POST /api/evaluate, handlers/evaluate-helper.ts). `array` is where `scanJson` found the
 * array under one key of the top-level object; the parts are
 * - the text with that array emptied (`[]` in its place),
 * - `[` + its elements before `from` + `]`,
 * - `[` + its elements from `from` on + `]`.
 *
 * When all three parse, the whole text parses, to the same value: the lexer of `scanJson` reads
 * strings exactly as JSON.parse does on any text that JSON.parse accepts up to that point, so
 * the `[` it found is a value (the emptied text parses with an array there), and two non-empty
 * lists of values joined by a comma are a list of values. When one part does not parse, the
 * caller parses the whole text, and JSON.parse says where it breaks, as it always did.
 */

/** The array's elements from `from` on (at least one before and one from there), as a JSON array's text. */
export function laterElementsText(text: string, array: TopLevelArray, from: number): string {
  return `[${text.slice(array.commas[from - 1] + 1, array.close)}]`;
}

/**
 * The text parsed without the array's elements from `from` on: the top-level object, with the
 * first `from` elements under `key`. Undefined when a part does not parse, or does not hold
 * what the scan counted.
 */
export function parseWithoutLaterElements(
  text: string,
  array: TopLevelArray,
  key: string,
  from: number
): Record<string, unknown> | undefined {
  try {
    const envelope: unknown = JSON.parse(text.slice(0, array.open + 1) + text.slice(array.close));
    const earlier: unknown = JSON.parse(`[${text.slice(array.open + 1, array.commas[from - 1])}]`);
    if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope))
      return undefined;
    const emptied = (envelope as Record<string, unknown>)[key];
    if (!Array.isArray(emptied) || emptied.length !== 0) return undefined;
    if (!Array.isArray(earlier) || earlier.length !== from) return undefined;
    (envelope as Record<string, unknown>)[key] = earlier;
    return envelope as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The array's elements from `from` on, parsed; undefined when they are not JSON or not as many as the scan counted. */
export function parseLaterElements(
  text: string,
  array: TopLevelArray,
  from: number
): unknown[] | undefined {
  try {
    const later: unknown = JSON.parse(laterElementsText(text, array, from));
    return Array.isArray(later) && later.length === array.commas.length + 1 - from
      ? later
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JSON value kept in one or more string properties of a Table Storage row. A property holds
 * at most 64 KiB (32,768 UTF-16 code units) and a row at most 1 MiB, so a long value is cut
 * into parts: `<name>` (the first, which is also how rows written before chunking hold the
 * whole value, so they stay readable), `<name>_1`, `<name>_2`… and `<name>Parts`, the count.
 */
const PART_LENGTH = 30_000;
/** Parts a row may carry: 30 × 30,000 code units (60 KB each) stays under the 1 MiB row limit. */
export const MAX_PARTS = 15;

export function jsonColumns(name: string, value: unknown): Record<string, string | number> {
  const text = JSON.stringify(value);
  const columns: Record<string, string | number> = {};
  let part = 0;
  for (let start = 0; start < text.length || part === 0; part++) {
    let end = Math.min(start + PART_LENGTH, text.length);
    // Never split a surrogate pair: each part must be valid UTF-16 on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    columns[part === 0 ? name : `${name}_${part}`] = text.slice(start, end);
    start = end;
  }
  if (part > MAX_PARTS)
    throw new RangeError(`${name} needs ${part} parts, above the row's ${MAX_PARTS}`);
  columns[`${name}Parts`] = part;
  return columns;
}

/** The JSON text of a value written by jsonColumns (or by the single-property layout before it). */
export function readJsonText(row: Record<string, unknown>, name: string): string {
  const parts = typeof row[`${name}Parts`] === "number" ? (row[`${name}Parts`] as number) : 1;
  let text = "";
  for (let part = 0; part < parts; part++) {
    const piece = row[part === 0 ? name : `${name}_${part}`];
    if (typeof piece !== "string") throw new MissingPartError(`${name} part ${part} is missing`);
    text += piece;
  }
  return text;
}

export class MissingPartError extends Error {
  override name = "MissingPartError";
}

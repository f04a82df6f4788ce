import type { LocalizedText } from "./localized-text";

/**
 * A value a caller gave, as a message shows it, in each language: as JSON writes it
 * ("village", 120, true, [1,2]), shortened so the message stays readable. What would come out as
 * an English word is said in each language instead: a number too large for a double (1e999
 * parses to Infinity; "Infinity" is neither what was written nor Thai), null, NaN, and nothing.
 */
export function showValue(value: unknown): LocalizedText {
  const words = inWords(value);
  if (words !== undefined) return words;
  let shown: string | undefined;
  try {
    shown = JSON.stringify(value);
  } catch {
    shown = undefined; // a cycle or a BigInt: no JSON for it
  }
  if (shown === undefined) shown = String(value);
  if (shown.length > 40) {
    let cut = shown.slice(0, 37);
    // A quote left open would make the rest of the message read as the caller's text.
    if ((cut.match(/(?<!\\)"/g) ?? []).length % 2 === 1) cut += '"';
    shown = `${cut}...`;
  }
  return { th: shown, en: shown };
}

function inWords(value: unknown): LocalizedText | undefined {
  if (value === undefined) return { th: "ไม่มีค่า", en: "nothing" };
  if (value === null) return { th: "ค่าว่าง", en: "null" };
  if (typeof value !== "number" || Number.isFinite(value)) return undefined;
  // Not from JSON, but from arithmetic in-process: English has a name for it, Thai says what it is.
  if (Number.isNaN(value)) return { th: "ค่าที่คำนวณไม่ได้", en: "NaN" };
  return value > 0
    ? { th: "ตัวเลขที่ใหญ่เกินไป", en: "a number too large" }
    : { th: "ตัวเลขติดลบที่ใหญ่เกินไป", en: "a negative number too large" };
}

import type { LocalizedText } from "../text/localized-text";
import { showValue } from "../rules/messages";
import { thaiDigitsToAscii } from "../text/thai-digits";

/**
 * Reading a yes/no answer to a preliminary criterion as people write it in a
 * cell. Decisions: TRUE/FALSE, Yes/No, Y/N, 1/0, ✓/✗ (and ✔/✘, x), ใช่/ไม่ใช่,
 * ผ่าน/ไม่ผ่าน, มี/ไม่มี, case- and space-insensitive; blank is "not answered";
 * anything else is refused with the value named, never guessed. A bilingual
 * answer ("ใช่ / Yes", as the consolidated workbook writes them) is read when
 * both halves are answers and agree.
 */
export type AnswerReading =
  | { kind: "blank" }
  | { kind: "answer"; value: boolean }
  | { kind: "invalid"; problem: LocalizedText };

const YES = new Set(["true", "yes", "y", "1", "✓", "✔", "ใช่", "ผ่าน", "มี"]);
const NO = new Set(["false", "no", "n", "0", "✗", "✘", "x", "ไม่ใช่", "ไม่ผ่าน", "ไม่มี"]);

export function readAnswer(value: unknown): AnswerReading {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "boolean") return { kind: "answer", value };
  if (typeof value === "number") {
    if (value === 1 || value === 0) return { kind: "answer", value: value === 1 };
  } else if (typeof value === "string") {
    const text = thaiDigitsToAscii(value.normalize("NFC")).trim().toLowerCase().replace(/\s+/g, "");
    if (text === "") return { kind: "blank" };
    if (YES.has(text)) return { kind: "answer", value: true };
    if (NO.has(text)) return { kind: "answer", value: false };
    const halves = text.split("/");
    if (halves.length === 2) {
      const [first, second] = halves.map((half) =>
        YES.has(half) ? true : NO.has(half) ? false : undefined
      );
      if (first !== undefined && first === second) return { kind: "answer", value: first };
    }
  }
  const shown = showValue(value);
  return {
    kind: "invalid",
    problem: { th: `${shown.th} ไม่ใช่คำตอบ ใช่/ไม่ใช่`, en: `${shown.en} is not a yes/no answer` },
  };
}

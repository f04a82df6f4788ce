import { thaiDigitsToAscii } from "./thai-digits";

/**
 * The form in which two labels are compared: Unicode NFC, case-folded, spaces, hyphens,
 * underscores and dots removed, and the decorations that headers carry or drop removed: a
 * leading "Smart" / "ด้าน" ("the aspect of") and a trailing "อัจฉริยะ" ("smart"). The rules use it
 * to refuse names that would collide in a workbook, and the workbook import to read headers, so
 * it sits below both.
 */
export function labelKey(label: string): string {
  let key = thaiDigitsToAscii(label.normalize("NFC"))
    .toLowerCase()
    .replace(/[\s\-_.·:]+/g, "");
  key = key
    .replace(/^smart/, "")
    .replace(/^ด้าน/, "")
    .replace(/อัจฉริยะ$/, "");
  return key;
}

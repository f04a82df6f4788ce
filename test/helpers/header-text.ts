/**
 * A header cell of the consolidated workbook as one line: its lines are broken between words to
 * fit its column (header-layout.ts), so a break between two Thai letters joins them again and any
 * other is a space.
 */
export function headerText(value: unknown): string {
  return String(value ?? "").replace(/\s*\n\s*/g, (_, offset: number, whole: string) => {
    const before = whole.slice(0, offset).trimEnd().slice(-1);
    const after = whole.slice(offset).trimStart().charAt(0);
    return /[\u0e00-\u0e7f]/.test(before) && /[\u0e00-\u0e7f]/.test(after) ? "" : " ";
  });
}

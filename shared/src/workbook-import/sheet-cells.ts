import { importMessages } from "../consolidation/consolidation-messages";
import type { LocalizedText } from "../text/localized-text";
import { readScore, looksLikeFractions } from "./normalise-score";
import { readAnswer } from "./read-answer";
import {
  type CellSnapshot,
  type CellValue,
  parseCellAddress,
  type SheetSnapshot,
} from "./sheet-snapshot";

/** One cell of an evaluator's sheet read as a score, an answer or text, never guessed. */
export function valueAtAddress(sheet: SheetSnapshot, address: string): CellValue {
  const at = parseCellAddress(address);
  return at === undefined ? null : (sheet.rows[at.rowIndex]?.[at.columnIndex]?.value ?? null);
}

export function fractionsInPlainCells(
  sheet: SheetSnapshot,
  headerRow: number,
  column: number
): boolean {
  const values: number[] = [];
  for (let row = headerRow + 1; row < sheet.rows.length; row++) {
    const cell = sheet.rows[row]?.[column];
    if (cell !== undefined && !cell.percentFormat && typeof cell.value === "number")
      values.push(cell.value);
  }
  return looksLikeFractions(values);
}

export type CellScore =
  | { kind: "blank" }
  | { kind: "score"; percent: number }
  | { kind: "invalid"; problem: LocalizedText; noValue?: boolean };

export function readScoreCell(cell: CellSnapshot | undefined): CellScore {
  if (cell === undefined || cell.mergedInto !== undefined) return { kind: "blank" };
  const special = specialValueProblem(cell.value);
  if (special !== undefined) return special;
  return readScore(cell.value, { fraction: cell.percentFormat === true });
}

export function readAnswerCell(cell: CellSnapshot | undefined) {
  if (cell === undefined || cell.mergedInto !== undefined) return { kind: "blank" } as const;
  const special = specialValueProblem(cell.value);
  if (special !== undefined) return special;
  return readAnswer(cell.value);
}

export function specialValueProblem(
  value: CellValue
): { kind: "invalid"; problem: LocalizedText; noValue?: boolean } | undefined {
  if (value === null || typeof value !== "object") return undefined;
  if ("error" in value) return { kind: "invalid", problem: importMessages.errorValue(value.error) };
  if ("date" in value) return { kind: "invalid", problem: importMessages.dateValue(value.date) };
  return {
    kind: "invalid",
    problem: importMessages.formulaWithoutValue(value.formulaWithoutValue),
    noValue: true,
  };
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}

/** An id, name or evaluator as text: trimmed, NFC; numbers as written (1001). */
export function text(value: CellValue): string | null {
  if (typeof value === "string") {
    const trimmed = value.normalize("NFC").trim();
    return trimmed === "" ? null : trimmed;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

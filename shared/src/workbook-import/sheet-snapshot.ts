/**
 * A worksheet as the workbook import sees it: plain values, no spreadsheet
 * library. `functions/` turns a real .xlsx into this (formulas replaced by the
 * values the spreadsheet program saved with them); everything after that —
 * finding the header, reading scores, consolidating — is pure and lives here.
 */
export type CellValue =
  | string
  | number
  | boolean
  | null
  /** An error value the program saved, e.g. `#DIV/0!`. */
  | { error: string }
  /** A date cell (ISO 8601); never a score. */
  | { date: string }
  /** A formula the program saved without its result (e.g. written by a script, never opened). */
  | { formulaWithoutValue: string };

export interface CellSnapshot {
  value: CellValue;
  /** The cell's number format shows a percentage, so a number holds the fraction (0.85 shows 85%). */
  percentFormat?: boolean;
  /** For a cell merged into another: that cell's A1 address (its value lives there). */
  mergedInto?: string;
}

export interface SheetSnapshot {
  name: string;
  /** `rows[r][c]` is the cell at row r+1, column c+1; holes are empty cells. */
  rows: ReadonlyArray<ReadonlyArray<CellSnapshot | undefined> | undefined>;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `E7` → { rowIndex: 6, columnIndex: 4 }; undefined for anything else. */
export function parseCellAddress(
  address: string
): { rowIndex: number; columnIndex: number } | undefined {
  const match = /^([A-Z]+)(\d+)$/.exec(address);
  if (match === null) return undefined;
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { rowIndex: Number(match[2]) - 1, columnIndex: column - 1 };
}

/** The A1 address of `rows[rowIndex][columnIndex]`. */
export function cellAddress(rowIndex: number, columnIndex: number): string {
  return `${columnLetter(columnIndex)}${rowIndex + 1}`;
}

/**
 * A number format that shows a percentage: a "%" outside quoted text, brackets and escapes
 * (`0.0%` is; `0 "%"` and `[Red]0` are not). One rule for every reader of formats: the
 * service's workbook import (exceljs's numFmt) and the add-in (Excel's Range.numberFormat).
 */
export function isPercentFormat(format: string | undefined): boolean {
  if (!format) return false;
  return format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "").includes("%");
}

/**
 * `'Somchai''s sheet'!C3:F5` → { sheet: "Somchai's sheet", range: "C3:F5" }: an A1 address as
 * Excel writes it, the sheet name unquoted (a quote inside a quoted name is doubled).
 */
export function splitSheetAddress(address: string): { sheet: string; range: string } {
  const bang = address.lastIndexOf("!");
  return {
    sheet: address
      .slice(0, Math.max(bang, 0))
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'"),
    range: address.slice(bang + 1),
  };
}

import type { ImportWarning, WarningCode } from "../contract/consolidation-contract";
import { at, importMessages, location } from "../consolidation/consolidation-messages";
import { columnRole, itemName, qualifiedItemName } from "./evaluation-columns";
import type { LocalizedText } from "../text/localized-text";
import type { Rules } from "../rules/ruleset-schema";
import { cellAddress, type CellValue, type SheetSnapshot } from "./sheet-snapshot";
import type { CellValueAt, EvaluatorEntry, SheetReading, SheetRules } from "./evaluator-entry";
import { HEADER_SEARCH_ROWS } from "./evaluator-entry";
import { findHeader } from "./evaluation-sheet-header";
import { conflictMessages } from "../consolidation/conflict-messages";
import { readLaterColumns, percentFromPoints } from "./read-later-columns";
import { fractionsInPlainCells, readScoreCell, readAnswerCell, isBlank, text } from "./sheet-cells";

/**
 * Reading one evaluator's sheet: find the header row, then read each row
 * below it into an entry (one evaluator's scores for one applicant).
 *
 * Decisions:
 * - The header is the row, within the first 20, that names the most known
 *   columns, among those that name an applicant id or name and at least one
 *   dimension; the first such row wins a tie. Titles above it, merged cells,
 *   hidden columns (read like any other: hiding is not deleting) and empty
 *   rows are normal. A sheet without such a row is skipped with a warning.
 * - The evaluator is the row's Evaluator column when it has one, else a cell
 *   labelled Evaluator / ผู้ประเมิน above the header (its value is the text
 *   after a colon in the same cell, or the next filled cell to its right),
 *   else the caller's fallback (the file name).
 * - A score cell formatted as a percentage holds a fraction (0.85 → 85);
 *   any other number is a percent as written; text "85", "85%", "๘๕" is a
 *   percent (see normalise-score.ts). A column of numbers within 0–1 that is
 *   not percent-formatted is read as written, with one warning for the column.
 * - A value that is not a score or an answer is a warning with its cell and
 *   counts as not given (so it shows as missing): never a silent zero.
 * - A conflict-of-interest cell reads as a preliminary answer does; blank declares nothing, and a
 *   value that is not yes or no is a warning with its cell and is kept on the entry as unread
 *   (never as "no").
 * - A row with values but neither an applicant id nor a name is left out
 *   with a warning; a row with nothing in the known columns is skipped.
 */
export type { CellValueAt, EvaluatorEntry, SheetReading, SheetRules };
export { HEADER_SEARCH_ROWS, percentFromPoints };

export function readEvaluationSheet(
  sheet: SheetSnapshot,
  rules: SheetRules,
  file: string,
  fallbackEvaluator: string
): SheetReading {
  const warnings: ImportWarning[] = [];
  const warn = (
    code: WarningCode,
    row: number | null,
    column: number | null,
    text: LocalizedText
  ) => {
    const cell = row === null || column === null ? null : cellAddress(row, column);
    warnings.push({
      code,
      sheet: sheet.name,
      cell,
      message: at(location(file, sheet.name, cell), text),
    });
  };

  const layout = findHeader(sheet, rules);
  if (layout === undefined) {
    warn("SHEET_SKIPPED", null, null, importMessages.sheetSkipped());
    return { recognised: false, labelledEvaluator: null, entries: [], warnings };
  }
  for (const { column, label } of layout.ignored)
    warn("COLUMN_IGNORED", layout.row, column, importMessages.columnIgnored(label));
  for (const { column, item, first } of layout.duplicates)
    warn(
      "DUPLICATE_COLUMN",
      layout.row,
      column,
      importMessages.duplicateColumn(qualifiedItemName(rules, item), cellAddress(layout.row, first))
    );

  const labelledEvaluator = findLabelledEvaluator(sheet, layout.row, rules);
  const scoreColumns = new Map(layout.dimensions);
  if (layout.overall !== undefined) scoreColumns.set("overall", layout.overall);
  for (const [item, column] of scoreColumns) {
    if (fractionsInPlainCells(sheet, layout.row, column))
      warn(
        "FRACTION_IN_PERCENT_COLUMN",
        layout.row,
        column,
        importMessages.fractionsInPlainColumn(itemName(rules, item))
      );
  }

  const entries: EvaluatorEntry[] = [];
  for (let row = layout.row + 1; row < sheet.rows.length; row++) {
    const cells = sheet.rows[row];
    if (cells === undefined) continue;
    const valueAt = (column: number | undefined): CellValue =>
      column === undefined ? null : (cells[column]?.value ?? null);
    const usedColumns = [
      layout.id,
      layout.name,
      layout.evaluator,
      layout.conflict,
      ...scoreColumns.values(),
      ...layout.criteria.values(),
      layout.track,
      ...layout.requirements.values(),
      ...layout.points.values(),
    ];
    if (usedColumns.every((column) => isBlank(valueAt(column)))) continue;

    const applicantId = text(valueAt(layout.id));
    const applicantName = text(valueAt(layout.name));
    if (applicantId === null && applicantName === null) {
      warn("ROW_WITHOUT_APPLICANT", row, 0, importMessages.rowWithoutApplicant(row + 1));
      continue;
    }
    const named = text(valueAt(layout.evaluator)) ?? labelledEvaluator;
    const entry: EvaluatorEntry = {
      applicantId,
      applicantName,
      evaluator: named ?? fallbackEvaluator,
      ...(named === null ? { namedFromFile: true as const } : {}),
      file,
      sheet: sheet.name,
      row: row + 1,
      scores: {},
      overall: null,
      answers: {},
      unreadable: [],
    };
    const unreadable = (
      code: WarningCode,
      item: string,
      column: number,
      problem: LocalizedText
    ) => {
      warn(code, row, column, problem);
      entry.unreadable.push({
        item,
        cell: cellAddress(row, column),
        message: warnings[warnings.length - 1].message,
      });
    };

    for (const [item, column] of scoreColumns) {
      const cell = cells[column];
      const reading = readScoreCell(cell);
      if (reading.kind === "blank") continue;
      if (reading.kind === "invalid") {
        const code = reading.noValue ? "FORMULA_WITHOUT_VALUE" : "UNREADABLE_SCORE";
        unreadable(
          code,
          item,
          column,
          importMessages.unreadableScore(itemName(rules, item), reading.problem)
        );
        continue;
      }
      const value = { value: reading.percent, cell: cellAddress(row, column) };
      if (item === "overall") entry.overall = value;
      else entry.scores[item] = value;
    }
    for (const [item, column] of layout.criteria) {
      const reading = readAnswerCell(cells[column]);
      if (reading.kind === "blank") continue;
      if (reading.kind === "invalid") {
        unreadable(
          "UNREADABLE_ANSWER",
          item,
          column,
          importMessages.unreadableAnswer(itemName(rules, item), reading.problem)
        );
        continue;
      }
      entry.answers[item] = { value: reading.value, cell: cellAddress(row, column) };
    }
    if (layout.conflict !== undefined) {
      const column = layout.conflict;
      const reading = readAnswerCell(cells[column]);
      const cell = cellAddress(row, column);
      if (reading.kind === "answer") entry.conflict = { value: reading.value, cell };
      else if (reading.kind === "invalid") {
        // Never read as "no": the consolidation keeps the row out until someone reads the cell.
        warn(
          "UNREADABLE_ANSWER",
          row,
          column,
          conflictMessages.unreadableDeclaration(reading.problem)
        );
        entry.conflict = { value: null, cell };
      }
    }
    readLaterColumns(entry, cells, row, layout, rules, unreadable);
    entries.push(entry);
  }
  return { recognised: true, labelledEvaluator, entries, warnings };
}

function findLabelledEvaluator(
  sheet: SheetSnapshot,
  headerRow: number,
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">
): string | null {
  for (let row = 0; row < headerRow; row++) {
    const cells = sheet.rows[row] ?? [];
    for (let column = 0; column < cells.length; column++) {
      const value = cells[column]?.value;
      if (typeof value !== "string") continue;
      const colon = value.search(/[:：]/);
      if (colon > 0 && columnRole(value.slice(0, colon), rules)?.kind === "evaluator") {
        const name = value.slice(colon + 1).trim();
        if (name !== "") return name;
      }
      if (columnRole(value, rules)?.kind !== "evaluator") continue;
      for (let next = column + 1; next < cells.length; next++) {
        const name = text(cells[next]?.value ?? null);
        if (name !== null) return name;
      }
    }
  }
  return null;
}

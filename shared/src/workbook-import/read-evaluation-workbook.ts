import {
  type FileReport,
  type ImportWarning,
  MAX_WARNINGS_PER_FILE,
} from "../contract/consolidation-contract";
import { at, fileErrorMessages, importMessages } from "../consolidation/consolidation-messages";
import { type EvaluatorEntry, readEvaluationSheet, type SheetRules } from "./read-evaluation-sheet";
import type { SheetSnapshot } from "./sheet-snapshot";

/**
 * Reading one evaluator's workbook: every recognised sheet counts (a workbook
 * may split its applicants over several sheets), the others are skipped with
 * a warning, and a workbook with no recognised sheet is an error for that
 * file alone. The fallback evaluator is the file name without its extension.
 */
export interface WorkbookReading {
  report: FileReport;
  entries: EvaluatorEntry[];
}

export function readEvaluationWorkbook(
  file: string,
  sheets: readonly SheetSnapshot[],
  rules: SheetRules
): WorkbookReading {
  const fallbackEvaluator = evaluatorFromFileName(file);
  const entries: EvaluatorEntry[] = [];
  const warnings: ImportWarning[] = [];
  const recognised: string[] = [];
  let labelledEvaluator: string | null = null;
  for (const sheet of sheets) {
    const reading = readEvaluationSheet(sheet, rules, file, fallbackEvaluator);
    // Loops, not push(...spread): a spread of ~150,000 items overflows the call stack.
    for (const warning of reading.warnings) warnings.push(warning);
    if (!reading.recognised) continue;
    recognised.push(sheet.name);
    for (const entry of reading.entries) entries.push(entry);
    labelledEvaluator ??= reading.labelledEvaluator;
  }
  const evaluators = [...new Set(entries.map((entry) => entry.evaluator))];
  const report: FileReport = {
    name: file,
    evaluator: evaluators[0] ?? labelledEvaluator ?? fallbackEvaluator,
    evaluators,
    sheets: recognised,
    rows: entries.length,
    warnings: capped(warnings, file),
  };
  if (recognised.length === 0) {
    report.warnings = [];
    report.error = {
      code: "NO_RECOGNISABLE_SHEET",
      message: at(file, fileErrorMessages.noRecognisableSheet(sheets.map((sheet) => sheet.name))),
    };
  }
  return { report, entries };
}

/** `somchai.xlsx` → `somchai`; `C:\evaluations\สุดา.xlsx` → `สุดา`. */
export function evaluatorFromFileName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const withoutExtension = base.replace(/\.[^.]*$/, "");
  return (withoutExtension || base).normalize("NFC").trim();
}

function capped(warnings: ImportWarning[], file: string): ImportWarning[] {
  if (warnings.length <= MAX_WARNINGS_PER_FILE) return warnings;
  const kept = warnings.slice(0, MAX_WARNINGS_PER_FILE);
  kept.push({
    code: "TOO_MANY_WARNINGS",
    sheet: null,
    cell: null,
    message: at(file, importMessages.tooManyWarnings(warnings.length - MAX_WARNINGS_PER_FILE)),
  });
  return kept;
}

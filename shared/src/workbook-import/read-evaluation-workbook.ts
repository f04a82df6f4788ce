import {
  type FileReport,
  type ImportWarning,
  MAX_WARNINGS_PER_FILE,
} from "../contract/consolidation-contract";
import {
  at,
  fileErrorMessages,
  importMessages,
  location,
} from "../consolidation/consolidation-messages";
import { nameMessages } from "../consolidation/name-messages";
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
  // Said once for the file, first, and outside the cap on the cells' warnings.
  const aboutTheFile: ImportWarning[] = [];
  const fromFileName = entries.find((entry) => entry.namedFromFile === true);
  if (fromFileName !== undefined)
    aboutTheFile.push({
      code: "EVALUATOR_FROM_FILE_NAME",
      sheet: fromFileName.sheet,
      cell: null,
      message: at(
        location(file, fromFileName.sheet),
        nameMessages.evaluatorFromFileName(fromFileName.evaluator)
      ),
    });
  const evaluators = [...new Set(entries.map((entry) => entry.evaluator))];
  const report: FileReport = {
    name: file,
    evaluator: evaluators[0] ?? labelledEvaluator ?? fallbackEvaluator,
    evaluators,
    sheets: recognised,
    rows: entries.length,
    warnings: [...aboutTheFile, ...capped(warnings, file)],
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

/**
 * `somchai.xlsx` → `somchai`; `C:\\evaluations\\สุดา.xlsx` → `สุดา`; `Niran_scores (1).xlsx` →
 * `Niran`. The words people add to a file's name — scores, evaluation, final, a version, a year,
 * a copy's number — are not the person's, so they are taken off the end, one at a time; a name
 * that is nothing but such words is kept whole. A Latin word goes only after `_`, `-` or `.`, or
 * after a space when written in lower case: "Anna Final" and "Peter Mark" are names, and a
 * surname taken off would make two people one evaluator.
 */
export function evaluatorFromFileName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  let name = (base.replace(/\.[^.]*$/, "") || base).normalize("NFC").trim();
  // No file system names a file longer than 255 characters: a longer name is a request's own
  // making, kept whole, since each suffix's search costs the square of the name's length.
  if (name.length > MAX_FILE_NAME_LENGTH) return name;
  for (;;) {
    const shorter = FILE_NAME_SUFFIXES.reduce(
      (text, suffix) => text.replace(suffix, ""),
      name
    ).trim();
    if (shorter === name || shorter === "") return name;
    name = shorter;
  }
}

const MAX_FILE_NAME_LENGTH = 255;

const ADDED_WORDS = String.raw`(?:scores?|evaluations?|evaluated|ratings?|results?|final|draft|copy|v\d+|\d{4}(?:[-_.]\d{1,2}[-_.]\d{1,2})?)`;

/** One word added to a file's name, at its end (Thai writes no spaces, so Thai words need none). */
const FILE_NAME_SUFFIXES = [
  /[\s_.-]*\(\d+\)$/u,
  new RegExp(String.raw`\s*[_.\-][\s_.\-]*${ADDED_WORDS}$`, "iu"),
  new RegExp(String.raw`\s+${ADDED_WORDS}$`, "u"),
  /[\s_.-]*(?:ผลคะแนน|คะแนน|ผลการประเมิน|การประเมิน|แบบประเมิน|ประเมิน|ฉบับสุดท้าย|ฉบับแก้ไข|แก้ไข|สำเนา)$/u,
];

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

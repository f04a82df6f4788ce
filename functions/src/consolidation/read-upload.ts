import {
  at,
  evaluatorFromFileName,
  type FileErrorCode,
  type WorkbookReading,
  fileErrorMessages,
  type LocalizedText,
  MAX_WORKBOOK_BYTES,
  readEvaluationWorkbook,
  type SheetRules,
  type SheetSnapshot,
} from "@smartcity/shared";
import { corruptBecause, inspectUpload } from "./inspect-upload";
import type { UploadPart } from "./read-multipart";
import { readWithSheetJs } from "./read-sheetjs";
import { readWorkbook } from "./read-workbook";

/**
 * One uploaded file → its report and the evaluators' entries it holds. Every
 * failure is this file's own `error`; nothing here throws for a bad file.
 * The service runs it in a worker thread (workbook-pool.ts).
 */
export async function readUpload(
  part: Extract<UploadPart, { kind: "file" }>,
  rules: SheetRules
): Promise<WorkbookReading> {
  if (part.tooLarge)
    return failedReading(
      part.filename,
      "FILE_TOO_LARGE",
      fileErrorMessages.tooLarge(MAX_WORKBOOK_BYTES)
    );
  const inspection = await inspectUpload(part.bytes);
  if (!inspection.ok) return failedReading(part.filename, inspection.code, inspection.message);
  let sheets: SheetSnapshot[];
  try {
    if (inspection.format === "xlsx") {
      sheets = await readWorkbook(part.bytes, inspection.relocation);
    } else {
      // .xls, .xlsb, .ods: another reader, the same snapshots and the same import after it.
      const read = readWithSheetJs(part.bytes);
      if (!read.ok) return failedReading(part.filename, read.code, read.message);
      sheets = read.sheets;
    }
  } catch (error) {
    return failedReading(part.filename, passwordOrCorrupt(error), corruptOrLocked(error));
  }
  return readEvaluationWorkbook(part.filename, sheets, rules);
}

/** SheetJS's words for an .xls or .xlsb encrypted with a password (its own RC4 or XOR). */
const PASSWORD = /password|encrypt/i;

function passwordOrCorrupt(error: unknown): FileErrorCode {
  return error instanceof Error && PASSWORD.test(error.message)
    ? "PASSWORD_PROTECTED"
    : "CORRUPT_FILE";
}

function corruptOrLocked(error: unknown): LocalizedText {
  return passwordOrCorrupt(error) === "PASSWORD_PROTECTED"
    ? fileErrorMessages.passwordProtected()
    : corruptBecause(error);
}

/** A file that could not be read: its own error, no entries. */
export function failedReading(
  filename: string,
  code: FileErrorCode,
  message: LocalizedText
): WorkbookReading {
  return {
    report: {
      name: filename,
      evaluator: evaluatorFromFileName(filename),
      evaluators: [],
      sheets: [],
      rows: 0,
      warnings: [],
      error: { code, message: at(filename, message) },
    },
    entries: [],
  };
}

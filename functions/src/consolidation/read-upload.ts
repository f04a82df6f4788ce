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
    sheets = await readWorkbook(part.bytes, inspection.relocation);
  } catch (error) {
    return failedReading(part.filename, "CORRUPT_FILE", corruptBecause(error));
  }
  return readEvaluationWorkbook(part.filename, sheets, rules);
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

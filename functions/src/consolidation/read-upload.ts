import {
  at,
  type EvaluatorEntry,
  evaluatorFromFileName,
  type FileErrorCode,
  type FileReport,
  fileErrorMessages,
  type LocalizedText,
  MAX_WORKBOOK_BYTES,
  readEvaluationWorkbook,
  type Rules,
  type SheetSnapshot,
} from "@smartcity/shared";
import { inspectUpload } from "./inspect-upload";
import type { UploadPart } from "./read-multipart";
import { readWorkbook } from "./read-workbook";

/**
 * One uploaded file → its report and the evaluators' entries it holds. Every
 * failure is this file's own `error`; nothing here throws for a bad file.
 */
export async function readUpload(
  part: Extract<UploadPart, { kind: "file" }>,
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">
): Promise<{ report: FileReport; entries: EvaluatorEntry[] }> {
  const failed = (code: FileErrorCode, message: LocalizedText) => ({
    report: {
      name: part.filename,
      evaluator: evaluatorFromFileName(part.filename),
      evaluators: [],
      sheets: [],
      rows: 0,
      warnings: [],
      error: { code, message: at(part.filename, message) },
    },
    entries: [],
  });
  if (part.tooLarge)
    return failed("FILE_TOO_LARGE", fileErrorMessages.tooLarge(MAX_WORKBOOK_BYTES));
  const inspection = await inspectUpload(part.bytes);
  if (!inspection.ok) return failed(inspection.code, inspection.message);
  let sheets: SheetSnapshot[];
  try {
    sheets = await readWorkbook(part.bytes);
  } catch (error) {
    return failed("CORRUPT_FILE", fileErrorMessages.corrupt((error as Error).message));
  }
  return readEvaluationWorkbook(part.filename, sheets, rules);
}

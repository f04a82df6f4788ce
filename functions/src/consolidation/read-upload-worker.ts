import type { SheetRules } from "@smartcity/shared";
import type { WorkbookReading } from "@smartcity/shared";
import { readUpload } from "./read-upload";

/**
 * A worker thread's task (run by the pool in workbook-pool.ts): one upload,
 * opened and read away from the service's request loop, under the pool's heap
 * cap and deadline. The bytes arrive as a plain Uint8Array (structured clone).
 */
export interface ReadUploadTask {
  filename: string;
  bytes: Uint8Array;
  rules: SheetRules;
}

export default function readUploadTask(task: ReadUploadTask): Promise<WorkbookReading> {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  return readUpload(
    { kind: "file", field: "files", filename: task.filename, bytes, tooLarge: false },
    task.rules
  );
}

/** Loads this module (and exceljs with it) in a fresh worker, so that the first upload does not wait for it. */
export function warm(): boolean {
  return true;
}

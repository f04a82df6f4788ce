import { createHash } from "node:crypto";
import {
  fileErrorMessages,
  MAX_CONSOLIDATED_ROWS,
  MAX_WORKBOOK_BYTES,
  type SheetRules,
  type WorkbookReading,
} from "@smartcity/shared";
import { HttpError } from "../http/http-error";
import type { UploadPart } from "./read-multipart";
import { failedReading } from "./read-upload";
import type { WorkbookReader } from "./workbook-pool";

/**
 * The readings of one request's uploads, in upload order, read in the worker
 * pool as many at a time as it has workers: `add` waits while they are all
 * busy, so that the request holds about that many files in memory, not the
 * whole upload.
 *
 * - A file whose bytes (sha-256) equal an earlier file's of the same request
 *   is not read again: `DUPLICATE_FILE`, naming the earlier one.
 * - The evaluator rows of all files together are counted as each file is
 *   read; past MAX_CONSOLIDATED_ROWS the request fails at once (413
 *   `CONSOLIDATION_TOO_LARGE`) and the files still being read are stopped,
 *   rather than building an answer of hundreds of megabytes.
 */
export class UploadReadings {
  private readonly readings: Array<Promise<WorkbookReading>> = [];
  private readonly byHash = new Map<string, string>();
  private readonly cancel = new AbortController();
  private inFlight = 0;
  private rows = 0;
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(private readonly reader: WorkbookReader) {}

  get count(): number {
    return this.readings.length;
  }

  async add(part: Extract<UploadPart, { kind: "file" }>, rules: SheetRules): Promise<void> {
    this.throwIfFailed();
    this.readings.push(this.start(part, rules));
    while (this.inFlight >= this.reader.threads && this.failure === undefined)
      await new Promise<void>((resolve) => (this.wake = resolve));
    this.throwIfFailed();
  }

  /** Every reading, in upload order. */
  async all(): Promise<WorkbookReading[]> {
    const readings = await Promise.all(this.readings);
    this.throwIfFailed();
    return readings;
  }

  /** Stops the readings still running (the request is answered or failed). */
  stop(): void {
    this.cancel.abort();
  }

  private start(
    part: Extract<UploadPart, { kind: "file" }>,
    rules: SheetRules
  ): Promise<WorkbookReading> {
    const { filename } = part;
    if (part.tooLarge)
      return Promise.resolve(
        failedReading(filename, "FILE_TOO_LARGE", fileErrorMessages.tooLarge(MAX_WORKBOOK_BYTES))
      );
    if (part.bytes.length > 0) {
      const hash = createHash("sha256").update(part.bytes).digest("hex");
      const earlier = this.byHash.get(hash);
      if (earlier !== undefined)
        return Promise.resolve(
          failedReading(filename, "DUPLICATE_FILE", fileErrorMessages.duplicateFile(earlier))
        );
      this.byHash.set(hash, filename);
    }
    this.inFlight++;
    const reading = this.reader
      .read(filename, part.bytes, rules, this.cancel.signal)
      .then(
        (done) => {
          this.rows += done.entries.length;
          if (this.rows > MAX_CONSOLIDATED_ROWS) this.fail(consolidationTooLarge(this.rows));
          return done;
        },
        (error: unknown) => {
          this.fail(error);
          throw error;
        }
      )
      .finally(() => {
        this.inFlight--;
        this.wakeUp();
      });
    reading.catch(() => undefined); // the failure is reported through `failure`
    return reading;
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.cancel.abort();
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

function consolidationTooLarge(rows: number): HttpError {
  return new HttpError(413, "CONSOLIDATION_TOO_LARGE", {
    th: `ไฟล์ที่ส่งมามีแถวการประเมินรวมกันเกิน ${MAX_CONSOLIDATED_ROWS} แถว (อ่านได้แล้ว ${rows} แถว) กรุณาแบ่งส่งเป็นหลายครั้ง`,
    en: `The files hold more than ${MAX_CONSOLIDATED_ROWS} evaluator rows together (${rows} read so far); consolidate them in smaller groups`,
  });
}

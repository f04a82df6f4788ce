import os from "node:os";
import path from "node:path";
import {
  type WorkbookReading,
  fileErrorMessages,
  type SheetRules,
  WORKBOOK_READ_DEADLINE_MS,
  WORKBOOK_READER_HEAP_MB,
} from "@smartcity/shared";
import Piscina from "piscina";
import type { ReadUploadTask } from "./read-upload-worker";
import { corruptBecause } from "./inspect-upload";
import { failedReading } from "./read-upload";

/**
 * Opening and reading uploaded workbooks in worker threads, so that no file
 * can stall or exhaust the service: the request loop (health, other
 * requests) keeps answering while workers inflate, count and parse.
 *
 * - One worker per core (`os.availableParallelism()`), created when needed
 *   and stopped after a minute idle. The request loop's own work (receiving,
 *   hashing, answering) is small, so the scheduler gives it its turn: tried
 *   on a loaded 2-core machine, health stayed at a median of 18–55 ms with two
 *   workers busy, and consolidating 50 workbooks took 1.3 times the
 *   single-thread in-process time, against 2.7 times with one worker.
 * - Each worker's heap is capped (`resourceLimits`): a file that needs more
 *   costs that worker, which V8 stops with ERR_WORKER_OUT_OF_MEMORY while the
 *   service runs on; the file gets `WORKBOOK_TOO_COMPLEX`. piscina replaces
 *   the worker.
 * - Each file has a deadline; past it its worker is terminated and the file
 *   gets `WORKBOOK_TOO_COMPLEX` too.
 * The XML limits (workbook-xml-limits.ts) refuse hostile files long before
 * either backstop; these catch what they do not foresee.
 */
export interface WorkbookReaderOptions {
  threads?: number;
  heapMb?: number;
  deadlineMs?: number;
}

// The heap and the deadline per worker are documented limits (shared's service-limits.ts).
export { WORKBOOK_READER_HEAP_MB, WORKBOOK_READ_DEADLINE_MS };
const WORKER_NICE_INCREMENT = 5;

export class WorkbookReader {
  readonly threads: number;
  private readonly heapMb: number;
  private readonly deadlineMs: number;
  private pool: Piscina<ReadUploadTask, WorkbookReading> | undefined;

  constructor(options: WorkbookReaderOptions = {}) {
    this.threads = options.threads ?? os.availableParallelism();
    this.heapMb = options.heapMb ?? WORKBOOK_READER_HEAP_MB;
    this.deadlineMs = options.deadlineMs ?? WORKBOOK_READ_DEADLINE_MS;
  }

  /** One file's reading; every failure of the file is its own error. `cancel` stops it (the request is over). */
  async read(
    filename: string,
    bytes: Buffer,
    rules: SheetRules,
    cancel?: AbortSignal
  ): Promise<WorkbookReading> {
    const deadline = AbortSignal.timeout(this.deadlineMs);
    const signal = cancel === undefined ? deadline : AbortSignal.any([cancel, deadline]);
    try {
      return await this.workers().run(
        { filename, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), rules },
        { signal }
      );
    } catch (error) {
      if (deadline.aborted)
        return failedReading(
          filename,
          "WORKBOOK_TOO_COMPLEX",
          fileErrorMessages.tooComplex(fileErrorMessages.readerTimedOut(this.deadlineMs / 1000))
        );
      if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY")
        return failedReading(
          filename,
          "WORKBOOK_TOO_COMPLEX",
          fileErrorMessages.tooComplex(fileErrorMessages.readerOutOfMemory(this.heapMb))
        );
      if (cancel?.aborted) throw error; // nobody waits for this reading any more
      // Anything else that stopped the worker (a stack overflow in the spreadsheet library on
      // some crafted file, say) is still this file's failure, said with its detail, and not
      // the other files' nor a 500 for the whole upload.
      return failedReading(filename, "CORRUPT_FILE", corruptBecause(error));
    }
  }

  /** Starts a worker now (it loads exceljs and the import), rather than on the first upload. */
  async warm(): Promise<void> {
    await this.workers().run({} as ReadUploadTask, { name: "warm" });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private workers(): Piscina<ReadUploadTask, WorkbookReading> {
    this.pool ??= new Piscina({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
      // Workers run at a lower priority than the request loop (Linux: per thread, through
      // piscina's optional @napi-rs/nice), so that health and other requests are answered
      // first when the cores are busy; alone on an instance, that costs the workers nothing.
      niceIncrement: WORKER_NICE_INCREMENT,
    });
    return this.pool;
  }
}

/** The compiled worker beside this module; from the TypeScript sources (under jest), the build's. */
function workerFile(): string {
  const here = __filename.endsWith(".ts")
    ? __dirname.replace(/([\\/])src([\\/]consolidation)$/, "$1dist$2")
    : __dirname;
  return path.join(here, "read-upload-worker.js");
}

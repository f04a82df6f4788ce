import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { HttpRequest } from "@azure/functions";
import {
  MAX_CONSOLIDATE_FILES,
  MAX_CONSOLIDATE_REQUEST_BYTES,
  MAX_WORKBOOK_BYTES,
} from "@smartcity/shared";
import busboy from "busboy";
import { HttpError, requestTooLarge } from "../http/http-error";

/**
 * The parts of a multipart/form-data upload, one at a time, as they arrive:
 * a file is handed over whole (it is at most MAX_WORKBOOK_BYTES) and the
 * reading of the next one waits while the caller works on it, so that memory
 * holds about one file, not the whole request. A file above the limit is
 * handed over without its bytes (`tooLarge`), so that it gets its own error
 * and the others are still read. Too many files or too many bytes → 413.
 */
export type UploadPart =
  | { kind: "field"; name: string; value: string }
  | { kind: "file"; field: string; filename: string; bytes: Buffer; tooLarge: false }
  | { kind: "file"; field: string; filename: string; tooLarge: true };

export async function* readMultipart(request: HttpRequest): AsyncGenerator<UploadPart> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(contentType)) {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", {
      th: "ต้องส่งไฟล์แบบ multipart/form-data ในฟิลด์ files",
      en: `Send the workbooks as multipart/form-data in the field "files" (the request's content-type is "${contentType || "none"}")`,
    });
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_CONSOLIDATE_REQUEST_BYTES) throw uploadTooLarge(declared);
  if (request.body === null) throw noFiles();

  const parser = busboy({
    headers: { "content-type": contentType },
    defParamCharset: "utf8",
    limits: {
      files: MAX_CONSOLIDATE_FILES,
      fileSize: MAX_WORKBOOK_BYTES,
      fields: 20,
      fieldSize: 1024,
    },
  });
  const queue = new PartQueue();
  const source = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
  // The upload flows only while busboy keeps up and the caller has no more
  // than a couple of parts waiting: that is what bounds memory to ~one file.
  let parserFull = false;
  let backlogged = false;
  const flow = () => {
    if (!discarding) parserFull || backlogged ? source.pause() : source.resume();
  };
  queue.onBacklog((full) => {
    backlogged = full;
    flow();
  });
  // What is left of a body the answer no longer needs is read and thrown away, never
  // cancelled: under the Functions worker the body is the library's web stream over its HTTP
  // proxy, and cancelling it (Node 20's undici) closes that stream twice, an uncaught error
  // that ends the worker process. The host's own body limit bounds what is read.
  let discarding = false;
  const discardRest = (): void => {
    if (discarding) return;
    discarding = true;
    source.removeAllListeners("data");
    source.on("data", () => undefined);
    source.resume();
  };
  let received = 0;
  source.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_CONSOLIDATE_REQUEST_BYTES) {
      queue.fail(uploadTooLarge(received));
      discardRest();
      return;
    }
    if (!parser.write(chunk)) {
      parserFull = true;
      flow();
    }
  });
  parser.on("drain", () => {
    parserFull = false;
    flow();
  });
  source.on("end", () => parser.end());
  source.on("error", (error) => queue.fail(error));

  parser.on("field", (name, value) => queue.push({ kind: "field", name, value }));
  parser.on("file", (field, stream, info) => {
    // Queued when the part starts, so that parts keep the order they were sent in.
    const filename = info.filename || "(unnamed file)";
    const content = new Promise<Buffer | "tooLarge">((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      // A body cut short ends the file part with busboy's "Unexpected end of form".
      stream.on("error", (error: Error) => reject(invalidMultipart(error)));
      stream.on("end", () =>
        resolve((stream as { truncated?: boolean }).truncated ? "tooLarge" : Buffer.concat(chunks))
      );
    });
    content.catch(() => undefined); // a failed upload is reported through the queue
    queue.push({ kind: "pendingFile", field, filename, content });
  });
  parser.on("filesLimit", () => {
    queue.fail(
      new HttpError(413, "TOO_MANY_FILES", {
        th: `ส่งไฟล์ได้ไม่เกิน ${MAX_CONSOLIDATE_FILES} ไฟล์ต่อครั้ง กรุณาแบ่งส่ง`,
        en: `At most ${MAX_CONSOLIDATE_FILES} files can be consolidated in one request`,
      })
    );
    discardRest();
  });
  parser.on("close", () => queue.end());
  parser.on("error", (error: Error) => queue.fail(invalidMultipart(error)));

  try {
    for (;;) {
      const part = await queue.next();
      if (part === undefined) return;
      if (part.kind !== "pendingFile") {
        yield part;
        continue;
      }
      const content = await part.content;
      const { field, filename } = part;
      yield content === "tooLarge"
        ? { kind: "file", field, filename, tooLarge: true }
        : { kind: "file", field, filename, bytes: content, tooLarge: false };
    }
  } finally {
    discardRest();
  }
}

function invalidMultipart(error: Error): HttpError {
  return new HttpError(400, "INVALID_MULTIPART", {
    th: "อ่านข้อมูลไฟล์ที่ส่งมาไม่ได้: ข้อมูลไม่ครบหรือผิดรูปแบบ กรุณาส่งใหม่",
    en: `The multipart body cannot be read (incomplete or malformed): ${error.message}`,
  });
}

export function noFiles(): HttpError {
  return new HttpError(400, "NO_FILES", {
    th: "ไม่มีไฟล์: ส่งไฟล์ Excel ของผู้ประเมินอย่างน้อยหนึ่งไฟล์ในฟิลด์ files",
    en: 'No files: send one or more evaluator workbooks in the form field "files"',
  });
}

function uploadTooLarge(bytes: number): HttpError {
  const megabytes = MAX_WORKBOOK_BYTES / (1024 * 1024);
  return requestTooLarge(MAX_CONSOLIDATE_REQUEST_BYTES, bytes, {
    th: `(ส่งได้ไม่เกิน ${MAX_CONSOLIDATE_FILES} ไฟล์ ไฟล์ละ ${megabytes} MB)`,
    en: `(${MAX_CONSOLIDATE_FILES} files of ${megabytes} MB)`,
  });
}

type QueuedPart =
  | Extract<UploadPart, { kind: "field" }>
  | { kind: "pendingFile"; field: string; filename: string; content: Promise<Buffer | "tooLarge"> };

/** A small async queue between busboy's events and the caller's loop. */
class PartQueue {
  private readonly parts: QueuedPart[] = [];
  private waiting: ((part: QueuedPart | undefined) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private error: unknown;
  private ended = false;
  private backlog: (full: boolean) => void = () => undefined;
  private static readonly BACKLOG = 2;

  onBacklog(backlog: (full: boolean) => void): void {
    this.backlog = backlog;
  }

  push(part: QueuedPart): void {
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = this.failWaiting = undefined;
      waiting(part);
      return;
    }
    this.parts.push(part);
    if (this.parts.length >= PartQueue.BACKLOG) this.backlog(true);
  }

  fail(error: unknown): void {
    if (this.error !== undefined) return;
    this.error = error;
    if (this.failWaiting) {
      const failWaiting = this.failWaiting;
      this.waiting = this.failWaiting = undefined;
      failWaiting(error);
    }
  }

  end(): void {
    this.ended = true;
    if (this.waiting && this.parts.length === 0) {
      const waiting = this.waiting;
      this.waiting = this.failWaiting = undefined;
      waiting(undefined);
    }
  }

  next(): Promise<QueuedPart | undefined> {
    if (this.error !== undefined) return Promise.reject(this.error);
    const part = this.parts.shift();
    if (part !== undefined) {
      if (this.parts.length < PartQueue.BACKLOG) this.backlog(false);
      return Promise.resolve(part);
    }
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }
}

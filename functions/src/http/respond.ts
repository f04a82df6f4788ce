import { Readable } from "node:stream";
import type { HttpResponseInit, InvocationContext } from "@azure/functions";
import type { ErrorBody } from "@smartcity/shared";
import { HttpError } from "./http-error";
import { InvalidContinuationError, StorageUnavailableError } from "../store/storage-errors";
import { invalidContinuation } from "./paging";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** A JSON response. The body is serialised here so that every response is the same bytes on every host. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): HttpResponseInit {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/**
 * A JSON response written as it is produced, from pieces of JSON text in UTF-8 that together
 * form one document (bytes, as @azure/functions' `HttpResponseBodyInit` takes an async iterable:
 * `AsyncIterable<Uint8Array>`). Under the Functions host this streams when
 * `app.setup({ enableHttpStream: true })` is on, and is buffered otherwise.
 */
export function jsonStream(
  status: number,
  pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  headers: Record<string, string> = {}
): HttpResponseInit {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: Readable.from(pieces) };
}

/** The one place an error becomes a response. */
export function errorResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof InvalidContinuationError) error = invalidContinuation(error.message);
  if (error instanceof HttpError) {
    const body: ErrorBody = {
      error: { code: error.code, message: error.text, issues: error.issues },
    };
    return json(error.status, body, error.headers);
  }
  if (error instanceof StorageUnavailableError) {
    context.warn(`storage unavailable: ${error.message}`);
    const body: ErrorBody = {
      error: {
        code: "STORAGE_UNAVAILABLE",
        message:
          error.reason === "refused"
            ? {
                th: "ที่เก็บชุดเกณฑ์ไม่ยอมรับสิทธิ์ของบริการ ผู้ดูแลระบบต้องตรวจสอบสิทธิ์การเข้าถึงที่เก็บข้อมูลของบริการ",
                en: `The ruleset store refused the service: ${error.message}`,
              }
            : {
                th: "ไม่สามารถเข้าถึงที่เก็บชุดเกณฑ์ได้ในขณะนี้ กรุณาลองใหม่ภายหลัง",
                en: `The ruleset store is unavailable right now (${error.message}); try again shortly`,
              },
      },
    };
    // A refused identity needs an operator; an outage passes by itself.
    return json(503, body, { "retry-after": error.reason === "refused" ? "60" : "5" });
  }
  context.error("unexpected error", error);
  const body: ErrorBody = {
    error: {
      code: "INTERNAL_ERROR",
      message: {
        th: `เกิดข้อผิดพลาดภายในระบบ (รหัสอ้างอิง ${context.invocationId})`,
        en: `Internal error (reference ${context.invocationId})`,
      },
    },
  };
  return json(500, body);
}

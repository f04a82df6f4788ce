import type { HttpRequest } from "@azure/functions";
import { MAX_JSON_DEPTH, MAX_REQUEST_BYTES } from "@smartcity/shared";
import { HttpError, requestTooLarge } from "./http-error";
import { type JsonScan, scanJson } from "./json-depth";

/**
 * Reads and parses a JSON body, refusing oversized bodies (413), malformed JSON and JSON
 * nested deeper than MAX_JSON_DEPTH (400) with a clear message.
 */
export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  return parseJsonText(await readBodyText(request));
}

/** The body's text, refused when it is over MAX_REQUEST_BYTES (413) or empty (400). */
export async function readBodyText(request: HttpRequest): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_REQUEST_BYTES) throw requestTooLarge(MAX_REQUEST_BYTES, declared);
  const text = new TextDecoder().decode(await readBodyBytes(request, MAX_REQUEST_BYTES));
  if (text.trim() === "") {
    throw new HttpError(400, "INVALID_JSON", {
      th: "ไม่มีเนื้อหาคำขอ: ต้องส่ง JSON",
      en: "The request body is empty; send a JSON object",
    });
  }
  return text;
}

/**
 * The body's bytes, counted as they arrive: a body sent without a Content-Length (chunked) is
 * refused (413) the moment it passes `limit`, never held whole first. Under the Functions
 * worker the body is a stream from the host (HTTP streams), so only this bounds memory there.
 * What follows the limit is cancelled, so it is neither read nor kept (reading it to drop it
 * let the worker's memory grow by the whole body before the collector caught up). It is
 * cancelled only between reads, with none pending: cancelling the library's body stream while a
 * read is under way (as Readable.destroy does, see read-multipart.ts) can close it twice.
 */
export async function readBodyBytes(request: HttpRequest, limit: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw requestTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** A body's text parsed, or refused as too deep or not JSON (400). */
export function parseJsonText(text: string): unknown {
  refuseTooDeep(scanJson(text, MAX_JSON_DEPTH));
  return parseCheckedJson(text);
}

/** Refuses (400) a text whose scan found it nested deeper than MAX_JSON_DEPTH. */
export function refuseTooDeep(scan: JsonScan): void {
  if (scan.tooDeepAt !== undefined) throw jsonTooDeep(scan.tooDeepAt);
}

/** A text whose depth is checked (`refuseTooDeep`), parsed, or refused as not JSON (400). */
export function parseCheckedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidJson(error);
  }
}

/** 400 JSON_TOO_DEEP: the text nests deeper than MAX_JSON_DEPTH at character `offset`. */
export function jsonTooDeep(offset: number): HttpError {
  return new HttpError(400, "JSON_TOO_DEEP", {
    th: `JSON ในคำขอซ้อนกันลึกเกิน ${MAX_JSON_DEPTH} ชั้น (ที่ตำแหน่งอักขระ ${offset}) ไม่มีคำขอที่ถูกต้องใดซ้อนลึกขนาดนี้`,
    en: `The request's JSON nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels (at character ${offset}); no valid request nests that deep`,
  });
}

function invalidJson(error: unknown): HttpError {
  const detail = (error as Error).message;
  // V8's words are English; the Thai keeps only where the JSON broke, when V8 says it.
  const at = /position (\d+)|line (\d+) column (\d+)/.exec(detail);
  const where =
    at === null
      ? ""
      : at[1] !== undefined
        ? ` (ผิดที่ตำแหน่งที่ ${at[1]})`
        : ` (ผิดที่บรรทัด ${at[2]} คอลัมน์ ${at[3]})`;
  return new HttpError(400, "INVALID_JSON", {
    th: `เนื้อหาคำขอไม่ใช่ JSON ที่ถูกต้อง${where}`,
    en: `The request body is not valid JSON: ${detail}`,
  });
}

import {
  type ConsolidateResponse,
  ConsolidateResponseSchema,
  formatIssuePath,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import { badAnswer, errorFromAnswer, ServiceError, unreachable } from "./service-error";

/**
 * `POST /api/consolidate` over XMLHttpRequest, not fetch: only XHR reports upload progress
 * (`xhr.upload.onprogress`), and up to a hundred workbooks of 10 MB can take minutes to send.
 * Every way it can fail ends in a ServiceError (the one error type of ./service-error) whose text, in Thai and English, says what
 * happened: not signed in, the service unreachable, no progress for too long, the service's own
 * message for a 4xx/5xx, or an answer that is not what the contract says.
 */

/**
 * Every request header the upload sets (FormData's multipart content-type is the browser's own,
 * and CORS-safelisted). The service's CORS must allow each: test/integration/addin-cors.test.ts
 * preflights the real local host with this list.
 */
export const UPLOAD_REQUEST_HEADERS = ["authorization", "accept"] as const;

/** No upload progress for this long means the connection has stalled. */
export const CONSOLIDATE_STALL_MS = 30_000;
/**
 * Once every byte is sent, how long the service may take to answer. It reads every workbook
 * before it answers; a hundred full ones take it well under a minute.
 */
export const CONSOLIDATE_ANSWER_MS = 120_000;

export interface ConsolidateRequest {
  baseUrl: string;
  token: string | undefined;
  files: readonly File[];
  /** Empty or absent: the version in force. */
  rulesetVersion?: string;
  /** The share of the upload sent, 0–100; 100 once the last byte has gone. */
  onProgress?: (percent: number) => void;
  stallMs?: number;
  answerMs?: number;
  /** For tests: the XMLHttpRequest to use. */
  createRequest?: () => XMLHttpRequest;
}

/** The consolidation as JSON (ConsolidateResponse). */
export async function requestConsolidation(
  request: ConsolidateRequest
): Promise<ConsolidateResponse> {
  const answer = await send(request, "json");
  const parsed = ConsolidateResponseSchema.safeParse(parseJson(answer.body as string));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badAnswer(
      CONSOLIDATION,
      `${formatIssuePath(issue?.path ?? [])}: ${issue?.message ?? "?"}`
    );
  }
  return parsed.data;
}

/** The consolidated workbook (Summary, Details, Issues) and the file name the service gave it. */
export async function requestConsolidatedWorkbook(
  request: ConsolidateRequest,
  fallbackName: string
): Promise<{ blob: Blob; fileName: string }> {
  const answer = await send(request, "xlsx");
  if (!answer.contentType?.toLowerCase().startsWith(XLSX_MEDIA_TYPE)) {
    throw badAnswer(WORKBOOK, `content-type ${answer.contentType ?? "(none)"}`);
  }
  return {
    blob: answer.body as Blob,
    fileName: fileNameFromDisposition(answer.disposition) ?? fallbackName,
  };
}

/**
 * The file name of a `content-disposition: attachment` header (RFC 6266): `filename*` (RFC 8187,
 * UTF-8, so Thai names survive) before `filename`; any folder part is dropped.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (extended && extended[1].toLowerCase() === "utf-8") {
    try {
      name = decodeURIComponent(extended[2].trim());
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    const bare = /filename\s*=\s*([^";]+)/i.exec(header);
    name = quoted ? quoted[1].replace(/\\(.)/g, "$1") : bare?.[1].trim();
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : undefined;
}

interface Answer {
  body: string | Blob;
  contentType: string | null;
  disposition: string | null;
}

function send(request: ConsolidateRequest, accept: "json" | "xlsx"): Promise<Answer> {
  const base = request.baseUrl.replace(/\/+$/, "");
  if (!request.token) {
    return Promise.reject(
      new ServiceError(
        "unavailable",
        {
          en: "Sign in first (as a secretary or admin).",
          th: "โปรดลงชื่อเข้าใช้ก่อน (ในบทบาทเลขานุการหรือผู้ดูแล)",
        },
        { failure: "SIGNED_OUT" }
      )
    );
  }
  const form = new FormData();
  // The service reads the form as it streams in, so the version must come before the files.
  if (request.rulesetVersion) form.append("rulesetVersion", request.rulesetVersion);
  for (const file of request.files) form.append("files", file, file.name);
  const stallMs = request.stallMs ?? CONSOLIDATE_STALL_MS;
  const answerMs = request.answerMs ?? CONSOLIDATE_ANSWER_MS;

  return new Promise<Answer>((resolve, reject) => {
    const xhr = request.createRequest?.() ?? new XMLHttpRequest();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut: "stall" | "answer" | undefined;
    let uploaded = false;
    const arm = (ms: number, kind: "stall" | "answer") => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = kind;
        xhr.abort();
      }, ms);
    };
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      outcome();
    };
    const finishUpload = () => {
      if (uploaded) return;
      uploaded = true;
      request.onProgress?.(100);
      arm(answerMs, "answer");
    };

    xhr.open("POST", `${base}/api/consolidate`);
    const headers: Record<(typeof UPLOAD_REQUEST_HEADERS)[number], string> = {
      authorization: `Bearer ${request.token}`,
      accept: accept === "xlsx" ? XLSX_MEDIA_TYPE : "application/json",
    };
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = accept === "xlsx" ? "blob" : "text";
    // Upload listeners must be set before send(), or the browser sends no upload events.
    xhr.upload.onprogress = (event) => {
      if (uploaded) return;
      if (event.lengthComputable && event.total > 0) {
        // Floor, so 100 means the last byte has gone (reported by onload).
        request.onProgress?.(Math.min(99, Math.floor((event.loaded / event.total) * 100)));
      }
      arm(stallMs, "stall");
    };
    xhr.upload.onload = finishUpload;
    xhr.onload = () => {
      finishUpload(); // an answer means the upload is over, even if no upload event said so
      clearTimeout(timer);
      const answer: Answer = {
        body: xhr.response as string | Blob,
        contentType: xhr.getResponseHeader("content-type"),
        // Readable across origins only if the service lists it in access-control-expose-headers.
        disposition: xhr.getResponseHeader("content-disposition"),
      };
      if (xhr.status >= 200 && xhr.status < 300) resolve(answer);
      else errorFor(xhr.status, answer.body, base).then(reject, reject);
    };
    xhr.onerror = () => settle(() => reject(unreachable(base)));
    xhr.onabort = () =>
      settle(() =>
        reject(
          timedOut === "answer"
            ? new ServiceError(
                "unavailable",
                {
                  en: `The files were sent, but the service did not answer within ${Math.round(answerMs / 1000)} s. Try fewer files at a time.`,
                  th: `ส่งไฟล์แล้ว แต่บริการไม่ตอบภายใน ${Math.round(answerMs / 1000)} วินาที โปรดลองส่งครั้งละน้อยไฟล์ลง`,
                },
                { failure: "TIMEOUT" }
              )
            : new ServiceError(
                "unavailable",
                {
                  en: `The upload made no progress for ${Math.round(stallMs / 1000)} s and was stopped. Check the connection and try again.`,
                  th: `การอัปโหลดไม่คืบหน้าเป็นเวลา ${Math.round(stallMs / 1000)} วินาที จึงหยุดไว้ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง`,
                },
                { failure: "TIMEOUT" }
              )
        )
      );
    arm(stallMs, "stall");
    xhr.send(form);
  });
}

/** A 4xx/5xx: read by the one reader of error answers (a workbook request's error is a blob). */
async function errorFor(status: number, body: unknown, base: string): Promise<ServiceError> {
  const text = typeof body === "string" ? body : body instanceof Blob ? await body.text() : "";
  return errorFromAnswer(status, parseJson(text), base);
}

const CONSOLIDATION = { en: "a consolidation", th: "ผลรวมคะแนน" };
const WORKBOOK = { en: "a workbook", th: "สมุดงาน" };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

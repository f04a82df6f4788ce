import type { LocalizedText } from "@smartcity/shared";

/**
 * The one error type a handler throws for an expected failure; `respond.ts`
 * renders it. Anything else that escapes a handler is a bug and becomes a 500.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly issues?: { path: string; message: string; th?: string }[],
    readonly headers?: Record<string, string>
  ) {
    super(text.en);
    this.name = "HttpError";
  }
}

/**
 * 413 for a body above `limit` bytes: the one wording, whether the local host, a JSON handler
 * or the multipart reader refuses it. `bytes` when known; `hint` says what the limit allows.
 */
export function requestTooLarge(limit: number, bytes?: number, hint?: LocalizedText): HttpError {
  const size =
    bytes === undefined ? { th: "", en: "" } : { th: ` ${bytes} ไบต์ `, en: `${bytes} bytes, ` };
  return new HttpError(413, "REQUEST_TOO_LARGE", {
    th: `คำขอมีขนาด${size.th}เกินขีดจำกัด ${limit} ไบต์${hint ? ` ${hint.th}` : ""}`,
    en: `The request body is ${size.en}above the limit of ${limit} bytes${hint ? ` ${hint.en}` : ""}`,
  });
}

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
    readonly issues?: { path: string; message: string }[],
    readonly headers?: Record<string, string>
  ) {
    super(text.en);
    this.name = "HttpError";
  }
}

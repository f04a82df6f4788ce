import { ErrorBodySchema, type LocalizedText } from "@smartcity/shared";

/**
 * Why a call to the scoring service did not give a result. One type for every caller: a cell
 * shows `kind` (`unavailable` becomes #N/A — service down, timeout, not signed in; `invalid`
 * becomes #VALUE! — the cell's input is wrong) with `message` (the English text) under it; the
 * pane shows `text` in its own language. `failure` says which of the ways it went wrong, for
 * the pane and for tests; `status` and `code` are the service's, when it answered.
 */
export type ServiceFailure = "SIGNED_OUT" | "UNREACHABLE" | "TIMEOUT" | "REFUSED" | "BAD_ANSWER";

export class ServiceError extends Error {
  readonly text: LocalizedText;
  /** Whether `text.th` says this error's own words (false: the generic Thai sentence below). */
  readonly worded: boolean;
  readonly failure: ServiceFailure;
  readonly status?: number;
  readonly code?: string;

  constructor(
    readonly kind: "unavailable" | "invalid",
    text: string | LocalizedText,
    details: { failure?: ServiceFailure; status?: number; code?: string } = {}
  ) {
    // A bare English string comes from the custom functions' path, whose cells read English;
    // the pane then shows a Thai sentence that is true of every such case.
    const localized = typeof text === "string" ? { en: text, th: GENERIC_TH } : text;
    super(localized.en);
    this.name = "ServiceError";
    this.text = localized;
    this.worded = typeof text !== "string";
    this.failure = details.failure ?? (kind === "invalid" ? "REFUSED" : "BAD_ANSWER");
    this.status = details.status;
    this.code = details.code;
  }
}

const GENERIC_TH = "การติดต่อบริการประเมินไม่สำเร็จ โปรดลองอีกครั้ง";

export const SIGN_IN_MESSAGE = "Sign in from the Smart City pane";
export const SIGN_IN_TEXT: LocalizedText = {
  en: SIGN_IN_MESSAGE,
  th: "โปรดลงชื่อเข้าใช้จากแผงเมืองอัจฉริยะ",
};

export function signedOut(): ServiceError {
  return new ServiceError("unavailable", SIGN_IN_TEXT, { failure: "SIGNED_OUT" });
}

/**
 * A request that got no answer the add-in may read. In a browser, fetch and XHR fail the same
 * bare way (a TypeError, an `error` event) whether the network failed or the browser refused
 * the service's answer by CORS (its origin or a request header not allowed), and the page is not
 * told which: the sentence names both, so neither is claimed falsely.
 */
export function unreachable(base: string, detail?: LocalizedText): ServiceError {
  return new ServiceError(
    "unavailable",
    {
      en: `could not reach the scoring service at ${base}, or the browser blocked its answer (CORS)${detail ? ` (${detail.en})` : ""}`,
      th: `ติดต่อบริการประเมินที่ ${base} ไม่ได้ หรือเบราว์เซอร์ไม่ยอมให้อ่านคำตอบ เพราะบริการไม่อนุญาตต้นทางหรือส่วนหัวของคำขอนี้${detail ? ` (${detail.th})` : ""}`,
    },
    { failure: "UNREACHABLE" }
  );
}

export function timedOut(base: string, seconds: number): ServiceError {
  return new ServiceError(
    "unavailable",
    {
      en: `scoring service at ${base} did not answer within ${seconds} s`,
      th: `บริการประเมินที่ ${base} ไม่ตอบภายใน ${seconds} วินาที`,
    },
    { failure: "TIMEOUT" }
  );
}

/** An answer that is not what the contract says (`detail`: where it differs, for a developer). */
export function badAnswer(what: LocalizedText, detail: string): ServiceError {
  return new ServiceError(
    "unavailable",
    {
      en: `the scoring service sent ${what.en} this add-in cannot read (${detail})`,
      th: `บริการประเมินส่ง${what.th}ที่ส่วนเสริมนี้อ่านไม่ได้ (${detail})`,
    },
    { failure: "BAD_ANSWER" }
  );
}

/**
 * The one reader of a 4xx/5xx answer: the service's own sentence (ErrorBodySchema) in both
 * languages, else the bare status. 401 asks to sign in again; a version that does not exist is
 * the cell's input (#VALUE!), everything else is the service's (#N/A).
 */
export function errorFromAnswer(status: number, body: unknown, base: string): ServiceError {
  const parsed = ErrorBodySchema.safeParse(body);
  const said: LocalizedText = parsed.success
    ? parsed.data.error.message
    : { en: `HTTP ${status}`, th: `รหัส HTTP ${status}` };
  const code = parsed.success ? parsed.data.error.code : undefined;
  const details = { failure: "REFUSED" as const, status, code };
  if (status === 401) {
    return new ServiceError(
      "unavailable",
      { en: `${SIGN_IN_TEXT.en} (${said.en})`, th: `${SIGN_IN_TEXT.th}อีกครั้ง (${said.th})` },
      details
    );
  }
  if (status === 403) return new ServiceError("unavailable", said, details);
  if (status === 404 && code === "RULESET_NOT_FOUND") {
    return new ServiceError("invalid", said, details);
  }
  return new ServiceError(
    "unavailable",
    parsed.success
      ? {
          en: `scoring service at ${base} answered ${status}: ${said.en}`,
          th: `บริการประเมินที่ ${base} ตอบกลับด้วยรหัส ${status}: ${said.th}`,
        }
      : {
          en: `scoring service at ${base} answered HTTP ${status}`,
          th: `บริการประเมินที่ ${base} ตอบกลับด้วยรหัส HTTP ${status}`,
        },
    details
  );
}

/** Any thrown value as a ServiceError (a bug elsewhere still reaches the person as a sentence). */
export function asServiceError(error: unknown): ServiceError {
  return error instanceof ServiceError
    ? error
    : new ServiceError("unavailable", String((error as Error)?.message ?? error));
}

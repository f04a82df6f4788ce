import { ErrorBodySchema } from "@smartcity/shared";
import { ServiceError, SIGN_IN_MESSAGE } from "./service-error";

/**
 * The scoring service over fetch: the base URL and the sign-in token are read
 * at each call (the pane can change them), every call has a timeout, and every
 * failure becomes a ServiceError whose message says what happened.
 */
export interface ApiClientOptions {
  baseUrl: () => string;
  token: () => string | undefined;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface ApiResponse {
  status: number;
  etag: string | null;
  body: unknown;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  async request(
    path: string,
    init: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
      anonymous?: boolean;
    } = {}
  ): Promise<ApiResponse> {
    const base = this.options.baseUrl().replace(/\/+$/, "");
    const headers: Record<string, string> = { ...init.headers };
    if (!init.anonymous) {
      const token = this.options.token();
      if (!token) throw new ServiceError("unavailable", SIGN_IN_MESSAGE);
      headers.authorization = `Bearer ${token}`;
    }
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: controller.signal,
      });
      text = await response.text();
    } catch {
      throw new ServiceError(
        "unavailable",
        controller.signal.aborted
          ? `scoring service at ${base} did not answer within ${Math.round(this.options.timeoutMs / 1000)} s`
          : `scoring service unreachable at ${base}`
      );
    } finally {
      clearTimeout(timer);
    }
    const body = parseJson(text);
    if (response.status >= 400) throw errorFor(response.status, body, base);
    return { status: response.status, etag: response.headers.get("etag"), body };
  }
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorFor(status: number, body: unknown, base: string): ServiceError {
  const parsed = ErrorBodySchema.safeParse(body);
  const said = parsed.success ? parsed.data.error.message.en : `HTTP ${status}`;
  if (status === 401) return new ServiceError("unavailable", `${SIGN_IN_MESSAGE} (${said})`);
  if (status === 403) return new ServiceError("unavailable", said);
  if (status === 404 && parsed.success && parsed.data.error.code === "RULESET_NOT_FOUND") {
    return new ServiceError("invalid", said);
  }
  return new ServiceError("unavailable", `scoring service at ${base} answered ${status}: ${said}`);
}

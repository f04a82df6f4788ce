import { errorFromAnswer, signedOut, timedOut, unreachable } from "./service-error";

/**
 * The scoring service over fetch: the base URL and the sign-in token are read
 * at each call (the pane can change them), every call has a timeout, and every
 * failure becomes a ServiceError whose message says what happened.
 */
/**
 * Every request header ApiClient can send. A browser sends a cross-origin request only after a
 * preflight in which the service allows each of them (Access-Control-Allow-Headers): a header
 * missing there fails the whole call as a bare TypeError. test/integration/addin-cors.test.ts
 * preflights the real local host with exactly this list, so adding one here without allowing it
 * there fails a test. (To skip caches, pass `cache`, never a cache-control header.)
 */
export const API_REQUEST_HEADERS = [
  "authorization",
  "content-type",
  "if-match",
  "if-none-match",
] as const;
export type ApiRequestHeader = (typeof API_REQUEST_HEADERS)[number];

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
      headers?: Partial<Record<"if-match" | "if-none-match", string>>;
      /** fetch's own cache mode (e.g. "no-store": past any cache, with no extra header). */
      cache?: RequestCache;
      anonymous?: boolean;
    } = {}
  ): Promise<ApiResponse> {
    const base = this.options.baseUrl().replace(/\/+$/, "");
    const headers: Partial<Record<ApiRequestHeader, string>> = { ...init.headers };
    if (!init.anonymous) {
      const token = this.options.token();
      if (!token) throw signedOut();
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
        ...(init.cache ? { cache: init.cache } : {}),
      });
      text = await response.text();
    } catch {
      throw controller.signal.aborted
        ? timedOut(base, Math.round(this.options.timeoutMs / 1000))
        : unreachable(base);
    } finally {
      clearTimeout(timer);
    }
    const body = parseJson(text);
    if (response.status >= 400) throw errorFromAnswer(response.status, body, base);
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

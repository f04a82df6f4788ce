import { BASELINE_RULESET, type Rules } from "@smartcity/shared";

/** JSON calls to a running API with a bearer token, answering status, ETag and parsed body. */
export function apiCaller(baseUrl: () => string) {
  return async (
    path: string,
    token: string | undefined,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get("etag"),
      body: (text ? JSON.parse(text) : undefined) as any,
    };
  };
}

/** The baseline's rules with some changed. */
export const rulesWith = (changes: Partial<Rules>): Rules => ({
  ...structuredClone(BASELINE_RULESET.rules),
  ...changes,
});

/** A publish (or proposal) body changing the overall bar. */
export const bodyWith = (overallMinPercent: number, extra: Record<string, unknown> = {}) => ({
  rules: rulesWith({ overallMinPercent }),
  approval: { reference: "1/2569", date: "๑๔ กรกฎาคม ๒๕๖๙" },
  note: `overall bar ${overallMinPercent}%`,
  ...extra,
});

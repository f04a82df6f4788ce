import type { HttpRequest, HttpResponseInit } from "@azure/functions";

/**
 * CORS is the app's own, on both hosts, from SMARTCITY_CORS_ORIGINS: the platform's CORS
 * (App Service / the Functions host) replaces an app's CORS headers with its own and cannot
 * expose response headers, and the pane must read ETag (to publish with If-Match),
 * X-Ruleset-Version, X-Ruleset-Unconfirmed and Retry-After. So the deployment leaves the platform's CORS unset.
 */
// The headers the add-in sends (its clients export them; test/integration/addin-cors.test.ts
// preflights with them). `accept` is CORS-safelisted for the values sent, listed anyway.
export const ALLOWED_HEADERS = "authorization, content-type, if-match, if-none-match, accept";
export const EXPOSED_HEADERS =
  "etag, x-ruleset-version, x-ruleset-unconfirmed, retry-after, content-disposition";

/**
 * The CORS headers for a request from `origin`: the origin itself when allowed, and always
 * `Vary: Origin`, so that a cache never hands one origin's answer to another.
 */
export function corsHeaders(
  origin: string | null | undefined,
  allowedOrigins: readonly string[]
): Record<string, string> {
  if (origin === null || origin === undefined || !allowedOrigins.includes(origin))
    return { vary: "origin" };
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": EXPOSED_HEADERS,
    vary: "origin",
  };
}

/** The response with the CORS headers its request's origin is allowed. */
export function withCors(
  response: HttpResponseInit,
  request: HttpRequest,
  allowedOrigins: readonly string[]
): HttpResponseInit {
  const headers = new Headers(response.headers as ConstructorParameters<typeof Headers>[0]);
  for (const [name, value] of Object.entries(
    corsHeaders(request.headers.get("origin"), allowedOrigins)
  )) {
    if (name === "vary") headers.append(name, value);
    else headers.set(name, value);
  }
  return { ...response, headers };
}

/** An answer to a preflight (any OPTIONS request); withCors adds the origin when allowed. */
export function preflight(): HttpResponseInit {
  return {
    status: 204,
    headers: {
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": "600",
    },
  };
}

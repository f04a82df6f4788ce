import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  HttpRequest,
  type HttpResponseInit,
  InvocationContext,
  type LogLevel,
} from "@azure/functions";
import { MAX_REQUEST_BYTES } from "@smartcity/shared";
import { corsHeaders } from "../http/cors";
import { withServices } from "../http/handler";
import { requestTooLarge } from "../http/http-error";
import { compileTemplate, type RouteTemplate } from "../http/route-template";
import type { Route } from "../routes";
import type { Services } from "../services";
import { readRequestBody } from "./request-body";

/**
 * Serves the route table over node:http when the Azure Functions host (`func`)
 * is not installed. It does what the host does and nothing more: match the
 * route as the host does (route-template.ts: the catch-all routes answer what no
 * other takes, and CORS, as they do under the host), build `HttpRequest` /
 * `InvocationContext`, call the same handler, write its `HttpResponseInit`. It
 * knows nothing of the rules.
 */
export interface LocalHostOptions {
  routes: readonly Route[];
  services: Services;
  port?: number;
  log?: (level: LogLevel, message: string) => void;
}

export interface LocalHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface CompiledRoute {
  route: Route;
  template: RouteTemplate;
  handler: Handler;
  /** A handler that throws `error` in place of the route's own. */
  refuse: (error: unknown) => Handler;
}

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const routes = options.routes
    .map((route) => compileRoute(route, options.services))
    .sort((a, b) => a.template.precedence.localeCompare(b.template.precedence));
  const log = options.log ?? defaultLog;
  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    serve(req, res, routes, log).catch((error: unknown) => {
      log("error", `local host failed to answer ${req.method} ${req.url}: ${String(error)}`);
      // After the first byte the status is sent: closing the connection mid-body is the
      // only way left to tell the client the answer is not whole (never a truncated 200).
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, {
        "content-type": "application/json",
        // So that a browser can read even this answer (every other answer gets them from the app).
        ...corsHeaders(req.headers.origin, options.services.config.corsOrigins),
      });
      res.end(
        JSON.stringify({
          error: { code: "INTERNAL_ERROR", message: { th: "ข้อผิดพลาดภายใน", en: "Internal error" } },
        })
      );
    });
  };
  const server = http.createServer(answer);
  // Listening here stops node from sending `100 Continue` on its own: serve() decides.
  server.on("checkContinue", answer);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 7071, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  routes: CompiledRoute[],
  log: (level: LogLevel, message: string) => void
): Promise<void> {
  const method = req.method ?? "GET";
  // A client waiting on `Expect: 100-continue` that is answered without being told to continue
  // never sends the body it announced, so the connection cannot carry another request.
  const waitsForContinue = /100-continue/i.test(req.headers.expect ?? "");
  if (waitsForContinue) res.setHeader("connection", "close");

  const url = requestUrl(req);
  if (url === undefined) {
    const target = req.url ?? "";
    writeJson(res, 400, {
      error: {
        code: "INVALID_REQUEST_TARGET",
        message: {
          th: `คำขอต้องระบุเส้นทาง เช่น /api/health ไม่ใช่ ${target}`,
          en: `The request must name a path such as /api/health, not ${target}`,
        },
      },
    });
    return;
  }
  const found = findRoute(routes, method, url.pathname);
  if (found === undefined) {
    // Outside /api, where the Functions host answers with its own 404.
    writeJson(res, 404, {
      error: {
        code: "NOT_FOUND",
        message: { th: `ไม่มีบริการที่ ${url.pathname}`, en: `There is no endpoint at ${url.pathname}` },
      },
    });
    return;
  }

  const { match, params } = found;
  const limit = match.route.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const declared = Number(req.headers["content-length"] ?? "0");
  // A client waiting on `Expect: 100-continue` is only told to send a body the route accepts.
  if (waitsForContinue && declared <= limit) {
    res.writeContinue();
    res.removeHeader("connection");
  }
  // A client that said `Connection: close` (or speaks HTTP/1.0) gets its connection closed
  // right after the answer, and if it is still sending, a broken pipe instead of the 413:
  // so it is answered once the rest of the body is read and discarded, when that rest is
  // within the drain allowance (request-body.ts says when the 413 is written).
  const body = await readRequestBody(req, limit, closesAfterAnswer(req));
  const tooLarge = body.kind === "tooLarge";
  if (tooLarge) await body.answer;
  const request = new HttpRequest({
    method,
    url: url.toString(),
    headers: flattenHeaders(req.headers),
    query: Object.fromEntries(url.searchParams),
    params,
    body: method === "GET" || method === "HEAD" || tooLarge ? undefined : { bytes: body.bytes },
  });
  const invocationId = randomUUID();
  const context = new InvocationContext({
    invocationId,
    functionName: match.route.name,
    // With the invocation id, as Application Insights keeps it, so a 500's reference is found.
    logHandler: (level, ...args) =>
      log(
        level,
        `(${invocationId}) ${args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(" ")}`
      ),
  });
  // The body limit's refusal is answered like any handler's error (the same JSON, and CORS).
  const response = await (tooLarge ? match.refuse(requestTooLarge(limit)) : match.handler)(
    request,
    context
  );
  await writeResponse(res, response);
}

/**
 * The URL a request names. Its target is a path (`//x` included: the URL parser alone would
 * read that as a host), or an absolute URL as a proxy sends it; the Host header only names the
 * host (one that names none is left out), so it can never change the path. Undefined for a
 * target that is neither, such as `*`.
 */
function requestUrl(req: http.IncomingMessage): URL | undefined {
  const target = req.url ?? "/";
  let url: URL;
  try {
    url = target.startsWith("/") ? new URL(`http://127.0.0.1${target}`) : new URL(target);
  } catch {
    return undefined;
  }
  if (!target.startsWith("/")) return url;
  const named =
    URL.canParse(`http://${req.headers.host}/`) && new URL(`http://${req.headers.host}/`);
  if (named && named.pathname === "/" && named.search === "" && named.hash === "")
    url.host = named.host;
  return url;
}

/**
 * The route that takes `method` on `pathname`, with its route values, as the host's routing
 * picks it: below the `/api` prefix (case-insensitive; `/api` alone is the path ""), the first
 * of `routes` (sorted by precedence) whose template matches.
 */
export function findRoute<T extends { route: Route; template: RouteTemplate }>(
  routes: readonly T[],
  method: string,
  pathname: string
): { match: T; params: Record<string, string> } | undefined {
  const prefix = /^\/api(?:\/|$)/i.exec(pathname);
  if (prefix === null) return undefined;
  const path = pathname.slice(prefix[0].length);
  for (const route of routes) {
    if (route.route.method !== method) continue;
    const params = route.template.match(path);
    if (params !== undefined) return { match: route, params };
  }
  return undefined;
}

function closesAfterAnswer(req: http.IncomingMessage): boolean {
  const connection = (req.headers.connection ?? "").toLowerCase();
  if (connection.includes("close")) return true;
  return req.httpVersion === "1.0" && !connection.includes("keep-alive");
}

function compileRoute(route: Route, services: Services): CompiledRoute {
  return {
    route,
    template: compileTemplate(route.route),
    handler: withServices(route.handler, () => services),
    refuse: (error) =>
      withServices(
        () => Promise.reject(error),
        () => services
      ),
  };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

async function writeResponse(res: http.ServerResponse, response: HttpResponseInit): Promise<void> {
  const headers = new Headers(response.headers as ConstructorParameters<typeof Headers>[0]);
  let body: string | Uint8Array | undefined;
  if (response.jsonBody !== undefined) {
    body = JSON.stringify(response.jsonBody);
    if (!headers.has("content-type"))
      headers.set("content-type", "application/json; charset=utf-8");
  } else if (typeof response.body === "string" || response.body instanceof Uint8Array) {
    body = response.body;
  } else if (response.body instanceof Readable) {
    headers.forEach((value, name) => res.setHeader(name, value));
    res.writeHead(response.status ?? 200);
    await pipeline(response.body, res);
    return;
  } else if (response.body !== undefined && response.body !== null) {
    body = new Uint8Array(
      await new Response(response.body as ConstructorParameters<typeof Response>[0]).arrayBuffer()
    );
  }
  headers.forEach((value, name) => res.setHeader(name, value));
  res.writeHead(response.status ?? 200);
  res.end(body);
}

function writeJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function defaultLog(level: LogLevel, message: string): void {
  if (level === "error" || level === "warning") console.error(`[${level}] ${message}`);
}

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
import { withServices } from "../http/handler";
import { requestTooLarge } from "../http/http-error";
import type { Route } from "../routes";
import type { Services } from "../services";
import { readRequestBody } from "./request-body";

/**
 * Serves the route table over node:http when the Azure Functions host (`func`)
 * is not installed. It does what the host does and nothing more: match the
 * route, build `HttpRequest` / `InvocationContext`, call the same handler,
 * write its `HttpResponseInit`, and answer CORS (configured on the host in
 * Azure, here from SMARTCITY_CORS_ORIGINS). It knows nothing of the rules.
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
  pattern: RegExp;
  params: string[];
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
}

// The headers the add-in sends (its clients export them; test/integration/addin-cors.test.ts
// preflights this host with them). `accept` is CORS-safelisted for the values sent, listed anyway.
const ALLOWED_HEADERS = "authorization, content-type, if-match, if-none-match, accept";
const EXPOSED_HEADERS = "etag, x-ruleset-version, retry-after, content-disposition";

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const routes = options.routes.map((route) => compileRoute(route, options.services));
  const log = options.log ?? defaultLog;
  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    serve(req, res, routes, options.services.config.corsOrigins, log).catch((error: unknown) => {
      log("error", `local host failed to answer ${req.method} ${req.url}: ${String(error)}`);
      // After the first byte the status is sent: closing the connection mid-body is the
      // only way left to tell the client the answer is not whole (never a truncated 200).
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { "content-type": "application/json" });
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
  corsOrigins: string[],
  log: (level: LogLevel, message: string) => void
): Promise<void> {
  const origin = req.headers.origin;
  if (origin !== undefined && corsOrigins.includes(origin)) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
    res.setHeader("vary", "origin");
  }
  const method = req.method ?? "GET";
  // A client waiting on `Expect: 100-continue` that is answered without being told to continue
  // never sends the body it announced, so the connection cannot carry another request.
  const waitsForContinue = /100-continue/i.test(req.headers.expect ?? "");
  if (waitsForContinue) res.setHeader("connection", "close");
  if (method === "OPTIONS") {
    res.writeHead(204, {
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": "600",
    });
    res.end();
    return;
  }

  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const path = url.pathname.startsWith("/api/") ? url.pathname.slice("/api/".length) : undefined;
  const candidates = path === undefined ? [] : routes.filter((route) => route.pattern.test(path));
  const match = candidates.find((route) => route.route.method === method);
  if (match === undefined) {
    const status = candidates.length > 0 ? 405 : 404;
    const en =
      status === 405
        ? `${method} is not allowed on ${url.pathname}`
        : `There is no endpoint at ${url.pathname}`;
    const th =
      status === 405 ? `ใช้ ${method} กับ ${url.pathname} ไม่ได้` : `ไม่มีบริการที่ ${url.pathname}`;
    writeJson(res, status, {
      error: { code: status === 405 ? "METHOD_NOT_ALLOWED" : "NOT_FOUND", message: { th, en } },
    });
    return;
  }

  const limit = match.route.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const declared = Number(req.headers["content-length"] ?? "0");
  // A client waiting on `Expect: 100-continue` is only told to send a body the route accepts.
  if (waitsForContinue && declared <= limit) {
    res.writeContinue();
    res.removeHeader("connection");
  }
  const body = await readRequestBody(req, limit);
  if (body.kind === "tooLarge") {
    // A client that said `Connection: close` (or speaks HTTP/1.0) gets its connection closed
    // right after the answer, and if it is still sending, a broken pipe instead of the 413:
    // so it is answered once the rest of the body is read and discarded (up to the bound).
    if (closesAfterAnswer(req)) await body.drained;
    const refusal = requestTooLarge(limit);
    writeJson(res, refusal.status, { error: { code: refusal.code, message: refusal.text } });
    return;
  }
  const values = match.pattern.exec(path as string) as RegExpExecArray;
  const params = Object.fromEntries(
    match.params.map((name, index) => [name, decodeURIComponent(values[index + 1])])
  );
  const request = new HttpRequest({
    method,
    url: url.toString(),
    headers: flattenHeaders(req.headers),
    query: Object.fromEntries(url.searchParams),
    params,
    body: method === "GET" || method === "HEAD" ? undefined : { bytes: body.bytes },
  });
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: match.route.name,
    logHandler: (level, ...args) => log(level, args.map(String).join(" ")),
  });
  const response = await match.handler(request, context);
  await writeResponse(res, response);
}

function closesAfterAnswer(req: http.IncomingMessage): boolean {
  const connection = (req.headers.connection ?? "").toLowerCase();
  if (connection.includes("close")) return true;
  return req.httpVersion === "1.0" && !connection.includes("keep-alive");
}

function compileRoute(route: Route, services: Services): CompiledRoute {
  const params: string[] = [];
  const source = route.route
    .split("/")
    .map((segment) => {
      const parameter = /^\{(\w+)(?::(int))?\}$/.exec(segment);
      if (parameter === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(parameter[1]);
      return parameter[2] === "int" ? "(\\d+)" : "([^/]+)";
    })
    .join("/");
  return {
    route,
    pattern: new RegExp(`^${source}/?$`, "i"),
    params,
    handler: withServices(route.handler, () => services),
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

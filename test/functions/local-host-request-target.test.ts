import { afterAll, beforeAll, expect, test } from "@jest/globals";
import net from "node:net";
import { type LocalHost, startLocalHost } from "../../functions/src/local/host";
import type { Route } from "../../functions/src/routes";
import type { Services } from "../../functions/src/services";

/**
 * Request targets the URL parser does not take as a path relative to a host: `//` (which it
 * reads as a scheme-relative URL with no host), `//api/echo`, an absolute URL as a proxy sends
 * it, `*`, and a Host header that names no host. Each gets an answer from the local host (the
 * route's, a JSON 404, or a JSON 400), never its last-resort 500. Over a raw socket, since an
 * HTTP client would tidy the target first.
 */
const echo: Route = {
  name: "echo",
  method: "GET",
  route: "echo",
  handler: async (request) => ({ status: 200, jsonBody: { path: new URL(request.url).pathname } }),
};
const services = { config: { corsOrigins: [] } } as unknown as Services;

let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost({ routes: [echo], services, port: 0, log: () => undefined });
});
afterAll(() => host.close());

function ask(
  requestLine: string,
  hostHeader = "127.0.0.1"
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, "127.0.0.1");
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const body = text.slice(text.indexOf("\r\n\r\n") + 4);
      resolve({ status, body: body.slice(body.indexOf("{"), body.lastIndexOf("}") + 1) });
    });
    socket.write(`${requestLine} HTTP/1.1\r\nhost: ${hostHeader}\r\nconnection: close\r\n\r\n`);
  });
}

test.each(["GET //", "GET //api/echo", "GET //127.0.0.1/api/echo"])(
  "%s → our JSON 404 for that path",
  async (requestLine) => {
    const answer = await ask(requestLine);
    expect(answer.status).toBe(404);
    const path = requestLine.slice(4);
    expect(JSON.parse(answer.body).error).toEqual({
      code: "NOT_FOUND",
      message: { th: `ไม่มีบริการที่ ${path}`, en: `There is no endpoint at ${path}` },
    });
  }
);

test("an absolute URL as the target (as a proxy sends it) is routed by its path", async () => {
  const answer = await ask("GET http://127.0.0.1/api/echo");
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ path: "/api/echo" });
});

test("a Host header that names no host does not change the path", async () => {
  const answer = await ask("GET /api/echo", "bad host/other?x");
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ path: "/api/echo" });
});

test("* (a request about the server itself) → a JSON 400 in both languages", async () => {
  const answer = await ask("OPTIONS *");
  expect(answer.status).toBe(400);
  const { error } = JSON.parse(answer.body);
  expect(error.code).toBe("INVALID_REQUEST_TARGET");
  // Latin only in the example path and the target quoted.
  expect(error.message.th.replace("/api/health", "")).toMatch(/^[^A-Za-z]*\*$/);
  expect(error.message.en).toContain("*");
});

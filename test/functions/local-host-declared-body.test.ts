import { afterAll, beforeAll, expect, test } from "@jest/globals";
import net from "node:net";
import { type LocalHost, startLocalHost } from "../../functions/src/local/host";
import {
  REFUSED_BODY_DRAIN_BYTES,
  REFUSED_BODY_IDLE_MS,
} from "../../functions/src/local/request-body";
import { ROUTES } from "../../functions/src/routes";
import type { Services } from "../../functions/src/services";
import { MAX_REQUEST_BYTES } from "@smartcity/shared";

/**
 * A body declared far beyond what the local host would drain, from a client that said
 * `Connection: close`: draining first would wait for gigabytes that never come (the client
 * sends nothing until it is answered, or the host cuts it off at the drain allowance), so the
 * host must answer the 413 at once and only then close. Over a raw socket, with the real route
 * table, so that nothing between the test and the host answers in its place.
 */
const ORIGIN = "https://localhost:3000";
// The host reads only the CORS origins from the services before it refuses a body.
const services = { config: { corsOrigins: [ORIGIN] } } as unknown as Services;

let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost({ routes: ROUTES, services, port: 0, log: () => undefined });
});
afterAll(() => host.close());

interface RawAnswer {
  text: string;
  /** Milliseconds from sending the headers to the first byte of the answer, if one came. */
  firstByteAfter?: number;
  error?: string;
}

/** Sends headers only, and reads whatever comes back until the host closes the connection. */
function headersOnly(path: string, contentLength: number, origin?: string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(host.port, "127.0.0.1");
    const sent = Date.now();
    const answer: RawAnswer = { text: "" };
    socket.on("data", (chunk: Buffer) => {
      answer.firstByteAfter ??= Date.now() - sent;
      answer.text += chunk.toString();
    });
    socket.on("error", (failure: NodeJS.ErrnoException) => (answer.error = failure.code));
    socket.on("close", () => resolve(answer));
    socket.write(
      [
        `POST ${path} HTTP/1.1`,
        "host: 127.0.0.1",
        "connection: close",
        "content-type: application/json",
        `content-length: ${contentLength}`,
        ...(origin === undefined ? [] : [`origin: ${origin}`]),
        "",
        "",
      ].join("\r\n")
    );
  });
}

const GIB = 1024 * 1024 * 1024;

test.each([
  ["/api/consolidate", 1.2e9],
  ["/api/evaluate", 10 * GIB],
])(
  "Connection: close, %s declaring %d bytes and sending none → the 413 at once, with CORS",
  async (path, declared) => {
    const answer = await headersOnly(path, declared, ORIGIN);
    expect(answer.error).toBeUndefined();
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    // Well before the host would give up on a client that sends nothing.
    expect(answer.firstByteAfter).toBeLessThan(REFUSED_BODY_IDLE_MS / 2);
    const [head, body] = answer.text.split("\r\n\r\n");
    expect(head.toLowerCase()).toContain(`access-control-allow-origin: ${ORIGIN}`);
    expect(head.toLowerCase()).toContain("connection: close");
    // The body is chunked: the JSON is what lies between the first brace and the last.
    const error = JSON.parse(body.slice(body.indexOf("{"), body.lastIndexOf("}") + 1)).error;
    expect(error.code).toBe("REQUEST_TOO_LARGE");
    expect(error.message.th).toMatch(/^คำขอมีขนาดเกินขีดจำกัด \d+ ไบต์/);
    expect(error.message.en).toMatch(/^The request body is above the limit of \d+ bytes/);
  }
);

test("an origin that is not allowed gets the 413 too, without being allowed to read it", async () => {
  const answer = await headersOnly("/api/evaluate", 10 * GIB, "https://elsewhere.example");
  expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
  expect(answer.text.toLowerCase()).not.toContain("access-control-allow-origin");
});

test("a declared body within the drain allowance is still drained before the 413 (the whole body written first)", async () => {
  // The other side of the line: the body fits the allowance, so the host reads it all, and the
  // client, which writes it all before reading, gets the 413 rather than a reset.
  const body = Buffer.alloc(MAX_REQUEST_BYTES + REFUSED_BODY_DRAIN_BYTES / 4, 0x20);
  const answer = await new Promise<RawAnswer>((resolve) => {
    const socket = net.connect(host.port, "127.0.0.1");
    const result: RawAnswer = { text: "" };
    socket.on("error", (failure: NodeJS.ErrnoException) => (result.error = failure.code));
    socket.on("close", () => resolve(result));
    socket.write(
      `POST /api/evaluate HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n`
    );
    socket.write(body, () =>
      socket.on("data", (chunk: Buffer) => (result.text += chunk.toString()))
    );
  });
  expect(answer.error).toBeUndefined();
  expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
});

test("Connection: close, a chunked body streamed on past the drain allowance → the 413, then the connection closes", async () => {
  // The rest is not declared, so the host drains it until it passes the allowance; then it
  // stops reading, answers, and closes, rather than cut the connection with no answer.
  const answer = await new Promise<RawAnswer & { written: number }>((resolve) => {
    const socket = net.connect(host.port, "127.0.0.1");
    const result = { text: "", written: 0 } as RawAnswer & { written: number };
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const framed = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from("\r\n"),
    ]);
    const pump = (): void => {
      while (!socket.destroyed && result.written < 8 * REFUSED_BODY_DRAIN_BYTES) {
        result.written += chunk.length;
        if (!socket.write(framed)) {
          socket.once("drain", pump);
          return;
        }
      }
    };
    socket.on("data", (data: Buffer) => (result.text += data.toString()));
    socket.on("error", (failure: NodeJS.ErrnoException) => (result.error = failure.code));
    socket.on("close", () => resolve(result));
    socket.write(
      `POST /api/evaluate HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ntransfer-encoding: chunked\r\norigin: ${ORIGIN}\r\n\r\n`
    );
    pump();
  });
  expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
  expect(answer.text.toLowerCase()).toContain(`access-control-allow-origin: ${ORIGIN}`);
  expect(answer.written).toBeLessThan(8 * REFUSED_BODY_DRAIN_BYTES);
});

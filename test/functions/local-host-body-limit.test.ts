import { afterAll, beforeAll, expect, test } from "@jest/globals";
import http from "node:http";
import net, { type Socket } from "node:net";
import { type LocalHost, startLocalHost } from "../../functions/src/local/host";
import {
  REFUSED_BODY_DRAIN_BYTES,
  REFUSED_BODY_IDLE_MS,
} from "../../functions/src/local/request-body";
import type { Route } from "../../functions/src/routes";
import type { Services } from "../../functions/src/services";

/**
 * How the local host refuses a body above a route's limit, over real loopback connections:
 * the client must get the 413 (not a broken pipe), whether it announced the size, streamed
 * it, or asked `Expect: 100-continue` first (RFC 9110 §10.1.1); and a refusal must not let a
 * client stream without end or hold the connection.
 */
const LIMIT = 1024;

const echoLength: Route = {
  name: "echo",
  method: "POST",
  route: "echo",
  maxRequestBytes: LIMIT,
  handler: async (request) => ({
    status: 200,
    jsonBody: { bytes: (await request.arrayBuffer()).byteLength },
  }),
};

// The host reads only the CORS origins from the services; the echo route needs nothing else.
const services = { config: { corsOrigins: [] } } as unknown as Services;

let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost({ routes: [echoLength], services, port: 0, log: () => undefined });
});
afterAll(() => host.close());

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  sawContinue: boolean;
  reusedSocket: boolean;
}

/** Sends the request; `send` writes the body (and may wait for `continue`). */
function exchange(
  headers: http.OutgoingHttpHeaders,
  send: (request: http.ClientRequest) => void,
  agent?: http.Agent
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sawContinue = false;
    const request = http.request(`${host.url}/api/echo`, { method: "POST", headers, agent });
    request.on("continue", () => (sawContinue = true));
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body,
          headers: response.headers,
          sawContinue,
          reusedSocket: request.reusedSocket,
        })
      );
    });
    request.on("error", reject);
    send(request);
  });
}

const errorCode = (answer: Answer): string => JSON.parse(answer.body).error.code;

test("a body within the limit is read whole", async () => {
  const answer = await exchange({ "content-length": LIMIT }, (request) =>
    request.end(Buffer.alloc(LIMIT))
  );
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ bytes: LIMIT });
});

test("fetch sending a declared body above the limit gets the 413, every time", async () => {
  // fetch writes the whole body before reading; the host reads the rest after answering.
  const body = new Uint8Array(4 * 1024 * 1024);
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${host.url}/api/echo`, { method: "POST", body });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({
      code: "REQUEST_TOO_LARGE",
      message: {
        th: `คำขอมีขนาดเกินขีดจำกัด ${LIMIT} ไบต์`,
        en: `The request body is above the limit of ${LIMIT} bytes`,
      },
    });
  }
});

test("Connection: close, the whole body written before reading (as Python's urllib does) → the 413, not a reset", async () => {
  // Answering at once and closing while the body is still arriving resets the connection:
  // the client then sees EPIPE / ECONNRESET instead of the 413.
  const body = Buffer.alloc(8 * 1024 * 1024);
  for (let attempt = 0; attempt < 5; attempt++) {
    const answer = await new Promise<{ text: string; error?: string }>((resolve) => {
      const socket = net.connect(host.port, "127.0.0.1");
      let text = "";
      let error: string | undefined;
      socket.on("error", (failure: NodeJS.ErrnoException) => (error = failure.code));
      socket.on("close", () => resolve({ text, error }));
      socket.write(
        `POST /api/echo HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n`
      );
      // Read only once everything is written.
      socket.write(body, () => socket.on("data", (chunk: Buffer) => (text += chunk.toString())));
    });
    expect(answer.error).toBeUndefined();
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.text).toContain('"code":"REQUEST_TOO_LARGE"');
  }
});

test("a streamed (chunked) body is refused once it passes the limit", async () => {
  const answer = await exchange({}, (request) => {
    request.write(Buffer.alloc(LIMIT));
    request.end(Buffer.alloc(1));
  });
  expect(answer.status).toBe(413);
  expect(errorCode(answer)).toBe("REQUEST_TOO_LARGE");
});

test("after a refused body has been drained, the same connection serves the next request", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const refused = await exchange(
      { "content-length": 2 * LIMIT },
      (request) => request.end(Buffer.alloc(2 * LIMIT)),
      agent
    );
    expect(refused.status).toBe(413);
    const next = await exchange({ "content-length": 3 }, (request) => request.end("abc"), agent);
    expect(next).toMatchObject({ status: 200, reusedSocket: true });
    expect(JSON.parse(next.body)).toEqual({ bytes: 3 });
  } finally {
    agent.destroy();
  }
});

test("Expect: 100-continue above the limit → 413 without 100 Continue, and the connection closes", async () => {
  const answer = await exchange(
    { "content-length": 10 * LIMIT, expect: "100-continue" },
    () => undefined // waits for `continue`, which must not come
  );
  expect(answer).toMatchObject({ status: 413, sawContinue: false });
  expect(answer.headers.connection).toBe("close");
  expect(errorCode(answer)).toBe("REQUEST_TOO_LARGE");
});

test("Expect: 100-continue within the limit → 100 Continue, then the answer", async () => {
  const answer = await exchange({ "content-length": 5, expect: "100-continue" }, (request) =>
    request.on("continue", () => request.end("hello"))
  );
  expect(answer).toMatchObject({ status: 200, sawContinue: true });
  expect(JSON.parse(answer.body)).toEqual({ bytes: 5 });
});

test("a client that keeps streaming past the drain allowance is disconnected", async () => {
  // A raw socket, because node's own client stops writing once it has the answer.
  const sent = await new Promise<number>((resolve) => {
    const socket = net.connect(host.port, "127.0.0.1");
    const chunk = Buffer.alloc(1024 * 1024);
    let written = 0;
    const pump = (): void => {
      // Four times the allowance is plenty: the host must cut the connection well before.
      while (written < 4 * REFUSED_BODY_DRAIN_BYTES && !socket.destroyed) {
        written += chunk.length;
        if (!socket.write(chunk)) {
          socket.once("drain", pump);
          return;
        }
      }
    };
    socket.on("error", () => undefined); // EPIPE / ECONNRESET: the cut this test waits for
    socket.on("close", () => resolve(written));
    socket.resume();
    socket.write(
      `POST /api/echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${8 * REFUSED_BODY_DRAIN_BYTES}\r\n\r\n`
    );
    pump();
  });
  expect(sent).toBeGreaterThan(REFUSED_BODY_DRAIN_BYTES);
  expect(sent).toBeLessThan(4 * REFUSED_BODY_DRAIN_BYTES);
});

test("a client that stalls after a refusal is disconnected after the idle time", async () => {
  const started = Date.now();
  const closed = await new Promise<{ status: number }>((resolve, reject) => {
    let status = 0;
    const request = http.request(`${host.url}/api/echo`, {
      method: "POST",
      headers: { "content-length": 10 * LIMIT },
    });
    request.on("response", (response) => {
      status = response.statusCode ?? 0;
      response.resume();
    });
    const timer = setTimeout(() => reject(new Error("not disconnected")), REFUSED_BODY_IDLE_MS * 3);
    request.on("socket", (socket: Socket) =>
      socket.on("close", () => {
        clearTimeout(timer);
        resolve({ status });
      })
    );
    request.on("error", () => undefined); // the cut is what this test waits for
    request.write(Buffer.alloc(LIMIT + 1)); // then nothing more of what it announced
  });
  expect(closed.status).toBe(413);
  expect(Date.now() - started).toBeGreaterThanOrEqual(REFUSED_BODY_IDLE_MS - 100);
}, 30_000);

import type http from "node:http";

/**
 * After answering 413, the host keeps reading and discarding what the client still sends, up
 * to this many bytes. Most clients (fetch, curl without `Expect`, HTTP libraries) write the
 * whole body before they read the answer; closing at once would give them a broken pipe
 * (EPIPE, "fetch failed") instead of the 413 that says what was wrong. Beyond this allowance
 * the connection is closed: nobody should stream gigabytes into a refusal.
 */
export const REFUSED_BODY_DRAIN_BYTES = 64 * 1024 * 1024;

/** A client that stops sending the rest of a refused body is disconnected after this long. */
export const REFUSED_BODY_IDLE_MS = 5_000;

export type RequestBody =
  | { kind: "read"; bytes: Buffer }
  /** `drained` settles when the rest was read and discarded, or the connection was closed. */
  | { kind: "tooLarge"; drained: Promise<void> };

/**
 * Reads the body up to `limit` bytes. It settles as `tooLarge` as soon as the body is known to
 * exceed the limit (declared by content-length, or counted), so the caller can answer at once;
 * the rest is then drained in the background as described above.
 */
export function readRequestBody(req: http.IncomingMessage, limit: number): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;

    const refuse = (): void => {
      refused = true;
      chunks.length = 0;
      resolve({ kind: "tooLarge", drained: drainRefusedBody(req, Math.max(0, size - limit)) });
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        refuse();
      } else chunks.push(chunk);
    };
    req.on("error", (error) => {
      if (!refused) reject(error);
    });
    if (declared > limit) {
      refuse();
      return;
    }
    req.on("data", onData);
    req.on("end", () => {
      if (!refused) resolve({ kind: "read", bytes: Buffer.concat(chunks) });
    });
  });
}

function drainRefusedBody(req: http.IncomingMessage, alreadyDiscarded: number): Promise<void> {
  return new Promise((resolve) => {
    let discarded = alreadyDiscarded;
    const socket = req.socket;
    const done = (): void => {
      clearTimeout(idle);
      resolve();
    };
    const disconnect = (): void => {
      socket.destroy();
      done();
    };
    let idle = setTimeout(disconnect, REFUSED_BODY_IDLE_MS);
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      clearTimeout(idle);
      if (discarded > REFUSED_BODY_DRAIN_BYTES) disconnect();
      else idle = setTimeout(disconnect, REFUSED_BODY_IDLE_MS);
    });
    req.on("end", done);
    req.on("close", done);
    if (req.complete) done();
    req.resume();
  });
}

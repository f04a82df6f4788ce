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
  /** `answer` settles when the 413 may be written (see `readRequestBody`). */
  | { kind: "tooLarge"; answer: Promise<void> };

/**
 * Reads the body up to `limit` bytes. It settles as `tooLarge` as soon as the body is known to
 * exceed the limit (declared by content-length, or counted); the rest is then drained as
 * described above, and `answer` says when to write the 413:
 *
 * - on a connection kept open, at once (the drain goes on behind the answer);
 * - on one that closes after the answer (`closesAfterAnswer`), once the rest is drained, so
 *   that a client still writing is not cut off before it reads the answer; but at once when
 *   the rest is declared beyond the allowance, and as soon as the rest passes it: that rest is
 *   never read, so waiting for it would leave the client with no answer at all (a client that
 *   sends only the headers of a 10 GiB body waits to be answered; one that streams on gets the
 *   answer before the connection closes).
 */
export function readRequestBody(
  req: http.IncomingMessage,
  limit: number,
  closesAfterAnswer: boolean
): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;

    const refuse = (): void => {
      refused = true;
      chunks.length = 0;
      const drained = drainRefusedBody(req, Math.max(0, size - limit), closesAfterAnswer);
      const beyondAllowance = declared - limit > REFUSED_BODY_DRAIN_BYTES;
      resolve({
        kind: "tooLarge",
        answer: closesAfterAnswer && !beyondAllowance ? drained : Promise.resolve(),
      });
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

/**
 * Reads and discards the rest of a refused body; settles when it ends, the connection closes,
 * or the client stalls (then it is disconnected). Past the allowance, a connection kept open is
 * cut at once (its 413 is already written); one that closes after the answer stops being read
 * and settles, so that its 413 is written and the connection then closed.
 */
function drainRefusedBody(
  req: http.IncomingMessage,
  alreadyDiscarded: number,
  closesAfterAnswer: boolean
): Promise<void> {
  return new Promise((resolve) => {
    let discarded = alreadyDiscarded;
    const socket = req.socket;
    const done = (): void => {
      clearTimeout(idle);
      socket.off("close", done);
      resolve();
    };
    const disconnect = (): void => {
      socket.destroy();
      done();
    };
    const discard = (chunk: Buffer): void => {
      discarded += chunk.length;
      clearTimeout(idle);
      if (discarded <= REFUSED_BODY_DRAIN_BYTES) {
        idle = setTimeout(disconnect, REFUSED_BODY_IDLE_MS);
      } else if (closesAfterAnswer) {
        req.off("data", discard);
        req.pause();
        done();
      } else disconnect();
    };
    let idle = setTimeout(disconnect, REFUSED_BODY_IDLE_MS);
    req.on("data", discard);
    req.on("end", done);
    req.on("close", done);
    // A request answered before its body came may not close by itself when its socket does.
    socket.once("close", done);
    if (req.complete) done();
    req.resume();
  });
}

import http from "node:http";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { MAX_REQUEST_BYTES } from "@smartcity/shared";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { peakRssBytes, resetPeakRss } from "../helpers/process-memory";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

/**
 * A body sent without a Content-Length (chunked) is refused when it passes the limit, and is
 * never held whole first: under the Functions worker the body reaches the service as a stream,
 * so the service's own reading is what bounds memory (the local host also counts as it reads).
 */
let storage: TestStorage;
let api: ApiProcess;
beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

const SENT = 12 * MAX_REQUEST_BYTES; // 192 MiB, in 64 KiB chunks

function sendChunked(token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${api.url}/api/evaluate`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    // The server may answer and close before the last chunk: that is not this test's failure.
    request.on("error", (error) => (error.message.includes("EPIPE") ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, " ");
    let sent = 0;
    const pump = (): void => {
      while (sent < SENT) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      request.end();
    };
    request.write('{"applications":[');
    pump();
  });
}

test("a chunked evaluate body past the limit → 413 REQUEST_TOO_LARGE, without holding the body", async () => {
  const token = await tokenFor(storage.keyFile, "Evaluator");
  // A first request, so that what every request needs is loaded before the peak is measured.
  await fetch(`${api.url}/api/health`);
  const measured = resetPeakRss(api.pid);
  const before = peakRssBytes(api.pid);
  const answer = await sendChunked(token);
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).error.code).toBe("REQUEST_TOO_LARGE");
  // The peak can be reset for one's own process on Linux (clear_refs): the check never skips.
  expect(measured).toBe(true);
  const grew = peakRssBytes(api.pid) - before;
  // At most the limit's worth is kept (16 MiB), plus buffers and garbage not yet collected (the
  // worker's stand-in also forwards in the same process): never the 192 MiB sent, which the
  // body read whole would hold at least once.
  expect(grew).toBeLessThan(5 * MAX_REQUEST_BYTES);
  // Stopping the read did not take the service down (a cancelled body stream must not throw
  // later, where nothing catches it).
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
  expect((await sendChunked(token)).status).toBe(413);
}, 60_000);

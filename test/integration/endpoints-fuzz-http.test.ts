import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { signDevToken } from "../../functions/src/auth/dev-keys";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { craftXlsx, evaluationRows } from "../helpers/crafted-xlsx";
import type { Who } from "../helpers/fuzz-requests";
import { FuzzSession, fuzzEndpoints, type Send } from "../helpers/fuzz-session";
import { startTestStorage, type TestStorage } from "../helpers/service-env";

/**
 * The endpoint fuzz of test/functions/endpoints-fuzz.test.ts, fewer cases, over HTTP against
 * the API as it runs (the local host, or the Functions worker stand-in), over a real Azurite:
 * what the hosts add (routing, percent escapes in paths and queries, bodies, CORS) is in the
 * way of every request. No 5xx, no request left unanswered, every 4xx bilingual.
 */
const RUNS = Number(process.env.FUZZ_HTTP_RUNS ?? 300);

let storage: TestStorage;
let api: ApiProcess;
const tokens = new Map<Who, string>();
const files: Buffer[] = [];

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  const sign = (roles: string[], name: string) =>
    signDevToken(storage.keyFile, { roles: roles as never, name });
  tokens.set("admin", await sign(["Admin"], "somchai"));
  tokens.set("admin2", await sign(["Admin"], "suda"));
  tokens.set("secretary", await sign(["Secretary"], "niran"));
  tokens.set("evaluator", await sign(["Evaluator"], "pim"));
  files.push(
    await craftXlsx([{ name: "Evaluation", rows: evaluationRows(3) }]),
    readFileSync(path.resolve(__dirname, "../fixtures/workbooks/somchai.xlsx")),
    Buffer.from("not a workbook at all")
  );
});

afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

const overHttp: Send = async (request) => {
  const url = `${api.url}${request.path}${request.query ? `?${request.query}` : ""}`;
  const response = await fetch(url, {
    method: request.method,
    headers: request.headers,
    body: request.body === undefined ? undefined : new Uint8Array(request.body),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
    etag: response.headers.get("etag") ?? undefined,
    // Outside /api the host answers with its own 404 (the local host's is JSON, the worker's not).
    outsideApi: !/^\/api(?:\/|$)/i.test(new URL(url).pathname),
  };
};

test(`${RUNS} generated requests over every endpoint, over HTTP: each answered, no 5xx, every 4xx bilingual`, async () => {
  const session = new FuzzSession(overHttp, tokens);
  const started = Date.now();
  try {
    await fuzzEndpoints(RUNS, files, [session]);
  } finally {
    console.log(session.report((Date.now() - started) / 1000));
  }
  expect(session.tally.size).toBeGreaterThanOrEqual(15);
}, 300_000);

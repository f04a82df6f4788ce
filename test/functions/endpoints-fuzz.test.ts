import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { HttpRequest, InvocationContext } from "@azure/functions";
import { signDevToken } from "../../functions/src/auth/dev-keys";
import { loadConfig } from "../../functions/src/config";
import { withServices } from "../../functions/src/http/handler";
import { compileTemplate } from "../../functions/src/http/route-template";
import { findRoute } from "../../functions/src/local/host";
import { type Route, ROUTES } from "../../functions/src/routes";
import { createServices, type Services } from "../../functions/src/services";
import { craftXlsx, evaluationRows } from "../helpers/crafted-xlsx";
import type { Who } from "../helpers/fuzz-requests";
import { FuzzSession, fuzzEndpoints, type Send } from "../helpers/fuzz-session";
import { startTestStorage, type TestStorage } from "../helpers/service-env";

/**
 * Every endpoint of the route table, called in-process as the host calls it (the local host's
 * routing, `HttpRequest`, the handler wrapped as both hosts wrap it), with requests started from
 * valid ones and mutated (fuzz-requests.ts), over a real Azurite: no answer is a 5xx, every 4xx
 * is the bilingual error body, and no Thai message holds English (fuzz-answers.ts states the
 * rule). Half the cases run with direct publishing, half with proposals and approvals.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);

let storage: TestStorage;
let direct: Services;
let fourEyes: Services;
const tokens = new Map<Who, string>();
const files: Buffer[] = [];

beforeAll(async () => {
  storage = await startTestStorage();
  const config = (table: string, approvals: string) =>
    loadConfig({
      ...storage.env,
      SMARTCITY_RULESETS_TABLE: table,
      SMARTCITY_PUBLISH_APPROVALS: approvals,
      SMARTCITY_WORKBOOK_THREADS: "1",
    });
  direct = createServices(config("fuzzdirect", "0"));
  fourEyes = createServices(config("fuzzfoureyes", "1"));
  const sign = (roles: string[], name: string) =>
    signDevToken(storage.keyFile, { roles: roles as never, name });
  tokens.set("admin", await sign(["Admin"], "somchai"));
  tokens.set("admin2", await sign(["Admin"], "suda"));
  tokens.set("secretary", await sign(["Secretary"], "niran"));
  tokens.set("evaluator", await sign(["Evaluator"], "pim"));
  const fixture = (name: string) =>
    readFileSync(path.resolve(__dirname, "../fixtures/workbooks", name));
  files.push(
    await craftXlsx([{ name: "Evaluation", rows: evaluationRows(3) }]),
    fixture("somchai.xlsx"),
    fixture("not-a-workbook.xlsx"),
    Buffer.from("not a workbook at all"),
    Buffer.alloc(0)
  );
});

afterAll(async () => {
  for (const services of [direct, fourEyes]) {
    await services?.workbooks.close();
    await services?.evaluateHelper.close();
  }
  await storage?.stop();
});

interface Bound {
  route: Route;
  template: ReturnType<typeof compileTemplate>;
  handler: (request: HttpRequest, context: InvocationContext) => Promise<unknown>;
}

function bind(services: Services): Bound[] {
  return ROUTES.map((route) => ({
    route,
    template: compileTemplate(route.route),
    handler: withServices(route.handler, () => services),
  })).sort((a, b) => a.template.precedence.localeCompare(b.template.precedence));
}

async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString("utf8");
  }
  throw new Error(`a body this test does not read: ${Object.prototype.toString.call(body)}`);
}

/** The service called as the host calls it: its routing, `HttpRequest`, the wrapped handler. */
function inProcess(services: Services): Send {
  const routes = bind(services);
  return async (request) => {
    const url = new URL(
      `http://127.0.0.1${request.path}${request.query ? `?${request.query}` : ""}`
    );
    const found = findRoute(routes, request.method, url.pathname);
    // Outside /api the host answers on its own (its 404): no handler of ours is called.
    if (found === undefined) return { status: 404, contentType: "", text: "", outsideApi: true };
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const response = (await found.match.handler(
      new HttpRequest({
        method: request.method as never,
        url: url.toString(),
        headers: request.headers,
        query: Object.fromEntries(url.searchParams),
        params: found.params,
        body: hasBody && request.body !== undefined ? { bytes: request.body } : undefined,
      }),
      new InvocationContext({ functionName: found.match.route.name, logHandler: () => undefined })
    )) as { status?: number; headers?: HeadersInit; body?: unknown };
    const headers = new Headers(response.headers);
    return {
      status: response.status ?? 200,
      contentType: headers.get("content-type") ?? "",
      text: await bodyText(response.body),
      etag: headers.get("etag") ?? undefined,
    };
  };
}

test(`${RUNS} generated requests over every endpoint, in-process: no 5xx, every 4xx bilingual, no English in the Thai`, async () => {
  const sessions = [
    new FuzzSession(inProcess(direct), tokens),
    new FuzzSession(inProcess(fourEyes), tokens),
  ];
  const started = Date.now();
  try {
    await fuzzEndpoints(RUNS, files, sessions);
  } finally {
    const seconds = (Date.now() - started) / 1000;
    console.log(sessions.map((session) => session.report(seconds)).join("\n"));
  }
  // Every kind of request was sent (fuzz-requests.ts has 20), and both runs published.
  const kinds = new Set(sessions.flatMap((session) => [...session.tally.keys()]));
  expect(kinds.size).toBeGreaterThanOrEqual(20);
  for (const session of sessions)
    expect([...session.tally.values()].some((counts) => counts.has("201"))).toBe(true);
}, 240_000);

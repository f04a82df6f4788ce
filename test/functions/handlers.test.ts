import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Readable } from "node:stream";
import { HttpRequest, InvocationContext } from "@azure/functions";
import { loadConfig } from "../../functions/src/config";
import { withServices } from "../../functions/src/http/handler";
import { ROUTES } from "../../functions/src/routes";
import { createServices, type Services } from "../../functions/src/services";
import { StorageStatus } from "../../functions/src/store/storage-status";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { responseText } from "../helpers/response-text";
import { tokenFor } from "../helpers/tokens";

/**
 * The handlers as the Azure Functions host calls them: `new HttpRequest(...)`
 * and `new InvocationContext(...)` from @azure/functions (its documented test
 * constructors), route params passed explicitly as the host would.
 */
let storage: TestStorage;
let services: Services;
beforeAll(async () => {
  storage = await startTestStorage();
  services = createServices(loadConfig({ ...storage.env, SMARTCITY_RULESETS_TABLE: "handlers" }));
});
afterAll(async () => {
  await storage?.stop();
});

function handlerOf(name: string) {
  const route = ROUTES.find((r) => r.name === name);
  if (!route) throw new Error(`no route ${name}`);
  return withServices(route.handler, () => services);
}

const text = responseText;

const context = () =>
  new InvocationContext({
    functionName: "test",
    invocationId: "test-invocation",
    logHandler: () => undefined,
  });

describe("the route table", () => {
  test("has unique function names (the host requires it) and one entry per method and route", () => {
    expect(new Set(ROUTES.map((r) => r.name)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.route}`)).size).toBe(ROUTES.length);
  });
});

describe("handlers called as the host calls them", () => {
  test("evaluate answers 200 with results", async () => {
    const request = new HttpRequest({
      method: "POST",
      url: "http://localhost/api/evaluate",
      headers: {
        authorization: `Bearer ${await tokenFor(storage.keyFile, "Evaluator")}`,
        "content-type": "application/json",
      },
      body: {
        string: JSON.stringify({
          applications: [{ id: "a", scores: { environment: 85, economy: 75 } }],
        }),
      },
    });
    const response = await handlerOf("evaluate")(request, context());
    expect(response.status).toBe(200);
    expect(response.body).toBeInstanceOf(Readable); // written as it is produced
    expect(JSON.parse(await text(response.body as Readable))).toMatchObject({
      ruleset: { version: "1" },
      results: [{ id: "a", eligible: true, overallPercent: 80 }],
    });
  });

  test('"messages": "none" keeps codes and facts without words; "th" keeps Thai; a bad choice is a 400 naming it', async () => {
    const token = await tokenFor(storage.keyFile, "Evaluator");
    const ask = (messages: unknown) =>
      handlerOf("evaluate")(
        new HttpRequest({
          method: "POST",
          url: "http://localhost/api/evaluate",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: {
            string: JSON.stringify({
              messages,
              applications: [{ scores: { environment: 60, economy: 100 } }, { scores: 5 }],
            }),
          },
        }),
        context()
      );
    const none = JSON.parse(await text((await ask("none")).body as Readable));
    expect(none.results[0].reasons).toEqual([
      { code: "DIMENSION_BELOW_MIN", dimension: "environment", percent: 60, minPercent: 70 },
    ]);
    // An application's error keeps its words in both languages whatever was asked.
    expect(none.results[1].error.message.th).toBeTruthy();
    expect(none.results[1].error.message.en).toBeTruthy();
    const th = JSON.parse(await text((await ask("th")).body as Readable));
    expect(th.results[0].reasons[0].message).toEqual({
      th: "สิ่งแวดล้อมอัจฉริยะ ได้ร้อยละ 60 ต่ำกว่าเกณฑ์ร้อยละ 70",
    });
    const bad = await ask("fr");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body as string).error.issues).toEqual([
      expect.objectContaining({ path: "messages" }),
    ]);
  });

  test("a score written 1e999 (JSON.parse reads Infinity) is said in words, not as Infinity", async () => {
    const request = new HttpRequest({
      method: "POST",
      url: "http://localhost/api/evaluate",
      headers: {
        authorization: `Bearer ${await tokenFor(storage.keyFile, "Evaluator")}`,
        "content-type": "application/json",
      },
      // As the caller wrote it: JSON.stringify would have turned Infinity into null.
      body: {
        string: '{"applications":[{"id":"a","scores":{"environment":1e999,"energy":-1e999}}]}',
      },
    });
    const response = await handlerOf("evaluate")(request, context());
    expect(response.status).toBe(200);
    const [result] = JSON.parse(await text(response.body as Readable)).results;
    expect(result.error).toMatchObject({
      code: "INVALID_SCORE",
      message: {
        th: "สิ่งแวดล้อมอัจฉริยะ: ตัวเลขที่ใหญ่เกินไป (ต้องอยู่ระหว่าง 0 ถึง 100)",
        en: "Smart Environment: a number too large (it must lie from 0 to 100)",
      },
    });
  });

  test("getRulesetVersion reads the route parameter", async () => {
    const request = new HttpRequest({
      method: "GET",
      url: "http://localhost/api/rulesets/1",
      headers: { authorization: `Bearer ${await tokenFor(storage.keyFile, "Admin")}` },
      params: { version: "1" },
    });
    const response = await handlerOf("getRulesetVersion")(request, context());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body as string).version).toBe("1");
  });

  test("an unexpected failure is a JSON 500 with a reference, never a crash", async () => {
    const broken = withServices(
      async () => {
        throw new Error("boom");
      },
      () => services
    );
    const response = await broken(
      new HttpRequest({ method: "GET", url: "http://localhost/api/x" }),
      context()
    );
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body as string).error).toMatchObject({
      code: "INTERNAL_ERROR",
      message: { en: "Internal error (reference test-invocation)" },
    });
  });

  test("a new instance's first health probe waits for its first storage check, but not long", async () => {
    // The first check of an instance creates the table and seeds it (on Azure also the first
    // token and handshake): a healthy store that is slow to answer the first time is reported
    // as healthy, not as unchecked; one that does not answer is still reported within a second.
    const health = ROUTES.find((r) => r.name === "health")!.handler;
    const probe = async (checkMs: number) => {
      const slow = {
        ...services,
        storageStatus: new StorageStatus(async () => {
          await new Promise((resolve) => setTimeout(resolve, checkMs));
          return { status: "ok" as const };
        }),
      };
      const started = Date.now();
      const answer = await withServices(health, () => slow)(
        new HttpRequest({ method: "GET", url: "http://localhost/api/health" }),
        context()
      );
      return { status: answer.status, took: Date.now() - started };
    };
    expect((await probe(100)).status).toBe(200);
    const stuck = await probe(5_000);
    expect(stuck.status).toBe(503);
    expect(stuck.took).toBeLessThan(1_000);
  });

  test("storage that does not answer gives health 503 and evaluate 503, with a clear message", async () => {
    const down = createServices(
      loadConfig({
        ...storage.env,
        SMARTCITY_STORAGE_CONNECTION_STRING: storage.azurite.connectionString.replace(
          `:${storage.azurite.port}/`,
          ":9/"
        ),
      })
    );
    const health = await withServices(ROUTES.find((r) => r.name === "health")!.handler, () => down)(
      new HttpRequest({ method: "GET", url: "http://localhost/api/health" }),
      context()
    );
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body as string)).toMatchObject({
      status: "unavailable",
      storage: { status: "unavailable" },
    });

    const evaluate = await withServices(
      ROUTES.find((r) => r.name === "evaluate")!.handler,
      () => down
    )(
      new HttpRequest({
        method: "POST",
        url: "http://localhost/api/evaluate",
        headers: { authorization: `Bearer ${await tokenFor(storage.keyFile, "Evaluator")}` },
        body: { string: JSON.stringify({ applications: [] }) },
      }),
      context()
    );
    expect(evaluate.status).toBe(503);
    expect(JSON.parse(evaluate.body as string).error).toMatchObject({
      code: "STORAGE_UNAVAILABLE",
      message: { en: expect.stringMatching(/^The ruleset store is unavailable right now/) },
    });
  });
});

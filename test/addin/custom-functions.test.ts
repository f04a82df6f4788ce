import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import {
  cellShows,
  excelCalls,
  installCustomFunctionsStandIn,
  Workbook,
} from "../helpers/custom-functions-standin";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { laterRulesWritten } from "../helpers/later-rules";
import { publishOverHttp } from "../helpers/publish";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";
import { until } from "../helpers/until";

installCustomFunctionsStandIn();
// Imported after the stand-in is installed, as Excel loads functions.js after its runtime.
const functions =
  require("../../addin/src/functions/functions") as typeof import("../../addin/src/functions/functions");
const runtime = require("../../addin/src/runtime") as typeof import("../../addin/src/runtime");

let storage: TestStorage;
let api: ApiProcess;
let token: string;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  token = await tokenFor(storage.keyFile, "Evaluator");
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});
beforeEach(() => {
  runtime.setServiceUrl(api.url);
  runtime.setSession({ token, role: "Evaluator", name: "test" });
  runtime.scoring.clear();
});

/**
 * A formula whose arguments are typed values (no cell references), called as Excel calls it per
 * the built functions.json (see the stand-in); Excel on the web semantics. The blank-cell
 * behaviour with references, on both platforms, is in excel-contract.test.ts.
 */
const cell = (id: string, ...args: unknown[]) =>
  excelCalls(
    functions as unknown as Record<string, unknown>,
    id,
    args.map((value) => (value === null ? null : { value })),
    { platform: "web", workbook: new Workbook() }
  );
const row = (...cells: unknown[]) => [cells];
// Excel passes an omitted optional argument as null; the signatures say `?` because
// custom-functions-metadata reads optionality from them.
const NULL = null as never;
const yes = row(true, true, true, true, true);

describe("SMARTCITY functions against the scoring service", () => {
  test("SCORE: 90.3, 70.6, 79.1 in Environment, Energy, Living give 80", async () => {
    const value = await cell(
      "SCORE",
      row(90.3, 70.6, 79.1),
      row("Smart Environment", "พลังงานอัจฉริยะ", "living"),
      null
    );
    expect(value).toBe(80);
  });

  test("ELIGIBLE and REASONS, with omitted optional arguments passed as null", async () => {
    const scores = row(null, null, 95, null, null, null, null); // energy only
    expect(await cell("ELIGIBLE", scores, NULL, NULL, NULL, NULL)).toBe(false);
    expect(await cell("REASONS", scores, NULL, NULL, NULL, NULL, NULL)).toBe(
      "1 dimension proposed; at least 2 required; Smart Environment is mandatory but was not proposed"
    );
    expect(await cell("REASONS", scores, NULL, NULL, NULL, NULL, "th")).toBe(
      "เสนอ 1 ด้าน ต้องเสนออย่างน้อย 2 ด้าน; ไม่ได้เสนอด้านสิ่งแวดล้อมอัจฉริยะ ซึ่งเป็นเกณฑ์บังคับ"
    );
    const good = row(null, null, 85, null, null, null, 90);
    expect(await cell("ELIGIBLE", good, NULL, yes, NULL, NULL)).toBe(true);
    expect(await cell("REASONS", good, NULL, yes, NULL, NULL, NULL)).toBe("");
  });

  test("the subcommittee overall and a preliminary 'no'", async () => {
    const scores = row(null, null, 95, null, null, null, 95);
    expect(await cell("ELIGIBLE", scores, NULL, yes, 79, NULL)).toBe(false);
    expect(
      await cell("REASONS", scores, NULL, row(true, "ไม่ผ่าน", true, true, true), null, null, null)
    ).toBe("Preliminary criterion not met: Development plan");
  });

  test("bad input is #VALUE! naming the cell's problem", async () => {
    expect(await cell("SCORE", row(120), row("Environment"), null)).toBe(
      "#VALUE!: Smart Environment: 120 is above 100"
    );
    expect(await cell("SCORE", row(NULL, NULL), NULL, NULL)).toBe(
      "#VALUE!: no dimension is scored"
    );
  });

  test("an explicit version is used; an unknown one is #VALUE!", async () => {
    expect(await cell("SCORE", row(80, 90), NULL, "1")).toBe(85);
    expect(await cell("SCORE", row(80, 90), NULL, 99)).toBe(
      "#VALUE!: Ruleset version 99 does not exist (GET /api/rulesets lists the versions)"
    );
  });

  test("THRESHOLD and DIMENSIONS read the ruleset", async () => {
    expect(await cell("THRESHOLD", "overall")).toBe(80);
    expect(await cell("THRESHOLD", "Dimension")).toBe(70);
    expect(await cell("THRESHOLD", "minimum dimensions")).toBe(2);
    expect(await cell("THRESHOLD", "สิ่งแวดล้อมอัจฉริยะ")).toBe(70);
    expect(await cell("THRESHOLD", "speed")).toMatch(
      /^#VALUE!: "speed" is not a threshold of ruleset 1/
    );
    expect(await cell("DIMENSIONS", "th")).toEqual([
      BASELINE_RULESET.rules.dimensions.map((dimension) => dimension.name.th),
    ]);
    expect(await cell("DIMENSIONS", NULL as never)).toEqual([
      [
        "Smart Living",
        "Smart People",
        "Smart Energy",
        "Smart Mobility",
        "Smart Economy",
        "Smart Governance",
        "Smart Environment",
      ],
    ]);
  });

  test("VERSION streams the version in force and cleans up when cancelled", async () => {
    const results: unknown[] = [];
    const streaming = {
      setResult: (value: unknown) => results.push(value),
      onCanceled: undefined as undefined | (() => void),
    };
    functions.version(streaming as unknown as CustomFunctions.StreamingInvocation<string>);
    await until(() => results.length > 0, "VERSION's first result");
    expect(results).toEqual(["1"]);
    expect(typeof streaming.onCanceled).toBe("function");
    streaming.onCanceled?.();
  });
});

describe("calls in one recalculation are batched, deduplicated and cached", () => {
  test("300 calls with 60 distinct inputs: one request of 60; the same again: no request", async () => {
    const before = { ...runtime.scoring.stats };
    const calls = Array.from({ length: 300 }, (_, i) =>
      cell("SCORE", row(70 + (i % 60) / 2, 90), NULL, NULL)
    );
    const values = await Promise.all(calls);
    expect(values.every((value) => typeof value === "number")).toBe(true);
    expect(runtime.scoring.stats.requests - before.requests).toBe(1);
    expect(runtime.scoring.stats.applicationsSent - before.applicationsSent).toBe(60);

    const again = await Promise.all(
      Array.from({ length: 300 }, (_, i) => cell("SCORE", row(70 + (i % 60) / 2, 90), NULL, NULL))
    );
    expect(again).toEqual(values);
    expect(runtime.scoring.stats.requests - before.requests).toBe(1);
  });
});

describe("every call settles", () => {
  test("not signed in: #N/A asking to sign in from the pane", async () => {
    runtime.setSession(undefined);
    expect(await cell("SCORE", row(80, 90), NULL, NULL)).toBe(
      "#N/A: Sign in from the Smart City pane"
    );
  });

  test("service stopped: 1,000 invocations all settle with #N/A saying where it looked", async () => {
    runtime.setServiceUrl("http://127.0.0.1:9");
    const started = Date.now();
    const values = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => cell("SCORE", row((i % 100) + 1, 90), NULL, NULL))
    );
    expect(new Set(values)).toEqual(
      new Set([
        "#N/A: could not reach the scoring service at http://127.0.0.1:9, or the browser blocked its answer (CORS)",
      ])
    );
    expect(Date.now() - started).toBeLessThan(runtime.REQUEST_TIMEOUT_MS);
  });

  test("a 5xx answer is #N/A with the service's own words", async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(503, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          error: {
            code: "STORAGE_UNAVAILABLE",
            message: { th: "…", en: "The ruleset store is unavailable right now" },
          },
        })
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      runtime.setServiceUrl(url);
      expect(await cell("SCORE", row(80, 90), NULL, NULL)).toBe(
        `#N/A: scoring service at ${url} answered 503: The ruleset store is unavailable right now`
      );
    } finally {
      server.close();
    }
  });
  test("an answer that names an outcome band its `outcomes` does not list is #N/A, never a blank name", async () => {
    // The real service behind a proxy that drops the answer's list of bands: the results say
    // "eligible"/"notEligible" by id (no words, "messages": "none"), and nothing names them.
    const proxy = http.createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const forwarded = await fetch(`${api.url}${request.url}`, {
        method: request.method,
        headers: { ...(request.headers as Record<string, string>), host: "" },
        body: request.method === "GET" ? undefined : Buffer.concat(chunks),
      });
      let text = await forwarded.text();
      if (request.url === "/api/evaluate" && forwarded.status === 200)
        text = JSON.stringify({ ...JSON.parse(text), outcomes: [] });
      response.writeHead(forwarded.status, {
        "content-type": forwarded.headers.get("content-type") ?? "application/json",
      });
      response.end(text);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      runtime.setServiceUrl(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
      expect(await cell("OUTCOME", row(85, 80), NULL, NULL, NULL, NULL, NULL, NULL)).toBe(
        "#N/A: the scoring service sent an answer this add-in cannot read"
      );
    } finally {
      proxy.close();
    }
  });
});

/*
 * The later criteria through the functions, against the service with a later ruleset published over HTTP
 * (test/helpers/later-rules.ts: a components group of two items after the five preliminary
 * criteria, tracks livable and newCity — 85% overall and energy mandatory — three bands, and a
 * rubric of air and water, 10 points each, on environment). Last in this file: it publishes.
 */
describe("later criteria: OUTCOME, tracks, requirements and rubric items", () => {
  let later: string;
  beforeAll(async () => {
    const admin = await tokenFor(storage.keyFile, "Admin");
    const response = await publishOverHttp(api.url, admin, {
      rules: laterRulesWritten() as never,
      approval: { reference: "9/2569", date: "2026-11-01" },
      note: "test ruleset with the later criteria's constructs",
    });
    expect(response.status).toBe(201);
    later = ((await response.json()) as { version: string }).version;
  });

  const scores = row(82, 82);
  const labels = row("environment", "energy");
  const answered = (...components: unknown[]) => row(true, true, true, true, true, ...components);

  test("OUTCOME names the band in English or Thai; the track moves it", async () => {
    expect(await cell("OUTCOME", scores, labels, NULL, NULL, NULL, later, NULL)).toBe("Approved");
    expect(await cell("OUTCOME", scores, labels, NULL, NULL, NULL, later, "th")).toBe(
      "ผ่านการพิจารณา"
    );
    expect(await cell("OUTCOME", scores, labels, NULL, NULL, "New city", later, "en")).toBe(
      "Approved in principle"
    );
    expect(await cell("OUTCOME", row(60, 60), labels, NULL, NULL, NULL, later, "en")).toBe(
      "Not approved"
    );
  });

  test("SCORE, ELIGIBLE and REASONS take the track as their last argument", async () => {
    expect(await cell("SCORE", scores, labels, later, "newCity")).toBe(82);
    expect(await cell("ELIGIBLE", scores, labels, NULL, NULL, later, NULL)).toBe(true);
    expect(await cell("ELIGIBLE", scores, labels, NULL, NULL, later, "เมืองใหม่ทันสมัย")).toBe(false);
    expect(await cell("REASONS", scores, labels, NULL, NULL, later, "en", "newCity")).toBe(
      "The overall score of 82% is below the minimum of 85%"
    );
  });

  test("requirements in one row: a component answered no is REQUIREMENT_NOT_MET, in shared's words", async () => {
    expect(
      await cell("OUTCOME", scores, labels, answered(true, false), NULL, NULL, later, "en")
    ).toBe("Not approved");
    expect(
      await cell("REASONS", scores, labels, answered(true, false), NULL, later, "en", NULL)
    ).toBe("Plan components not met: City Data Platform");
    expect(
      await cell("REASONS", scores, labels, answered(true, false), NULL, later, "th", NULL)
    ).toBe("ไม่ผ่านข้อกำหนดองค์ประกอบของแผน: แพลตฟอร์มข้อมูลเมือง");
    expect(await cell("ELIGIBLE", scores, labels, answered(true, true), NULL, later, NULL)).toBe(
      true
    );
  });

  test("rubric items by label: points give the percent; the service's item errors are #VALUE! in the cell's language", async () => {
    const items = row(85, 8, 9);
    const itemLabels = row("energy", "environment.air", "environment.water");
    expect(await cell("SCORE", items, itemLabels, later, NULL)).toBe(85);
    // A sheet with both the dimension's column and its items': the blank percent is no percent.
    expect(
      await cell(
        "SCORE",
        row(85, null, 8, 9),
        row("energy", "environment", "environment.air", "environment.water"),
        later,
        NULL
      )
    ).toBe(85);
    const tooMany = await cell(
      "OUTCOME",
      row(85, 11),
      row("energy", "environment.air"),
      NULL,
      NULL,
      NULL,
      later,
      "en"
    );
    expect(tooMany).toMatch(/^#VALUE!: Smart Environment: Air quality: 11 /);
    const both = row(85, 80, 8);
    const bothLabels = row("energy", "environment", "environment.air");
    expect(await cell("OUTCOME", both, bothLabels, NULL, NULL, NULL, later, "en")).toMatch(
      /^#VALUE!: .*Smart Environment/
    );
    const thai = await cell("REASONS", both, bothLabels, NULL, NULL, later, "th", NULL);
    expect(thai).toMatch(/^#VALUE!: .*สิ่งแวดล้อมอัจฉริยะ/);
    // The service's own Thai sentence (it names the request's fields, scores and points, as is).
    expect(thai).toContain("มีทั้งคะแนนร้อยละและคะแนนรายการ");
    expect(await cell("OUTCOME", scores, labels, NULL, NULL, "village", later, "en")).toMatch(
      /^#VALUE!: "village" is not a track of ruleset \d+/
    );
  });

  test("an Excel still holding manifest 1.1.0.0's functions.json (no track) gets the answers it got before", async () => {
    // That Excel passes one parameter fewer: the invocation arrives where `track` now is.
    const invocation = { parameterAddresses: ["Sheet1!H2:I2"] } as never;
    expect(await cellShows(functions.score(row(80, 90), NULL, "1", invocation))).toEqual([[85]]);
    expect(
      await cellShows(functions.eligible(row(80, 90), NULL, NULL, NULL, "1", invocation))
    ).toEqual([[false]]);
    expect(
      await cellShows(functions.reasons(row(80, 90), NULL, NULL, NULL, "1", "en", invocation))
    ).toEqual([["Smart Environment is mandatory but was not proposed"]]);
  });

  test("a kept answer for one track never answers another: the same cells, two tracks, two applications", async () => {
    runtime.scoring.clear();
    const before = { ...runtime.scoring.stats };
    const values = await Promise.all([
      cell("ELIGIBLE", row(84, 84), labels, NULL, NULL, later, NULL),
      cell("ELIGIBLE", row(84, 84), labels, NULL, NULL, later, "newCity"),
    ]);
    expect(values).toEqual([true, false]);
    expect(runtime.scoring.stats.applicationsSent - before.applicationsSent).toBe(2);
    // Again: both from what is kept, each still its own track's answer.
    expect(await cell("ELIGIBLE", row(84, 84), labels, NULL, NULL, later, "newCity")).toBe(false);
    expect(await cell("ELIGIBLE", row(84, 84), labels, NULL, NULL, later, NULL)).toBe(true);
    expect(runtime.scoring.stats.applicationsSent - before.applicationsSent).toBe(2);
  });
});

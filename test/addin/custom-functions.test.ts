import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import { cellShows, installCustomFunctionsStandIn } from "../helpers/custom-functions-standin";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
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

// An invocation as Excel gives one to a function declared with @requiresParameterAddresses.
const invocation = (address = "Sheet1!B2:H2") =>
  ({ parameterAddresses: [address] }) as unknown as CustomFunctions.Invocation;
const row = (...cells: unknown[]) => [cells];
// Excel passes an omitted optional argument as null; the signatures say `?` because
// custom-functions-metadata reads optionality from them.
const NULL = null as never;
const yes = row(true, true, true, true, true);

describe("SMARTCITY functions against the scoring service", () => {
  test("SCORE: 90.3, 70.6, 79.1 in Environment, Energy, Living give 80", async () => {
    const value = await cellShows(
      functions.score(
        row(90.3, 70.6, 79.1),
        row("Smart Environment", "พลังงานอัจฉริยะ", "living"),
        null,
        invocation()
      )
    );
    expect(value).toBe(80);
  });

  test("ELIGIBLE and REASONS, with omitted optional arguments passed as null", async () => {
    const scores = row(null, null, 95, null, null, null, null); // energy only
    expect(await cellShows(functions.eligible(scores, NULL, NULL, NULL, NULL, invocation()))).toBe(
      false
    );
    expect(
      await cellShows(functions.reasons(scores, NULL, NULL, NULL, NULL, NULL, invocation()))
    ).toBe(
      "1 dimension proposed; at least 2 required; Smart Environment is mandatory but was not proposed"
    );
    expect(
      await cellShows(functions.reasons(scores, NULL, NULL, NULL, NULL, "th", invocation()))
    ).toBe("เสนอ 1 ด้าน ต้องเสนออย่างน้อย 2 ด้าน; ไม่ได้เสนอด้านสิ่งแวดล้อมอัจฉริยะ ซึ่งเป็นเกณฑ์บังคับ");
    const good = row(null, null, 85, null, null, null, 90);
    expect(await cellShows(functions.eligible(good, NULL, yes, NULL, NULL, invocation()))).toBe(
      true
    );
    expect(
      await cellShows(functions.reasons(good, NULL, yes, NULL, NULL, NULL, invocation()))
    ).toBe("");
  });

  test("the subcommittee overall and a preliminary 'no'", async () => {
    const scores = row(null, null, 95, null, null, null, 95);
    expect(await cellShows(functions.eligible(scores, NULL, yes, 79, NULL, invocation()))).toBe(
      false
    );
    expect(
      await cellShows(
        functions.reasons(
          scores,
          NULL,
          row(true, "ไม่ผ่าน", true, true, true),
          null,
          null,
          null,
          invocation()
        )
      )
    ).toBe("Preliminary criterion not met: Development plan");
  });

  test("bad input is #VALUE! naming the cell's problem", async () => {
    expect(await cellShows(functions.score(row(120), row("Environment"), null, invocation()))).toBe(
      "#VALUE!: Smart Environment: 120 is above 100"
    );
    expect(await cellShows(functions.score(row(NULL, NULL), NULL, NULL, invocation()))).toBe(
      "#VALUE!: no dimension is scored"
    );
  });

  test("an explicit version is used; an unknown one is #VALUE!", async () => {
    expect(await cellShows(functions.score(row(80, 90), NULL, "1", invocation()))).toBe(85);
    expect(await cellShows(functions.score(row(80, 90), NULL, 99, invocation()))).toBe(
      "#VALUE!: Ruleset version 99 does not exist (GET /api/rulesets lists the versions)"
    );
  });

  test("THRESHOLD and DIMENSIONS read the ruleset", async () => {
    expect(await cellShows(functions.threshold("overall"))).toBe(80);
    expect(await cellShows(functions.threshold("Dimension"))).toBe(70);
    expect(await cellShows(functions.threshold("minimum dimensions"))).toBe(2);
    expect(await cellShows(functions.threshold("สิ่งแวดล้อมอัจฉริยะ"))).toBe(70);
    expect(await cellShows(functions.threshold("speed"))).toMatch(
      /^#VALUE!: "speed" is not a threshold of ruleset 1/
    );
    expect(await cellShows(functions.dimensions("th"))).toEqual([
      BASELINE_RULESET.rules.dimensions.map((dimension) => dimension.name.th),
    ]);
    expect(await cellShows(functions.dimensions(NULL as never))).toEqual([
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
      functions.score(row(70 + (i % 60) / 2, 90), NULL, NULL, invocation())
    );
    const values = await Promise.all(calls.map(cellShows));
    expect(values.every((value) => typeof value === "number")).toBe(true);
    expect(runtime.scoring.stats.requests - before.requests).toBe(1);
    expect(runtime.scoring.stats.applicationsSent - before.applicationsSent).toBe(60);

    const again = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        cellShows(functions.score(row(70 + (i % 60) / 2, 90), NULL, NULL, invocation()))
      )
    );
    expect(again).toEqual(values);
    expect(runtime.scoring.stats.requests - before.requests).toBe(1);
  });
});

describe("every call settles", () => {
  test("not signed in: #N/A asking to sign in from the pane", async () => {
    runtime.setSession(undefined);
    expect(await cellShows(functions.score(row(80, 90), NULL, NULL, invocation()))).toBe(
      "#N/A: Sign in from the Smart City pane"
    );
  });

  test("service stopped: 1,000 invocations all settle with #N/A saying where it looked", async () => {
    runtime.setServiceUrl("http://127.0.0.1:9");
    const started = Date.now();
    const values = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        cellShows(functions.score(row(i % 100, 90), NULL, NULL, invocation()))
      )
    );
    expect(new Set(values)).toEqual(
      new Set(["#N/A: scoring service unreachable at http://127.0.0.1:9"])
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
      expect(await cellShows(functions.score(row(80, 90), NULL, NULL, invocation()))).toBe(
        `#N/A: scoring service at ${url} answered 503: The ruleset store is unavailable right now`
      );
    } finally {
      server.close();
    }
  });
});

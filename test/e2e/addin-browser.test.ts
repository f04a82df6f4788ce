import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import type { Page } from "playwright-core";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { CELL_SHOWS, LOAD_FUNCTIONS_JSON } from "../../bench/src/harness/office-standin";

/**
 * The BUILT add-in (addin/dist, as `npm run build` makes it) in headless Chromium, served over
 * https from a localhost origin, calling the real API (real fetch, real CORS) with Azurite behind
 * it. Excel is absent, so office.js is the documented stand-in of ../../bench/src/harness/office-standin.ts and
 * the test calls the functions the way Excel does: by id, ranges as 2-D arrays, omitted optional
 * arguments as null.
 */
const evaluateRequests: string[] = [];
let stack: PaneStack;
let page: Page;
let api: PaneStack["api"];

beforeAll(async () => {
  stack = await startPaneStack();
  ({ page, api } = stack);
  page.on("request", (request) => {
    if (request.url().endsWith("/api/evaluate") && request.method() === "POST")
      evaluateRequests.push(request.url());
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const cell = (id: string, ...args: unknown[]) => stack.cell(id, ...args);
const at = { parameterAddresses: ["Sheet1!H2:N2"] };
// Excel passes every parameter (null for an omitted one), then the invocation: so each call
// below gives all of a function's parameters, the appended `track` (later criteria) included.

test("outside Excel the pane says so, shows the service, and signs in with a dev role", async () => {
  expect(await page.locator("#host").isVisible()).toBe(true);
  expect(await page.textContent("#host")).toContain("outside Excel");
  await page.waitForSelector("#service-status.ok", { timeout: 10_000 });
  await page.selectOption("#role", "Evaluator");
  await page.click("#sign-in");
  await page.waitForSelector("#ruleset-table", { timeout: 10_000 });
  expect(await page.textContent("#sign-in-state")).toContain(
    "Signed in as Dev Evaluator (Evaluator)"
  );
  expect(await page.textContent("#ruleset-table")).toContain("3/2561");
  mkdirSync(path.resolve(__dirname, "../../test-results"), { recursive: true });
  await page.screenshot({
    path: path.resolve(__dirname, "../../test-results/taskpane.png"),
    fullPage: true,
  });
});

test("the pane switches to Thai", async () => {
  await page.click("#language");
  expect(await page.textContent("#title")).toBe("ประเมินเมืองอัจฉริยะ");
  expect(await page.textContent("#ruleset-dimensions")).toContain("สิ่งแวดล้อมอัจฉริยะ");
  await page.click("#language");
});

test.each([
  ["Excel desktop", "PC"],
  ["Excel on the web", "OfficeOnline"],
])(
  "%s in Thai: the pane reads Office's display language after Office.onReady, and shows Thai",
  async (_name, platform) => {
    const thai = await stack.openPane({ displayLanguage: "th-TH", platform });
    try {
      await thai.waitForFunction(() => document.documentElement.lang === "th");
      expect(await thai.textContent("#title")).toBe("ประเมินเมืองอัจฉริยะ");
      // The stand-in counts reads of Office.context before initialisation (each one throws).
      expect(await thai.evaluate("window.__officeContextReadEarly")).toBe(0);
    } finally {
      await thai.close();
    }
  }
);

test("the language chosen with the button outlasts a reload; without storage the button still works and a reload starts from Office's language", async () => {
  const pane = await stack.openPane({ displayLanguage: "en-US" });
  const errors: string[] = [];
  pane.on("pageerror", (error) => errors.push(error.message));
  const titleIs = (title: string) =>
    pane.waitForFunction((text) => document.getElementById("title")?.textContent === text, title);
  try {
    await titleIs("Smart City Scoring");
    await pane.click("#language");
    await titleIs("ประเมินเมืองอัจฉริยะ");
    await pane.reload();
    await titleIs("ประเมินเมืองอัจฉริยะ");
    expect(await pane.evaluate(() => document.documentElement.lang)).toBe("th");
    await pane.click("#language");
    await titleIs("Smart City Scoring");
    await pane.reload();
    await titleIs("Smart City Scoring");
    await pane.click("#language"); // Thai remembered once more, for the storage-less reload below

    // Storage that refuses every use (a locked-down browser): no error, the switch still works.
    await pane.addInitScript(() =>
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      })
    );
    await pane.reload();
    await titleIs("Smart City Scoring");
    await pane.click("#language");
    await titleIs("ประเมินเมืองอัจฉริยะ");
    expect(errors).toEqual([]);
  } finally {
    await pane.close();
  }
});

test("the functions answer from the service, with the pane's sign-in", async () => {
  expect(
    await cell(
      "SCORE",
      [[90.3, 70.6, 79.1]],
      [["Smart Environment", "Smart Energy", "Smart Living"]],
      null,
      null,
      at
    )
  ).toBe(80);
  expect(
    await cell(
      "ELIGIBLE",
      [[null, null, 85, null, null, null, 90]],
      null,
      [[true, true, true, true, true]],
      null,
      null,
      null,
      at
    )
  ).toBe(true);
  expect(
    await cell(
      "REASONS",
      [[null, null, 95, null, null, null, null]],
      null,
      null,
      null,
      null,
      "en",
      null,
      at
    )
  ).toBe(
    "1 dimension proposed; at least 2 required; Smart Environment is mandatory but was not proposed"
  );
  expect(await cell("SCORE", [[120]], [["Environment"]], null, null, at)).toBe(
    "#VALUE!: Smart Environment: 120 is above 100"
  );
  expect(await cell("THRESHOLD", "overall", null)).toBe(80);
  expect(await cell("DIMENSIONS", "th", null)).toEqual([
    BASELINE_RULESET.rules.dimensions.map((dimension) => dimension.name.th),
  ]);
});

test("a recalculation of 2,000 cells is one request; repeating it is none", async () => {
  evaluateRequests.length = 0;
  const run = `Promise.all(Array.from({ length: 2000 }, (_, i) => (${CELL_SHOWS})("SCORE", [[[70 + (i % 500) / 20, 90]], null, null, null, ${JSON.stringify(at)}])))`;
  const first = (await page.evaluate(run)) as unknown[];
  expect(first.every((value) => typeof value === "number")).toBe(true);
  expect(evaluateRequests).toHaveLength(1);
  const second = (await page.evaluate(run)) as unknown[];
  expect(second).toEqual(first);
  expect(evaluateRequests).toHaveLength(1);
});

test("with the API stopped, 1,000 invocations all settle: the service's values computed here, #N/A where no version is kept", async () => {
  const thousand = (version: string | null) =>
    page.evaluate(
      `Promise.all(Array.from({ length: 1000 }, (_, i) => (${CELL_SHOWS})("SCORE", [[[(i % 100) + 1, 55]], null, ${JSON.stringify(version)}, null, ${JSON.stringify(at)}])))`
    ) as Promise<unknown[]>;
  const online = await thousand(null);
  await api.stop();
  // A reopened workbook: nothing in memory, only the versions the add-in kept.
  await page.reload();
  await page.evaluate(LOAD_FUNCTIONS_JSON);
  const started = Date.now();
  expect(await thousand(null)).toEqual(online);
  expect(new Set(await thousand("99"))).toEqual(
    new Set([
      `#N/A: could not reach the scoring service at ${api.url}, or the browser blocked its answer (CORS)`,
    ])
  );
  expect(Date.now() - started).toBeLessThan(10_000);
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  DevSignInResponseSchema,
  type Rules,
  RulesetSchema,
  RulesSchema,
} from "@smartcity/shared";
import { CELL_SHOWS, LOAD_FUNCTIONS_JSON } from "../../bench/src/harness/office-standin";
import { devSignIn } from "../../bench/src/harness/pane";
import { BASELINE_CASES } from "../helpers/baseline-cases";
import { requirementCells, scoreCells, trackCell } from "../helpers/case-cells";
import { EXAMPLE_CASES } from "../helpers/example-evaluations";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { publishOverHttp } from "../helpers/publish";
import { startTcpProxy, type TcpProxy } from "../../bench/src/harness/tcp-proxy";

/**
 * The evaluator's Excel keeps working without the service: the BUILT add-in in Chromium, pointed
 * at the real API through a relay the test cuts (connections refused, as when the service or the
 * network is down). Every rules case, and every case of the later criteria, is computed online;
 * the page is then reloaded with the service cut (a new shared runtime: nothing in memory, only
 * what the add-in kept in the browser's storage) and every value must be the service's.
 */
const fixtures = join(__dirname, "..", "fixtures", "rulesets");
const laterBody = JSON.parse(readFileSync(join(fixtures, "announcement-1-2562.json"), "utf8")) as {
  rules: Rules;
};
const laterRules = RulesSchema.parse(laterBody.rules);

let stack: PaneStack;
let adminToken: string;
let relay: TcpProxy;
let serviceUrl: string;
/** The version in force: the later criteria, published by the test. */
let inForce: string;
/** Requests the page sends to the service, by path. */
const requests: string[] = [];

beforeAll(async () => {
  stack = await startPaneStack();
  relay = await startTcpProxy(Number(new URL(stack.api.url).port));
  serviceUrl = `http://127.0.0.1:${relay.port}`;
  const signIn = await fetch(`${stack.api.url}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ role: "Admin" }),
  });
  const { token } = DevSignInResponseSchema.parse(await signIn.json());
  adminToken = token;
  const published = await publishOverHttp(stack.api.url, token, laterBody as never);
  expect(published.status).toBe(201);
  inForce = RulesetSchema.parse(await published.json()).version;
  stack.page.on("request", (request) => {
    if (request.url().startsWith(serviceUrl)) requests.push(new URL(request.url()).pathname);
  });
  await stack.page.fill("#service-url", serviceUrl);
  await stack.page.click("#service-save");
  await devSignIn(stack.page, "Evaluator");
}, 90_000);

afterAll(async () => {
  await relay?.close();
  await stack?.stop();
});

const at = { parameterAddresses: ["Sheet1!B2:H2"] };
type Call = [id: string, args: unknown[]];

/** Every function over every case: pinned to the baseline ("1"), and unpinned (in force). */
function everyCall(): Call[] {
  const calls: Call[] = [];
  const yes = [BASELINE_RULESET.rules.preliminaryCriteria.map(() => true)];
  for (const entry of BASELINE_CASES) {
    const scores = [
      BASELINE_RULESET.rules.dimensions.map((dimension) => entry.scores[dimension.id] ?? null),
    ];
    const overall = entry.overall ?? null;
    for (const version of ["1", null]) {
      calls.push(["SCORE", [scores, null, version, null, at]]);
      calls.push(["ELIGIBLE", [scores, null, yes, overall, version, null, at]]);
      for (const language of ["en", "th"]) {
        calls.push(["REASONS", [scores, null, yes, overall, version, language, null, at]]);
        calls.push(["OUTCOME", [scores, null, yes, overall, null, version, language, at]]);
      }
    }
  }
  for (const { application } of EXAMPLE_CASES) {
    const { labels, scores } = scoreCells(laterRules, application);
    const requirements = requirementCells(laterRules, application);
    const track = trackCell(laterRules, application);
    for (const version of [inForce, null]) {
      calls.push(["SCORE", [scores, labels, version, track, at]]);
      calls.push(["ELIGIBLE", [scores, labels, requirements, null, version, track, at]]);
      for (const language of ["en", "th"]) {
        calls.push(["REASONS", [scores, labels, requirements, null, version, language, track, at]]);
        calls.push(["OUTCOME", [scores, labels, requirements, null, track, version, language, at]]);
      }
    }
  }
  for (const version of ["1", null]) {
    calls.push(["THRESHOLD", ["overall", version, at]]);
    calls.push(["THRESHOLD", ["environment", version, at]]);
    calls.push(["DIMENSIONS", ["th", version, at]]);
  }
  return calls;
}

/** A recalculation: every call at once, as Excel starts them, and what each cell shows. */
function recalculate(calls: Call[]): Promise<unknown[]> {
  return stack.page.evaluate(
    `(async () => { const cell = ${CELL_SHOWS}; return Promise.all(${JSON.stringify(calls)}.map(([id, args]) => cell(id, args))); })()`
  ) as Promise<unknown[]>;
}

/** Starts VERSION() as Excel does (a streaming invocation), keeping every value it shows. */
async function watchVersion(): Promise<void> {
  await stack.page.evaluate(`(() => {
    window.__versionShown = [];
    window.__associated.VERSION({
      setResult: (value) => window.__versionShown.push(value && value.code ? value.code + ": " + value.message : value),
    });
  })()`);
}

async function versionShows(expected: string): Promise<void> {
  await stack.page.waitForFunction(
    (wanted) => {
      const shown = (window as unknown as { __versionShown: unknown[] }).__versionShown;
      return shown.length > 0 && shown[shown.length - 1] === wanted;
    },
    expected,
    { timeout: 20_000 }
  );
}

async function reloadPane(): Promise<void> {
  await stack.page.reload();
  await stack.page.evaluate(LOAD_FUNCTIONS_JSON);
  await watchVersion();
}

let online: unknown[];

test("online, every case has its value, and VERSION() shows the version in force", async () => {
  await watchVersion();
  online = await recalculate(everyCall());
  // (A typed 0 read without its cell's facts is #N/A by design: that is a value to match too.)
  expect(
    online.filter((value) => typeof value === "string" && /scoring service|Sign in/.test(value))
  ).toEqual([]);
  expect(requests).toContain("/api/evaluate");
  await versionShows(inForce);
  expect(await stack.page.isHidden("#offline-banner")).toBe(true);
});

test("offline after a reload, every value equals the service's, computed here with no request", async () => {
  await relay.cut();
  await reloadPane();
  requests.length = 0;
  const offline = await recalculate(everyCall());
  expect(offline).toEqual(online);
  // Only questions about the version in force (which fail): nothing is sent to be evaluated.
  expect(
    requests.filter((path) => !["/api/rulesets/current", "/api/health"].includes(path))
  ).toEqual([]);
  await versionShows(`${inForce} · offline`);
});

test("the pane says since when and with which version, in English and in Thai", async () => {
  const banner = stack.page.locator("#offline-banner");
  await banner.waitFor({ state: "visible" });
  const english = await banner.textContent();
  expect(english).toMatch(/^Offline since \d+ \w+ \d{4}, \d\d:\d\d \(Bangkok time\)\./);
  expect(english).toContain(`ruleset version ${inForce}, kept from the service`);
  await stack.page.click("#language");
  const thai = (await banner.textContent()) ?? "";
  expect(thai).toMatch(/^ออฟไลน์ตั้งแต่ \d+ \S+ 25\d\d เวลา \d\d:\d\d น\./);
  expect(thai).toContain(`ชุดเกณฑ์ฉบับที่ ${inForce}`);
  expect(thai).not.toMatch(/[A-Za-z]/);
  await versionShows(`${inForce} · ออฟไลน์`);
  await stack.page.click("#language");
  await versionShows(`${inForce} · offline`);
});

test("offline, a value preview computes with the kept version in force", async () => {
  await reloadPane(); // nothing in memory: the version in force is read from what was kept
  requests.length = 0;
  const previewed = await recalculate(
    everyCall().map(
      ([id, args]) => [id, [...args.slice(0, -1), { isInValuePreview: true }]] as Call
    )
  );
  expect(previewed).toEqual(online);
  expect(
    requests.filter((path) => !["/api/rulesets/current", "/api/health"].includes(path))
  ).toEqual([]);
});

test("a version never kept stays #N/A with its reason", async () => {
  const scores = [[90, 85, null, null, null, null, null]];
  expect(await recalculate([["SCORE", [scores, null, "99", null, at]]])).toEqual([
    expect.stringMatching(/^#N\/A: could not reach the scoring service at /),
  ]);
});

test("a kept version whose rules were changed is not used: #N/A, and the copy is removed", async () => {
  const key = await stack.page.evaluate(() =>
    Object.keys(localStorage).find(
      (name) => name.startsWith("smartcity.offline.ruleset ") && name.endsWith(" 1")
    )
  );
  expect(key).toBeDefined();
  await stack.page.evaluate((name) => {
    const kept = JSON.parse(localStorage.getItem(name) ?? "{}");
    kept.rules.overallMinPercent = 50; // the hash still names the committee's 80%
    localStorage.setItem(name, JSON.stringify(kept));
  }, key as string);
  // The service lets the browser cache a version for good (it never changes): without this, the
  // browser's own copy would answer for the service, rightly, and hide what the add-in does.
  const devtools = await stack.page.context().newCDPSession(stack.page);
  await devtools.send("Network.clearBrowserCache");
  await reloadPane();
  const [pinned, unpinned] = await recalculate([
    ["THRESHOLD", ["overall", "1", at]],
    ["THRESHOLD", ["overall", inForce, at]],
  ]);
  expect(pinned).toMatch(/^#N\/A: could not reach the scoring service/);
  expect(typeof unpinned).toBe("number");
  expect(await stack.page.evaluate((name) => localStorage.getItem(name), key as string)).toBeNull();
});

test("when the service answers again, VERSION() and the pane return to normal by themselves", async () => {
  await relay.restore();
  await versionShows(inForce); // the next question about the version in force (≤ 10 s)
  await stack.page.locator("#offline-banner").waitFor({ state: "hidden" });
  requests.length = 0;
  const scores = [[91, 92, null, null, null, null, 93]];
  const [score] = await recalculate([["SCORE", [scores, null, "1", null, at]]]);
  expect(score).toBe(92);
  expect(requests).toContain("/api/evaluate");
});

test("a formula's value preview asks nothing of the service, and shows the service's value", async () => {
  await reloadPane(); // nothing kept in memory: each preview is computed here
  await versionShows(inForce); // the runtime has heard the version in force (its own question)
  requests.length = 0;
  // Excel gives a preview no parameter addresses.
  const preview = { isInValuePreview: true };
  const calls = everyCall();
  const previewed = await recalculate(
    calls.map(([id, args]) => [id, [...args.slice(0, -1), preview]] as Call)
  );
  expect(previewed).toEqual(online);
  expect(requests.filter((path) => path !== "/api/health")).toEqual([]);
});

test("with the browser offline, the functions compute here; back online, they ask again", async () => {
  const context = stack.page.context();
  await context.setOffline(true);
  try {
    const scores = [[71, 72, null, null, null, null, 79]];
    const [eligible] = await recalculate([["ELIGIBLE", [scores, null, null, null, "1", null, at]]]);
    expect(eligible).toBe(false); // 74% is below the plan's 80%
    await versionShows(`${inForce} · offline`);
    // Gone offline with the version in force in memory: the banner names it (nothing to read).
    const banner = stack.page.locator("#offline-banner");
    await banner.waitFor({ state: "visible" });
    expect(await banner.textContent()).toContain(`ruleset version ${inForce}, kept`);
    await stack.page.waitForSelector("#service-status.error");
  } finally {
    await context.setOffline(false);
  }
  await versionShows(inForce); // the browser's "online" event asks at once
});

test("a version that came into force during the outage reaches VERSION() once the service answers", async () => {
  await relay.cut();
  const [before] = await recalculate([
    ["SCORE", [[[61, 62, null, null, null, null, 63]], null, "1", null, at]],
  ]);
  expect(before).toBe(62); // computed here
  await versionShows(`${inForce} · offline`);
  const stricter = { ...laterBody, rules: { ...laterBody.rules, overallMinPercent: 85 } };
  const published = await publishOverHttp(stack.api.url, adminToken, stricter as never);
  expect(published.status).toBe(201);
  const newer = RulesetSchema.parse(await published.json()).version;
  expect(newer).not.toBe(inForce);
  await relay.restore();
  await versionShows(newer);
  await stack.page.locator("#offline-banner").waitFor({ state: "hidden" });
});

test("signed out, VERSION() says so, and a language switch does not bring the old version back", async () => {
  await stack.page.click("#sign-out");
  await versionShows("#N/A: Sign in from the Smart City pane");
  await stack.page.click("#language");
  await stack.page.click("#language");
  const shown = (await stack.page.evaluate("window.__versionShown")) as unknown[];
  expect(shown[shown.length - 1]).toBe("#N/A: Sign in from the Smart City pane");
});

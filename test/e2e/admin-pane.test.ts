import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Page } from "playwright-core";
import { dateInTimeZone, formatDate } from "@smartcity/shared";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { devSignIn } from "../../bench/src/harness/pane";
import { until } from "../helpers/until";

/**
 * Publishing as a new user would try it: in a plain browser (admins may not have Excel open),
 * sign in as Admin, lower the overall bar to 75 in the admin pane, confirm after seeing the
 * diff; then an unpinned evaluation at 78 is eligible and one pinned to version 1 is not.
 */
let stack: PaneStack;
let page: Page;

beforeAll(async () => {
  stack = await startPaneStack();
  page = stack.page;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const cell = (id: string, ...args: unknown[]) => stack.cell(id, ...args);
const at78 = [[null, null, 78, null, null, null, 78]];

test("an admin lowers the overall bar to 75 from the pane; unpinned formulas follow, a pin to version 1 does not", async () => {
  await devSignIn(page, "Admin");
  await page.waitForSelector("#admin:not([hidden]) #history tr");
  expect(await page.textContent("#history")).toContain("3/2561");
  expect(
    await cell("ELIGIBLE", at78, null, null, null, null, { parameterAddresses: ["Sheet1!H2:N2"] })
  ).toBe(false);

  await page.fill("#edit-overall", "120");
  expect(await page.textContent("#edit-overall-error")).toBe("Must be at most 100.");
  await page.click("#edit-publish");
  expect(await page.isHidden("#confirm")).toBe(true);

  await page.fill("#edit-overall", "75");
  await page.fill("#edit-reference", "1/2566");
  await page.fill("#edit-date", "๑๔ กรกฎาคม ๒๕๖๖");
  await page.fill("#edit-note", "Committee meeting 1/2566 lowered the overall bar");
  expect(await page.textContent("#edit-problems")).toBe("");
  expect(await page.locator("[aria-invalid=true]").count()).toBe(0);
  await page.click("#edit-publish");
  await page.waitForSelector("#confirm:not([hidden])");
  expect(await page.textContent("#confirm-diff")).toBe("Overall bar: 80% → 75%");
  await page.click("#confirm-yes");
  // Waits for any answer, so that a refusal fails here with its own words, not as a timeout.
  await page.waitForFunction(
    () => (document.getElementById("admin-message")?.textContent ?? "") !== ""
  );
  expect(await page.textContent("#admin-message")).toBe("Published version 2");
  await page.waitForFunction(() =>
    (document.getElementById("history")?.textContent ?? "").includes("1/2566")
  );
  // The form reloaded after the publish, and what the publish said is still there.
  await page.waitForSelector("#edit-overall:enabled");
  expect(await page.textContent("#admin-message")).toBe("Published version 2");

  const invocation = { parameterAddresses: ["Sheet1!H2:N2"] };
  expect(await cell("ELIGIBLE", at78, null, null, null, null, invocation)).toBe(true);
  expect(await cell("ELIGIBLE", at78, null, null, null, "1", invocation)).toBe(false);
  expect(await cell("THRESHOLD", "overall", null)).toBe(75);

  await page.selectOption("#diff-a", "1");
  await page.selectOption("#diff-b", "2");
  await page.click("#diff-show");
  await page.waitForFunction(() => (document.getElementById("diff-out")?.textContent ?? "") !== "");
  expect(await page.textContent("#diff-out")).toBe("Overall bar: 80% → 75%");
  await page.screenshot({
    path: path.resolve(__dirname, "../../test-results/admin-pane.png"),
    fullPage: true,
  });
});

test("the form cannot be typed into until it holds the newest version (what was typed would be overwritten)", async () => {
  await page.click("#sign-out");
  // The history is the first thing the form loads; holding its answer holds the whole load.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const isHistory = (url: URL) => url.pathname === "/api/rulesets";
  await page.route(isHistory, async (route) => {
    if (route.request().method() === "GET") await held;
    await route.continue();
  });
  try {
    await devSignIn(page, "Admin");
    await page.waitForSelector("#admin:not([hidden])");
    for (const field of ["#edit-overall", "#edit-reference", "#edit-note", "#edit-publish"])
      expect(await page.isDisabled(field)).toBe(true);
    release();
    await page.waitForSelector("#edit-overall:enabled");
    // The newest version (2, from the test above) is in the form, and it can now be edited.
    expect(await page.inputValue("#edit-overall")).toBe("75");
    expect(await page.isDisabled("#edit-publish")).toBe(false);
  } finally {
    release();
    await page.unroute(isHistory);
  }
});

test("a form that failed to load says why and can be tried again, without signing in anew", async () => {
  await page.click("#sign-out");
  // The service out of reach for the history, the first thing the form loads.
  const isHistory = (url: URL) => url.pathname === "/api/rulesets";
  let refused = 0;
  await page.route(isHistory, (route) => {
    if (route.request().method() !== "GET") return route.continue();
    refused++;
    return route.abort("connectionrefused");
  });
  try {
    await devSignIn(page, "Admin");
    await page.waitForSelector("#admin-retry:visible");
    expect(await page.textContent("#admin-message")).toContain(
      "could not reach the scoring service"
    );
    expect(await page.textContent("#admin-retry")).toBe("Try again");
    expect(await page.isDisabled("#edit-overall")).toBe(true);
    // Still out of reach: asked again, the same answer, and the button stays (and has the focus).
    const before = refused;
    await page.click("#admin-retry");
    await page.waitForSelector("#admin-retry:visible");
    expect(refused).toBe(before + 1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("admin-retry");
    expect(await page.isDisabled("#edit-overall")).toBe(true);
  } finally {
    await page.unroute(isHistory);
  }
  await page.click("#admin-retry");
  await page.waitForSelector("#edit-overall:enabled");
  expect(await page.inputValue("#edit-overall")).toBe("75"); // the newest version, 2
  expect(await page.isHidden("#admin-retry")).toBe(true);
  expect(await page.textContent("#admin-message")).toBe("");
  expect(await page.textContent("#history")).toContain("3/2561");
});

test("the same rules as the newest version are not sent: the pane says so in the service's own words", async () => {
  await page.waitForSelector("#edit-overall:enabled");
  const sent: string[] = [];
  const onRequest = (request: { method: () => string; url: () => string }) => {
    if (request.method() === "POST") sent.push(request.url());
  };
  page.on("request", onRequest);
  try {
    await page.fill("#edit-reference", "2/2566");
    await page.fill("#edit-date", "2023-08-01");
    await page.fill("#edit-note", "Nothing changes");
    await page.click("#edit-publish");
    await page.waitForFunction(
      () => (document.getElementById("admin-message")?.textContent ?? "") !== ""
    );
    expect(await page.textContent("#admin-message")).toMatch(
      /^The rules are the same as version 2, the newest .*; there is nothing to publish$/
    );
    expect(await page.isHidden("#confirm")).toBe(true);
    // Its hash is one long word: at a task pane's width it wraps instead of running past the edge.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 350, height: 700 });
    expect(
      await page.$eval("#admin-message", (element) => element.scrollWidth <= element.clientWidth)
    ).toBe(true);
    if (viewport) await page.setViewportSize(viewport);
    await page.click("#language");
    expect(await page.textContent("#admin-message")).toBe(
      "เกณฑ์เหมือนกับฉบับที่ 2 ซึ่งเป็นฉบับล่าสุดทุกประการ จึงไม่มีอะไรให้ออกเป็นฉบับใหม่"
    );
    await page.click("#language");
    // One change more, and the confirmation shows it as usual.
    await page.fill("#edit-overall", "76");
    await page.click("#edit-publish");
    await page.waitForSelector("#confirm:not([hidden])");
    expect(await page.textContent("#confirm-diff")).toBe("Overall bar: 75% → 76%");
    await page.click("#confirm-no");
    expect(sent).toEqual([]);
  } finally {
    page.off("request", onRequest);
  }
});

test("a load that fails after a later one succeeded is stale: the working form stays as it is", async () => {
  await page.click("#sign-out");
  // Every history request until the service address is saved again hangs, then fails; those
  // after it are answered.
  let fail!: () => void;
  const failing = new Promise<void>((resolve) => (fail = resolve));
  let holding = true;
  let held = 0;
  let failed = 0;
  const isHistory = (url: URL) => url.pathname === "/api/rulesets";
  await page.route(isHistory, async (route) => {
    if (route.request().method() !== "GET" || !holding) return route.continue();
    held++;
    await failing;
    await route.abort("connectionrefused");
    failed++;
  });
  try {
    await devSignIn(page, "Admin");
    await page.waitForSelector("#admin:not([hidden])");
    await until(() => held >= 2, "the admin form's and the secretary's history requests");
    // Saving the service address again starts a new load while the first still hangs.
    holding = false;
    await page.click("#service-settings > summary"); // signed in, the address is folded away
    await page.click("#service-save");
    await page.waitForSelector("#edit-overall:enabled");
    await page.fill("#edit-overall", "76");
    fail();
    await until(() => failed === held, "the first requests to fail");
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50))); // their catch has run
    expect(await page.isHidden("#admin-retry")).toBe(true);
    expect(await page.textContent("#admin-message")).toBe("");
    // A render (the language switch) keeps what the admin typed: nothing reloads the form.
    await page.click("#language");
    await page.click("#language");
    expect(await page.inputValue("#edit-overall")).toBe("76");
    expect(await page.isDisabled("#edit-overall")).toBe(false);
  } finally {
    fail();
    await page.unroute(isHistory);
  }
});

test("an approval dated after today and an in-force date before today are refused under their fields, in the pane's language, before anything is sent", async () => {
  await page.click("#sign-out");
  await devSignIn(page, "Admin");
  await page.waitForSelector("#edit-overall:enabled");
  // Today as the committee counts it (Bangkok), and a day either side.
  const today = dateInTimeZone(new Date(), "Asia/Bangkok");
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const sent: string[] = [];
  const onRequest = (request: { method(): string; url(): string }) => {
    if (request.method() === "POST") sent.push(request.url());
  };
  page.on("request", onRequest);
  try {
    await page.fill("#edit-overall", "73");
    await page.fill("#edit-reference", "4/2569");
    await page.fill("#edit-date", formatDate(day(1)).th); // tomorrow, written in Thai
    await page.fill("#edit-effective", day(-1));
    await page.fill("#edit-note", "A meeting that has not happened yet");
    await page.click("#edit-publish");
    expect(await page.isHidden("#confirm")).toBe(true);
    expect(await page.textContent("#edit-date-error")).toBe(
      `approval.date ${day(1)} is in the future (today is ${today} in the committee's time zone); give the date of the meeting that approved the rules`
    );
    expect(await page.textContent("#edit-effective-error")).toContain(
      `effectiveFrom ${day(-1)} is in the past`
    );
    expect(await page.getAttribute("#edit-date", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#edit-effective", "aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("edit-date");
    await page.click("#language");
    expect(await page.textContent("#edit-date-error")).toContain(
      `วันที่อนุมัติ ${formatDate(day(1)).th} ยังมาไม่ถึง`
    );
    expect(await page.textContent("#edit-effective-error")).toContain(
      `วันที่มีผล ${formatDate(day(-1)).th} เป็นวันที่ผ่านมาแล้ว`
    );
    await page.click("#language");
    // Today is neither: the confirmation opens.
    await page.fill("#edit-date", today);
    await page.fill("#edit-effective", formatDate(today).th);
    expect(await page.textContent("#edit-date-error")).toBe("");
    expect(await page.textContent("#edit-effective-error")).toBe("");
    await page.click("#edit-publish");
    await page.waitForSelector("#confirm:not([hidden])");
    await page.click("#confirm-no");
    expect(sent).toEqual([]);
  } finally {
    page.off("request", onRequest);
  }
});

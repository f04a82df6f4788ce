import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Page } from "playwright-core";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { devSignIn } from "../../bench/src/harness/pane";

/**
 * Issue #4 as a new user would try it: in a plain browser (admins may not have Excel open),
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
  await page.waitForFunction(
    () => document.getElementById("admin-message")?.textContent === "Published version 2"
  );
  await page.waitForFunction(() =>
    (document.getElementById("history")?.textContent ?? "").includes("1/2566")
  );

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

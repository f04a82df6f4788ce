import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Page } from "playwright-core";
import { devSignIn } from "../../bench/src/harness/pane";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";

/**
 * Four-eyes publishing in the built pane, in a plain browser, with the default
 * setting of one approval: somchai proposes the overall bar at 75, sees he cannot approve it
 * himself; suda signs in, sees the proposal with its diff, approves it, and version 2 is in
 * force (a formula follows it).
 */
let stack: PaneStack;
let page: Page;

beforeAll(async () => {
  stack = await startPaneStack({ SMARTCITY_PUBLISH_APPROVALS: "1" });
  page = stack.page;
  // Each wait is on a condition; 60 s rather than Playwright's 30 s, so a machine loaded by other
  // work (CI shares 2 cores with parallel suites) is not mistaken for a pane that never answers.
  page.setDefaultTimeout(60_000);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const textOf = (selector: string) => page.textContent(selector).then((text) => text ?? "");

test("somchai proposes from the pane; suda approves it there; version 2 is in force", async () => {
  await devSignIn(page, "Admin", "somchai");
  expect(await textOf("#sign-in-state")).toContain("somchai");
  await page.waitForSelector("#admin:not([hidden]) #history tr");
  await page.fill("#edit-overall", "75");
  await page.fill("#edit-reference", "1/2566");
  await page.fill("#edit-date", "๑๔ กรกฎาคม ๒๕๖๖");
  await page.fill("#edit-note", "Committee meeting 1/2566 lowered the overall bar");
  await page.waitForFunction(
    () => document.getElementById("edit-publish")?.textContent === "Propose…"
  );
  await page.click("#edit-publish");
  await page.waitForSelector("#confirm:not([hidden])");
  expect(await textOf("#confirm-text")).toContain("Another admin must approve them");
  await page.click("#confirm-yes");
  // Waits for any answer, so that a refusal fails here with its own words, not as a timeout.
  await page.waitForFunction(
    () => (document.getElementById("admin-message")?.textContent ?? "") !== ""
  );
  expect(await textOf("#admin-message")).toMatch(/^Proposed \(/);
  await page.waitForSelector("#proposals .proposal");
  expect(await textOf("#proposals .proposal-diff")).toBe("Overall bar: 80% → 75%");
  expect(await textOf("#proposals .proposal")).toContain("Your own proposal");
  expect(await page.$("#proposals .proposal-approve")).toBeNull();
  expect(await textOf("#history")).not.toContain("1/2566"); // nothing published yet

  await page.click("#sign-out");
  await devSignIn(page, "Admin", "suda");
  await page.waitForSelector("#proposals .proposal-approve");
  expect(await textOf("#proposals .proposal")).toContain("Proposed by somchai");
  expect(await textOf("#proposals .proposal-diff")).toBe("Overall bar: 80% → 75%");
  await page.click("#proposals .proposal-approve");
  await page.waitForFunction(
    () =>
      document.getElementById("proposals-message")?.textContent === "Approved: published version 2"
  );
  await page.waitForFunction(() =>
    (document.getElementById("history")?.textContent ?? "").includes("1/2566")
  );
  await page.waitForFunction(() =>
    (document.getElementById("proposals")?.textContent ?? "").includes("No proposal is waiting.")
  );
  expect(await stack.cell("THRESHOLD", "overall", null)).toBe(75);
  await page.screenshot({
    path: path.resolve(__dirname, "../../test-results/four-eyes-pane.png"),
    fullPage: true,
  });
}, 180_000);

import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Page } from "playwright-core";
import { formatBangkokDateTime, type ProposalResponse } from "@smartcity/shared";
import { devSignIn } from "../../bench/src/harness/pane";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { proposalsSettled } from "../helpers/proposals-settled";

/**
 * Four-eyes publishing in the built pane, in a plain browser, with the default
 * setting of one approval: somchai proposes the overall bar at 75, sees he cannot approve it
 * himself; suda signs in, sees the proposal with its diff and its time in Bangkok, approves it
 * (after a confirmation that Cancel leaves unsent), and version 2 is in force (a formula follows
 * it). Then somchai proposes again and suda rejects it, by keyboard, after the same confirmation.
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
  // What happened, in words (the version it would become, from when), and a form ready for the next.
  expect(await textOf("#admin-message")).toBe(
    "Proposal sent: version 2, in force from the day it is approved, waiting for another admin's approval"
  );
  await page.waitForFunction(
    () => (document.getElementById("edit-overall") as HTMLInputElement | null)?.value === "80"
  );
  for (const field of ["#edit-reference", "#edit-date", "#edit-effective", "#edit-note"])
    expect(await page.inputValue(field)).toBe("");
  await page.click("#language");
  expect(await textOf("#admin-message")).toBe(
    "ส่งข้อเสนอแล้ว: ฉบับที่ 2 มีผลตั้งแต่วันที่ได้รับอนุมัติ รอผู้ดูแลระบบคนอื่นอนุมัติ"
  );
  await page.click("#language");
  // The list is built again in English (a Thai build still under way is dropped).
  await page.waitForFunction(
    () =>
      document.querySelector("#proposals .proposal-diff")?.textContent === "Overall bar: 80% → 75%"
  );
  expect(await textOf("#proposals .proposal")).toContain("Your own proposal");
  expect(await page.$("#proposals .proposal-approve")).toBeNull();
  expect(await textOf("#history")).not.toContain("1/2566"); // nothing published yet

  await page.click("#sign-out");
  const listed = page.waitForResponse((response) =>
    response.url().includes("/api/proposals?status=pending")
  );
  await devSignIn(page, "Admin", "suda");
  const {
    proposals: [record],
  } = (await (await listed).json()) as { proposals: ProposalResponse[] };
  await page.waitForSelector("#proposals .proposal-approve");
  expect(await textOf("#proposals .proposal")).toContain("Proposed by somchai");
  expect(await textOf("#proposals .proposal-diff")).toBe("Overall bar: 80% → 75%");
  // The time is the committee's (Bangkok), never the record's UTC text.
  const at = formatBangkokDateTime(record.proposedAt);
  expect(await textOf("#proposals .proposal-by")).toContain(`Proposed by somchai on ${at.en},`);
  expect(await textOf("#proposals .proposal-by")).not.toContain(record.proposedAt.slice(11, 16));
  await page.click("#language");
  await page.waitForFunction(() =>
    (document.querySelector("#proposals .proposal-by")?.textContent ?? "").startsWith("เสนอโดย")
  );
  expect(await textOf("#proposals .proposal-by")).toContain(`เสนอโดย somchai เมื่อ ${at.th},`);
  await page.click("#language");
  await page.waitForSelector("#proposals .proposal-approve");
  await proposalsSettled(page);

  // Approve asks first, with the diff and the date it takes effect; Cancel sends nothing.
  const decisions: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/proposals\/[^/]+\/(approve|reject)/.test(request.url()))
      decisions.push(request.url());
  });
  await page.click("#proposals .proposal-approve");
  await page.waitForSelector("#proposals .proposal-confirm:not([hidden])");
  expect(await textOf("#proposals .proposal-confirm-text")).toContain("Approve this proposal?");
  expect(await textOf("#proposals .proposal-confirm-diff")).toBe(
    "Overall bar: 80% → 75%in force from the day it is approved"
  );
  expect(
    await page.evaluate(() => document.activeElement?.classList.contains("proposal-confirm-yes"))
  ).toBe(true);
  await page.click("#proposals .proposal-confirm-no");
  expect(await page.isHidden("#proposals .proposal-confirm")).toBe(true);
  expect(
    await page.evaluate(() => document.activeElement?.classList.contains("proposal-approve"))
  ).toBe(true);
  expect(decisions).toEqual([]);
  expect(await textOf("#proposals-message")).toBe("");
  await page.click("#proposals .proposal-approve");
  await page.click("#proposals .proposal-confirm-yes");
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

test("suda rejects somchai's next proposal by keyboard, after a confirmation Cancel leaves unsent", async () => {
  await page.click("#sign-out");
  await devSignIn(page, "Admin", "somchai");
  await page.waitForSelector("#admin:not([hidden]) #history tr");
  await page.waitForFunction(
    () => (document.getElementById("edit-overall") as HTMLInputElement | null)?.value === "75"
  );
  await page.fill("#edit-overall", "70");
  await page.fill("#edit-reference", "2/2566");
  await page.fill("#edit-date", "2023-08-01");
  await page.fill("#edit-note", "Committee meeting 2/2566 on a lower overall bar");
  await page.click("#edit-publish");
  await page.click("#confirm-yes");
  await page.waitForSelector("#proposals .proposal");

  await page.click("#sign-out");
  await devSignIn(page, "Admin", "suda");
  await page.waitForSelector("#proposals .proposal-reject");
  await proposalsSettled(page);
  const decisions: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/proposals\/[^/]+\/(approve|reject)/.test(request.url()))
      decisions.push(request.url());
  });
  await page.fill("#proposals .proposal-note", "Not yet agreed by the meeting");
  await page.focus("#proposals .proposal-reject");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#proposals .proposal-confirm:not([hidden])");
  expect(await textOf("#proposals .proposal-confirm-text")).toContain("Reject this proposal?");
  expect(await textOf("#proposals .proposal-confirm-diff")).toBe(
    "Overall bar: 75% → 70%in force from the day it is approved"
  );
  await page.keyboard.press("Escape");
  expect(await page.isHidden("#proposals .proposal-confirm")).toBe(true);
  expect(
    await page.evaluate(() => document.activeElement?.classList.contains("proposal-reject"))
  ).toBe(true);
  expect(decisions).toEqual([]);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#proposals .proposal-confirm:not([hidden])");
  await page.keyboard.press("Enter"); // the focus is on the confirmation's Reject
  await page.waitForFunction(
    () => document.getElementById("proposals-message")?.textContent === "Rejected"
  );
  expect(decisions).toHaveLength(1);
  await page.waitForFunction(() =>
    (document.getElementById("proposals")?.textContent ?? "").includes("No proposal is waiting.")
  );
  expect(await textOf("#history")).not.toContain("2/2566");
}, 180_000);

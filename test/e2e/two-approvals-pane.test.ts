import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Page } from "playwright-core";
import { formatBangkokDateTime, type ProposalResponse } from "@smartcity/shared";
import { devSignIn } from "../../bench/src/harness/pane";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { proposalsSettled } from "../helpers/proposals-settled";

/**
 * With two approvals needed, the approvals so far are listed with their time in the committee's
 * time zone (Bangkok), in English and in Thai, never the stored UTC.
 */
let stack: PaneStack;
let page: Page;

beforeAll(async () => {
  stack = await startPaneStack({ SMARTCITY_PUBLISH_APPROVALS: "2" });
  page = stack.page;
  page.setDefaultTimeout(60_000); // a machine shared with other suites may be slow to answer
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const textOf = (selector: string) => page.textContent(selector).then((text) => text ?? "");

test("an approval so far is shown with its time in Bangkok", async () => {
  await devSignIn(page, "Admin", "somchai");
  await page.waitForSelector("#edit-overall:enabled");
  await page.fill("#edit-overall", "76");
  await page.fill("#edit-reference", "5/2566");
  await page.fill("#edit-date", "2023-09-01");
  await page.fill("#edit-note", "Two approvals needed");
  await page.click("#edit-publish");
  await page.click("#confirm-yes");
  await page.waitForSelector("#proposals .proposal");

  await page.click("#sign-out");
  await devSignIn(page, "Admin", "suda");
  await page.waitForSelector("#proposals .proposal-approve");
  await proposalsSettled(page);
  await page.click("#proposals .proposal-approve");
  await page.click("#proposals .proposal-confirm-yes");
  await page.waitForFunction(
    () =>
      document.getElementById("proposals-message")?.textContent ===
      "Approval recorded; more approvals are needed"
  );

  await page.click("#sign-out");
  const listed = page.waitForResponse((response) =>
    response.url().includes("/api/proposals?status=pending")
  );
  await devSignIn(page, "Admin", "kanya");
  const {
    proposals: [record],
  } = (await (await listed).json()) as { proposals: ProposalResponse[] };
  const at = formatBangkokDateTime(record.approvals[0].at);
  await page.waitForSelector("#proposals .proposal-approvals");
  expect(await textOf("#proposals .proposal-approvals")).toBe(`Approved so far by suda (${at.en})`);
  await page.click("#language");
  await page.waitForFunction(() =>
    (document.querySelector("#proposals .proposal-approvals")?.textContent ?? "").startsWith(
      "อนุมัติแล้วโดย"
    )
  );
  expect(await textOf("#proposals .proposal-approvals")).toBe(`อนุมัติแล้วโดย suda (${at.th})`);
  await page.click("#language");
}, 180_000);

import { afterAll, beforeAll, expect, test } from "@jest/globals";
import {
  type ConsolidateResponse,
  ConsolidateResponseSchema,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import type { Page } from "playwright-core";
import { devSignIn } from "../../bench/src/harness/pane";
import { conflictWorkbooks, HIDDEN_SCORES } from "../helpers/conflict-workbooks";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";

/**
 * The BUILT secretary pane in headless Chromium against the real API and Azurite, consolidating
 * workbooks in which evaluators declared conflicts of interest: the applicant's card and the
 * issues show the flags naming the evaluators, and no part of the pane (text, chart, attribute)
 * holds a conflicted evaluator's score, as written or as the pane would round it.
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

test("the pane shows the conflict flags and none of the conflicted scores", async () => {
  await devSignIn(page, "Secretary");
  await page.waitForSelector("#secretary:not([hidden])");
  await page.waitForFunction(() =>
    (document.getElementById("consolidate-version")?.textContent ?? "").includes("version 1")
  );
  const files = await conflictWorkbooks();
  await page.setInputFiles(
    "#choose-files",
    files.map((file) => ({ name: file.name, mimeType: XLSX_MEDIA_TYPE, buffer: file.bytes }))
  );
  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith("/api/consolidate") && response.request().method() === "POST"
  );
  await page.click("#consolidate");
  const response: ConsolidateResponse = ConsolidateResponseSchema.parse(
    await (await answered).json()
  );
  await page.waitForSelector("#consolidate-message.ok");

  // Every text and attribute of the secretary's section, in both languages.
  const shown = [] as string[];
  for (let language = 0; language < 2; language++) {
    shown.push(await page.$eval("#secretary", (section) => section.outerHTML));
    await page.click("#language");
  }
  const rounded = HIDDEN_SCORES.flatMap((value) => [value, Number(value).toFixed(1)]);
  for (const html of shown) for (const value of rounded) expect(html).not.toContain(value);
  expect(shown[1]).toContain("ผลประโยชน์ทับซ้อน");

  const card = '#applicant-list > li[data-applicant="A-1"]';
  expect(await page.textContent(`${card} .flagged`)).toBe("⚑ 2 to discuss");
  expect(await page.textContent(`${card} g[data-dimension="environment"] .chart-number`)).toContain(
    "85"
  );
  const issues = (await page.$$eval("#issues-list li", (items) =>
    items.map((item) => item.textContent ?? "")
  )) as string[];
  expect(issues).toContainEqual(
    expect.stringMatching(/^Applicant: A-1 · .*สมชาย declared a conflict of interest/)
  );
  expect(issues).toContainEqual(
    expect.stringMatching(
      /^Applicant: A-1 · .*นิรันดร์ declared a conflict of interest .* but evaluated it in another row/
    )
  );
  expect(response.applicants[0].evaluators).toEqual(["สุดา"]);
});

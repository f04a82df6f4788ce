import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import {
  type ConsolidateResponse,
  ConsolidateResponseSchema,
  MAX_CONSOLIDATE_FILES,
  MAX_WORKBOOK_BYTES,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { devSignIn } from "../../bench/src/harness/pane";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { tempDir } from "../helpers/temp";

/**
 * The secretary's flow as a new user would try it, in the BUILT pane in headless Chromium
 * (outside Excel, so "Write to workbook" is not offered; its Office call has its own unit test)
 * against the real API and Azurite: choose two evaluators' workbooks with the file picker and
 * drop a third that is not a workbook, see the local limits refuse a file too large and too many
 * files, consolidate with the upload's progress reaching 100 %, read the summary table and the
 * issues, and download the consolidated workbook. An evaluator gets no secretary section; a
 * service failure is shown as the service's message and the button comes back.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/workbooks");
const SCREENSHOT = path.resolve(__dirname, "../../test-results/secretary-pane.png");

let stack: PaneStack;
let page: Page;
const downloads = tempDir("secretary-downloads");

beforeAll(async () => {
  stack = await startPaneStack();
  page = stack.page;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  downloads.remove();
});

const text = async (selector: string) => (await page.textContent(selector)) ?? "";
const fixture = (name: string) => ({
  name,
  mimeType: XLSX_MEDIA_TYPE,
  buffer: readFileSync(path.join(FIXTURES, name)),
});

test("an evaluator sees no secretary section", async () => {
  await devSignIn(page, "Evaluator");
  expect(await page.isHidden("#secretary")).toBe(true);
  await page.click("#sign-out");
  await page.waitForSelector("#dev-sign-in:not([hidden])");
});

test("a secretary chooses and drops workbooks, consolidates them, reads the results and downloads the workbook", async () => {
  await devSignIn(page, "Secretary");
  await page.waitForSelector("#secretary:not([hidden])");
  await page.waitForFunction(() =>
    (document.getElementById("consolidate-version")?.textContent ?? "").includes("version 1")
  );
  expect(await page.isDisabled("#consolidate")).toBe(true);
  expect(await text("#chosen-total")).toBe("No files chosen.");

  // Two workbooks through the file picker, then a third dropped on the drop zone.
  await page.setInputFiles("#choose-files", [fixture("somchai.xlsx"), fixture("suda.xlsx")]);
  const dropped = readFileSync(path.join(FIXTURES, "not-a-workbook.xlsx")).toString("base64");
  await page.evaluate((base64) => {
    const data = new DataTransfer();
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    data.items.add(new File([bytes], "not-a-workbook.xlsx", { lastModified: 1 }));
    const zone = document.getElementById("drop-zone") as HTMLElement;
    for (const type of ["dragenter", "dragover", "drop"]) {
      zone.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true })
      );
    }
  }, dropped);
  expect(
    await page.$$eval("#chosen-files tbody tr", (rows) => rows.map((row) => row.textContent))
  ).toEqual([
    expect.stringMatching(/^somchai\.xlsx\d+\.\d KB$/),
    expect.stringMatching(/^suda\.xlsx\d+\.\d KB$/),
    "not-a-workbook.xlsx192 B",
  ]);
  expect(await text("#chosen-total")).toMatch(/^3 files, \d+\.\d KB$/);

  // The local limits (shared's constants): nothing is added, and the pane says why.
  await page.setInputFiles("#choose-files", {
    name: "huge.xlsx",
    mimeType: XLSX_MEDIA_TYPE,
    buffer: Buffer.alloc(MAX_WORKBOOK_BYTES + 1),
  });
  expect(await text("#files-refused")).toBe(
    "huge.xlsx is 10.0 MB, above the 10 MB limit per file: not added."
  );
  await page.setInputFiles(
    "#choose-files",
    Array.from({ length: MAX_CONSOLIDATE_FILES }, (_, i) => ({
      name: `extra-${i}.xlsx`,
      mimeType: XLSX_MEDIA_TYPE,
      buffer: Buffer.from([i]),
    }))
  );
  expect(await text("#files-refused")).toBe(
    `At most ${MAX_CONSOLIDATE_FILES} files at a time, and that would make ${MAX_CONSOLIDATE_FILES + 3}: none of these were added.`
  );
  expect(await page.$$eval("#chosen-files tbody tr", (rows) => rows.length)).toBe(3);

  // Every value the progress bar takes, as the page sets it.
  await page.evaluate(() => {
    const bar = document.getElementById("consolidate-progress") as HTMLProgressElement;
    const seen: number[] = [];
    (window as unknown as { __progress: number[] }).__progress = seen;
    new MutationObserver(() => seen.push(bar.value)).observe(bar, {
      attributes: true,
      attributeFilter: ["value"],
    });
  });
  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith("/api/consolidate") && response.request().method() === "POST"
  );
  await page.click("#consolidate");
  const response: ConsolidateResponse = ConsolidateResponseSchema.parse(
    await (await answered).json()
  );
  await page.waitForSelector("#consolidate-message.ok");
  expect(await text("#consolidate-message")).toBe(
    // not-a-workbook.xlsx is refused, so it is counted apart from the files read.
    `6 applicants from 2 files (1 more file was not read: see the list of files), ruleset version 1. Eligible: ${response.applicants.filter((a) => a.eligible).length} of 6.`
  );
  const progress = await page.evaluate(
    () => (window as unknown as { __progress: number[] }).__progress
  );
  expect(progress.at(-1)).toBe(100);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(
    await page.$eval("#consolidate-progress", (bar) => (bar as HTMLProgressElement).value)
  ).toBe(100);
  expect(await text("#consolidate-progress-text")).toBe("100 %");
  expect(await page.isEnabled("#consolidate")).toBe(true);

  // The applicants: one card per applicant, as the service consolidated them.
  const cards = await page.$$eval("#applicant-list > li", (items) =>
    items.map((item) => ({
      id: item.getAttribute("data-applicant"),
      badge: item.querySelector(".badge")?.textContent,
      flags: item.querySelector(".flagged")?.textContent ?? "",
    }))
  );
  expect(cards).toEqual(
    response.applicants.map((applicant) => ({
      id: applicant.id,
      badge: applicant.eligible ? "✓ Eligible" : "✗ Not eligible",
      flags: applicant.flags.length > 0 ? `⚑ ${applicant.flags.length} to discuss` : "",
    }))
  );
  // A-006's Smart Environment: somchai 45, suda 75 → the mean, under the 70 bar, marked ✗.
  const environment = response.applicants[5].dimensions.find((d) => d.id === "environment");
  expect(environment?.percent).toBe(60);
  expect(
    await page.textContent(
      '#applicant-list > li[data-applicant="A-006"] g[data-dimension="environment"] .chart-number'
    )
  ).toBe("✗ 60");
  expect(response.applicants[5].flags.length).toBeGreaterThan(0);

  // The issues: the file that is not a workbook, the A-006 disagreement, the planted cells.
  const issues = await page.$$eval("#issues-list li", (items) =>
    items.map((item) => ({ kind: item.className, text: item.textContent }))
  );
  // Each issue once (a flag is not repeated as a warning, a file's error not per sheet).
  expect(new Set(issues.map((issue) => issue.text)).size).toBe(issues.length);
  expect(issues[0]).toEqual({
    kind: "issue-fileError",
    // The service's sentence starts with the file's name; the pane does not repeat it.
    text: expect.stringMatching(
      /^File not read: not-a-workbook\.xlsx: this is not a workbook that can be read/
    ),
  });
  expect(issues).toContainEqual({
    kind: "issue-flag",
    text: expect.stringMatching(/^Applicant: A-006 · .*: evaluators scored from 45 to 75/),
  });
  expect(issues).toContainEqual({
    kind: "issue-warning",
    text: expect.stringContaining("somchai.xlsx · Evaluation!I5"),
  });
  expect(await page.isHidden("#write-workbook")).toBe(true); // outside Excel

  // Download: the same files again with Accept xlsx, saved under the service's file name.
  // The browser shows a multipart body only to a route, and a route makes Playwright answer CORS
  // preflights itself: so this one request is routed (and passed on unchanged) to read its body;
  // the consolidation above went through the browser's own CORS.
  let body = "";
  await page.route("**/api/consolidate", (route) => {
    body = route.request().postDataBuffer()?.toString("latin1") ?? "";
    return route.continue();
  });
  const [download, sent] = await Promise.all([
    page.waitForEvent("download"),
    page.waitForRequest(
      (request) => request.url().endsWith("/api/consolidate") && request.method() === "POST"
    ),
    page.click("#download"),
  ]);
  await page.unroute("**/api/consolidate");
  expect(sent.headers().accept).toBe(XLSX_MEDIA_TYPE);
  // The version the table was computed with, as a field before the files.
  expect(body.indexOf('name="rulesetVersion"\r\n\r\n1\r\n')).toBeGreaterThan(-1);
  expect(body.indexOf('name="rulesetVersion"')).toBeLessThan(body.indexOf('name="files"'));
  expect(download.suggestedFilename()).toMatch(
    /^smartcity-consolidated-v1-\d{4}-\d{2}-\d{2}\.xlsx$/
  );
  const saved = path.join(downloads.dir, download.suggestedFilename());
  await download.saveAs(saved);
  await page.waitForSelector("#export-message.ok");
  expect(await text("#export-message")).toBe(`Saved ${download.suggestedFilename()}.`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    "Summary",
    "Details",
    "Issues",
    "Calibration",
  ]);

  // Calibration, shown and not applied: one row per evaluator compared, each a signed offset
  // written as text beside its bar (readable without colour), said in words to a screen reader.
  const offsets = await page.$$eval("#calibration-box g.offset", (groups) =>
    groups.map((group) => ({
      evaluator: group.getAttribute("data-evaluator"),
      number: group.querySelector(".chart-number")?.textContent ?? "",
    }))
  );
  expect(offsets.length).toBeGreaterThanOrEqual(2);
  for (const { number } of offsets) expect(number).toMatch(/^([+−]\d+\.\d\d|0\.00)( ⚑)?$/);
  const desc = await text("#calibration-box desc");
  for (const { evaluator } of offsets) expect(desc).toContain(`${evaluator}`);
  expect(desc).toContain(offsets[0].number);
  expect(await text("#calibration-box figcaption")).toBe(
    "Evaluators' offset from the panel: shown, not applied"
  );

  // In Thai, for the screenshot: the headers, the dimension names and the service's sentences.
  await page.click("#language");
  expect(await text("#secretary-heading")).toBe("รวมผลคะแนนจากผู้ประเมิน (เลขานุการ)");
  expect(await text("#applicant-list")).toContain("ผ่านเกณฑ์");
  expect(await text("#overview-box")).toContain("สิ่งแวดล้อมอัจฉริยะ");
  let calibrationTh = await text("#calibration-box");
  for (const { evaluator } of offsets)
    calibrationTh = calibrationTh.replaceAll(evaluator ?? "", "");
  expect(calibrationTh).toContain("แสดงไว้เพื่อทราบ ไม่ได้ปรับคะแนน");
  expect(calibrationTh).not.toMatch(/[A-Za-z]/);
  expect(await text("#issues-list")).toContain("ผู้ประเมินให้คะแนนต่างกันตั้งแต่ 45 ถึง 75");
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  // And at a task pane's width (Excel's default is about 350 px): the cards stack.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.locator("#secretary").screenshot({ path: SCREENSHOT.replace(".png", "-narrow.png") });
  if (viewport) await page.setViewportSize(viewport);
  await page.click("#language");
});

test("a service failure is shown as the service's message, in the pane's language, and the button comes back", async () => {
  const origin = new URL(page.url()).origin;
  const cors = {
    "access-control-allow-origin": origin,
    "access-control-allow-headers": "authorization, content-type",
    "access-control-allow-methods": "POST, OPTIONS",
  };
  await page.route("**/api/consolidate*", (route) =>
    route.request().method() === "OPTIONS"
      ? route.fulfill({ status: 204, headers: cors })
      : route.fulfill({
          status: 503,
          headers: { ...cors, "content-type": "application/json", "retry-after": "5" },
          body: JSON.stringify({
            error: {
              code: "STORAGE_UNAVAILABLE",
              message: { th: "ที่เก็บข้อมูลไม่ตอบสนอง", en: "storage did not answer" },
            },
          }),
        })
  );
  try {
    await page.click("#consolidate");
    await page.waitForSelector("#consolidate-message.error");
    expect(await text("#consolidate-message")).toBe(
      `scoring service at ${stack.api.url} answered 503: storage did not answer`
    );
    expect(await page.isEnabled("#consolidate")).toBe(true);
    expect(await page.isHidden("#consolidate-result")).toBe(true);
    await page.click("#language");
    expect(await text("#consolidate-message")).toBe(
      `บริการประเมินที่ ${stack.api.url} ตอบกลับด้วยรหัส 503: ที่เก็บข้อมูลไม่ตอบสนอง`
    );
    await page.click("#language");
  } finally {
    await page.unroute("**/api/consolidate*");
  }

  // A network failure (the connection refused) says where the pane tried to reach.
  await page.route("**/api/consolidate*", (route) => route.abort("connectionrefused"));
  try {
    await page.click("#consolidate");
    await page.waitForFunction(() =>
      (document.getElementById("consolidate-message")?.textContent ?? "").includes(
        "could not reach the scoring service at"
      )
    );
    expect(await text("#consolidate-message")).toContain(stack.api.url);
    expect(await page.isEnabled("#consolidate")).toBe(true);
  } finally {
    await page.unroute("**/api/consolidate*");
  }
});

import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, XLSX_MEDIA_TYPE } from "@smartcity/shared";
import type { Page } from "playwright-core";
import { devSignIn } from "../../bench/src/harness/pane";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";

/**
 * The pane's views as people use them, in the BUILT pane in headless Chromium against the real
 * API and Azurite, at a task pane's width (350 px) and on a desktop (1280 px), in Thai and in
 * English: the secretary's results as cards whose reasons open from the keyboard, with charts
 * drawn; a consolidation where every file failed shown as an error with nothing to download;
 * the ruleset table with every dimension's bar and weight; the admin form with its labels, no
 * errors before typing, a problem under the field it concerns, and a diff in words.
 * Screenshots go to test-results/pane-*.png (and to $PANE_SHOTS when set).
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/workbooks");
const RESULTS = path.resolve(__dirname, "../../test-results");
const WIDTHS = [350, 1280] as const;
const LANGUAGES = ["en", "th"] as const;

let stack: PaneStack;
let page: Page;

beforeAll(async () => {
  stack = await startPaneStack();
  page = stack.page;
  mkdirSync(RESULTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const fixture = (name: string) => ({
  name,
  mimeType: XLSX_MEDIA_TYPE,
  buffer: readFileSync(path.join(FIXTURES, name)),
});

async function setLanguage(language: "en" | "th"): Promise<void> {
  const now = await page.evaluate(() => document.documentElement.lang);
  if (now !== language) await page.click("#language");
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

async function shot(name: string, selector?: string): Promise<void> {
  const file = path.join(RESULTS, `pane-${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
  if (process.env.PANE_SHOTS) {
    mkdirSync(process.env.PANE_SHOTS, { recursive: true });
    copyFileSync(file, path.join(process.env.PANE_SHOTS, `pane-${name}.png`));
  }
}

/** Nothing in the page is wider than the viewport: no sideways scrolling. */
async function fitsWidth(): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > window.innerWidth + 0.5;
      })
      .map((element) => `${element.tagName}#${element.id}.${element.className}`)
  );
}

describe("the secretary's results", () => {
  beforeAll(async () => {
    await devSignIn(page, "Secretary");
    await page.waitForSelector("#secretary:not([hidden])");
    await page.setInputFiles("#choose-files", [fixture("somchai.xlsx"), fixture("suda.xlsx")]);
    await page.click("#consolidate");
    await page.waitForSelector("#consolidate-message.ok");
  }, 60_000);

  for (const width of WIDTHS) {
    for (const language of LANGUAGES) {
      test(`${width} px, ${language}: cards that fit, reasons opened from the keyboard, charts drawn`, async () => {
        await page.setViewportSize({ width, height: 900 });
        await setLanguage(language);
        expect(await page.$$eval("#applicant-list > li", (items) => items.length)).toBe(6);
        expect(await fitsWidth()).toEqual([]);
        // Each card says eligible or not in words, with ✓/✗ (not colour alone).
        const badges = await page.$$eval("#applicant-list .badge", (items) =>
          items.map((item) => item.textContent)
        );
        const words =
          language === "en" ? ["✓ Eligible", "✗ Not eligible"] : ["✓ ผ่านเกณฑ์", "✗ ไม่ผ่านเกณฑ์"];
        expect(badges.every((badge) => words.includes(badge ?? ""))).toBe(true);
        expect(new Set(badges)).toEqual(new Set(words));

        // From the sort control, Tab reaches the first card's disclosure; Enter opens it.
        await page.focus("#applicant-sort");
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
        const notEligible = await page.$$eval("#applicant-list > li", (items) =>
          items.findIndex((item) => item.classList.contains("not-eligible"))
        );
        for (let i = 0; i < notEligible; i++) await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        const card = page.locator("#applicant-list > li").nth(notEligible);
        expect(await card.locator("details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(
          true
        );
        const reasons = await card.locator(".reasons li").allTextContents();
        expect(reasons.length).toBeGreaterThan(0);
        // The chart: one bar per proposed dimension, described in words for screen readers.
        const chart = card.locator("svg.chart");
        expect(await chart.getAttribute("role")).toBe("img");
        expect(await chart.locator("g[data-dimension]").count()).toBeGreaterThan(0);
        expect(await chart.locator("desc").textContent()).toMatch(
          language === "en" ? /bar/ : /เกณฑ์/
        );
        expect((await chart.boundingBox())?.width).toBeGreaterThan(100);
        // The overview chart.
        expect(await page.locator("#overview-box svg g.overview").count()).toBeGreaterThan(0);
        await shot(`secretary-${width}-${language}`, "#secretary");
        await page.keyboard.press("Enter"); // close it again for the next run
      });
    }
  }

  test("filter and sort: eligible only, flagged only, lowest overall first; the count is announced", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLanguage("en");
    expect(await page.getAttribute("#applicant-count", "role")).toBe("status");
    await page.selectOption("#applicant-filter", "eligible");
    const eligible = await page.$$eval("#applicant-list > li", (items) =>
      items.map((item) => item.classList.contains("eligible"))
    );
    expect(eligible.length).toBeGreaterThan(0);
    expect(eligible.every(Boolean)).toBe(true);
    expect(await page.textContent("#applicant-count")).toBe(
      `Showing ${eligible.length} of 6 applicants.`
    );
    await page.selectOption("#applicant-filter", "flagged");
    expect(
      await page.$$eval("#applicant-list > li", (items) =>
        items.every((item) => item.querySelector(".flagged") !== null)
      )
    ).toBe(true);
    await page.selectOption("#applicant-filter", "all");
    await page.selectOption("#applicant-sort", "overallAsc");
    const overall = await page.$$eval("#applicant-list .overall", (items) =>
      items.map((item) => Number(/([\d.]+)%/.exec(item.textContent ?? "")?.[1] ?? "NaN"))
    );
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    await page.selectOption("#applicant-sort", "order");
  });

  test("every file failed: an error, no cards and nothing to download; the issues say why", async () => {
    await page.click("#clear-files");
    await page.setInputFiles("#choose-files", [fixture("not-a-workbook.xlsx")]);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await setLanguage("en");
      await page.click("#consolidate");
      await page.waitForSelector("#consolidate-message.error");
      expect(await page.textContent("#consolidate-message")).toBe(
        "None of the 1 file could be read, so nothing was consolidated. Why each failed is listed under Issues."
      );
      expect(await page.isHidden("#consolidate-result")).toBe(true);
      expect(await page.isHidden("#download")).toBe(true);
      expect(await page.textContent("#issues-list")).toContain("not-a-workbook.xlsx");
      await setLanguage("th");
      expect(await page.textContent("#consolidate-message")).toBe(
        "อ่านไฟล์ไม่ได้ทั้ง 1 ไฟล์ จึงไม่มีผลคะแนนให้รวม ดูสาเหตุของแต่ละไฟล์ได้ในหัวข้อประเด็นที่ต้องพิจารณา"
      );
      await shot(`all-failed-${width}-th`, "#secretary");
    }
    await setLanguage("en");
    await page.click("#sign-out");
  });
});

describe("the ruleset table and the admin form", () => {
  beforeAll(async () => {
    await devSignIn(page, "Admin");
    await page.waitForSelector("#admin:not([hidden]) #history tbody tr");
    await page.waitForSelector("#edit-dimensions tbody tr");
  }, 60_000);

  test("every dimension's bar and weight; dates in the Buddhist Era in Thai", async () => {
    await setLanguage("en");
    const rows = await page.$$eval("#ruleset-dimensions tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent))
    );
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row[1]).toMatch(/^≥ \d+(\.\d+)?%/);
      expect(row[2]).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(await page.textContent("#ruleset-table")).toContain("3/2561 (27 September 2018)");
    // The five preliminary criteria, every one of which a plan must meet.
    expect(
      await page.$$eval("#ruleset-preliminary tbody td", (cells) =>
        cells.map((cell) => cell.textContent)
      )
    ).toEqual(BASELINE_RULESET.rules.preliminaryCriteria?.map((criterion) => criterion.name.en));
    await setLanguage("th");
    expect(await page.textContent("#ruleset-preliminary caption")).toBe(
      "เกณฑ์เบื้องต้น: แผนต้องผ่านทุกข้อ"
    );
    expect(await page.textContent("#ruleset-preliminary tbody")).toContain("เป็นนิติบุคคล");
    expect(await page.textContent("#ruleset-table")).toContain("3/2561 (27 กันยายน 2561)");
    for (const width of WIDTHS) {
      for (const language of LANGUAGES) {
        await page.setViewportSize({ width, height: 900 });
        await setLanguage(language);
        expect(await fitsWidth()).toEqual([]);
        await shot(`ruleset-${width}-${language}`, "#ruleset");
      }
    }
  });

  test("the form: labelled inputs named by dimension, no errors before typing, a problem under its field in both languages", async () => {
    await page.setViewportSize({ width: 350, height: 900 });
    await setLanguage("en");
    expect(await page.textContent("#edit-overall-error")).toBe("");
    expect(await page.textContent("#edit-problems")).toBe("");
    expect(await page.locator("[aria-invalid=true]").count()).toBe(0);
    expect(await page.getByRole("spinbutton", { name: "Smart Energy: weight" }).count()).toBe(1);
    expect(await page.getByRole("spinbutton", { name: "Smart Energy: own bar %" }).count()).toBe(1);
    expect(await page.getByRole("combobox", { name: "From version" }).count()).toBe(1);
    expect(await page.getByRole("combobox", { name: "To version" }).count()).toBe(1);
    expect(
      await page.$$eval("#edit-dimensions thead th", (ths) => ths.map((th) => th.textContent))
    ).toEqual(["Dimension", "Weight", "Own bar %", "Mandatory"]);

    await page.fill("#edit-overall", "120");
    expect(await page.textContent("#edit-overall-error")).toBe("Must be at most 100.");
    expect(await page.getAttribute("#edit-overall", "aria-invalid")).toBe("true");
    // Only the field typed in shows its problem; the empty approval fields are quiet so far.
    expect(await page.textContent("#edit-reference-error")).toBe("");
    await setLanguage("th");
    expect(await page.textContent("#edit-overall-error")).toBe("ต้องไม่เกิน 100");
    await page.fill("#edit-date", "31/02/2566");
    expect(await page.textContent("#edit-date-error")).toBe("ไม่มีวันที่นี้ในปฏิทิน");
    // Asking to publish shows every problem, and goes to the first.
    await page.click("#edit-publish");
    expect(await page.textContent("#edit-reference-error")).toBe(
      "โปรดกรอกครั้งที่ประชุมที่อนุมัติ เช่น 1/2566"
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("edit-overall");
    expect(await page.isHidden("#confirm")).toBe(true);
    for (const width of WIDTHS) {
      for (const language of LANGUAGES) {
        await page.setViewportSize({ width, height: 900 });
        await setLanguage(language);
        expect(await fitsWidth()).toEqual([]);
        await shot(`admin-${width}-${language}`, "#admin");
      }
    }
  });

  test("a publish confirmed after reading the diff in words; the history's diff reads the same", async () => {
    await setLanguage("en");
    await page.fill("#edit-overall", "75");
    await page.fill("#edit-reference", "1/2566");
    await page.fill("#edit-date", "๑๔ กรกฎาคม ๒๕๖๖");
    await page.fill("#edit-note", "Committee meeting 1/2566 lowered the overall bar");
    expect(await page.locator("[aria-invalid=true]").count()).toBe(0);
    await page.click("#edit-publish");
    await page.waitForSelector("#confirm:not([hidden])");
    expect(await page.textContent("#confirm-diff")).toBe("Overall bar: 80% → 75%");
    await setLanguage("th");
    expect(await page.textContent("#confirm-diff")).toBe("เกณฑ์ภาพรวม: 80% → 75%");
    await page.click("#confirm-yes");
    await page.waitForFunction(() =>
      (document.getElementById("history")?.textContent ?? "").includes("1/2566")
    );
    expect(await page.textContent("#history")).toContain("14 กรกฎาคม 2566");
    await page.selectOption("#diff-a", "1");
    await page.selectOption("#diff-b", "2");
    await page.click("#diff-show");
    await page.waitForFunction(
      () => (document.getElementById("diff-out")?.textContent ?? "") !== ""
    );
    expect(await page.textContent("#diff-out")).toBe("เกณฑ์ภาพรวม: 80% → 75%");
    await setLanguage("en");
    expect(await page.textContent("#diff-out")).toBe("Overall bar: 80% → 75%");
    expect(await page.textContent("#sign-in-state")).toBe("Signed in as Dev Admin (Admin)");
    await setLanguage("th");
    expect(await page.textContent("#sign-in-state")).toBe("ลงชื่อเข้าใช้เป็น Dev Admin (ผู้ดูแลระบบ)");
  });
});

import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../bench/src/harness/browser";
import { serveHttps } from "../../bench/src/harness/https-static";
import { CELL_SHOWS, LOAD_FUNCTIONS_JSON } from "../../bench/src/harness/office-standin";
import { openPaneInExcel } from "../helpers/excel-host-page";
import type { StandInSheet } from "../helpers/excel-workbook-standin";

/**
 * The Evaluate tab's "Functions in Excel", in the BUILT pane in headless Chromium with Excel
 * stood in for (excel-host-page.ts, excel-workbook-standin.ts): whether Excel runs this build's
 * functions (from what the runtime associated, the functions.json the site serves, and the
 * parameterAddresses each invocation brings), and the button that recalculates the workbook's
 * SMARTCITY cells, and only those, then counts the cells still #BUSY!. No scoring service is
 * needed: the section works without one (its address here refuses connections).
 */
const DIST = path.resolve(__dirname, "../../addin/dist");
const NO_SERVICE = "http://127.0.0.1:9";
const SHOTS = "/tmp/health-shots";

// Sheet1 from B2: SMARTCITY formulas in any case and nested in another function; other formulas
// (one with "SMARTCITY." in a string); text naming SMARTCITY.; plain values. Sheet2 from A1: a
// row of two. Sheet3 blank (a null used range). Two SMARTCITY cells are stuck on #BUSY!.
const SHEETS: StandInSheet[] = [
  {
    name: "Sheet1",
    at: [1, 1],
    rows: [
      ["Applicant", "Score", "Sum", "Note"],
      [
        "A-001",
        { formula: "=SMARTCITY.SCORE(F3:L3)", value: 80 },
        { formula: "=SUM(F3:L3)", value: 500 },
        "SMARTCITY.SCORE is the function",
      ],
      [
        "A-002",
        { formula: "=smartcity.score(F4:L4)", value: 75 },
        { formula: '=IF(B4="SMARTCITY.SCORE(",1,0)', value: 0 },
        42,
      ],
      [
        "A-003",
        { formula: "=ROUND(SMARTCITY.SCORE(F5:L5),0)", value: 70, busy: true },
        { formula: "=SUM(C3:C5)", value: 225 },
        { formula: '="SMARTCITY."&"X"', value: "SMARTCITY.X" },
      ],
    ],
  },
  {
    name: "Sheet2",
    rows: [
      [
        { formula: "=SMARTCITY.ELIGIBLE(A2:G2)", busy: true },
        { formula: '=SMARTCITY.REASONS(A2:G2,,,,,"th")', value: "" },
        true,
      ],
    ],
  },
  { name: "Sheet3", rows: [] },
];
const SMARTCITY_CELLS = ["Sheet1!C3", "Sheet1!C4", "Sheet1!C5", "Sheet2!A1", "Sheet2!B1"];
const settled = (sheets: StandInSheet[]) =>
  sheets.map((sheet) => ({
    ...sheet,
    rows: sheet.rows.map((row) =>
      row.map((cell) => (cell && typeof cell === "object" ? { ...cell, busy: false } : cell))
    ),
  }));

let site: Awaited<ReturnType<typeof serveHttps>>;
let browser: Browser;

beforeAll(async () => {
  site = await serveHttps(DIST);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(
  sheets = SHEETS,
  excelApi?: number,
  width = 1280,
  displayLanguage = "en-US"
): Promise<Page> {
  const page = await openPaneInExcel(browser, site.origin, NO_SERVICE, [], width, {
    displayLanguage,
    workbook: { sheets, excelApi },
  });
  page.setDefaultTimeout(30_000);
  await page.evaluate(LOAD_FUNCTIONS_JSON);
  await page.waitForSelector("#health-verdict[data-verdict]:not([data-verdict=''])");
  return page;
}

const verdictOf = (page: Page) => page.getAttribute("#health-verdict", "data-verdict");
const textOf = (page: Page, selector: string) =>
  page.textContent(selector).then((text) => text ?? "");
/** Calls a function by id as Excel does (CELL_SHOWS), with the invocation Excel would pass. */
const call = (page: Page, id: string, args: unknown[]) =>
  page.evaluate(`(${CELL_SHOWS})(${JSON.stringify(id)}, ${JSON.stringify(args)})`);
const scores = [[80, 75, 90, 70, 85, 60, 72]];

describe("whether Excel runs this build's functions", () => {
  test("up to date: every function associated, the served functions.json is the built one, calls match", async () => {
    const page = await open();
    try {
      expect(await verdictOf(page)).toBe("upToDate");
      expect(await textOf(page, "#health-verdict")).toContain("Up to date");
      const details = await textOf(page, "#health-details");
      expect(details).toContain("Functions registered with Excel: 7 of 7.");
      expect(details).toContain("The functions the site serves are this version's.");
      expect(details).toContain("No formula calculated yet");
      // A call under this build's metadata: four parameters, four addresses.
      await call(page, "SCORE", [scores, null, null, null, at(4, "SMARTCITY.SCORE")]);
      await call(page, "THRESHOLD", ["overall", null, at(2, "SMARTCITY.THRESHOLD")]);
      await page.waitForSelector("#health-details >> text=2 formulas");
      expect(await verdictOf(page)).toBe("upToDate");
      expect(await textOf(page, "#health-details")).toContain(
        "2 formulas were calculated with this version's arguments."
      );
      expect(
        await page.evaluate(
          () => (document.getElementById("health-reload") as HTMLDetailsElement).open
        )
      ).toBe(false);
    } finally {
      await page.close();
    }
  });

  test("Excel holding the earlier metadata: one address fewer, the invocation in track's place", async () => {
    const page = await open();
    try {
      // An Excel with the functions.json from before `track`: three parameters, so three
      // addresses, and the invocation arrives where this build has `track`.
      await call(page, "SCORE", [scores, null, null, at(3, "SMARTCITY.SCORE")]);
      await page.waitForSelector("#health-verdict[data-verdict=excelStale]");
      expect(await textOf(page, "#health-verdict")).toContain(
        "Excel holds the functions of an earlier version"
      );
      expect(await textOf(page, "#health-details")).toContain(
        "SMARTCITY.SCORE came with 3 arguments; this version has 4."
      );
      // The reload steps open by themselves, with Microsoft's folders.
      expect(await page.isVisible("#health-reload >> text=Trusted Add-in Catalogs")).toBe(true);
      expect(await textOf(page, "#health-reload")).toContain(
        "%LOCALAPPDATA%\\Microsoft\\Office\\16.0\\Wef\\"
      );
      await shots(page, "stale");
    } finally {
      await page.close();
    }
  });

  test("the served functions.json differs from the one the pane was built with", async () => {
    const page = await open();
    try {
      expect(await verdictOf(page)).toBe("upToDate");
      const built = JSON.parse(readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
        functions: { id: string; parameters: unknown[] }[];
      };
      // The site now serves a SCORE without `track`, and no DIMENSIONS.
      const served = {
        functions: built.functions
          .filter((entry) => entry.id !== "DIMENSIONS")
          .map((entry) =>
            entry.id === "SCORE" ? { ...entry, parameters: entry.parameters.slice(0, 3) } : entry
          ),
      };
      await page.route("**/functions.json", (route) =>
        route.fulfill({ contentType: "application/json", body: JSON.stringify(served) })
      );
      await page.click("#health-check");
      await page.waitForSelector("#health-verdict[data-verdict=servedDiffers]");
      expect(await textOf(page, "#health-details")).toContain(
        "The site serves these functions otherwise: SMARTCITY.DIMENSIONS, SMARTCITY.SCORE."
      );
    } finally {
      await page.close();
    }
  });
});

describe("the button that recalculates the SMARTCITY cells", () => {
  const recalculated = (page: Page) =>
    page.evaluate(() =>
      [...(window as unknown as { __recalculated: string[] }).__recalculated].sort()
    );
  const finished = (page: Page) => page.waitForSelector("#busy-message[data-phase=done]");

  test("recalculates exactly the cells whose formula calls SMARTCITY., on every sheet, and counts 0 busy", async () => {
    const page = await open(settled(SHEETS));
    try {
      expect(await recalculated(page)).toEqual([]);
      await page.click("#recalc-smartcity");
      await finished(page);
      expect(await recalculated(page)).toEqual(SMARTCITY_CELLS);
      expect(await textOf(page, "#recalc-message")).toBe(
        "5 cells with scoring functions recalculated."
      );
      expect(await page.getAttribute("#busy-message", "data-busy")).toBe("0");
      expect(await textOf(page, "#busy-message")).toBe("All settled: no cell is busy.");
    } finally {
      await page.close();
    }
  });

  test("the cells still #BUSY! after the calls' time are counted, in English and in Thai", async () => {
    const page = await open();
    try {
      await page.click("#recalc-smartcity");
      // While waiting it says how many it waits for; the button waits too.
      await page.waitForSelector("#busy-message[data-phase=waiting]");
      expect(await page.isDisabled("#recalc-smartcity")).toBe(true);
      await finished(page);
      expect(await recalculated(page)).toEqual(SMARTCITY_CELLS);
      expect(await page.getAttribute("#busy-message", "data-busy")).toBe("2");
      expect(await textOf(page, "#busy-message")).toBe(
        "2 cells are still busy (#BUSY!): reload the add-in if they stay so."
      );
      await page.click("#language");
      await page.waitForFunction(() => document.documentElement.lang === "th");
      expect(await textOf(page, "#busy-message")).toContain("ยังคำนวณไม่เสร็จ 2 เซลล์");
      // The reload steps opened too, so that their words are on screen.
      await page.click("#health-reload > summary");
      expect(await englishLines(page)).toEqual([]);
      await page.click("#language");
      await shots(page, "busy");
    } finally {
      await page.close();
    }
  }, 60_000);

  test("an Excel without ExcelApi 1.6 is told so, and nothing is recalculated", async () => {
    const page = await open(SHEETS, 1.5);
    try {
      await page.click("#recalc-smartcity");
      await page.waitForSelector("#busy-message[data-phase=unsupported]", { state: "attached" });
      expect(await textOf(page, "#recalc-message")).toContain("it lacks ExcelApi 1.6");
      expect(await recalculated(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/**
 * The lines of the section's visible text with Latin letters once what is not a word is taken
 * out: function names as written in a formula, Excel's error values, Excel's name, and text
 * marked as in another language or none (the folder paths).
 */
async function englishLines(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const section = document.getElementById("functions-health") as HTMLElement;
    let shown = section.innerText;
    for (const element of section.querySelectorAll<HTMLElement>("[lang]:not([lang=th])"))
      shown = shown.replace(element.innerText, "");
    return shown;
  });
  return [/SMARTCITY\.[A-Z]+/g, /#(BUSY!|NAME\?|N\/A)/g, /\bExcel\b/g]
    .reduce((rest, pattern) => rest.replace(pattern, ""), text)
    .split("\n")
    .filter((line) => /[A-Za-z]/.test(line));
}

function at(count: number, functionName: string) {
  return {
    functionName,
    parameterAddresses: Array.from({ length: count }, (_, index) => `Sheet1!A${index + 1}`),
  };
}

async function shots(page: Page, name: string): Promise<void> {
  for (const width of [350, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const language of ["th", "en"] as const) {
      if ((await page.evaluate(() => document.documentElement.lang)) !== language)
        await page.click("#language");
      await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
      await page.locator("#functions-health").screenshot({
        path: path.join(SHOTS, `${name}-${width}-${language}.png`),
      });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

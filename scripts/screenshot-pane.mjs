// `npm run screenshots`: the pictures of the task pane in docs/images/, taken from the BUILT
// add-in (addin/dist, from `npm run build`; this script builds nothing) in headless Chromium,
// with office.js answered by the documented stand-in, against a local API on an in-memory
// Azurite, the same harness the end-to-end tests and the benchmarks use. Run it again after
// a change to the pane: commit the two PNGs it writes to docs/images/ (the README's), and look
// at every tab in out/screenshots/ (git-ignored).
/* global document */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "addin", "dist");
const BENCH = path.join(ROOT, "bench", "dist");
const OUT = path.join(ROOT, "docs", "images");
// A picture above this is a sign that the page changed (or the browser drew something else).
const MAX_BYTES = 200 * 1024;

if (
  !existsSync(path.join(DIST, "taskpane.html")) ||
  !existsSync(path.join(BENCH, "http-bench.js"))
) {
  process.stderr.write(
    "npm run screenshots: run `npm run build` first (it needs addin/dist and bench/dist)\n"
  );
  process.exit(1);
}

// The harness is compiled TypeScript (CommonJS) under bench/dist.
const require = createRequire(import.meta.url);
const { launchChromium } = require(path.join(BENCH, "harness", "browser.js"));
const { serveHttps } = require(path.join(BENCH, "harness", "https-static.js"));
const { devSignIn, openPane } = require(path.join(BENCH, "harness", "pane.js"));
const { withOfficeStandIn } = require(path.join(BENCH, "harness", "browser.js"));
const { CELL_SHOWS } = require(path.join(BENCH, "harness", "office-standin.js"));
const { startService } = require(path.join(BENCH, "http-bench.js"));

/**
 * On top of the office.js stand-in (bench/src/harness/office-standin.ts), what the pane reads at
 * load inside Excel: Office.onReady's host "Excel", the workbook's settings (the pin), and an
 * Excel.run whose recalculation does nothing. Enough for the pane to show what an evaluator sees
 * in Excel; test/helpers/excel-host-page.ts stands in for more (the active sheet) where a test
 * needs it.
 */
const IN_EXCEL = `(() => {
  const onReady = window.Office.onReady;
  const stored = new Map();
  const settings = {
    get: (name) => (stored.has(name) ? stored.get(name) : null),
    set: (name, value) => stored.set(name, value),
    remove: (name) => stored.delete(name),
    saveAsync: (callback) => setTimeout(() => callback({ status: "succeeded" }), 0),
  };
  window.Office.onReady = (callback) =>
    onReady().then((info) => {
      window.Office.context.document = { settings };
      window.Office.context.requirements = { isSetSupported: () => true };
      const excel = { ...info, host: "Excel" };
      if (callback) callback(excel);
      return excel;
    });
  window.Excel = {
    CalculationType: { full: "Full" },
    run: (batch) => batch({ workbook: { application: { calculate: () => undefined } }, sync: async () => undefined }),
  };
})();`;

/**
 * The pictures the README shows, kept in docs/images/: the evaluator's pane as it opens in
 * Excel, in Thai at a task pane's width (the whole pane) and in English on a desktop (as much
 * as fits).
 */
const DOC_SHOTS = [
  { file: "pane-evaluator-th-350.png", language: "th-TH", width: 350, height: 900, fullPage: true },
  {
    file: "pane-evaluator-en-1280.png",
    language: "en-US",
    width: 1280,
    height: 800,
    fullPage: false,
  },
];
/**
 * Every tab, for looking at while changing the pane (git-ignored, in out/screenshots/): at a
 * task pane's width and on a desktop, in Thai and in English; each tab as an evaluator sees it
 * (Consolidate and Rulesets then say which role they need), then Consolidate and Rulesets as an
 * admin sees them.
 */
const TAB_OUT = path.join(ROOT, "out", "screenshots");
const TAB_SHOTS = [350, 1280].flatMap((width) =>
  ["th-TH", "en-US"].map((language) => ({ language, width, height: 900 }))
);
const TABS = ["evaluate", "consolidate", "rulesets"];

const keyDir = mkdtempSync(path.join(os.tmpdir(), "smartcity-screenshots-"));
const stoppers = [];
let failed = false;
try {
  const site = await serveHttps(DIST);
  stoppers.push(() => site.close());
  const api = await startService(path.join(keyDir, "key.json"), {
    SMARTCITY_CORS_ORIGINS: site.origin,
  });
  stoppers.push(() => api.stop());
  const browser = await launchChromium();
  stoppers.push(() => browser.close());
  mkdirSync(OUT, { recursive: true });

  /** The pane open as in Excel, in a language and at a width, signed in as an evaluator. */
  const openSignedIn = async (shot) => {
    const page = await openPane(browser, site.origin, api.url, {
      displayLanguage: shot.language,
      platform: "PC",
    });
    await page.setViewportSize({ width: shot.width, height: shot.height });
    await withOfficeStandIn(page, IN_EXCEL);
    await page.reload();
    const lang = shot.language.slice(0, 2);
    await page.waitForFunction((expected) => document.documentElement.lang === expected, lang);
    await page.waitForSelector("#service-status.ok", { timeout: 10_000 });
    // The field shows the address `npm start` serves (7071) rather than this run's free port,
    // unsaved, so that the picture is what a newcomer sees and the same from run to run (signed
    // in, the field is folded away; it is filled before).
    await page.fill("#service-url", "http://127.0.0.1:7071");
    await devSignIn(page, "Evaluator");
    return page;
  };
  const take = async (page, file, fullPage) => {
    // The pointer off the tabs, and the selected tab's indicator done sliding to it.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    // Fonts (the pane's own Thai face) are loaded before the picture is taken.
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: file, fullPage });
    return statSync(file).size;
  };

  mkdirSync(OUT, { recursive: true });
  for (const shot of DOC_SHOTS) {
    const page = await openSignedIn(shot);
    const file = path.join(OUT, shot.file);
    const bytes = await take(page, file, shot.fullPage);
    await page.close();
    process.stdout.write(`${path.relative(ROOT, file)}: ${Math.round(bytes / 1024)} KB\n`);
    if (bytes > MAX_BYTES) {
      process.stderr.write(`  above ${MAX_BYTES / 1024} KB: make the picture smaller\n`);
      failed = true;
    }
  }

  mkdirSync(TAB_OUT, { recursive: true });
  for (const shot of TAB_SHOTS) {
    const page = await openSignedIn(shot);
    const name = (tab, who) => `pane-${tab}-${who}-${shot.language.slice(0, 2)}-${shot.width}.png`;
    const files = [];
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      files.push(path.join(TAB_OUT, name(tab, "evaluator")));
      await take(page, files.at(-1), true);
    }
    // Offline: the browser without network, and a formula that finds it so (the banner).
    await page.click("#tab-evaluate");
    await page.context().setOffline(true);
    await page.evaluate(
      `(${CELL_SHOWS})("SCORE", [[[85, 80, null, null, null, null, 90]], null, null, null, { parameterAddresses: ["Sheet1!H2:N2"] }])`
    );
    await page.waitForSelector("#offline-banner:not([hidden])");
    files.push(path.join(TAB_OUT, name("evaluate", "offline")));
    await take(page, files.at(-1), false);
    await page.context().setOffline(false);
    await page.waitForSelector("#offline-banner", { state: "hidden" });
    await page.click("#sign-out");
    await devSignIn(page, "Admin");
    await page.waitForSelector("#history tbody tr");
    for (const tab of TABS.slice(1)) {
      await page.click(`#tab-${tab}`);
      files.push(path.join(TAB_OUT, name(tab, "admin")));
      await take(page, files.at(-1), true);
    }
    await page.close();
    for (const file of files) process.stdout.write(`${path.relative(ROOT, file)}\n`);
  }
} finally {
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  rmSync(keyDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

import type { Browser, Page } from "playwright-core";
import { withOfficeStandIn } from "../../bench/src/harness/browser";
import { officeStandInScript } from "../../bench/src/harness/office-standin";

/**
 * A page with the built pane open as if inside Excel, for what the plain-browser stand-in
 * cannot show (the impact preview reads the active sheet). On top of the office.js stand-in
 * (bench/src/harness/office-standin.ts, which keeps its rule that Office.context is unusable
 * before Office.onReady), Office.onReady answers `host: "Excel"`, and two documented surfaces
 * are stood in for:
 * - `Office.context.document.settings` (Office.Settings: `get` gives null for a name never
 *   set, `set`, `remove`, `saveAsync(callback)` with an AsyncResult whose status is
 *   "succeeded"; learn.microsoft.com/javascript/api/office/office.settings);
 * - `Excel.run(batch)` with `workbook.worksheets.getActiveWorksheet().getUsedRange()` and
 *   `workbook.application.calculate(type)`. As "Using the application-specific API model"
 *   (office-js-docs-pr, develop/application-specific-api-model.md) says, a proxy's `values`
 *   hold nothing until `load("values")` AND `context.sync()`: reading them earlier throws
 *   PropertyNotLoaded, as office.js does.
 * `window.__calculations` counts the recalculations asked for.
 */
export function excelHostScript(activeSheet: unknown[][], displayLanguage = "en-US"): string {
  return `${officeStandInScript({ displayLanguage, platform: "OfficeOnline" })}
(() => {
  const sheet = ${JSON.stringify(activeSheet)};
  const stored = new Map();
  const settings = {
    get: (name) => (stored.has(name) ? stored.get(name) : null),
    set: (name, value) => { stored.set(name, value); },
    remove: (name) => { stored.delete(name); },
    saveAsync: (options, callback) => {
      const done = typeof options === "function" ? options : callback;
      setTimeout(() => done && done({ status: "succeeded", value: undefined }), 0);
    },
  };
  const onReady = window.Office.onReady;
  window.Office.onReady = (callback) =>
    onReady().then((info) => {
      window.Office.context.document = { settings };
      const excel = { ...info, host: "Excel" };
      if (callback) callback(excel);
      return excel;
    });
  window.__calculations = 0;
  const notLoaded = (name) => {
    const error = new Error("The property '" + name + "' is not available. Before reading the property's value, call the load method on the containing object and call \\"context.sync()\\" on the associated request context.");
    error.code = "PropertyNotLoaded";
    return error;
  };
  window.Excel = {
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    run: async (batch) => {
      const pending = [];
      const range = () => {
        const state = { wanted: false, loaded: false };
        pending.push(state);
        return {
          load(names) {
            const list = Array.isArray(names) ? names : String(names).split(",").map((n) => n.trim());
            if (list.includes("values")) state.wanted = true;
            return this;
          },
          get values() {
            if (!state.loaded) throw notLoaded("values");
            return sheet.map((row) => [...row]);
          },
        };
      };
      const context = {
        workbook: {
          worksheets: { getActiveWorksheet: () => ({ getUsedRange: range }) },
          application: { calculate: () => { window.__calculations++; } },
        },
        sync: async () => {
          for (const state of pending) if (state.wanted) state.loaded = true;
        },
      };
      return batch(context);
    },
  };
})();
`;
}

/** Opens the pane at `siteOrigin` "in Excel" with `activeSheet`, pointed at `serviceUrl`. */
export async function openPaneInExcel(
  browser: Browser,
  siteOrigin: string,
  serviceUrl: string,
  activeSheet: unknown[][],
  width = 1280
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const script = excelHostScript(activeSheet);
  await withOfficeStandIn(page, script);
  await page.goto(`${siteOrigin}/taskpane.html`);
  await page.fill("#service-url", serviceUrl);
  await page.click("#service-save");
  return page;
}

import type { Browser, Page } from "playwright-core";
import { withOfficeStandIn } from "../../bench/src/harness/browser";
import { officeStandInScript } from "../../bench/src/harness/office-standin";
import { type StandInSheet, workbookStandInScript } from "./excel-workbook-standin";

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
 *   (office-js-docs-pr, develop/application-specific-api-model.md) says, a proxy's properties
 *   hold nothing until `load(...)` AND `context.sync()`: reading one earlier throws
 *   PropertyNotLoaded, as office.js does. The used range's `values` give "" for an empty cell
 *   (Excel.Range.values: "empty cells are returned as empty strings"), its `valueTypes` say
 *   Empty, String, Double or Boolean (Excel.RangeValueType), its `numberFormat` is "General"
 *   everywhere, its `address` is `Sheet1!A1:…`; `workbook.name` (ExcelApi 1.7) is
 *   "evaluation.xlsx", and `Office.context.requirements.isSetSupported` says ExcelApi ≤ 1.7
 *   is supported.
 * `window.__calculations` counts the recalculations asked for. With `workbook`, the workbook's
 * sheets are stood in for too (excel-workbook-standin.ts), and `excelApi` is the highest ExcelApi
 * version this Excel supports (default 1.7).
 */
export function excelHostScript(
  activeSheet: unknown[][],
  displayLanguage = "en-US",
  workbook?: { sheets: StandInSheet[]; excelApi?: number }
): string {
  const excelApi = workbook?.excelApi ?? 1.7;
  return `${officeStandInScript({ displayLanguage, platform: "OfficeOnline" })}
${workbook ? workbookStandInScript(workbook.sheets, excelApi) : ""}
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
      window.Office.context.requirements = {
        isSetSupported: (name, version) =>
          name === "ExcelApi" && Number(version ?? "1.1") <= ${excelApi},
      };
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
    RangeValueType: { empty: "Empty", string: "String", double: "Double", boolean: "Boolean", error: "Error" },
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    run: async (batch) => {
      const pending = [];
      // A proxy object: each property of \`values\` is readable once loaded and synced.
      const proxy = (values) => {
        const state = { wanted: new Set(), loaded: new Set() };
        pending.push(state);
        const read = (name) => {
          if (!state.loaded.has(name)) throw notLoaded(name);
          return values[name]();
        };
        const object = {
          load(names) {
            const list = Array.isArray(names) ? names : String(names).split(",").map((n) => n.trim());
            for (const name of list) state.wanted.add(name);
            return object;
          },
          __loadNow: (name) => state.loaded.add(name),
          __loaded: (name) => state.loaded.has(name),
        };
        for (const name of Object.keys(values))
          Object.defineProperty(object, name, { get: () => read(name), enumerable: true });
        return object;
      };
      const blank = (value) => value === null || value === undefined || value === "";
      const width = Math.max(1, ...sheet.map((row) => row.length));
      const letter = (n) => (n < 26 ? String.fromCharCode(65 + n) : letter(Math.floor(n / 26) - 1) + letter(n % 26));
      const grid = (cell) => sheet.map((row) => Array.from({ length: width }, (_, c) => cell(row[c])));
      const range = () =>
        proxy({
          values: () => grid((value) => (blank(value) ? "" : value)),
          valueTypes: () =>
            grid((value) =>
              blank(value) ? "Empty" : typeof value === "number" ? "Double" : typeof value === "boolean" ? "Boolean" : "String"
            ),
          numberFormat: () => grid(() => "General"),
          address: () => "Sheet1!A1:" + letter(width - 1) + sheet.length,
        });
      const workbookName = proxy({ name: () => "evaluation.xlsx" });
      const active = { getActiveWorksheet: () => ({ getUsedRange: range }) };
      const context = {
        // Commands queued by the batch, carried out (in order) at the next sync.
        __queue: [],
        workbook: {
          load: (names) => workbookName.load(names),
          get name() { return workbookName.name; },
          worksheets: active,
          application: { calculate: () => { window.__calculations++; } },
        },
        sync: async () => {
          for (const command of context.__queue.splice(0)) command();
          for (const state of pending) for (const name of state.wanted) state.loaded.add(name);
        },
      };
      if (window.__workbookStandIn)
        context.workbook.worksheets = Object.assign(window.__workbookStandIn(context, proxy, notLoaded), active);
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
  width = 1280,
  options: {
    displayLanguage?: string;
    workbook?: { sheets: StandInSheet[]; excelApi?: number };
  } = {}
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const script = excelHostScript(activeSheet, options.displayLanguage, options.workbook);
  await withOfficeStandIn(page, script);
  await page.goto(`${siteOrigin}/taskpane.html`);
  await page.fill("#service-url", serviceUrl);
  await page.click("#service-save");
  return page;
}

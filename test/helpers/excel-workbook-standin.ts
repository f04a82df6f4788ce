/**
 * A stand-in for the workbook's sheets, for the pane's recalculation of SMARTCITY cells, added to
 * excel-host-page.ts's Excel.run. It follows Microsoft's Excel JavaScript reference strictly for
 * what it stands for, and is stricter where it can be:
 * - Excel.WorksheetCollection: `load("items/name")`, then `items` after `context.sync()`;
 *   `getItem(name)` (ExcelApi 1.1), which fails at the sync for a name the workbook lacks
 *   (ItemNotFound).
 * - Excel.Worksheet: `name`, `getRange(address)` (1.1), `getUsedRange()` (1.1: a blank sheet
 *   gives A1) and `getUsedRangeOrNullObject()` (1.4: a blank sheet gives a null object whose
 *   `isNullObject`, readable after a sync, is true; the used range is the smallest one holding
 *   every cell with a value or a formula).
 * - Excel.Range: `formulas` (a formula as its text, another cell its value, an empty cell ""),
 *   `values` (an empty cell "", an error cell its error's text, "#BUSY!" while a custom function
 *   has not answered), `valueTypes` (Excel.RangeValueType: Empty, String, Double, Boolean,
 *   Error), `numberFormat` ("General"), `rowIndex`, `columnIndex`, `address` ("Sheet!B2:C3"),
 *   all ExcelApi 1.1, and
 *   `calculate()` (ExcelApi 1.6), queued like every command and carried out at the next sync.
 * "Using the application-specific API model" (develop/application-specific-api-model.md): a
 * property holds nothing until load AND sync (PropertyNotLoaded before); commands run at sync.
 * A member of a requirement set above the one the stand-in supports throws (ApiNotFound), as
 * an older Excel lacks it.
 *
 * `window.__recalculated` lists, per cell, "Sheet!A1" for each cell Range.calculate reached.
 */

/** A cell: a plain value (null or "" blank), or a formula with the value it shows. */
export type StandInCell =
  string | number | boolean | null | { formula: string; value?: unknown; busy?: boolean };

export interface StandInSheet {
  name: string;
  /** The cells from `at` (default A1) on, row by row. */
  rows: StandInCell[][];
  /** Where the first cell is, zero-based: [row, column]. */
  at?: [number, number];
}

/** Runs in the page after excel-host-page's script: `window.__workbookStandIn(context, api)`. */
export function workbookStandInScript(sheets: StandInSheet[], excelApi: number): string {
  return `
(() => {
  const sheets = ${JSON.stringify(sheets)};
  const excelApi = ${JSON.stringify(excelApi)};
  window.__recalculated = [];
  const needs = (version, what) => {
    if (excelApi < version) {
      const error = new Error(what + " needs ExcelApi " + version + "; this Excel supports " + excelApi);
      error.code = "ApiNotFound";
      throw error;
    }
  };
  const letter = (n) => (n < 26 ? String.fromCharCode(65 + n) : letter(Math.floor(n / 26) - 1) + letter(n % 26));
  const cellAt = (sheet, r, c) => {
    const [top, left] = sheet.at || [0, 0];
    const row = sheet.rows[r - top];
    const cell = row ? row[c - left] : undefined;
    return cell === undefined ? null : cell;
  };
  const blank = (cell) => cell === null || cell === "";
  const isFormula = (cell) => cell !== null && typeof cell === "object";
  const shown = (cell) => (isFormula(cell) ? (cell.busy ? "#BUSY!" : cell.value) : cell);
  const typeOf = (value) =>
    value === null || value === undefined || value === "" ? "Empty"
      : typeof value === "number" ? "Double"
      : typeof value === "boolean" ? "Boolean"
      : /^#(BUSY!|N\\/A|VALUE!|NAME\\?|REF!|DIV\\/0!|NUM!|NULL!)/.test(String(value)) ? "Error"
      : "String";
  const parse = (address) => {
    const match = /^([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?$/.exec(String(address).toUpperCase());
    if (!match) { const error = new Error("invalid address " + address); error.code = "InvalidArgument"; throw error; }
    const col = (letters) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const top = Number(match[2]) - 1, left = col(match[1]);
    return { top, left, bottom: match[4] ? Number(match[4]) - 1 : top, right: match[3] ? col(match[3]) : left };
  };
  const usedBox = (sheet) => {
    let box = null;
    sheet.rows.forEach((row, r) => row.forEach((cell, c) => {
      if (blank(cell)) return;
      const [top, left] = sheet.at || [0, 0];
      const R = r + top, C = c + left;
      box = box ? { top: Math.min(box.top, R), left: Math.min(box.left, C), bottom: Math.max(box.bottom, R), right: Math.max(box.right, C) } : { top: R, left: C, bottom: R, right: C };
    }));
    return box;
  };

  window.__workbookStandIn = (context, proxy, notLoaded) => {
    const grid = (sheet, box, each) => {
      const out = [];
      for (let r = box.top; r <= box.bottom; r++) {
        const row = [];
        for (let c = box.left; c <= box.right; c++) row.push(each(cellAt(sheet, r, c), r, c));
        out.push(row);
      }
      return out;
    };
    const rangeOf = (sheet, box, isNull = false) => {
      let synced = false;
      context.__queue.push(() => { synced = true; });
      const nullCheck = (get) => () => { if (isNull) throw new Error("the object is a null object"); return get(); };
      const range = proxy({
        formulas: nullCheck(() => grid(sheet, box, (cell) => (isFormula(cell) ? cell.formula : blank(cell) ? "" : cell))),
        values: nullCheck(() => grid(sheet, box, (cell) => (blank(cell) ? "" : shown(cell)))),
        valueTypes: nullCheck(() => grid(sheet, box, (cell) => typeOf(blank(cell) ? "" : shown(cell)))),
        numberFormat: nullCheck(() => grid(sheet, box, () => "General")),
        rowIndex: nullCheck(() => box.top),
        columnIndex: nullCheck(() => box.left),
        address: nullCheck(() => sheet.name + "!" + letter(box.left) + (box.top + 1) + (box.bottom > box.top || box.right > box.left ? ":" + letter(box.right) + (box.bottom + 1) : "")),
      });
      Object.defineProperty(range, "isNullObject", {
        get() { if (!synced) throw notLoaded("isNullObject"); return isNull; },
      });
      range.calculate = () => {
        needs(1.6, "Range.calculate");
        context.__queue.push(() => {
          for (let r = box.top; r <= box.bottom; r++)
            for (let c = box.left; c <= box.right; c++)
              window.__recalculated.push(sheet.name + "!" + letter(c) + (r + 1));
        });
      };
      return range;
    };
    const worksheetOf = (sheet, named) => {
      const nameProxy = proxy({ name: () => sheet.name });
      if (named) nameProxy.__loadNow("name");
      const worksheet = {
        load: (names) => { nameProxy.load(names); return worksheet; },
        get name() { return nameProxy.name; },
        getRange: (address) => rangeOf(sheet, parse(address)),
        getUsedRange: () => rangeOf(sheet, usedBox(sheet) || { top: 0, left: 0, bottom: 0, right: 0 }),
        getUsedRangeOrNullObject: () => {
          needs(1.4, "Worksheet.getUsedRangeOrNullObject");
          const box = usedBox(sheet);
          return rangeOf(sheet, box || { top: 0, left: 0, bottom: 0, right: 0 }, !box);
        },
      };
      return worksheet;
    };
    const collection = proxy({ items: () => sheets.map((sheet) => worksheetOf(sheet, collection.__loaded("items/name") || collection.__loaded("items"))) });
    return {
      load(names) {
        const list = Array.isArray(names) ? names : String(names).split(",").map((n) => n.trim());
        collection.load(list.flatMap((name) => (name.startsWith("items") ? [name, "items"] : [name])));
        return this;
      },
      get items() { return collection.items; },
      getItem: (name) => {
        const sheet = sheets.find((each) => each.name === name);
        if (!sheet) {
          context.__queue.push(() => { const error = new Error("no worksheet named " + name); error.code = "ItemNotFound"; throw error; });
          return worksheetOf({ name, rows: [] }, false);
        }
        return worksheetOf(sheet, false);
      },
    };
  };
})();
`;
}

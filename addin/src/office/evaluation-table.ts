/* global Excel, Office */
import {
  type CellSnapshot,
  isPercentFormat,
  parseCellAddress,
  type SheetSnapshot,
  splitSheetAddress,
} from "@smartcity/shared";

/**
 * The active worksheet's used range as shared's SheetSnapshot, the form the workbook import
 * reads (so the impact preview reads a sheet exactly as the consolidation reads that sheet in a
 * file): each cell's value with Excel's value type (an Empty cell is blank whatever value came,
 * desktop passing "" or 0; an Error cell is an error, not text) and whether its number format
 * shows a percentage (0.85 then means 85%). The used range need not start at A1: its address
 * places it, so row numbers are the sheet's own. Range.values, valueTypes, numberFormat and
 * address are read after `load` + `sync`, as the Excel JavaScript API requires
 * ("Using the application-specific API model", office-js-docs-pr).
 */
export async function readActiveSheetSnapshot(): Promise<{
  sheet: SheetSnapshot;
  /** The workbook's file name (Workbook.name, ExcelApi 1.7), as messages name where a cell is. */
  workbook: string;
}> {
  return Excel.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getUsedRange();
    range.load(["address", "values", "valueTypes", "numberFormat"]);
    // Workbook.name needs ExcelApi 1.7 (the manifest asks for less): without it, no file name.
    const named =
      typeof Office !== "undefined" &&
      Office.context.requirements?.isSetSupported("ExcelApi", "1.7") === true;
    if (named) context.workbook.load("name");
    await context.sync();
    const { address, values, valueTypes, numberFormat } = range;
    const { sheet: name, range: cells } = splitSheetAddress(address);
    const start = parseCellAddress(cells.split(":")[0].replace(/\$/g, ""));
    // Row numbers come from it: a used range Excel does not place would shift them silently.
    if (start === undefined)
      throw new Error(`Excel gave the used range an address the add-in cannot read: ${address}`);
    const rows: (CellSnapshot | undefined)[][] = [];
    values.forEach((cells, r) => {
      const row: (CellSnapshot | undefined)[] = new Array(start.columnIndex);
      cells.forEach((value: unknown, c) => {
        const type = valueTypes[r][c];
        if (type === Excel.RangeValueType.empty) return void row.push(undefined);
        const cell: CellSnapshot = {
          value:
            type === Excel.RangeValueType.error
              ? { error: String(value) }
              : (value as string | number | boolean),
        };
        if (isPercentFormat(String(numberFormat[r][c]))) cell.percentFormat = true;
        row.push(cell);
      });
      rows[start.rowIndex + r] = row;
    });
    return { sheet: { name, rows }, workbook: named ? context.workbook.name : "" };
  });
}

import {
  type CellSnapshot,
  type CellValue,
  isPercentFormat,
  type SheetSnapshot,
} from "@smartcity/shared";
import { type Cell, ValueType, Workbook } from "exceljs";
import { relocatePackage } from "./relocate-package";
import type { Relocation } from "./workbook-layout";

/**
 * An .xlsx (already inspected: see inspect-upload.ts, which says how to relocate its parts
 * when they are not where exceljs reads them) as plain sheet
 * snapshots for the pure import in shared/. Formulas give the value the
 * spreadsheet program saved with them (exceljs calls it `result`); a formula
 * saved without one is reported (or blank, see below), never computed here.
 */
export async function readWorkbook(
  bytes: Buffer,
  relocation?: Relocation
): Promise<SheetSnapshot[]> {
  // A package laid out otherwise than exceljs reads it, moved first (workbook-layout.ts).
  if (relocation !== undefined) bytes = await relocatePackage(bytes, relocation);
  const workbook = new Workbook();
  // exceljs types its parameter as the older, non-generic Buffer.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook.worksheets.map((worksheet) => {
    const rows: Array<Array<CellSnapshot | undefined> | undefined> = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Array<CellSnapshot | undefined> = [];
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        cells[columnNumber - 1] = snapshot(cell);
      });
      rows[rowNumber - 1] = cells;
    });
    return { name: worksheet.name, rows };
  });
}

function snapshot(cell: Cell): CellSnapshot {
  if (cell.type === ValueType.Merge) return { value: null, mergedInto: cell.master.address };
  const value = cellValue(cell);
  return isPercentFormat(cell.numFmt) ? { value, percentFormat: true } : { value };
}

function cellValue(cell: Cell): CellValue {
  switch (cell.type) {
    case ValueType.Null:
      return null;
    case ValueType.Formula: {
      const result = cell.result as unknown;
      if (result !== undefined && result !== null) return plain(result);
      // exceljs drops an empty-text result (`<v></v>`) as if there were none. Spreadsheet
      // programs always save a result, so a formula that can give "" (=IF(…,"",…),
      // =IFERROR(…,"")) most likely gave it: blank. Any other formula without a result was
      // written by a script and never calculated, and is reported.
      return cell.formula.includes('""') ? "" : { formulaWithoutValue: cell.formula };
    }
    default:
      return plain(cell.value);
  }
}

function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return { date: value.toISOString().slice(0, 10) };
  if (typeof value === "object") {
    if ("error" in value) return { error: String(value.error) };
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText.map((run: { text?: string }) => run.text ?? "").join("");
    if ("text" in value) return plain(value.text);
    if ("result" in value) return plain(value.result);
  }
  return String(value);
}

/* global Excel, Office */
import { callsSmartcity, markedRanges } from "./formula-cells";

/*
 * Recalculating the SMARTCITY cells of the workbook, and only those, and counting the ones still
 * busy. What is used, with the requirement set Microsoft's Excel JavaScript reference gives each:
 * Workbook.worksheets and Worksheet.getRange, Range.formulas, values, valueTypes, rowIndex and
 * columnIndex (ExcelApi 1.1), Worksheet.getUsedRangeOrNullObject (1.4), Range.calculate (1.6).
 * Office.context.requirements.isSetSupported says whether this Excel has them.
 */

/** The requirement set the recalculation needs (Range.calculate). */
export const RECALC_REQUIREMENT = { name: "ExcelApi", version: "1.6" } as const;

/** A sheet's SMARTCITY cells, as A1 ranges of that sheet. */
export interface SheetCells {
  sheet: string;
  ranges: string[];
}

export type RecalcOutcome =
  | { kind: "recalculated"; cells: SheetCells[]; count: number }
  | { kind: "unsupported"; requirement: string };

/** Whether Excel's API and the requirement set are here (never outside Excel). */
export function recalcSupported(): boolean {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") return false;
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return (
    typeof requirements?.isSetSupported === "function" &&
    requirements.isSetSupported(RECALC_REQUIREMENT.name, RECALC_REQUIREMENT.version)
  );
}

/**
 * Finds every cell whose formula calls SMARTCITY. on every worksheet (one read of each used
 * range's formulas) and asks Excel to calculate just those ranges, in one more batch.
 */
export async function recalculateSmartcityCells(): Promise<RecalcOutcome> {
  if (!recalcSupported())
    return {
      kind: "unsupported",
      requirement: `${RECALC_REQUIREMENT.name} ${RECALC_REQUIREMENT.version}`,
    };
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const used = sheets.items.map((sheet) => {
      // A blank sheet has no used range: a null object rather than an error (ExcelApi 1.4).
      const range = sheet.getUsedRangeOrNullObject();
      range.load("formulas,rowIndex,columnIndex");
      return { sheet, range };
    });
    await context.sync();
    const cells: SheetCells[] = [];
    let count = 0;
    for (const { sheet, range } of used) {
      if (range.isNullObject) continue;
      const marked = range.formulas.map((row) => row.map(callsSmartcity));
      count += marked.flat().filter(Boolean).length;
      const ranges = markedRanges(marked, range.rowIndex, range.columnIndex);
      if (ranges.length === 0) continue;
      for (const address of ranges) sheet.getRange(address).calculate();
      cells.push({ sheet: sheet.name, ranges });
    }
    await context.sync();
    return { kind: "recalculated", cells, count };
  });
}

/**
 * How many of `cells` show #BUSY! now: an error value (Excel.Range.valueTypes "Error") whose
 * value is "#BUSY!" (Excel.Range.values gives an error cell's value as its text).
 */
export async function busyCount(cells: readonly SheetCells[]): Promise<number> {
  if (cells.length === 0) return 0;
  return Excel.run(async (context) => {
    const ranges = cells.flatMap(({ sheet, ranges }) =>
      ranges.map((address) =>
        context.workbook.worksheets.getItem(sheet).getRange(address).load("values,valueTypes")
      )
    );
    await context.sync();
    let busy = 0;
    for (const range of ranges)
      range.valueTypes.forEach((row, r) =>
        row.forEach((type, c) => {
          if (type === Excel.RangeValueType.error && range.values[r][c] === "#BUSY!") busy++;
        })
      );
    return busy;
  });
}

/* global Excel */

/** The active worksheet's used range as values: the header row first (for the impact preview). */
export async function readActiveSheetValues(): Promise<unknown[][]> {
  return Excel.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getUsedRange();
    range.load("values");
    await context.sync();
    return range.values as unknown[][];
  });
}

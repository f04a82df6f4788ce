/* global Excel, Office */
import { columnLetter } from "@smartcity/shared";

/**
 * "Write to workbook": the consolidated workbook the service built (Summary, Details, Issues)
 * inserted into the open workbook with Workbook.insertWorksheetsFromBase64, as Microsoft's
 * reference documents it (https://learn.microsoft.com/javascript/api/excel/excel.workbook, the
 * same text as the doc comment in @types/office-js; and "Insert a copy of an existing workbook
 * into the current one" in https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks):
 * - requirement set ExcelApi 1.13 (Office on Windows, Mac and the web);
 * - `base64File` is "the Base64-encoded string representing the source workbook file": the
 *   bytes of the .xlsx, without the `data:…;base64,` prefix a FileReader data URL carries;
 * - `options.positionType: End` puts the new sheets after the existing ones (also the default);
 * - it returns "an array of IDs corresponding to each newly inserted worksheet".
 * The reference does not say what happens when the workbook already has a sheet of the same
 * name (a second consolidation into one workbook brings a second "Summary"). Excel is expected to
 * rename the incoming sheet, as it does when a sheet is copied by hand, but that is not written
 * down, so nothing here relies on the names: each inserted sheet is looked up by the ID Excel
 * returned, and the names it really got are what the pane reports.
 *
 * The service writes its workbook with a streaming writer that cannot make Excel tables (see
 * functions/src/consolidation/write-consolidated-workbook.ts): each sheet has a title (and, on
 * the Summary, the rules applied) above a filtered header row. Once inserted, each sheet's data
 * (from the header row, found as the row of the sheet's AutoFilter — AutoFilter.getRangeOrNullObject,
 * ExcelApi 1.9 — to its last used row) becomes a formatted table: the AutoFilter is removed
 * first (Worksheet.autoFilter.remove, ExcelApi 1.9), as a table brings its own filters, then
 * Worksheet.tables.add(address, true) (ExcelApi 1.1) over Worksheet.getUsedRange's extent.
 * A sheet without an AutoFilter is taken to have its header in row 2.
 *
 * A native chart of the overview comes with it (the downloaded file has none: exceljs writes no
 * charts, and its scores print as numbers in green or red). It gets a sheet of its own, so it depends on nothing of the
 * service's layout and prints apart: the pane's plain data (dimension, passing, below the bar)
 * written to A1, and ChartCollection.add(type, sourceData: Range, seriesBy) over it, as
 * https://learn.microsoft.com/javascript/api/excel/excel.chartcollection documents it ("Creates a
 * new chart"; ExcelApi 1.1), titled through Chart.title.text and placed with Chart.setPosition
 * (https://learn.microsoft.com/javascript/api/excel/excel.chart, ExcelApi 1.1), its two series
 * coloured through ChartSeriesCollection.getItemAt(index).format.fill.setSolidColor(color)
 * (excel.chartseriescollection, excel.chartfill; ExcelApi 1.1). It is added only
 * when Office.context.requirements.isSetSupported("ExcelApi", "1.1") says charts exist here.
 */
export interface OverviewChart {
  /** The chart's title, and the name of its sheet (made unique in the workbook). */
  title: string;
  sheetName: string;
  header: [string, string, string];
  rows: [string, number, number][];
}

/** Whether this Excel can insert worksheets from a file (ExcelApi 1.13). */
export function canInsertSheetsFromFile(): boolean {
  if (typeof Office === "undefined") return false;
  return Office.context?.requirements?.isSetSupported("ExcelApi", "1.13") === true;
}

/** Whether this Excel has the chart collection (ExcelApi 1.1). */
export function canAddCharts(): boolean {
  if (typeof Office === "undefined") return false;
  return Office.context?.requirements?.isSetSupported("ExcelApi", "1.1") === true;
}

/**
 * Inserts every sheet of the workbook `base64` at the end, and the chart's sheet after them when
 * charts are supported; returns the names they got, and shows the first.
 */
export async function insertConsolidatedSheets(
  base64: string,
  chart?: OverviewChart
): Promise<string[]> {
  if (!canInsertSheetsFromFile()) {
    throw new Error("This Excel does not support ExcelApi 1.13 (insertWorksheetsFromBase64)");
  }
  if (base64.startsWith("data:")) {
    throw new Error("insertWorksheetsFromBase64 takes the bare base64 of the file, not a data URL");
  }
  return Excel.run(async (context) => {
    const ids = context.workbook.insertWorksheetsFromBase64(base64, {
      positionType: Excel.WorksheetPositionType.end,
    });
    await context.sync();
    const sheets = ids.value.map((id) => {
      const sheet = context.workbook.worksheets.getItem(id);
      sheet.load("name");
      return sheet;
    });
    await context.sync();
    const used = sheets.map((sheet) => {
      const range = sheet.getUsedRange();
      range.load("rowCount, columnCount");
      return range;
    });
    const filters = sheets.map((sheet) => {
      const range = sheet.autoFilter.getRangeOrNullObject();
      range.load("rowIndex");
      return range;
    });
    await context.sync();
    sheets.forEach((sheet, index) => {
      const { rowCount, columnCount } = used[index];
      const headerRow = filters[index].isNullObject ? 2 : filters[index].rowIndex + 1;
      if (rowCount < headerRow) return;
      sheet.autoFilter.remove();
      const address = `A${headerRow}:${columnLetter(columnCount - 1)}${rowCount}`;
      const table = sheet.tables.add(address, true);
      table.style = "TableStyleMedium2";
    });
    const names = sheets.map((sheet) => sheet.name);
    if (chart && chart.rows.length > 0 && canAddCharts()) {
      names.push(await addChartSheet(context, chart));
    }
    // Inserted at the end they are out of sight; show the Summary (the first of them).
    sheets[0]?.activate();
    await context.sync();
    return names;
  });
}

const PASS_COLOUR = "#107C10";
const BELOW_COLOUR = "#A4262C";

async function addChartSheet(context: Excel.RequestContext, chart: OverviewChart): Promise<string> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  const taken = new Set(worksheets.items.map((sheet) => sheet.name));
  let name = chart.sheetName;
  for (let n = 2; taken.has(name); n++) name = `${chart.sheetName} (${n})`;
  const sheet = worksheets.add(name);
  const data = sheet.getRange(`A1:C${chart.rows.length + 1}`);
  data.values = [chart.header, ...chart.rows];
  const added = sheet.charts.add(Excel.ChartType.columnStacked, data, Excel.ChartSeriesBy.columns);
  added.title.text = chart.title;
  added.setPosition("E2", "N22");
  // The pane's colours (green passes, red below the bar); the legend names each in words.
  added.series.getItemAt(0).format.fill.setSolidColor(PASS_COLOUR);
  added.series.getItemAt(1).format.fill.setSolidColor(BELOW_COLOUR);
  return name;
}

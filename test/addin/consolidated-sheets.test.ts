import { afterEach, describe, expect, test } from "@jest/globals";
import {
  canInsertSheetsFromFile,
  insertConsolidatedSheets,
} from "../../addin/src/office/consolidated-sheets";
import { base64Of } from "../../addin/src/taskpane/secretary/workbook-file";
import { installExcelStandIn, removeExcelStandIn } from "../helpers/excel-standin";

/**
 * "Write to workbook" against the Excel stand-in: the consolidated workbook goes in through
 * Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13) at the end, as bare base64, and the pane
 * is told the names the sheets really got (looked up by the IDs Excel returns).
 */
afterEach(() => removeExcelStandIn());

const CONSOLIDATED = ["Summary", "Details", "Issues"];

describe("feature detection", () => {
  test("outside Office, and in an Excel below ExcelApi 1.13, sheets cannot be inserted from a file", () => {
    expect(canInsertSheetsFromFile()).toBe(false);
    installExcelStandIn([], { excelApi: "1.12" });
    expect(canInsertSheetsFromFile()).toBe(false);
  });

  test("ExcelApi 1.13 or later can", () => {
    installExcelStandIn([], { excelApi: "1.13" });
    expect(canInsertSheetsFromFile()).toBe(true);
    removeExcelStandIn();
    installExcelStandIn([], { excelApi: "1.17" });
    expect(canInsertSheetsFromFile()).toBe(true);
  });
});

describe("inserting the consolidated workbook", () => {
  test("one Excel.run inserts every sheet at the end, from bare base64, and shows the Summary", async () => {
    const excel = installExcelStandIn(["Evaluation"], { excelApi: "1.13" });
    excel.fileSheets = CONSOLIDATED;
    const base64 = await base64Of(new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0xff, 0])]));

    expect(await insertConsolidatedSheets(base64)).toEqual(CONSOLIDATED);

    expect(excel.runs).toBe(1);
    expect(excel.inserted).toEqual([{ base64File: base64, options: { positionType: "End" } }]);
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual(["Evaluation", ...CONSOLIDATED]);
    expect(excel.sheets.filter((sheet) => sheet.active).map((sheet) => sheet.name)).toEqual([
      "Summary",
    ]);
  });

  test("each inserted sheet's data becomes a formatted table from its filtered header row", async () => {
    const excel = installExcelStandIn([], { excelApi: "1.13" });
    excel.fileSheets = CONSOLIDATED;
    excel.fileSheetSizes = {
      Summary: { rowCount: 12, columnCount: 15 },
      Details: { rowCount: 120, columnCount: 9 },
      Issues: { rowCount: 2, columnCount: 9 },
    };
    // As the service writes them: the Summary's rules applied above its header in row 6.
    excel.fileSheetFilterRows = { Summary: 6, Details: 2 };
    await insertConsolidatedSheets("UEsDBA==");
    expect(
      excel.sheets.map((sheet) => [
        sheet.name,
        sheet.autoFilterRemoved === true,
        sheet.tables.map((table) => [table.address, table.style]),
      ])
    ).toEqual([
      ["Summary", true, [["A6:O12", "TableStyleMedium2"]]],
      ["Details", true, [["A2:I120", "TableStyleMedium2"]]],
      ["Issues", true, [["A2:I2", "TableStyleMedium2"]]],
    ]);
  });

  test("a second consolidation into the same workbook: the names Excel gave are reported, not the names sent", async () => {
    const excel = installExcelStandIn(["Summary", "Details", "Issues"], { excelApi: "1.13" });
    excel.fileSheets = CONSOLIDATED;
    expect(await insertConsolidatedSheets("UEsDBA==")).toEqual([
      "Summary (2)",
      "Details (2)",
      "Issues (2)",
    ]);
    expect(excel.sheets.find((sheet) => sheet.active)?.name).toBe("Summary (2)");
  });

  test("without ExcelApi 1.13 it refuses before calling Excel (the pane then offers Download)", async () => {
    const excel = installExcelStandIn([], { excelApi: "1.12" });
    await expect(insertConsolidatedSheets("UEsDBA==")).rejects.toThrow("ExcelApi 1.13");
    expect(excel.runs).toBe(0);
  });

  test("a data: URL is not what the API takes, and is refused rather than sent", async () => {
    const excel = installExcelStandIn([], { excelApi: "1.13" });
    await expect(
      insertConsolidatedSheets(
        "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,UEsDBA=="
      )
    ).rejects.toThrow("bare base64");
    expect(excel.inserted).toEqual([]);
  });
});

describe("the native chart of the overview", () => {
  const CHART = {
    title: "Applicants passing each dimension",
    sheetName: "Chart",
    header: ["Dimension", "Pass", "Below the bar"] as [string, string, string],
    rows: [
      ["Smart Environment", 4, 2],
      ["Smart Energy", 2, 2],
    ] as [string, number, number][],
  };

  test("a sheet of its own after the consolidation: the data at A1, a stacked column chart over that Range, titled", async () => {
    const excel = installExcelStandIn(["Evaluation"], { excelApi: "1.13" });
    excel.fileSheets = CONSOLIDATED;
    expect(await insertConsolidatedSheets("UEsDBA==", CHART)).toEqual([...CONSOLIDATED, "Chart"]);
    const sheet = excel.sheets.find((candidate) => candidate.name === "Chart");
    expect(excel.sheets.map((candidate) => candidate.name)).toEqual([
      "Evaluation",
      ...CONSOLIDATED,
      "Chart",
    ]);
    expect(sheet?.ranges.map((range) => [range.address, range.values])).toEqual([
      ["A1:C3", [CHART.header, ...CHART.rows]],
    ]);
    expect(sheet?.charts).toEqual([
      {
        type: "ColumnStacked",
        source: "A1:C3",
        sourceValues: [CHART.header, ...CHART.rows],
        seriesBy: "Columns",
        title: { text: CHART.title },
        position: { startCell: "E2", endCell: "N22" },
        seriesFill: { 0: "#107C10", 1: "#A4262C" },
      },
    ]);
    // The Summary is still what is shown.
    expect(excel.sheets.find((candidate) => candidate.active)?.name).toBe("Summary");
  });

  test("a second time into the same workbook: the chart's sheet gets a name not taken", async () => {
    const excel = installExcelStandIn(["Summary", "Details", "Issues", "Chart"], {
      excelApi: "1.13",
    });
    excel.fileSheets = CONSOLIDATED;
    expect((await insertConsolidatedSheets("UEsDBA==", CHART)).at(-1)).toBe("Chart (2)");
  });

  test("no chart when nobody proposed a dimension, and none without the chart API", async () => {
    const excel = installExcelStandIn([], { excelApi: "1.13" });
    excel.fileSheets = CONSOLIDATED;
    expect(await insertConsolidatedSheets("UEsDBA==", { ...CHART, rows: [] })).toEqual(
      CONSOLIDATED
    );
    expect(excel.sheets.flatMap((sheet) => sheet.charts)).toEqual([]);
    // Office answers isSetSupported per set: an Excel whose ExcelApi lacks charts gets none.
    const office = (globalThis as { Office: { context: { requirements: unknown } } }).Office;
    office.context.requirements = {
      isSetSupported: (name: string, version: string) => name === "ExcelApi" && version === "1.13",
    };
    expect(await insertConsolidatedSheets("UEsDBA==", CHART)).toEqual([
      "Summary (2)",
      "Details (2)",
      "Issues (2)",
    ]);
    expect(excel.sheets.flatMap((sheet) => sheet.charts)).toEqual([]);
  });

  test("the stand-in holds the add-in to the documented contract: a Range, not an address", async () => {
    const excel = installExcelStandIn(["Chart"], { excelApi: "1.13" });
    const Excel = (globalThis as { Excel: { run: (batch: (c: unknown) => unknown) => unknown } })
      .Excel;
    await expect(
      Excel.run((context) => {
        const sheet = (
          context as {
            workbook: {
              worksheets: {
                getItem: (n: string) => { charts: { add: (...args: unknown[]) => unknown } };
              };
            };
          }
        ).workbook.worksheets.getItem("Chart");
        return Promise.resolve().then(() => sheet.charts.add("ColumnStacked", "A1:C3", "Columns"));
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(excel.sheets[0].charts).toEqual([]);
  });
});

import { afterEach, expect, test } from "@jest/globals";
import { readEvaluationSheet } from "@smartcity/shared";
import { installExcelStandIn, removeExcelStandIn } from "../helpers/excel-standin";
import { exampleRuleset } from "../helpers/example-evaluations";

/**
 * The admin preview's reading of the active sheet (addin/src/office/evaluation-table.ts) against
 * the Excel stand-in, which follows Microsoft's documents: Range.values gives "" for an empty
 * cell and Range.valueTypes says Empty (Excel.Range, Excel.RangeValueType); Range.address is
 * "Sheet!A1:B2" (quoted when the name needs it); Workbook.name needs ExcelApi 1.7; properties
 * are readable only after load + sync.
 */
const { readActiveSheetSnapshot } =
  require("../../addin/src/office/evaluation-table") as typeof import("../../addin/src/office/evaluation-table");

afterEach(() => removeExcelStandIn());

test("a used range from C3, with a quoted sheet name, percent formats, an error and blanks", async () => {
  const excel = installExcelStandIn(["Sheet1"], { excelApi: "1.7" });
  Object.assign(excel.sheets[0], {
    active: true,
    usedAddress: "'Somchai''s sheet'!C3:F5",
    usedValues: [
      ["Applicant ID", "Smart Living", "Smart Energy", "Overall"],
      ["A1", 0.85, "", "#DIV/0!"],
      ["A2", 0.9, 75, 0],
    ],
    usedValueTypes: [
      ["String", "String", "String", "String"],
      ["String", "Double", "Empty", "Error"],
      ["String", "Double", "Double", "Double"],
    ],
    usedNumberFormat: [
      ["General", "General", "General", "General"],
      ["General", "0%", "General", "General"],
      ["General", "0.0%", "General", "General"],
    ],
  });
  const { sheet, workbook } = await readActiveSheetSnapshot();
  expect(workbook).toBe("evaluation.xlsx");
  expect(sheet.name).toBe("Somchai's sheet");
  // Rows and columns are the sheet's own: C3 is rows[2][2].
  expect(sheet.rows[2]?.[2]?.value).toBe("Applicant ID");
  expect(sheet.rows[3]?.[3]).toEqual({ value: 0.85, percentFormat: true });
  expect(sheet.rows[3]?.[4]).toBeUndefined();
  expect(sheet.rows[3]?.[5]).toEqual({ value: { error: "#DIV/0!" } });
  expect(sheet.rows[4]?.[5]).toEqual({ value: 0 });

  // Read as the consolidation reads a sheet: row numbers and cells are the sheet's.
  const ruleset = exampleRuleset();
  const reading = readEvaluationSheet(sheet, ruleset.rules, workbook, "");
  expect(reading.entries.map((entry) => [entry.row, entry.scores.living?.value])).toEqual([
    [4, 85],
    [5, 90],
  ]);
  expect(reading.entries[0].unreadable.map((cell) => cell.cell)).toEqual(["F4"]);
  expect(reading.entries[1].overall?.value).toBe(0);
});

test("without ExcelApi 1.7 there is no file name; a used range Excel does not place is an error", async () => {
  const excel = installExcelStandIn(["Sheet1"], { excelApi: "1.6" });
  Object.assign(excel.sheets[0], { active: true, usedAddress: "Sheet1!A1" });
  expect((await readActiveSheetSnapshot()).workbook).toBe("");
  excel.sheets[0].usedAddress = "Sheet1!R1C1";
  await expect(readActiveSheetSnapshot()).rejects.toThrow(
    "an address the add-in cannot read: Sheet1!R1C1"
  );
});

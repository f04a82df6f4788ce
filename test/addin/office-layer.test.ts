import { afterEach, describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  columnLetter,
  criterionLabelResolver,
  dimensionLabelResolver,
} from "@smartcity/shared";
import { createCellFactsReader } from "../../addin/src/office/cell-facts";
import { insertEvaluationSheet } from "../../addin/src/office/evaluation-sheet";
import { recalculateWorkbook } from "../../addin/src/office/recalculate";
import { installExcelStandIn, removeExcelStandIn } from "../helpers/excel-standin";

afterEach(() => removeExcelStandIn());

describe("reading what the values cannot say about score cells", () => {
  test("addresses asked for within the window are read in ONE Excel.run; Empty is blank, a % format is a fraction", async () => {
    const excel = installExcelStandIn(["Sheet1", "Other sheet"]);
    excel.cells.set("Sheet1!B2:D2", {
      valueTypes: [["Double", "Empty", "Double"]],
      numberFormat: [["General", "General", "0%"]],
    });
    excel.cells.set("Other sheet!A1:B1", {
      valueTypes: [["Empty", "Double"]],
      numberFormat: [["0.0%", "0"]],
    });
    const read = createCellFactsReader(5);
    const [first, second, again] = await Promise.all([
      read("Sheet1!B2:D2"),
      read("'Other sheet'!A1:B1"),
      read("Sheet1!B2:D2"),
    ]);
    expect(excel.runs).toBe(1);
    expect(first).toEqual({ blank: [false, true, false], percentFormatted: [false, false, true] });
    expect(second).toEqual({ blank: [true, false], percentFormatted: [true, false] });
    expect(again).toEqual(first);
  });

  test("outside Excel the answer is undefined, at once", async () => {
    expect(await createCellFactsReader(5)("Sheet1!A1")).toBeUndefined();
  });

  test("a failed read falls back to undefined rather than leaving cells waiting", async () => {
    installExcelStandIn();
    (globalThis as unknown as { Excel: { run: () => Promise<never> } }).Excel.run = () =>
      Promise.reject(new Error("InvalidArgument"));
    expect(await createCellFactsReader(5)("Nope!A1")).toBeUndefined();
  });
});

describe("Insert evaluation sheet", () => {
  test("a table whose headers the label readers resolve, with SCORE/ELIGIBLE/REASONS, validation and pass/fail colours", async () => {
    const excel = installExcelStandIn(["Evaluation"]);
    const name = await insertEvaluationSheet(BASELINE_RULESET);
    expect(name).toBe("Evaluation 2");
    const sheet = excel.sheets.find((s) => s.name === name)!;
    const [table] = sheet.tables;
    // The 2018 sheet's 18 columns, then the conflict of interest (last: no older column moves).
    expect(table.address).toBe("Evaluation 2!A1:S2");
    const headers = table.header.values![0] as string[];
    expect(headers).toHaveLength(19);
    expect(headers[18]).toBe("ผลประโยชน์ทับซ้อน / Conflict of interest");
    expect(headers.slice(0, 2)).toEqual(["รหัส / Applicant ID", "ชื่อพื้นที่ / Applicant"]);
    const criterionOf = criterionLabelResolver(BASELINE_RULESET.rules);
    const dimensionOf = dimensionLabelResolver(BASELINE_RULESET.rules);
    expect(headers.slice(2, 7).map(criterionOf)).toEqual(
      BASELINE_RULESET.rules.preliminaryCriteria.map((c) => c.id)
    );
    expect(headers.slice(7, 14).map(dimensionOf)).toEqual(
      BASELINE_RULESET.rules.dimensions.map((d) => d.id)
    );

    const formulas = sheet.ranges.find((range) => range.formulas)!;
    expect(formulas.address).toBe("P2:R2");
    expect(formulas.formulas).toEqual([
      [
        '=IFERROR(SMARTCITY.SCORE(H2:N2,$H$1:$N$1),"")',
        "=SMARTCITY.ELIGIBLE(H2:N2,$H$1:$N$1,C2:G2,O2)",
        "=SMARTCITY.REASONS(H2:N2,$H$1:$N$1,C2:G2,O2)",
      ],
    ]);
    const validations = sheet.ranges.filter((range) => range.dataValidation.rule);
    expect(validations.map((range) => range.address)).toEqual(["S2:S1000", "H2:O1000"]);
    expect(validations[0].dataValidation.rule).toEqual({
      list: { inCellDropDown: true, source: "ใช่,ไม่ใช่" },
    });
    const validated = validations[1];
    expect(validated.dataValidation.rule).toEqual({
      decimal: { formula1: 0, formula2: 100, operator: "Between" },
    });
    const coloured = sheet.ranges.find((range) => range.addedFormats.length > 0)!;
    expect(coloured.address).toBe("Q2:Q1000");
    expect(
      coloured.addedFormats.map((f) => [f.cellValue.rule, f.cellValue.format.fill.color])
    ).toEqual([
      [{ formula1: "=TRUE", operator: "EqualTo" }, "#DFF6DD"],
      [{ formula1: "=FALSE", operator: "EqualTo" }, "#FDE7E9"],
    ]);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.active).toBe(true);
  });

  test("column letters", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
});

test("a new version in force recalculates the workbook in full", async () => {
  const excel = installExcelStandIn();
  await recalculateWorkbook();
  expect(excel.calculations).toEqual(["Full"]);
});

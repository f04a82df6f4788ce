import { afterEach, describe, expect, test } from "@jest/globals";
import { columnRole, evaluationSheetHeaders } from "@smartcity/shared";
import { insertEvaluationSheet } from "../../addin/src/office/evaluation-sheet";
import { exampleRuleset } from "../helpers/example-evaluations";
import { installExcelStandIn, removeExcelStandIn } from "../helpers/excel-standin";

// "Insert evaluation sheet" under the example ruleset of announcement 1/2562: the columns the
// ruleset implies (track, components, rubric points), with no code for this ruleset.
afterEach(() => removeExcelStandIn());

const ruleset = exampleRuleset();

describe("Insert evaluation sheet under a ruleset with tracks, a group and a rubric", () => {
  test("the table holds the layout's headers, each read back as the column it is", async () => {
    const excel = installExcelStandIn(["Sheet1"]);
    const name = await insertEvaluationSheet(ruleset);
    const sheet = excel.sheets.find((s) => s.name === name)!;
    const [table] = sheet.tables;
    const headers = table.header.values![0] as string[];
    expect(headers).toEqual(evaluationSheetHeaders(ruleset.rules));
    // A1:AD2: 30 columns (id, name, track, 5 criteria, 5 components, 7 dimensions, overall, 4 items,
    // 4 computed: score, eligible, reasons and the outcome band, the ruleset having bands; then
    // the conflict of interest, last so that no column of an older sheet moves).
    expect(table.address).toBe(`${name}!A1:AD2`);
    expect(headers.at(-1)).toBe("ผลประโยชน์ทับซ้อน / Conflict of interest");
    expect(headers.map((header) => columnRole(header, ruleset.rules)?.kind)).not.toContain(
      undefined
    );
  });

  test("SCORE/ELIGIBLE/REASONS read the percents as one range; environment's percent is its points' formula", async () => {
    const excel = installExcelStandIn(["Sheet1"]);
    const name = await insertEvaluationSheet(ruleset);
    const sheet = excel.sheets.find((s) => s.name === name)!;
    const formulas = sheet.ranges.filter((range) => range.formulas);
    expect(formulas.map((range) => [range.address, range.formulas])).toEqual([
      [
        "Z2:AC2",
        [
          // The track (C2) in each function's own place; the criteria and components as one
          // requirements range (D2:M2). What they compute: evaluation-sheet-formulas.test.ts.
          [
            '=IFERROR(SMARTCITY.SCORE(N2:T2,$N$1:$T$1,,C2),"")',
            "=SMARTCITY.ELIGIBLE(N2:T2,$N$1:$T$1,D2:M2,U2,,C2)",
            "=SMARTCITY.REASONS(N2:T2,$N$1:$T$1,D2:M2,U2,,,C2)",
            "=SMARTCITY.OUTCOME(N2:T2,$N$1:$T$1,D2:M2,U2,C2)",
          ],
        ],
      ],
      ["T2", [['=IF(COUNT(V2:Y2)=0,"",SUM(V2:Y2)/100*100)']]],
    ]);
  });

  test("validation: a drop-down of the tracks, yes/no items, points from 0 to each maximum", async () => {
    const excel = installExcelStandIn(["Sheet1"]);
    const name = await insertEvaluationSheet(ruleset);
    const sheet = excel.sheets.find((s) => s.name === name)!;
    const rules = sheet.ranges
      .filter((range) => range.dataValidation.rule)
      .map((range) => [range.address, range.dataValidation.rule]);
    expect(rules).toEqual([
      ["C2:C1000", { list: { inCellDropDown: true, source: "เมืองเดิมน่าอยู่,เมืองใหม่ทันสมัย" } }],
      ["I2:M1000", { list: { inCellDropDown: true, source: "ใช่,ไม่ใช่" } }],
      ...["V", "W", "X", "Y"].map((column) => [
        `${column}2:${column}1000`,
        { decimal: { formula1: 0, formula2: 25, operator: "Between" } },
      ]),
      ["AD2:AD1000", { list: { inCellDropDown: true, source: "ใช่,ไม่ใช่" } }],
      ["N2:U1000", { decimal: { formula1: 0, formula2: 100, operator: "Between" } }],
    ]);
    const eligible = sheet.ranges.find((range) => range.addedFormats.length > 0)!;
    expect(eligible.address).toBe("AA2:AA1000");
  });
});

import { expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  consolidateReadings,
  type EvaluatorEntry,
  type WorkbookReading,
} from "@smartcity/shared";
import { Workbook } from "exceljs";
import { writeConsolidatedWorkbook } from "../../functions/src/consolidation/write-consolidated-workbook";

// Rows are as tall as their wrapped text, up to Excel's tallest row (409 points, "Excel
// specifications and limits"): a hostile evaluator's paragraph-long names must not make a file
// Excel offers to repair.

const LONG = "เทศบาลนครที่มีชื่อยาวมาก ".repeat(400);

function reading(evaluator: string, environment: number): WorkbookReading {
  const entry: EvaluatorEntry = {
    applicantId: "A-1",
    applicantName: LONG,
    evaluator,
    file: `${evaluator.slice(0, 20)}.xlsx`,
    sheet: "Sheet1",
    row: 2,
    scores: { environment: { value: environment, cell: "C2" } },
    overall: null,
    answers: {},
    unreadable: [{ item: "energy", cell: "D2", message: { th: LONG, en: LONG } }],
  };
  return {
    report: {
      name: entry.file,
      evaluator,
      evaluators: [evaluator],
      sheets: ["Sheet1"],
      rows: 1,
      warnings: [],
    },
    entries: [entry],
  };
}

test("no row of any sheet is taller than Excel allows, however long the text", async () => {
  const { response, entries, superseded } = consolidateReadings(
    [reading(`Somchai ${"ก".repeat(2000)}`, 40), reading("Suda", 90)],
    BASELINE_RULESET,
    "2026-12-07T10:00:00.000Z"
  );
  const bytes = await writeConsolidatedWorkbook({
    response,
    ruleset: BASELINE_RULESET,
    entries,
    superseded,
  });
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as never);
  const heights: number[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      if (row.height !== undefined) heights.push(row.height);
    })
  );
  expect(heights.length).toBeGreaterThan(5);
  expect(Math.max(...heights)).toBe(409);
});

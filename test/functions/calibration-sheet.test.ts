import { expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  consolidate,
  type EvaluatorEntry,
  summariseRuleset,
} from "@smartcity/shared";
import { Workbook } from "exceljs";
import { writeConsolidatedWorkbook } from "../../functions/src/consolidation/write-consolidated-workbook";
import { headerText } from "../helpers/header-text";

/**
 * The consolidated workbook's Calibration sheet: each evaluator's offset from the panel, the
 * lenient one first and marked in words, with the note that nothing was applied; and the
 * Summary's figures are the evaluators' own, whatever the calibration says.
 */
let row = 0;
function entry(evaluator: string, id: string, environment: number, energy: number): EvaluatorEntry {
  row++;
  return {
    applicantId: id,
    applicantName: `เมือง ${id}`,
    evaluator,
    file: `${evaluator}.xlsx`,
    sheet: "Sheet1",
    row,
    scores: {
      environment: { value: environment, cell: `C${row}` },
      energy: { value: energy, cell: `D${row}` },
    },
    overall: null,
    answers: {},
    unreadable: [],
  };
}
// Anan 15 points above Boon and Chai on every applicant.
const entries = ["A-1", "A-2", "A-3", "A-4", "A-5"].flatMap((id, i) => [
  entry("Anan", id, 90, 88 - i),
  entry("Boon", id, 75, 73 - i),
  entry("Chai", id, 75, 73 - i),
]);

test("one row per evaluator, furthest first, the offset beyond the bar said in words", async () => {
  const { applicants, superseded, calibration } = consolidate(entries, BASELINE_RULESET);
  const buffer = await writeConsolidatedWorkbook({
    response: {
      ruleset: summariseRuleset(BASELINE_RULESET),
      consolidatedAt: "2026-12-07T03:00:00.000Z",
      applicants,
      files: [],
      calibration,
    },
    ruleset: BASELINE_RULESET,
    entries,
    superseded,
  });
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as never);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    "Summary",
    "Details",
    "Issues",
    "Calibration",
  ]);
  const sheet = workbook.getWorksheet("Calibration")!;
  const texts = (index: number) =>
    (sheet.getRow(index).values as unknown[]).slice(1).map((value) => headerText(value as never));
  expect(texts(2)[0]).toMatch(/^แสดงไว้เพื่อทราบเท่านั้น ไม่ได้ปรับคะแนน/);
  expect(texts(2)[0]).toContain(
    "Shown for the committee only: no score or eligibility is adjusted"
  );
  // The dimensions compared, in the ruleset's order (energy comes before environment).
  expect(texts(3)).toEqual([
    "ผู้ประเมิน / Evaluator",
    "ผู้สมัครที่เทียบ / Applicants compared",
    "ส่วนต่างเฉลี่ย (คะแนน) / Mean offset (points)",
    "การกระจาย / Spread",
    "เกินเกณฑ์ / Beyond the bar",
    "พลังงานอัจฉริยะ / Smart Energy",
    "สิ่งแวดล้อมอัจฉริยะ / Smart Environment",
  ]);
  const values = (index: number) => (sheet.getRow(index).values as unknown[]).slice(1);
  expect(values(4)).toEqual(["Anan", 5, 15, 0, "⚑ เกินเกณฑ์\n⚑ beyond the bar", 15, 15]);
  expect(values(5).slice(0, 5)).toEqual(["Boon", 5, -7.5, 0, undefined]);
  expect(sheet.getRow(4).getCell(3).numFmt).toBe("+0.00;-0.00;0.00");
  // The Summary's overall for A-1 is the mean of the three evaluators as they scored.
  expect(applicants[0].dimensions.find((d) => d.id === "environment")?.percent).toBe(80);
});

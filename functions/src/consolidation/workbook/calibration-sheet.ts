import { bilingualHeader, type Calibration, type Rules } from "@smartcity/shared";
import type { Row } from "exceljs";
import { BETWEEN } from "./score-formats";
import type { CellData, Column, SheetPlan } from "./sheet-writer";

/**
 * Calibration: one row per evaluator compared with a panel, furthest from it first: how many
 * applicants were compared, the mean offset from the other evaluators (leave-one-out) with its
 * spread, whether it is beyond the bar, and the mean offset per dimension. Above the header it
 * says, in both languages, that nothing here was applied to any score. An evaluator beyond the
 * bar is marked by words ("⚑ beyond the bar"), so the page reads the same printed without colour;
 * the amber fill (the workbook's colour for "look at this", not the red of a failed bar) only
 * adds to it.
 */
export const CALIBRATION_HEADERS = {
  evaluator: "ผู้ประเมิน / Evaluator",
  applicants: "ผู้สมัครที่เทียบ / Applicants compared",
  meanOffset: "ส่วนต่างเฉลี่ย (คะแนน) / Mean offset (points)",
  spread: "การกระจาย / Spread",
  beyond: "เกินเกณฑ์ / Beyond the bar",
} as const;

const BEYOND = "⚑ เกินเกณฑ์\n⚑ beyond the bar";
// A sign always shown: +12.5 is above the panel, −7.25 below it.
const OFFSET_FORMAT = "+0.00;-0.00;0.00";

export function calibrationPlan(
  calibration: Calibration,
  rules: Rules,
  pageHeader: SheetPlan["pageHeader"],
  title: string
): SheetPlan {
  const compared = new Set(
    calibration.evaluators.flatMap((evaluator) => evaluator.dimensions.map((d) => d.dimension))
  );
  const dimensions = rules.dimensions.filter((dimension) => compared.has(dimension.id));
  const columns: Column[] = [
    { header: CALIBRATION_HEADERS.evaluator, width: 18, wrap: true },
    { header: CALIBRATION_HEADERS.applicants, width: 7, align: "center", rotate: true },
    { header: CALIBRATION_HEADERS.meanOffset, width: 9, numFmt: OFFSET_FORMAT, rotate: true },
    { header: CALIBRATION_HEADERS.spread, width: 7, numFmt: "0.00", rotate: true },
    { header: CALIBRATION_HEADERS.beyond, width: 13, wrap: true },
    ...dimensions.map((dimension) => ({
      header: bilingualHeader(dimension.name),
      width: 7,
      numFmt: OFFSET_FORMAT,
      rotate: true,
    })),
  ];
  const { offsetPoints, minApplicants } = calibration;
  const note = [
    `แสดงไว้เพื่อทราบเท่านั้น ไม่ได้ปรับคะแนนหรือผลการพิจารณาใด ส่วนต่าง คือ คะแนนของผู้ประเมินลบค่าเฉลี่ยของผู้ประเมินคนอื่นที่ประเมินผู้สมัครรายเดียวกันในด้านเดียวกัน เกณฑ์ ${offsetPoints} คะแนน จากผู้สมัครอย่างน้อย ${minApplicants} ราย`,
    `Shown for the committee only: no score or eligibility is adjusted. An offset is the evaluator's score minus the mean of the other evaluators of the same applicant and dimension. Bar: ${offsetPoints} points, over at least ${minApplicants} applicants.`,
  ].join("\n");
  const rows: CellData[][] = calibration.evaluators.map((evaluator) => {
    const byDimension = new Map(evaluator.dimensions.map((entry) => [entry.dimension, entry]));
    return [
      evaluator.evaluator,
      evaluator.applicants,
      evaluator.meanOffset,
      evaluator.spread,
      evaluator.exceeds ? BEYOND : null,
      ...dimensions.map((dimension) => byDimension.get(dimension.id)?.meanOffset ?? null),
    ];
  });
  return {
    name: "Calibration",
    columns,
    above: [{ text: title, strong: true }, { text: note }],
    rows,
    pageHeader,
    format: (row: Row, index: number) => {
      if (!calibration.evaluators[index]?.exceeds) return;
      for (const column of [3, 5]) {
        const cell = row.getCell(column);
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: BETWEEN.fill } };
        cell.font = { ...cell.font, color: { argb: BETWEEN.font }, bold: true };
      }
    },
  };
}

import type { Rules } from "./ruleset-schema";

/**
 * The header row of the add-in's evaluation sheet ("Insert evaluation sheet"):
 * applicant id and name, the preliminary criteria, the dimensions and the
 * subcommittee overall, each bilingual (Thai / English, as the label resolver
 * reads them), then the three columns the add-in computes with its own
 * functions (Score, Eligible, Reasons), which the workbook import ignores.
 */
export const COMPUTED_COLUMN_HEADERS = [
  "คะแนน / Score",
  "ผ่านเกณฑ์ / Eligible",
  "เหตุผล / Reasons",
] as const;

export function evaluationSheetHeaders(
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">
): string[] {
  return [
    "รหัส / Applicant ID",
    "ชื่อพื้นที่ / Applicant",
    ...rules.preliminaryCriteria.map((criterion) => `${criterion.name.th} / ${criterion.name.en}`),
    ...rules.dimensions.map((dimension) => `${dimension.name.th} / ${dimension.name.en}`),
    "คะแนนภาพรวม (อนุกรรมการ) / Overall",
    ...COMPUTED_COLUMN_HEADERS,
  ];
}

import type { LocalizedText } from "./localized-text";
import type { Rules } from "./ruleset-schema";

/**
 * The header row of the add-in's evaluation sheet ("Insert evaluation sheet"):
 * applicant id and name, the preliminary criteria, the dimensions and the
 * subcommittee overall, each bilingual (Thai / English, as the label resolver
 * reads them), then the three columns the add-in computes with its own
 * functions (Score, Eligible, Reasons), which the workbook import ignores.
 */
export const APPLICANT_ID_HEADER = "รหัส / Applicant ID";
export const APPLICANT_NAME_HEADER = "ชื่อพื้นที่ / Applicant";
export const SUBCOMMITTEE_OVERALL_HEADER = "คะแนนภาพรวม (อนุกรรมการ) / Overall";

/** "สิ่งแวดล้อมอัจฉริยะ / Smart Environment": the form the label resolver reads either half of. */
export function bilingualHeader(name: LocalizedText): string {
  return `${name.th} / ${name.en}`;
}

export const COMPUTED_COLUMN_HEADERS = [
  "คะแนน / Score",
  "ผ่านเกณฑ์ / Eligible",
  "เหตุผล / Reasons",
] as const;

export function evaluationSheetHeaders(
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">
): string[] {
  return [
    APPLICANT_ID_HEADER,
    APPLICANT_NAME_HEADER,
    ...rules.preliminaryCriteria.map((criterion) => bilingualHeader(criterion.name)),
    ...rules.dimensions.map((dimension) => bilingualHeader(dimension.name)),
    SUBCOMMITTEE_OVERALL_HEADER,
    ...COMPUTED_COLUMN_HEADERS,
  ];
}

/** The consolidated workbook's own columns (besides id, name and the scores). */
export const SUMMARY_HEADERS = {
  evaluators: "จำนวนผู้ประเมิน / Number of evaluators",
  eligible: "ผ่านเกณฑ์ / Eligible",
  overall: "คะแนนภาพรวม / Overall %",
  overallSource: "ที่มาของคะแนนภาพรวม / Overall from",
  flags: "ประเด็นที่ต้องพิจารณา / Flags",
  reasons: "เหตุผลที่ไม่ผ่าน / Reasons",
} as const;

export const DETAILS_HEADERS = {
  evaluator: "ผู้ประเมิน / Evaluator",
  counted: "นับรวม / Counted",
  file: "ไฟล์ / File",
  sheet: "ชีต / Sheet",
  row: "แถว / Row",
  cells: "เซลล์ของแต่ละค่า / Cell of each value",
} as const;

export const ISSUES_HEADERS = {
  kind: "ประเภท / Kind",
  item: "รายการ / Item",
  where: "ที่มา / Where",
  messageTh: "ข้อความ (ไทย)",
  messageEn: "Message (English)",
} as const;

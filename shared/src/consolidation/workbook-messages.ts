import type { FileErrorCode, FlagCode, WarningCode } from "../contract/consolidation-contract";
import { formatDate } from "../text/format-date";
import type { LocalizedText } from "../text/localized-text";
import { formatPercent } from "../text/person-decimal";

/**
 * The words of the consolidated workbook (and of any other place that names an
 * issue by its kind): what each flag, warning and file error is called, how
 * eligibility reads, and the "rules applied" lines. A code is never shown bare:
 * `ISSUE_KIND_NAMES` must name every code of the contract (the compiler checks
 * it), and `issueKindName` still says something readable for a code it does not
 * know (a newer service talking to an older workbook writer).
 */
export type IssueCode = FlagCode | WarningCode | FileErrorCode;

export const ISSUE_KIND_NAMES = {
  DISAGREEMENT: { th: "ผู้ประเมินเห็นต่างกัน", en: "Evaluators disagree" },
  MISSING_SCORE: { th: "ขาดคะแนน", en: "Score missing" },
  MISSING_ANSWER: { th: "ไม่ได้ตอบเกณฑ์เบื้องต้น", en: "Answer missing" },
  DUPLICATE_EVALUATOR: { th: "ผู้ประเมินซ้ำ", en: "Evaluator twice" },
  NAME_MISMATCH: { th: "ชื่อเป็นของผู้สมัครรายอื่น", en: "Another applicant's name" },
  APPLICANT_NAMES_DIFFER: { th: "เขียนชื่อผู้สมัครต่างจากผู้อื่น", en: "Names written differently" },
  EVALUATOR_FROM_FILE_NAME: { th: "ชื่อผู้ประเมินมาจากชื่อไฟล์", en: "Evaluator named from the file" },
  UNREADABLE_CELL: { th: "อ่านค่าในเซลล์ไม่ได้", en: "Unreadable cell" },
  UNREADABLE_SCORE: { th: "อ่านคะแนนไม่ได้", en: "Unreadable score" },
  UNREADABLE_ANSWER: { th: "อ่านคำตอบไม่ได้", en: "Unreadable answer" },
  FORMULA_WITHOUT_VALUE: { th: "สูตรไม่มีค่าที่บันทึกไว้", en: "Formula without a value" },
  FRACTION_IN_PERCENT_COLUMN: { th: "ตัวเลข 0–1 ในคอลัมน์ร้อยละ", en: "0–1 numbers as percents" },
  ROW_WITHOUT_APPLICANT: { th: "แถวไม่มีผู้สมัคร", en: "Row without applicant" },
  COLUMN_IGNORED: { th: "ไม่ได้อ่านคอลัมน์", en: "Column not read" },
  DUPLICATE_COLUMN: { th: "คอลัมน์ซ้ำ", en: "Duplicate column" },
  SHEET_SKIPPED: { th: "ข้ามชีต", en: "Sheet skipped" },
  TOO_MANY_WARNINGS: { th: "คำเตือนมากเกินไป", en: "Too many warnings" },
  EMPTY_FILE: { th: "ไฟล์ว่าง", en: "Empty file" },
  FILE_TOO_LARGE: { th: "ไฟล์ใหญ่เกินไป", en: "File too large" },
  NOT_XLSX: { th: "ไม่ใช่เวิร์กบุ๊กที่อ่านได้", en: "Not a readable workbook" },
  LEGACY_XLS: { th: "ไฟล์ Excel รุ่นเก่า", en: "Legacy .xls" },
  PASSWORD_PROTECTED: { th: "ไฟล์มีรหัสผ่าน", en: "Password-protected" },
  CORRUPT_FILE: { th: "ไฟล์เสียหาย", en: "Damaged file" },
  ZIP_BOMB: { th: "ไฟล์บีบอัดผิดปกติ", en: "Abnormal compression" },
  NO_RECOGNISABLE_SHEET: { th: "ไม่พบชีตการประเมิน", en: "No evaluation sheet" },
  TOO_MANY_ROWS: { th: "แถวมากเกินไป", en: "Too many rows" },
  TOO_MANY_CELLS: { th: "เซลล์มากเกินไป", en: "Too many cells" },
  WORKBOOK_TOO_COMPLEX: { th: "ไฟล์ซับซ้อนเกินกว่าจะอ่านได้", en: "Workbook too complex" },
  DUPLICATE_FILE: { th: "ไฟล์ซ้ำกับไฟล์ก่อนหน้า", en: "Same file twice" },
  IDENTICAL_SUBMISSIONS: { th: "ผลการประเมินซ้ำกันทุกค่า", en: "Identical submissions" },
  UNREADABLE_TRACK: { th: "อ่านประเภทเมืองไม่ได้", en: "Unreadable track" },
  UNREADABLE_POINTS: { th: "อ่านคะแนนรายข้อไม่ได้", en: "Unreadable points" },
  POINTS_AND_PERCENT_DIFFER: { th: "ร้อยละไม่ตรงกับคะแนนรายข้อ", en: "Percent and points differ" },
  TRACK_DISAGREEMENT: { th: "ระบุประเภทเมืองต่างกัน", en: "Tracks differ" },
  MISSING_REQUIREMENT: { th: "ไม่ได้ตอบข้อกำหนด", en: "Requirement unanswered" },
  MISSING_TRACK: { th: "ไม่ได้ระบุประเภทเมือง", en: "Track missing" },
  PERCENT_INSTEAD_OF_POINTS: { th: "ให้ร้อยละแทนคะแนนรายข้อ", en: "Percent instead of points" },
  CONFLICT_OF_INTEREST: { th: "ผลประโยชน์ทับซ้อน", en: "Conflict of interest" },
  CONFLICT_CONTRADICTED: {
    th: "แจ้งผลประโยชน์ทับซ้อนแต่ยังประเมิน",
    en: "Conflict declared, yet evaluated",
  },
  TOO_FEW_EVALUATORS: { th: "ผู้ประเมินไม่ครบขั้นต่ำ", en: "Too few evaluators" },
} satisfies Record<IssueCode, LocalizedText>;

/** The name of an issue's kind; a code this version does not know still reads as words. */
export function issueKindName(code: string): LocalizedText {
  const known = (ISSUE_KIND_NAMES as Record<string, LocalizedText | undefined>)[code];
  if (known !== undefined) return known;
  const words = code.toLowerCase().replace(/_/g, " ");
  return { th: `ประเด็นอื่น (${words})`, en: words.charAt(0).toUpperCase() + words.slice(1) };
}

export const ELIGIBILITY_TEXT = {
  eligible: { th: "ผ่าน", en: "Eligible" },
  notEligible: { th: "ไม่ผ่าน", en: "Not eligible" },
} satisfies Record<string, LocalizedText>;

/** A requirement group's status on the Summary (null: not in force for the applicant's track). */
export const REQUIREMENT_STATUS_TEXT = {
  met: { th: "ครบ", en: "Met" },
  notMet: { th: "ไม่ครบ", en: "Not met" },
  notAssessed: { th: "ไม่ได้ประเมิน", en: "Not assessed" },
  notInForce: { th: "ไม่ใช้กับประเภทนี้", en: "Not for this track" },
} satisfies Record<string, LocalizedText>;

/** The track on the Summary when the evaluators named different ones. */
export function disputedTrackText(fallback: LocalizedText): LocalizedText {
  return {
    th: `ยังไม่ยุติ (คิดตาม${fallback.th})`,
    en: `Disputed (figures as ${fallback.en})`,
  };
}

export const OVERALL_SOURCE_TEXT = {
  subcommittee: { th: "คณะอนุกรรมการ", en: "Subcommittee" },
  computed: { th: "ค่าเฉลี่ยของด้านที่เสนอ", en: "Mean of the dimensions" },
} satisfies Record<string, LocalizedText>;

export const COUNTED_TEXT = {
  counted: { th: "นับ", en: "Counted" },
  superseded: { th: "ไม่นับ (มีรายการหลัง)", en: "Not counted (a later entry)" },
  conflicted: {
    th: "ไม่นับ (แจ้งว่ามีผลประโยชน์ทับซ้อน)",
    en: "Not counted (declared a conflict of interest)",
  },
} satisfies Record<string, LocalizedText>;

/** A preliminary answer in a cell: both halves are read back by `readAnswer`. */
export const ANSWER_TEXT = {
  yes: { th: "ใช่", en: "Yes" },
  no: { th: "ไม่ใช่", en: "No" },
} satisfies Record<string, LocalizedText>;

export const workbookMessages = {
  title(version: string, reference: string, at: LocalizedText): LocalizedText {
    return {
      th: `ผลการรวมคะแนน ชุดเกณฑ์ฉบับที่ ${version} (มติ ${reference}) · รวมผลเมื่อ ${at.th}`,
      en: `Consolidated scores, ruleset version ${version} (approval ${reference}) · consolidated ${at.en}`,
    };
  },
  ruleset(
    version: string,
    effectiveFrom: string,
    reference: string,
    approvedOn: string
  ): LocalizedText {
    const from = formatDate(effectiveFrom);
    const approved = formatDate(approvedOn);
    return {
      th: `ชุดเกณฑ์ฉบับที่ ${version} มีผลตั้งแต่ ${from.th} ตามมติที่ ${reference} เมื่อ ${approved.th}`,
      en: `Ruleset version ${version}, in force from ${from.en}, approved as ${reference} on ${approved.en}`,
    };
  },
  requirements(
    minDimensions: number,
    mandatory: readonly LocalizedText[],
    criteria: number,
    groups: ReadonlyArray<{ name: LocalizedText; items: number }> = []
  ): LocalizedText {
    const th = [`เสนออย่างน้อย ${minDimensions} ด้าน`];
    const en = [`at least ${minDimensions} ${minDimensions === 1 ? "dimension" : "dimensions"}`];
    for (const name of mandatory) {
      th.push(`ต้องมีด้าน${name.th}`);
      en.push(`${name.en} mandatory`);
    }
    if (criteria > 0) {
      th.push(`ผ่านเกณฑ์เบื้องต้นทั้ง ${criteria} ข้อ`);
      en.push(`all ${criteria} preliminary criteria met`);
    }
    for (const group of groups) {
      th.push(`${group.name.th} ครบทั้ง ${group.items} ข้อ`);
      en.push(`${group.name.en}: all ${group.items} items`);
    }
    return { th: `เกณฑ์: ${th.join(" · ")}`, en: `Rules: ${en.join(", ")}` };
  },
  counts(applicants: number, eligible: number, flagged: number): LocalizedText {
    return {
      th: `ผู้สมัคร ${applicants} ราย · ผ่าน ${eligible} ราย · ไม่ผ่าน ${applicants - eligible} ราย · มีประเด็นต้องพิจารณา ${flagged} ราย`,
      en: `Applicants ${applicants} · eligible ${eligible} · not eligible ${applicants - eligible} · flagged ${flagged}`,
    };
  },
  /** One count per outcome band, in the bands' order. */
  outcomeCounts(bands: ReadonlyArray<{ name: LocalizedText; count: number }>): LocalizedText {
    return {
      th: `ผลการพิจารณา: ${bands.map((band) => `${band.name.th} ${band.count} ราย`).join(" · ")}`,
      en: `Outcomes: ${bands.map((band) => `${band.name.en} ${band.count}`).join(" · ")}`,
    };
  },
  barsLabel(): LocalizedText {
    return { th: "เกณฑ์ขั้นต่ำ (ร้อยละ)", en: "Minimum (%)" };
  },
  /** Above the bars row, when some city type has bars of its own: whose bars the row shows. */
  trackBarsNote(track: LocalizedText): LocalizedText {
    return {
      th: `เกณฑ์ขั้นต่ำด้านล่างเป็นของ${track.th} แถวของประเภทเมืองอื่นระบายสีตามเกณฑ์ของประเภทนั้น`,
      en: `The minimums below are for ${track.en}; rows of other city types are coloured by their own`,
    };
  },
  bar(minPercent: number): string {
    return `≥ ${formatPercent(minPercent)}`;
  },
  page(): LocalizedText {
    return { th: "หน้า &P จาก &N", en: "Page &P of &N" };
  },
};

import type { LocalizedText } from "../text/localized-text";
import type { RequirementGroup, Rules } from "../rules/ruleset-schema";

type RubricItem = NonNullable<Rules["dimensions"][number]["items"]>[number];

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

/** The rules an evaluation sheet's layout follows. */
export type LayoutRules = Pick<
  Rules,
  "dimensions" | "preliminaryCriteria" | "requirementGroups" | "tracks" | "outcomes"
>;

/** Whether a ruleset uses the later criteria's constructs; without them every layout stays the 2018 one. */
export function hasLaterStructure(rules: LayoutRules): boolean {
  return (
    rules.tracks !== undefined ||
    rules.requirementGroups !== undefined ||
    rules.outcomes !== undefined ||
    rules.dimensions.some((dimension) => dimension.items !== undefined)
  );
}

export const TRACK_HEADER = "ประเภทเมือง / Track";
/** An evaluator tied to the applicant's area answers yes here; their row then does not count. */
export const CONFLICT_HEADER = "ผลประโยชน์ทับซ้อน / Conflict of interest";
export const OUTCOME_HEADER = "ผลการพิจารณา / Outcome";

/** "กลุ่ม: รายการ" and "Group: item": the one-language halves of an item's header. */
export function qualifiedName(owner: LocalizedText, item: LocalizedText): LocalizedText {
  return { th: `${owner.th}: ${item.th}`, en: `${owner.en}: ${item.en}` };
}

/** A requirement item: "องค์ประกอบ…: แพลตฟอร์มข้อมูลเมือง… / Required plan components: City Data Platform". */
export function requirementItemHeader(group: LocalizedText, item: LocalizedText): string {
  return bilingualHeader(qualifiedName(group, item));
}

/** A rubric item: "สิ่งแวดล้อมอัจฉริยะ: การจัดการมลพิษ (เต็ม 25) / Smart Environment: pollution management (max 25)". */
export function rubricItemHeader(
  dimension: LocalizedText,
  item: { name: LocalizedText; maxPoints: number }
): string {
  const name = qualifiedName(dimension, item.name);
  return `${name.th} (เต็ม ${item.maxPoints}) / ${name.en} (max ${item.maxPoints})`;
}

/**
 * The consolidated workbook's shorter headers for the same columns (the item's own name; the
 * import reads them too, unless two items share the name).
 */
export function shortRubricItemHeader(item: { name: LocalizedText; maxPoints: number }): string {
  return `${item.name.th} (เต็ม ${item.maxPoints}) / ${item.name.en} (max ${item.maxPoints})`;
}

/** The rubric dimensions and their items, in the ruleset's order. */
export function rubricItems(
  rules: Pick<Rules, "dimensions">
): Array<{ dimension: Rules["dimensions"][number]; item: RubricItem }> {
  return rules.dimensions.flatMap((dimension) =>
    (dimension.items ?? []).map((item) => ({ dimension, item }))
  );
}

/** The requirement groups' items (other than the preliminary criteria), in the ruleset's order. */
export function requirementItems(
  rules: Pick<Rules, "requirementGroups">
): Array<{ group: RequirementGroup; item: RequirementGroup["items"][number] }> {
  return (rules.requirementGroups ?? []).flatMap((group) =>
    group.items.map((item) => ({ group, item }))
  );
}

/**
 * The columns, in order: id, name, the track (when the ruleset has tracks), the preliminary
 * criteria, each requirement group's items, the dimensions (percents, a rubric dimension's
 * computed from its points), the subcommittee overall, each rubric item's points, then the
 * computed columns (computedColumnHeaders). The percents stay side by side so that SCORE, ELIGIBLE and REASONS read
 * them as one range, as in 2018; a ruleset without the later constructs gets the 2018 columns.
 * The conflict-of-interest declaration comes last, after the computed columns: a sheet made
 * before it had every other column where it still is, and the formulas keep their ranges.
 */
export function evaluationSheetHeaders(rules: LayoutRules): string[] {
  return [
    APPLICANT_ID_HEADER,
    APPLICANT_NAME_HEADER,
    ...(rules.tracks !== undefined ? [TRACK_HEADER] : []),
    ...rules.preliminaryCriteria.map((criterion) => bilingualHeader(criterion.name)),
    ...requirementItems(rules).map(({ group, item }) =>
      requirementItemHeader(group.name, item.name)
    ),
    ...rules.dimensions.map((dimension) => bilingualHeader(dimension.name)),
    SUBCOMMITTEE_OVERALL_HEADER,
    ...rubricItems(rules).map(({ dimension, item }) => rubricItemHeader(dimension.name, item)),
    ...computedColumnHeaders(rules),
    CONFLICT_HEADER,
  ];
}

/**
 * The columns the sheet computes: score, eligibility and reasons, and the outcome band when the
 * ruleset defines bands (without them the two implicit bands say what Eligible says).
 */
export function computedColumnHeaders(rules: Pick<Rules, "outcomes">): string[] {
  return [...COMPUTED_COLUMN_HEADERS, ...(rules.outcomes !== undefined ? [OUTCOME_HEADER] : [])];
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

import {
  type FlagCode,
  issueKindName,
  type LocalizedText,
  type ReasonFacts,
} from "@smartcity/shared";
import { unitsOf, WIDER_FONT } from "./text-measure";

/**
 * The Summary's short words for an applicant's flags and reasons. The full sentences of a
 * round with many evaluators run to paragraphs, which printed every Summary row a page tall;
 * the Summary says how many and of what kind, and the Issues sheet holds every sentence (the
 * label links to the applicant's first row there). Thai without English words, English with
 * where to look.
 */
export const REASON_KIND_NAMES: Record<ReasonFacts["code"], LocalizedText> = {
  PRELIMINARY_NOT_MET: { th: "ไม่ผ่านเกณฑ์เบื้องต้น", en: "Preliminary criterion not met" },
  TOO_FEW_DIMENSIONS: { th: "เสนอด้านน้อยเกินไป", en: "Too few dimensions" },
  MANDATORY_DIMENSION_MISSING: { th: "ไม่มีด้านที่บังคับ", en: "Mandatory dimension missing" },
  DIMENSION_BELOW_MIN: { th: "ด้านต่ำกว่าเกณฑ์", en: "Dimension below its minimum" },
  OVERALL_BELOW_MIN: { th: "ภาพรวมต่ำกว่าเกณฑ์", en: "Overall below its minimum" },
  REQUIREMENT_NOT_MET: { th: "ไม่ครบข้อกำหนด", en: "Requirement not met" },
};

export function reasonKindName(code: string): LocalizedText {
  return (
    (REASON_KIND_NAMES as Record<string, LocalizedText | undefined>)[code] ?? issueKindName(code)
  );
}

/**
 * A flag's kind in a word or two, for the Summary's label (the Issues sheet names it in full,
 * `issueKindName`); a kind without a short word here reads as its full name.
 */
const FLAG_SHORT_NAMES: Record<FlagCode, LocalizedText> = {
  DISAGREEMENT: { th: "เห็นต่าง", en: "disagreement" },
  MISSING_SCORE: { th: "ขาดคะแนน", en: "missing score" },
  MISSING_ANSWER: { th: "ขาดคำตอบ", en: "missing answer" },
  DUPLICATE_EVALUATOR: { th: "ประเมินซ้ำ", en: "evaluator twice" },
  NAME_MISMATCH: { th: "ชื่อของรายอื่น", en: "another's name" },
  UNREADABLE_CELL: { th: "อ่านไม่ได้", en: "unreadable" },
  IDENTICAL_SUBMISSIONS: { th: "ส่งซ้ำ", en: "identical files" },
  TRACK_DISAGREEMENT: { th: "ประเภทต่างกัน", en: "tracks differ" },
  MISSING_TRACK: { th: "ขาดประเภท", en: "missing track" },
  MISSING_REQUIREMENT: { th: "ขาดข้อกำหนด", en: "missing requirement" },
  PERCENT_INSTEAD_OF_POINTS: { th: "ร้อยละแทนคะแนน", en: "percent for points" },
  CONFLICT_OF_INTEREST: { th: "ทับซ้อน", en: "conflict" },
  CONFLICT_CONTRADICTED: { th: "ทับซ้อนแต่ประเมิน", en: "conflict, yet scored" },
  TOO_FEW_EVALUATORS: { th: "ผู้ประเมินน้อย", en: "too few evaluators" },
};

/** A reason's kind in a word or two, for the Summary's label. */
const REASON_SHORT_NAMES: Record<ReasonFacts["code"], LocalizedText> = {
  PRELIMINARY_NOT_MET: { th: "เกณฑ์เบื้องต้น", en: "preliminary" },
  TOO_FEW_DIMENSIONS: { th: "ด้านไม่พอ", en: "too few dimensions" },
  MANDATORY_DIMENSION_MISSING: { th: "ขาดด้านบังคับ", en: "mandatory missing" },
  DIMENSION_BELOW_MIN: { th: "ด้านต่ำ", en: "dimension low" },
  OVERALL_BELOW_MIN: { th: "ภาพรวมต่ำ", en: "overall low" },
  REQUIREMENT_NOT_MET: { th: "ข้อกำหนด", en: "requirement" },
};

export function flagShortName(code: string): LocalizedText {
  return (
    (FLAG_SHORT_NAMES as Record<string, LocalizedText | undefined>)[code] ?? issueKindName(code)
  );
}

export function reasonShortName(code: string): LocalizedText {
  return (
    (REASON_SHORT_NAMES as Record<string, LocalizedText | undefined>)[code] ?? reasonKindName(code)
  );
}

/**
 * "⚑ 3: เห็นต่าง, ขาดคะแนน" above "⚑ 3: disagreement, missing score": the count, then each kind
 * once, in the order given (the caller ranks flags), as many as fit one line of a column `width` units wide ("…" for
 * the others; the first is always named). Each language on one line keeps the applicant's row
 * two lines high. Where to read them in full is said once, in the note above the header, and the
 * cell links there.
 */
export function shortLabel(
  mark: string,
  kinds: readonly LocalizedText[],
  width: number
): { th: string; en: string } | null {
  if (kinds.length === 0) return null;
  const distinct: LocalizedText[] = [];
  for (const kind of kinds)
    if (!distinct.some((known) => known.en === kind.en)) distinct.push(kind);
  const line = (named: readonly LocalizedText[], language: "th" | "en") =>
    `${mark} ${kinds.length}: ${named.map((kind) => kind[language]).join(", ")}${named.length < distinct.length ? ", …" : ""}`;
  const fits = (text: string) => unitsOf(text) * WIDER_FONT <= width - 1;
  let count = 1;
  while (
    count < distinct.length &&
    fits(line(distinct.slice(0, count + 1), "th")) &&
    fits(line(distinct.slice(0, count + 1), "en"))
  )
    count++;
  const named = distinct.slice(0, count);
  return { th: line(named, "th"), en: line(named, "en") };
}

export const FLAG_MARK = "⚑";
export const REASON_MARK = "✗";

/** The line above the Summary's header: what the overall's mark and the colours mean. */
export function summaryNote(): LocalizedText {
  return {
    th: "คะแนนภาพรวมที่มีเครื่องหมาย * เป็นของคณะอนุกรรมการ นอกนั้นเป็นค่าเฉลี่ยของด้านที่เสนอ · สีเขียวถึงเกณฑ์ สีแดงต่ำกว่าเกณฑ์ · ประเด็นและเหตุผลฉบับเต็มอยู่ในชีต Issues",
    en: "Overall marked *: the subcommittee's; unmarked: mean of the proposed dimensions · green: at or above the minimum, red: below · flags and reasons in full: Issues sheet",
  };
}

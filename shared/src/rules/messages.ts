import type { LocalizedText } from "../text/localized-text";
import { formatPercent } from "../text/person-decimal";

/**
 * Every sentence a person reads from the engine, in Thai and English, in one
 * place. Codes are stable; the words may improve.
 */

export type ReasonCode =
  | "PRELIMINARY_NOT_MET"
  | "TOO_FEW_DIMENSIONS"
  | "MANDATORY_DIMENSION_MISSING"
  | "DIMENSION_BELOW_MIN"
  | "OVERALL_BELOW_MIN"
  | "REQUIREMENT_NOT_MET";

export type ApplicationErrorCode =
  | "INVALID_SCORE"
  | "UNKNOWN_DIMENSION"
  | "INVALID_APPLICATION"
  | "UNKNOWN_TRACK"
  | "INVALID_POINTS"
  | "SCORE_AND_POINTS";

/**
 * The reason texts. Those that depend only on the ruleset are built once per
 * ruleset (see compiled-rules.ts); those that carry a score are built per
 * evaluation, from parts prepared once, because this runs a million times a second.
 */
export const reasonMessages = {
  preliminaryNotMet(criterion: LocalizedText, answered: boolean): LocalizedText {
    return answered
      ? {
          th: `ไม่ผ่านเกณฑ์เบื้องต้น: ${criterion.th}`,
          en: `Preliminary criterion not met: ${criterion.en}`,
        }
      : {
          th: `ไม่ได้ระบุผลเกณฑ์เบื้องต้น: ${criterion.th}`,
          en: `Preliminary criterion not answered: ${criterion.en}`,
        };
  },
  requirementNotMet(group: LocalizedText, item: LocalizedText, answered: boolean): LocalizedText {
    return answered
      ? { th: `ไม่ผ่านข้อกำหนด${group.th}: ${item.th}`, en: `${group.en} not met: ${item.en}` }
      : {
          th: `ไม่ได้ระบุผลข้อกำหนด${group.th}: ${item.th}`,
          en: `${group.en} not answered: ${item.en}`,
        };
  },
  tooFewDimensions(proposed: number, required: number): LocalizedText {
    return {
      th: `เสนอ ${proposed} ด้าน ต้องเสนออย่างน้อย ${required} ด้าน`,
      en: `${proposed} ${proposed === 1 ? "dimension" : "dimensions"} proposed; at least ${required} required`,
    };
  },
  mandatoryDimensionMissing(dimension: LocalizedText): LocalizedText {
    return {
      th: `ไม่ได้เสนอด้าน${dimension.th} ซึ่งเป็นเกณฑ์บังคับ`,
      en: `${dimension.en} is mandatory but was not proposed`,
    };
  },
  dimensionBelowMin(
    dimension: LocalizedText,
    minPercent: number
  ): (percent: number) => LocalizedText {
    const min = formatPercent(minPercent);
    const th = `${dimension.th} ได้ร้อยละ `;
    const thEnd = ` ต่ำกว่าเกณฑ์ร้อยละ ${min}`;
    const en = `${dimension.en} scored `;
    const enEnd = `%, below the minimum of ${min}%`;
    return (percent) => {
      const shown = formatPercent(percent, minPercent);
      return { th: th + shown + thEnd, en: en + shown + enEnd };
    };
  },
  overallBelowMin(
    minPercent: number,
    fromSubcommittee: boolean
  ): (percent: number) => LocalizedText {
    const min = formatPercent(minPercent);
    const th = fromSubcommittee ? "คะแนนภาพรวมจากคณะอนุกรรมการร้อยละ " : "คะแนนภาพรวมร้อยละ ";
    const thEnd = ` ต่ำกว่าเกณฑ์ร้อยละ ${min}`;
    const en = fromSubcommittee ? "The subcommittee's overall score of " : "The overall score of ";
    const enEnd = `% is below the minimum of ${min}%`;
    return (percent) => {
      const shown = formatPercent(percent, minPercent);
      return { th: th + shown + thEnd, en: en + shown + enEnd };
    };
  },
};

/** What is wrong with one score, without saying which score (the caller names it). */
export const scoreProblems = {
  notANumber(shown: string): LocalizedText {
    return { th: `${shown} ไม่ใช่ตัวเลข`, en: `${shown} is not a number` };
  },
  aboveMax(shown: string): LocalizedText {
    return { th: `${shown} มากกว่า 100`, en: `${shown} is above 100` };
  },
  belowMin(shown: string): LocalizedText {
    return { th: `${shown} ติดลบ (ต่ำกว่า 0)`, en: `${shown} is below 0` };
  },
};

export function namedProblem(name: LocalizedText, problem: LocalizedText): LocalizedText {
  return { th: `${name.th}: ${problem.th}`, en: `${name.en}: ${problem.en}` };
}

export const applicationMessages = {
  notAnObject(): LocalizedText {
    return { th: "ใบสมัครต้องเป็นออบเจกต์ JSON", en: "an application must be a JSON object" };
  },
  unknownField(field: string): LocalizedText {
    return {
      th: `ไม่รู้จักฟิลด์ "${field}" (ใช้ได้: ${APPLICATION_FIELDS.join(", ")})`,
      en: `unknown field "${field}" (allowed: ${APPLICATION_FIELDS.join(", ")})`,
    };
  },
  notText(field: string): LocalizedText {
    return { th: `${field} ต้องเป็นข้อความ`, en: `${field} must be a string` };
  },
  scoresMissing(): LocalizedText {
    return {
      th: 'ต้องมี scores เป็นออบเจกต์ของคะแนนแต่ละด้าน เช่น {"environment": 85}',
      en: 'scores must be an object of dimension scores, e.g. {"environment": 85}',
    };
  },
  unknownDimension(key: string, version: string, known: readonly string[]): LocalizedText {
    return {
      th: `"${key}" ไม่ใช่ด้านในชุดเกณฑ์ฉบับที่ ${version} (ด้านที่มี: ${known.join(", ")})`,
      en: `"${key}" is not a dimension of ruleset ${version} (dimensions: ${known.join(", ")})`,
    };
  },
  preliminaryNotObject(): LocalizedText {
    return {
      th: 'preliminary ต้องเป็นออบเจกต์ เช่น {"juristicPerson": true}',
      en: 'preliminary must be an object of criterion answers, e.g. {"juristicPerson": true}',
    };
  },
  unknownCriterion(key: string, version: string, known: readonly string[]): LocalizedText {
    return {
      th: `"${key}" ไม่ใช่เกณฑ์เบื้องต้นในชุดเกณฑ์ฉบับที่ ${version} (เกณฑ์ที่มี: ${known.join(", ")})`,
      en: `"${key}" is not a preliminary criterion of ruleset ${version} (criteria: ${known.join(", ")})`,
    };
  },
  criterionNotBoolean(criterion: LocalizedText, shown: string): LocalizedText {
    return {
      th: `${criterion.th}: ต้องเป็น true หรือ false ไม่ใช่ ${shown}`,
      en: `${criterion.en}: must be true or false, not ${shown}`,
    };
  },
};

/** The words of the application errors about issue 13's fields: track, requirements, points. */
export const laterFieldMessages = {
  unknownTrack(key: string, version: string, known: readonly string[]): LocalizedText {
    return {
      th: `"${key}" ไม่ใช่ประเภทเมืองในชุดเกณฑ์ฉบับที่ ${version} (ประเภทที่มี: ${known.join(", ") || "ไม่มี"})`,
      en: `"${key}" is not a track of ruleset ${version} (tracks: ${known.join(", ") || "none"})`,
    };
  },
  notAnObject(field: string, example: string): LocalizedText {
    return {
      th: `${field} ต้องเป็นออบเจกต์ เช่น ${example}`,
      en: `${field} must be an object, e.g. ${example}`,
    };
  },
  unknownGroup(key: string, version: string, known: readonly string[]): LocalizedText {
    return {
      th: `"${key}" ไม่ใช่กลุ่มข้อกำหนดในชุดเกณฑ์ฉบับที่ ${version} (กลุ่มที่มี: ${known.join(", ")})`,
      en: `"${key}" is not a requirement group of ruleset ${version} (groups: ${known.join(", ")})`,
    };
  },
  unknownItem(key: string, of: LocalizedText, known: readonly string[]): LocalizedText {
    return {
      th: `"${key}" ไม่ใช่รายการของ${of.th} (รายการที่มี: ${known.join(", ")})`,
      en: `"${key}" is not an item of ${of.en} (items: ${known.join(", ")})`,
    };
  },
  preliminaryTwice(): LocalizedText {
    return {
      th: "ระบุเกณฑ์เบื้องต้นซ้ำทั้งใน preliminary และ requirements.preliminary: ใช้แห่งเดียว",
      en: "the preliminary answers are given twice, in preliminary and requirements.preliminary: use one",
    };
  },
  noRubric(dimension: LocalizedText): LocalizedText {
    return {
      th: `${dimension.th} ไม่มีรายการให้คะแนน: ให้คะแนนเป็นร้อยละใน scores`,
      en: `${dimension.en} has no rubric items: give its percent in scores`,
    };
  },
  pointsProblem(item: LocalizedText, shown: string, maxPoints: number): LocalizedText {
    return {
      th: `${item.th}: ${shown} ต้องเป็นตัวเลขตั้งแต่ 0 ถึง ${maxPoints}`,
      en: `${item.en}: ${shown} must be a number from 0 to ${maxPoints}`,
    };
  },
  scoreAndPoints(dimension: LocalizedText): LocalizedText {
    return {
      th: `${dimension.th} มีทั้งร้อยละใน scores และคะแนนใน points: ใช้อย่างใดอย่างหนึ่ง`,
      en: `${dimension.en} has both a percent in scores and points: give one`,
    };
  },
};

export const APPLICATION_FIELDS = [
  "id",
  "name",
  "track",
  "scores",
  "points",
  "overall",
  "preliminary",
  "requirements",
] as const;

export const OVERALL_LABEL: LocalizedText = { th: "คะแนนภาพรวม", en: "Overall" };

/** A value as it would appear in JSON, shortened so a message stays readable. */
export function showValue(value: unknown): string {
  let shown: string;
  try {
    shown =
      typeof value === "number" && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  } catch {
    shown = String(value);
  }
  if (shown === undefined) shown = String(value);
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
}

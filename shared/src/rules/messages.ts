import type { LocalizedText } from "../text/localized-text";
import { formatPercent } from "../text/person-decimal";

export { showValue } from "../text/shown-value";

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

/** Something an application or a ruleset may name: its id (the JSON key) and its names. */
export interface NamedEntry {
  id: string;
  name: LocalizedText;
}

/**
 * The entries a caller could have meant, for "(dimensions: …)". Only ids are accepted, so both
 * languages list them: the English bare (the keys a developer writes), the Thai after each Thai
 * name and in quotes, as every value to be typed exactly is quoted in a Thai message.
 */
export function knownEntries(entries: readonly NamedEntry[]): LocalizedText {
  return {
    th: entries.map((entry) => `${entry.name.th} ("${entry.id}")`).join(", ") || "ไม่มี",
    en: entries.map((entry) => entry.id).join(", ") || "none",
  };
}

/**
 * What is wrong with one amount (a percent, or a rubric item's points), without saying which
 * (the caller names it with `namedProblem`). One set of words for both, so the percent of
 * INVALID_SCORE and the points of INVALID_POINTS read alike. `shown` is the value as
 * `showValue` shows it in each language.
 */
export const scoreProblems = {
  notANumber(shown: LocalizedText): LocalizedText {
    return { th: `${shown.th} ไม่ใช่ตัวเลข`, en: `${shown.en} is not a number` };
  },
  aboveMax(shown: LocalizedText): LocalizedText {
    return { th: `${shown.th} มากกว่า 100`, en: `${shown.en} is above 100` };
  },
  belowMin(shown: LocalizedText): LocalizedText {
    return { th: `${shown.th} ติดลบ (ต่ำกว่า 0)`, en: `${shown.en} is below 0` };
  },
  /** A number too large (or too negative) for a double, 1e999: said in words, with the range. */
  beyondRange(shown: LocalizedText, max: number): LocalizedText {
    return {
      th: `${shown.th} (ต้องอยู่ระหว่าง 0 ถึง ${max})`,
      en: `${shown.en} (it must lie from 0 to ${max})`,
    };
  },
  /** Points given as text ("20"): JSON points are numbers; the value may well be in range. */
  pointsAsText(shown: LocalizedText, maxPoints: number): LocalizedText {
    return {
      th: `${shown.th} เป็นข้อความ ไม่ใช่ตัวเลขคะแนน (0 ถึง ${maxPoints})`,
      en: `${shown.en} is text, not a number of points (0 to ${maxPoints})`,
    };
  },
  notPoints(shown: LocalizedText, maxPoints: number): LocalizedText {
    return {
      th: `${shown.th} ไม่ใช่ตัวเลขคะแนน (0 ถึง ${maxPoints})`,
      en: `${shown.en} is not a number of points (0 to ${maxPoints})`,
    };
  },
  pointsAboveMax(shown: LocalizedText, maxPoints: number): LocalizedText {
    return {
      th: `${shown.th} เกินคะแนนเต็ม ${maxPoints}`,
      en: `${shown.en} is above its maximum of ${maxPoints}`,
    };
  },
};

export function namedProblem(name: LocalizedText, problem: LocalizedText): LocalizedText {
  return { th: `${name.th}: ${problem.th}`, en: `${name.en}: ${problem.en}` };
}

/** A rubric item named with its dimension ("Smart Environment: resource care"): item names repeat. */
export function rubricItemName(dimension: LocalizedText, item: LocalizedText): LocalizedText {
  return { th: `${dimension.th}: ${item.th}`, en: `${dimension.en}: ${item.en}` };
}

/** The Thai names of an application's fields, for the Thai messages (the English uses the keys). */
const APPLICATION_FIELD_THAI: Record<(typeof APPLICATION_FIELDS)[number], string> = {
  id: "รหัสใบสมัคร",
  name: "ชื่อพื้นที่",
  track: "ประเภทเมือง",
  scores: "คะแนนร้อยละรายด้าน",
  points: "คะแนนรายการ",
  overall: "คะแนนภาพรวม",
  preliminary: "ผลเกณฑ์เบื้องต้น",
  requirements: "ผลข้อกำหนด",
};

export const applicationMessages = {
  notAnObject(): LocalizedText {
    return { th: "ใบสมัครต้องเป็นออบเจกต์", en: "an application must be a JSON object" };
  },
  unknownField(field: string): LocalizedText {
    return {
      th: `ไม่รู้จักฟิลด์ "${field}" (ฟิลด์ที่มี: ${Object.values(APPLICATION_FIELD_THAI).join(", ")})`,
      en: `unknown field "${field}" (allowed: ${APPLICATION_FIELDS.join(", ")})`,
    };
  },
  notText(field: "id" | "name"): LocalizedText {
    return { th: `${APPLICATION_FIELD_THAI[field]}ต้องเป็นข้อความ`, en: `${field} must be a string` };
  },
  scoresMissing(): LocalizedText {
    return {
      th: "ต้องมีคะแนนร้อยละรายด้าน เป็นออบเจกต์ที่ระบุคะแนนของแต่ละด้านตามรหัสด้าน",
      en: 'scores must be an object of dimension scores, e.g. {"environment": 85}',
    };
  },
  unknownDimension(key: string, version: string, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `"${key}" ไม่ใช่ด้านในชุดเกณฑ์ฉบับที่ ${version} (ด้านที่มี: ${list.th})`,
      en: `"${key}" is not a dimension of ruleset ${version} (dimensions: ${list.en})`,
    };
  },
  preliminaryNotObject(): LocalizedText {
    return {
      th: "ผลเกณฑ์เบื้องต้นต้องเป็นออบเจกต์ที่ระบุผลจริงหรือเท็จของแต่ละเกณฑ์ตามรหัสเกณฑ์",
      en: 'preliminary must be an object of criterion answers, e.g. {"juristicPerson": true}',
    };
  },
  unknownCriterion(key: string, version: string, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `"${key}" ไม่ใช่เกณฑ์เบื้องต้นในชุดเกณฑ์ฉบับที่ ${version} (เกณฑ์ที่มี: ${list.th})`,
      en: `"${key}" is not a preliminary criterion of ruleset ${version} (criteria: ${list.en})`,
    };
  },
  criterionNotBoolean(criterion: LocalizedText, shown: LocalizedText): LocalizedText {
    return {
      th: `${criterion.th}: ต้องเป็นจริงหรือเท็จ ไม่ใช่ ${shown.th}`,
      en: `${criterion.en}: must be true or false, not ${shown.en}`,
    };
  },
};

/** The words of the application errors about the later criteria's fields: track, requirements, points. */
export const laterFieldMessages = {
  /** `shown`: the track as given, as `showValue` shows it (a text in quotes). */
  unknownTrack(shown: LocalizedText, version: string, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `${shown.th} ไม่ใช่ประเภทเมืองในชุดเกณฑ์ฉบับที่ ${version} (ประเภทที่มี: ${list.th})`,
      en: `${shown.en} is not a track of ruleset ${version} (tracks: ${list.en})`,
    };
  },
  /** `what`: the field in words (Thai) and as its JSON path (English, with an example). */
  notAnObject(what: LocalizedText, example: string): LocalizedText {
    return {
      th: `${what.th}ต้องเป็นออบเจกต์`,
      en: `${what.en} must be an object, e.g. ${example}`,
    };
  },
  unknownGroup(key: string, version: string, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `"${key}" ไม่ใช่กลุ่มข้อกำหนดในชุดเกณฑ์ฉบับที่ ${version} (กลุ่มที่มี: ${list.th})`,
      en: `"${key}" is not a requirement group of ruleset ${version} (groups: ${list.en})`,
    };
  },
  unknownItem(key: string, of: LocalizedText, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `"${key}" ไม่ใช่รายการของ${of.th} (รายการที่มี: ${list.th})`,
      en: `"${key}" is not an item of ${of.en} (items: ${list.en})`,
    };
  },
  preliminaryTwice(): LocalizedText {
    return {
      th: "ระบุผลเกณฑ์เบื้องต้นซ้ำสองแห่ง (ทั้งในผลเกณฑ์เบื้องต้นและในผลข้อกำหนด): ใช้แห่งเดียว",
      en: "the preliminary answers are given twice, in preliminary and requirements.preliminary: use one",
    };
  },
  noRubric(dimension: LocalizedText): LocalizedText {
    return {
      th: `${dimension.th} ไม่มีรายการให้คะแนน: ให้คะแนนเป็นร้อยละแทน`,
      en: `${dimension.en} has no rubric items: give its percent in scores`,
    };
  },
  scoreAndPoints(dimension: LocalizedText): LocalizedText {
    return {
      th: `${dimension.th} มีทั้งคะแนนร้อยละและคะแนนรายการ: ใช้อย่างใดอย่างหนึ่ง`,
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

import type { LocalizedText } from "../text/localized-text";
import { knownEntries, type NamedEntry } from "./messages";

/**
 * The words of the ruleset checks of the later criteria (structure-checks.ts), in Thai and English.
 * A schema issue's `message` is the English; its `params.th` the Thai, which the service
 * passes on beside it (issues[].th).
 */
export const structureMessages = {
  preliminaryTwice(): LocalizedText {
    return {
      th: "ระบุเกณฑ์เบื้องต้นซ้ำสองแห่ง: ใช้รายการเกณฑ์เบื้องต้น หรือกลุ่มข้อกำหนดเกณฑ์เบื้องต้น อย่างใดอย่างหนึ่ง",
      en: 'the preliminary criteria are given twice: use preliminaryCriteria or the group "preliminary", not both',
    };
  },
  preliminaryMissing(): LocalizedText {
    return {
      th: "ต้องมีเกณฑ์เบื้องต้น: ระบุรายการเกณฑ์เบื้องต้น หรือกลุ่มข้อกำหนดเกณฑ์เบื้องต้น",
      en: 'the preliminary criteria are missing: give preliminaryCriteria or the group "preliminary" in requirementGroups',
    };
  },
  duplicate(what: LocalizedText, id: string): LocalizedText {
    return { th: `${what.th} "${id}" ซ้ำ`, en: `duplicate ${what.en} "${id}"` };
  },
  unknownDimension(id: string, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `"${id}" ไม่ใช่ด้านในชุดเกณฑ์นี้ (ด้านที่มี: ${list.th})`,
      en: `"${id}" is not a dimension of these rules (dimensions: ${list.en})`,
    };
  },
  unknownGroup(id: string, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `"${id}" ไม่ใช่กลุ่มข้อกำหนดในชุดเกณฑ์นี้ (กลุ่มที่มี: ${list.th})`,
      en: `"${id}" is not a requirement group of these rules (groups: ${list.en})`,
    };
  },
  unknownTrack(id: string, known: readonly NamedEntry[]): LocalizedText {
    const list = knownEntries(known);
    return {
      th: `"${id}" ไม่ใช่ประเภทเมืองในชุดเกณฑ์นี้ (ประเภทที่มี: ${list.th})`,
      en: `"${id}" is not a track of these rules (tracks: ${list.en})`,
    };
  },
  trackLabelTaken(label: string, other: LocalizedText): LocalizedText {
    return {
      th: `"${label}" อ่านได้ว่าเป็นประเภทเมือง "${other.th}" อยู่แล้ว: ตั้งชื่อหรือรหัสให้ต่างกัน`,
      en: `"${label}" already reads as the city type "${other.en}": give each type its own name and id`,
    };
  },
  tooManyRequired(required: number, available: number): LocalizedText {
    return {
      th: `กำหนดให้ต้องมี ${required} ด้าน แต่ชุดเกณฑ์มีเพียง ${available} ด้าน`,
      en: `requires ${required} dimensions but the ruleset has only ${available}`,
    };
  },
  tooFewBands(): LocalizedText {
    return {
      th: "ต้องมีผลการพิจารณาอย่างน้อย 2 ระดับ: ระดับแรกคือผ่านเกณฑ์ทุกข้อ ระดับสุดท้ายรับกรณีที่เหลือ",
      en: "at least 2 outcome bands are needed: the first for every rule holding, the last for the rest",
    };
  },
  firstBandTakesNoWhen(): LocalizedText {
    return {
      th: "ผลการพิจารณาระดับแรกต้องไม่มีเงื่อนไข: ระดับแรกคือผ่านเกณฑ์ทุกข้อ",
      en: "the first outcome band takes no when: it is reached exactly when every rule holds",
    };
  },
  missingFallback(): LocalizedText {
    return {
      th: "ขาดผลการพิจารณาระดับสุดท้ายที่ไม่มีเงื่อนไข เพื่อรับกรณีที่เหลือ",
      en: "the fallback band is missing: the last outcome band takes no when and catches the rest",
    };
  },
  bandWithoutConditions(): LocalizedText {
    return {
      th: "ผลการพิจารณาระดับกลางต้องมีเงื่อนไขอย่างน้อยหนึ่งข้อ มิฉะนั้นระดับถัดไปจะไม่มีทางได้",
      en: "a band between the first and the last needs at least one when condition; without one, the bands after it are unreachable",
    };
  },
  unreachableBand(band: NamedEntry, earlier: NamedEntry): LocalizedText {
    return {
      th: `ผลการพิจารณา "${band.name.th}" ไม่มีทางได้: ทุกกรณีที่ตรงเงื่อนไขของระดับนี้ตรงกับระดับ "${earlier.name.th}" ก่อนหน้าแล้ว`,
      en: `outcome band "${band.id}" is unreachable: every case its when admits is already taken by the earlier band "${earlier.id}"`,
    };
  },
};

export const WHAT = {
  group: { th: "รหัสกลุ่มข้อกำหนด", en: "requirement group id" },
  item: { th: "รหัสรายการ", en: "item id" },
  track: { th: "รหัสประเภทเมือง", en: "track id" },
  band: { th: "รหัสผลการพิจารณา", en: "outcome band id" },
  dimension: { th: "รหัสด้าน", en: "dimension id" },
} satisfies Record<string, LocalizedText>;

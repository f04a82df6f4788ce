import { formatBangkokDateTime, type RulesetUnconfirmed } from "@smartcity/shared";

/**
 * What an answer says when it is under the version this instance last read because storage
 * could not be reached to re-check which version is in force (see RulesetUnconfirmedSchema).
 */
export function unconfirmedRuleset(version: string, lastConfirmedAt: Date): RulesetUnconfirmed {
  const at = formatBangkokDateTime(lastConfirmedAt);
  return {
    lastConfirmedAt: lastConfirmedAt.toISOString(),
    message: {
      th: `ขณะนี้เข้าถึงที่เก็บชุดเกณฑ์ไม่ได้ จึงตรวจสอบซ้ำไม่ได้ว่าฉบับใดมีผลใช้บังคับ ผลนี้ประเมินตามชุดเกณฑ์ฉบับที่ ${version} ตามที่ตรวจสอบได้ครั้งล่าสุดเมื่อ ${at.th}`,
      en: `The ruleset store cannot be reached right now, so which version is in force could not be re-checked: these results are under version ${version}, as last confirmed on ${at.en}`,
    },
  };
}

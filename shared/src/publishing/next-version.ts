import type { LocalizedText } from "../text/localized-text";
import type { PublishRequest } from "../contract/publish-contract";
import { type Ruleset, RulesetSchema } from "../rules/ruleset-schema";
import { formatThaiDate } from "../text/thai-date";

/**
 * The next version of the committee's rulesets, from a publish request, the newest version,
 * the time and the rules' hash (the caller computes it: hashing needs a crypto library, and
 * shared has no I/O). Expected refusals are returned, not thrown.
 */

/**
 * The largest ruleset stored, in characters of its JSON (a Thai character counts one). The
 * baseline is about 4,200; this leaves room for long Thai attribute texts, many aliases and
 * long approval references, and keeps a version, a proposal and the audit of their diff well
 * inside one Table Storage transaction (4 MiB, 1 MiB per row).
 */
export const MAX_RULESET_CHARACTERS = 100_000;

export type PublishRefusalCode = "EFFECTIVE_DATE_IN_PAST" | "NO_CHANGE" | "RULESET_TOO_LARGE";

export interface PublishRefusal {
  code: PublishRefusalCode;
  message: LocalizedText;
}

export type NextVersion = { ok: true; ruleset: Ruleset } | { ok: false; refusal: PublishRefusal };

export interface NextVersionInput {
  request: Pick<PublishRequest, "rules" | "approval" | "effectiveFrom" | "note">;
  /** The newest version published, in force or scheduled. */
  newest: Ruleset;
  /** Today in the committee's time zone (YYYY-MM-DD). */
  today: string;
  now: Date;
  /** `sha256:` of the canonical JSON of the request's rules. */
  hash: string;
  publishedBy: string;
  /** Set when the version comes from an approved proposal. */
  proposal?: Ruleset["proposal"];
}

export function nextVersion(input: NextVersionInput): NextVersion {
  const { request, newest, today, now, hash } = input;
  const effectiveFrom = request.effectiveFrom ?? today;
  if (effectiveFrom < today) return refuse(effectiveDateInPast(effectiveFrom, today));
  if (hash === newest.hash) return refuse(noChange(newest));
  const ruleset = RulesetSchema.parse({
    version: String(Number(newest.version) + 1),
    approval: request.approval,
    effectiveFrom,
    publishedAt: now.toISOString(),
    publishedBy: input.publishedBy,
    note: request.note,
    hash,
    rules: request.rules,
    ...(input.proposal ? { proposal: input.proposal } : {}),
  });
  const size = rulesetSize(ruleset);
  if (size > MAX_RULESET_CHARACTERS) return refuse(rulesetTooLarge(size));
  return { ok: true, ruleset };
}

/** The size that MAX_RULESET_CHARACTERS bounds: characters of the ruleset's JSON. */
export function rulesetSize(ruleset: unknown): number {
  return JSON.stringify(ruleset).length;
}

function refuse(refusal: PublishRefusal): NextVersion {
  return { ok: false, refusal };
}

export function effectiveDateInPast(date: string, today: string): PublishRefusal {
  return {
    code: "EFFECTIVE_DATE_IN_PAST",
    message: {
      th: `วันที่มีผล ${formatThaiDate(date)} เป็นวันที่ผ่านมาแล้ว (วันนี้คือ ${formatThaiDate(today)} ตามเวลากรุงเทพฯ) ประวัติของชุดเกณฑ์แก้ย้อนหลังไม่ได้ หากต้องการแก้ไข ให้ออกฉบับใหม่ที่มีผลตั้งแต่วันนี้`,
      en: `effectiveFrom ${date} is in the past (today is ${today} in the committee's time zone); the history cannot be rewritten, so publish a correction effective from today or later`,
    },
  };
}

export function noChange(newest: Ruleset): PublishRefusal {
  return {
    code: "NO_CHANGE",
    message: {
      th: `เกณฑ์เหมือนกับฉบับที่ ${newest.version} ซึ่งเป็นฉบับล่าสุดทุกประการ จึงไม่มีอะไรให้ออกเป็นฉบับใหม่`,
      en: `The rules are the same as version ${newest.version}, the newest (hash ${newest.hash}); there is nothing to publish`,
    },
  };
}

export function rulesetTooLarge(size: number): PublishRefusal {
  return {
    code: "RULESET_TOO_LARGE",
    message: {
      th: `ชุดเกณฑ์มีขนาด ${size} อักขระ เกินขีดจำกัด ${MAX_RULESET_CHARACTERS} อักขระ กรุณาย่อคำอธิบายหรือชื่อเรียกอื่นให้สั้นลง`,
      en: `The ruleset is ${size} characters of JSON, above the limit of ${MAX_RULESET_CHARACTERS}; shorten its texts or aliases`,
    },
  };
}

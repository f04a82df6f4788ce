import { z } from "zod";
import { bilingual } from "../rules/schema-issues";
import { isApplicationError } from "../rules/evaluation-result";
import { evaluateBatch } from "../rules/evaluate";
import type { LocalizedText } from "../text/localized-text";
import {
  ApprovalSchema,
  IsoDateSchema,
  type Rules,
  RulesSchema,
  type Ruleset,
} from "../rules/ruleset-schema";

/**
 * Four-eyes publishing: an admin proposes a new version (the same body as a publish), and
 * other admins approve it; the last approval needed makes it the next version. A proposal
 * is written against a `base` (the newest version when it was made); once another version
 * is published it is outdated and can only be rejected. Approved and rejected are final.
 */
export const PROPOSAL_STATUSES = ["pending", "approved", "rejected"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A person as the token names them: `id` tells two people apart (oid/sub), `name` is shown. */
export interface Person {
  id: string;
  name: string;
}

export const FlipSchema = z.object({
  index: z.number().int(),
  id: z.string().optional(),
  from: z.boolean(),
  to: z.boolean(),
  /** The outcome bands before and after (later criteria); a flip may change only the band. */
  fromOutcome: z.string().optional(),
  toOutcome: z.string().optional(),
});
export type Flip = z.output<typeof FlipSchema>;

/** The impact of a proposal on the applications its proposer previewed it with. */
export const ProposalPreviewSchema = z.object({
  inForce: z.string(),
  applications: z.number().int(),
  flips: z.array(FlipSchema),
});

/** A proposal as stored (the diff is computed when it is read, against its base). */
export const ProposalRecordSchema = z.object({
  id: z.string(),
  base: z.string(),
  rules: RulesSchema,
  hash: z.string(),
  approval: ApprovalSchema,
  /** The date asked for; null means "the day it is approved". */
  effectiveFrom: IsoDateSchema.nullable(),
  note: z.string(),
  proposedBy: z.string(),
  proposedById: z.string(),
  proposedAt: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  approvals: z.array(z.object({ by: z.string(), byId: z.string(), at: z.string() })),
  /** The version it became, once approved. */
  version: z.string().optional(),
  rejection: z
    .object({ by: z.string(), byId: z.string(), at: z.string(), note: z.string() })
    .optional(),
  preview: ProposalPreviewSchema.optional(),
});
export type ProposalRecord = z.output<typeof ProposalRecordSchema>;

/** A proposal as the API answers it: the record, its diff against its base, and whether it is outdated. */
export const ProposalResponseSchema = ProposalRecordSchema.extend({
  diff: z.array(z.object({ path: z.string(), old: z.unknown(), new: z.unknown() })),
  outdated: z.boolean(),
});
export type ProposalResponse = z.output<typeof ProposalResponseSchema>;

export const ProposalListSchema = z.object({
  proposals: z.array(ProposalResponseSchema),
  next: z.string().optional(),
});

/** A proposal's preview is stored with it: it covers at most this many applications. */
export const MAX_PROPOSAL_PREVIEW_APPLICATIONS = 1_000;

/** The optional part of a proposal's body beyond a publish's: applications to preview it on. */
export const ProposalExtrasSchema = z.object({
  applications: z.array(z.unknown()).max(MAX_PROPOSAL_PREVIEW_APPLICATIONS).optional(),
});

export const RejectRequestSchema = z
  .object({
    note: z
      .string()
      .trim()
      .min(
        1,
        bilingual({
          th: "กรุณาระบุเหตุผลที่ปฏิเสธข้อเสนอ",
          en: "say why the proposal is rejected (note)",
        })
      )
      .max(2000),
  })
  .strict();

export type ApprovalRefusalCode =
  "SELF_APPROVAL" | "PROPOSAL_CLOSED" | "PROPOSAL_OUTDATED" | "ALREADY_APPROVED";

export interface ApprovalRefusal {
  code: ApprovalRefusalCode;
  message: LocalizedText;
}

/**
 * What an approval by `approver` does to `proposal` when `newest` is the newest version and
 * `required` distinct approvers are needed: refused (and why), or recorded, completing the
 * proposal when it is the last one needed.
 */
export function decideApproval(
  proposal: ProposalRecord,
  approver: Person,
  newest: string,
  required: number
): { ok: true; completes: boolean } | { ok: false; refusal: ApprovalRefusal } {
  if (proposal.status !== "pending") return { ok: false, refusal: proposalClosed(proposal) };
  if (approver.id === proposal.proposedById) {
    return {
      ok: false,
      refusal: {
        code: "SELF_APPROVAL",
        message: {
          th: `อนุมัติข้อเสนอของตนเองไม่ได้ ผู้ดูแลระบบคนอื่นต้องเป็นผู้อนุมัติ (ผู้เสนอ: ${proposal.proposedBy})`,
          en: `You cannot approve your own proposal; another admin must (proposed by ${proposal.proposedBy})`,
        },
      },
    };
  }
  if (proposal.approvals.some((entry) => entry.byId === approver.id)) {
    return {
      ok: false,
      refusal: {
        code: "ALREADY_APPROVED",
        message: {
          th: "คุณอนุมัติข้อเสนอนี้ไปแล้ว ต้องให้ผู้ดูแลระบบคนอื่นอนุมัติเพิ่ม",
          en: "You have already approved this proposal; it needs another admin's approval",
        },
      },
    };
  }
  if (proposal.base !== newest) return { ok: false, refusal: proposalOutdated(proposal, newest) };
  return { ok: true, completes: proposal.approvals.length + 1 >= required };
}

export function proposalClosed(proposal: ProposalRecord): ApprovalRefusal {
  const decided =
    proposal.status === "approved"
      ? {
          th: `ได้รับอนุมัติแล้วเป็นฉบับที่ ${proposal.version}`,
          en: `approved as version ${proposal.version}`,
        }
      : { th: "ถูกปฏิเสธแล้ว", en: "rejected" };
  return {
    code: "PROPOSAL_CLOSED",
    message: {
      th: `ข้อเสนอนี้${decided.th} จึงเปลี่ยนแปลงอีกไม่ได้`,
      en: `This proposal was ${decided.en}; it cannot change any more`,
    },
  };
}

export function proposalOutdated(proposal: ProposalRecord, newest: string): ApprovalRefusal {
  return {
    code: "PROPOSAL_OUTDATED",
    message: {
      th: `ข้อเสนอนี้เขียนจากฉบับที่ ${proposal.base} แต่ขณะนี้ฉบับล่าสุดคือฉบับที่ ${newest} กรุณาปฏิเสธข้อเสนอนี้แล้วเสนอใหม่จากฉบับล่าสุด`,
      en: `This proposal was written against version ${proposal.base}, but the newest is now version ${newest}; reject it and propose again from the newest`,
    },
  };
}

/**
 * Each application under the version in force and under candidate rules, and which flip
 * between eligible and not or change outcome band (e.g. approved → approved in principle),
 * by the same engine as every evaluation. Eligible under both is no change, whatever the first
 * band is called (it is eligibility itself).
 */
export function previewImpact(
  applications: readonly unknown[],
  inForce: Ruleset,
  rules: Rules
): { results: { inForce: unknown; candidate: unknown }[]; flips: Flip[] } {
  const candidate: Ruleset = { ...inForce, rules };
  const before = evaluateBatch(applications as unknown[], inForce);
  const after = evaluateBatch(applications as unknown[], candidate);
  const flips = before.flatMap((outcome, index) => {
    const next = after[index];
    if (
      isApplicationError(outcome) ||
      isApplicationError(next) ||
      (outcome.eligible === next.eligible &&
        (outcome.eligible || outcome.outcome.id === next.outcome.id))
    )
      return [];
    return [
      {
        index,
        id: outcome.id,
        from: outcome.eligible,
        to: next.eligible,
        fromOutcome: outcome.outcome.id,
        toOutcome: next.outcome.id,
      },
    ];
  });
  return {
    results: before.map((outcome, index) => ({ inForce: outcome, candidate: after[index] })),
    flips,
  };
}

import { z } from "zod";
import {
  ApprovalSchema,
  IsoDateSchema,
  LocalizedTextSchema,
  RulesetSchema,
  VersionSchema,
} from "./ruleset-schema";

/**
 * The HTTP contract between the scoring service and its clients, as zod
 * schemas that the server parses requests with and that clients parse
 * responses with.
 */

/** The most applications one `POST /api/evaluate` takes; above it the answer is 413. */
export const MAX_APPLICATIONS_PER_BATCH = 10_000;
/** The largest request body the service reads (bytes); above it the answer is 413. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export const ROLES = ["Evaluator", "Secretary", "Admin"] as const;
export type Role = (typeof ROLES)[number];

const NullablePercent = z.number().min(0).max(100).nullable();

/**
 * One application. The service checks each application on its own with
 * `readApplication` (the same shape, written out for speed), so that one bad
 * application gets its own error instead of failing the batch.
 */
export const ApplicationSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    /** Percent 0–100 per dimension id; missing or null means "not proposed". */
    scores: z.record(z.string(), NullablePercent),
    /** The subcommittee's own overall score, used instead of the computed mean. */
    overall: NullablePercent.optional(),
    /** Every criterion in force must be true; absent means "not assessed". */
    preliminary: z.record(z.string(), z.boolean()).nullable().optional(),
  })
  .strict();
export type Application = z.input<typeof ApplicationSchema>;

/**
 * Which words each reason carries: both languages (the default, so existing clients keep
 * working), Thai only, English only, or none — the code and its facts alone, for a client
 * that words reasons itself with shared's `reasonText` (the add-in). Application errors
 * always carry both languages.
 */
export const MessagesSchema = z
  .enum(["both", "th", "en", "none"])
  .describe(
    'Which words each reason carries: "both" (default), "th", "en", or "none" (code and facts only)'
  );

/** The envelope; applications are checked one by one after it parses. */
export const EvaluateRequestSchema = z
  .object({
    rulesetVersion: VersionSchema.optional(),
    /** Evaluate under the version that was in force on this date (ignored when rulesetVersion is given). */
    asOf: IsoDateSchema.optional(),
    messages: MessagesSchema.optional(),
    applications: z.array(z.unknown()),
  })
  .strict();
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

/** A reason's code and the facts its words need (see ReasonFacts in evaluation-result.ts). */
const ReasonFactsSchema = z.object({
  code: z.enum([
    "PRELIMINARY_NOT_MET",
    "TOO_FEW_DIMENSIONS",
    "MANDATORY_DIMENSION_MISSING",
    "DIMENSION_BELOW_MIN",
    "OVERALL_BELOW_MIN",
  ]),
  dimension: z.string().optional(),
  criterion: z.string().optional(),
  /** PRELIMINARY_NOT_MET: true when answered "no", false when not answered. */
  answered: z.boolean().optional(),
  /** TOO_FEW_DIMENSIONS: how many were proposed, how many are required. */
  proposed: z.number().int().optional(),
  required: z.number().int().optional(),
  /** DIMENSION_BELOW_MIN, OVERALL_BELOW_MIN: the value and its bar. */
  percent: z.number().optional(),
  minPercent: z.number().optional(),
  /** OVERALL_BELOW_MIN: whose overall score it was. */
  source: z.enum(["subcommittee", "computed"]).optional(),
});

/** A reason with its words in both languages. */
export const ReasonSchema = ReasonFactsSchema.extend({ message: LocalizedTextSchema });

/** A reason in an evaluate answer: words as `messages` asked (both, one language, or none). */
export const EvaluateReasonSchema = ReasonFactsSchema.extend({
  message: z.object({ th: z.string().optional(), en: z.string().optional() }).optional(),
});

export const EvaluationResultSchema = z.object({
  id: z.string().optional(),
  eligible: z.boolean(),
  overallPercent: z.number().nullable(),
  overallSource: z.enum(["subcommittee", "computed"]).nullable(),
  overallMinPercent: z.number(),
  preliminary: z.enum(["met", "notMet", "notAssessed"]),
  dimensions: z.array(
    z.object({ id: z.string(), percent: z.number(), minPercent: z.number(), passed: z.boolean() })
  ),
  reasons: z.array(EvaluateReasonSchema),
});

export const ApplicationErrorSchema = z.object({
  id: z.string().optional(),
  error: z.object({
    code: z.enum(["INVALID_SCORE", "UNKNOWN_DIMENSION", "INVALID_APPLICATION"]),
    path: z.string(),
    message: LocalizedTextSchema,
  }),
});

export const RulesetSummarySchema = z.object({
  version: VersionSchema,
  approval: ApprovalSchema,
  effectiveFrom: IsoDateSchema,
  publishedAt: z.string(),
  publishedBy: z.string(),
  note: z.string(),
  hash: z.string(),
});
export type RulesetSummary = z.infer<typeof RulesetSummarySchema>;

export const EvaluateResponseSchema = z.object({
  ruleset: RulesetSummarySchema,
  results: z.array(z.union([EvaluationResultSchema, ApplicationErrorSchema])),
});
export type EvaluateResponse = z.infer<typeof EvaluateResponseSchema>;

export const RulesetHistorySchema = z.object({ rulesets: z.array(RulesetSummarySchema) });
export const RulesetResponseSchema = RulesetSchema;

export const HealthResponseSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  storage: z.object({ status: z.enum(["ok", "unavailable"]), message: z.string().optional() }),
  authMode: z.enum(["dev", "entra"]),
  /** In Entra ID mode: what the add-in needs to sign users in. */
  signIn: z.object({ clientId: z.string(), authority: z.string(), scope: z.string() }).optional(),
  /** SMARTCITY_PUBLISH_APPROVALS: other admins who approve a new version; 0 = direct publish. */
  publishApprovals: z.number().int().min(0).optional(),
  time: z.string(),
});

/** Every error response of the service has this body. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: LocalizedTextSchema,
    /** For a malformed request: each problem and where it is. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** `a.b[2].c` from a zod issue path, for messages that say where the problem is. */
export function formatIssuePath(path: readonly PropertyKey[], root = ""): string {
  let text = root;
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "(body)" : text;
}

export function summariseRuleset(ruleset: z.output<typeof RulesetSchema>): RulesetSummary {
  const { version, approval, effectiveFrom, publishedAt, publishedBy, note, hash } = ruleset;
  return { version, approval, effectiveFrom, publishedAt, publishedBy, note, hash };
}

import { z } from "zod";
import { DateTextSchema } from "../text/date-schema";
import {
  ApprovalSchema,
  IsoDateSchema,
  LocalizedTextSchema,
  RulesetSchema,
  VersionSchema,
} from "../rules/ruleset-schema";

/**
 * The HTTP contract between the scoring service and its clients, as zod
 * schemas that the server parses requests with and that clients parse
 * responses with.
 */

/** The most applications one `POST /api/evaluate` takes; above it the answer is 413. */
export const MAX_APPLICATIONS_PER_BATCH = 10_000;
/** The largest request body the service reads (bytes); above it the answer is 413. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
/**
 * The deepest nesting of objects and arrays a JSON request may have; deeper → 400
 * `JSON_TOO_DEEP`. The deepest request the service takes (a publish: rules → dimensions →
 * a dimension → its name) nests 5 levels.
 */
export const MAX_JSON_DEPTH = 32;

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
    /** The track (city type) to hold the application to; absent: the ruleset's default. */
    track: z.string().nullable().optional(),
    /**
     * Answers per requirement group and item; a group left out is not assessed. `preliminary`
     * here is the preliminary group (give it here or in `preliminary`, not both).
     */
    requirements: z
      .record(z.string(), z.record(z.string(), z.boolean()).nullable())
      .nullable()
      .optional(),
    /** Points per rubric item of a dimension, instead of its percent in `scores`; items left out: 0. */
    points: z
      .record(z.string(), z.record(z.string(), z.number().min(0).nullable()).nullable())
      .nullable()
      .optional(),
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
    /**
     * Evaluate under the version that was in force on this date (ignored when rulesetVersion is
     * given); written as approval dates are: 2023-08-01, 01/08/2566 or ๑ สิงหาคม ๒๕๖๖.
     */
    asOf: DateTextSchema.optional(),
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
    "REQUIREMENT_NOT_MET",
  ]),
  dimension: z.string().optional(),
  criterion: z.string().optional(),
  /** REQUIREMENT_NOT_MET: the group and its item. */
  group: z.string().optional(),
  item: z.string().optional(),
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
  /**
   * The outcome band; `eligible` is true exactly for the first. Its `name` carries the words
   * `messages` asked for: none for "none", where the answer's `outcomes` names every band.
   */
  outcome: z.object({
    id: z.string(),
    name: z.object({ th: z.string().optional(), en: z.string().optional() }).optional(),
  }),
  /** The track the application was held to; absent when the ruleset's own rules applied. */
  track: z.string().optional(),
  overallPercent: z.number().nullable(),
  overallSource: z.enum(["subcommittee", "computed"]).nullable(),
  overallMinPercent: z.number(),
  preliminary: z.enum(["met", "notMet", "notAssessed"]),
  /** Per requirement group in force other than `preliminary`. */
  requirements: z.record(z.string(), z.enum(["met", "notMet", "notAssessed"])).optional(),
  dimensions: z.array(
    z.object({
      id: z.string(),
      percent: z.number(),
      minPercent: z.number(),
      passed: z.boolean(),
      /** A dimension scored by its rubric: each item's points. */
      points: z.record(z.string(), z.number()).optional(),
    })
  ),
  reasons: z.array(EvaluateReasonSchema),
});

export const ApplicationErrorSchema = z.object({
  id: z.string().optional(),
  error: z.object({
    code: z.enum([
      "INVALID_SCORE",
      "UNKNOWN_DIMENSION",
      "INVALID_APPLICATION",
      "UNKNOWN_TRACK",
      "INVALID_POINTS",
      "SCORE_AND_POINTS",
    ]),
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

/**
 * Said by an evaluate answer under the version in force (no `rulesetVersion` asked) when storage
 * could not be reached to re-check which version that is: the answer is under the version the
 * service last read. Versions never change, so it is right unless one was published meanwhile.
 * The same answer carries the header `X-Ruleset-Unconfirmed: <lastConfirmedAt>`.
 */
export const RulesetUnconfirmedSchema = z.object({
  /** When storage last confirmed the version in force (ISO date-time). */
  lastConfirmedAt: z.string(),
  message: LocalizedTextSchema,
});
export type RulesetUnconfirmed = z.infer<typeof RulesetUnconfirmedSchema>;

/** The header of an evaluate answer whose version in force could not be re-checked. */
export const RULESET_UNCONFIRMED_HEADER = "x-ruleset-unconfirmed";

export const EvaluateResponseSchema = z.object({
  ruleset: RulesetSummarySchema,
  /** The ruleset's outcome bands in order, each named once in both languages. */
  outcomes: z.array(z.object({ id: z.string(), name: LocalizedTextSchema })),
  /** Present only while storage could not confirm the version in force (see the schema). */
  rulesetUnconfirmed: RulesetUnconfirmedSchema.optional(),
  results: z.array(z.union([EvaluationResultSchema, ApplicationErrorSchema])),
});
export type EvaluateResponse = z.infer<typeof EvaluateResponseSchema>;

export const RulesetHistorySchema = z.object({ rulesets: z.array(RulesetSummarySchema) });
export const RulesetResponseSchema = RulesetSchema;

export const HealthResponseSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  /**
   * Storage's last known state: health never waits on storage, which is checked in the
   * background. `checkedAt` is when that check ended (absent before the first one has).
   */
  storage: z.object({
    status: z.enum(["ok", "unavailable"]),
    message: z.string().optional(),
    checkedAt: z.string().optional(),
  }),
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
    issues: z
      .array(
        z.object({
          path: z.string(),
          /** English (as before the Thai was added). */
          message: z.string(),
          /** The same in Thai. */
          th: z.string().optional(),
        })
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export function summariseRuleset(ruleset: z.output<typeof RulesetSchema>): RulesetSummary {
  const { version, approval, effectiveFrom, publishedAt, publishedBy, note, hash } = ruleset;
  return { version, approval, effectiveFrom, publishedAt, publishedBy, note, hash };
}

import { z } from "zod";
import {
  EvaluationResultSchema,
  ApplicationErrorSchema,
  ROLES,
  RulesetSummarySchema,
} from "./http-contract";
import { LocalizedTextSchema } from "../rules/rule-primitives";
import { VersionSchema } from "../rules/ruleset-schema";

/**
 * The answers of the endpoints the task pane calls that had no schema of their own, so the
 * pane's service client parses every answer (the service builds these shapes in
 * functions/src/handlers: dev-sign-in.ts, admin-views.ts).
 */

/** POST /api/dev/sign-in (dev mode only). */
export const DevSignInResponseSchema = z.object({
  token: z.string().min(1),
  role: z.enum(ROLES),
  name: z.string(),
  expiresIn: z.string().optional(),
});
export type DevSignInResponse = z.infer<typeof DevSignInResponseSchema>;

/** GET /api/rulesets/{a}/diff/{b}. */
export const RulesetDiffResponseSchema = z.object({
  from: VersionSchema,
  to: VersionSchema,
  changes: z.array(z.object({ path: z.string(), old: z.unknown(), new: z.unknown() })),
});
export type RulesetDiffResponse = z.infer<typeof RulesetDiffResponseSchema>;

/** A result with every word (the preview evaluates with both languages): its band named in both. */
const NamedResultSchema = EvaluationResultSchema.extend({
  outcome: z.object({ id: z.string(), name: LocalizedTextSchema }),
});
const OutcomeSchema = z.union([NamedResultSchema, ApplicationErrorSchema]);

/** POST /api/rulesets/preview. */
export const PreviewResponseSchema = z.object({
  inForce: RulesetSummarySchema,
  results: z.array(z.object({ inForce: OutcomeSchema, candidate: OutcomeSchema })),
  flips: z.array(
    z.object({
      index: z.number().int(),
      id: z.string().optional(),
      from: z.boolean(),
      to: z.boolean(),
    })
  ),
});
export type PreviewResponse = z.infer<typeof PreviewResponseSchema>;

/**
 * GET /api/rulesets as the pane reads it: RulesetHistorySchema's entries with the status the
 * service adds to each (in force, scheduled for a later date, or superseded).
 */
export const RULESET_STATUSES = ["inForce", "scheduled", "superseded"] as const;
export const RulesetHistoryResponseSchema = z.object({
  rulesets: z.array(RulesetSummarySchema.extend({ status: z.enum(RULESET_STATUSES) })),
});
export type RulesetHistoryEntry = z.infer<typeof RulesetHistoryResponseSchema>["rulesets"][number];

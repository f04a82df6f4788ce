import { z } from "zod";
import { BASELINE_RULESET } from "./baseline-ruleset";
import { PRELIMINARY_CRITERION_IDS } from "./criteria";
import { evaluate } from "./evaluate";
import type { EvaluationResult } from "./evaluation-result";
import { type Rules, RulesSchema, type Ruleset } from "./ruleset-schema";
import { readApprovalDate } from "./thai-date";

/**
 * What an admin sends to publish a new ruleset version, and the checks beyond the
 * schema's own: the approval date in ISO or Buddhist Era form, at least one known
 * preliminary criterion, and rules that some application can satisfy.
 */
export const PublishRequestSchema = z
  .object({
    rules: RulesSchema,
    approval: z.object({
      reference: z.string().trim().min(1, "the approval reference (e.g. 1/2566) is empty"),
      date: z.string().transform((text, ctx) => {
        const reading = readApprovalDate(text);
        if (!reading.ok) {
          ctx.addIssue({
            code: "custom",
            message: reading.problem.en,
            params: { th: reading.problem.th },
          });
          return z.NEVER;
        }
        return reading.iso;
      }),
    }),
    effectiveFrom: z.iso.date("must be a date written YYYY-MM-DD").optional(),
    note: z.string().trim().min(1, "say why the rules change (note)").max(2000),
  })
  .strict()
  .superRefine((request, ctx) => {
    const known = request.rules.preliminaryCriteria.filter((c) =>
      (PRELIMINARY_CRITERION_IDS as readonly string[]).includes(c.id)
    );
    if (known.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["rules", "preliminaryCriteria"],
        message: `at least one of the known preliminary criteria is needed (${PRELIMINARY_CRITERION_IDS.join(", ")})`,
      });
    }
    const unsatisfiable = unsatisfiableBecause(request.rules);
    if (unsatisfiable !== undefined)
      ctx.addIssue({ code: "custom", path: ["rules"], message: unsatisfiable });
  });
export type PublishRequest = z.output<typeof PublishRequestSchema>;

/**
 * Why no application could ever be eligible under these rules, or undefined. The
 * witness is the best possible application — every dimension at 100, every
 * criterion met — evaluated by the same engine as everything else.
 */
export function unsatisfiableBecause(rules: Rules): string | undefined {
  const candidate: Ruleset = { ...BASELINE_RULESET, version: "0", rules };
  const best = {
    scores: Object.fromEntries(rules.dimensions.map((dimension) => [dimension.id, 100])),
    preliminary: Object.fromEntries(
      rules.preliminaryCriteria.map((criterion) => [criterion.id, true])
    ),
  };
  const outcome = evaluate(best, candidate) as EvaluationResult;
  if (outcome.eligible) return undefined;
  return `no application can satisfy these rules: even one scoring 100 everywhere fails (${outcome.reasons.map((r) => r.message.en).join("; ")})`;
}

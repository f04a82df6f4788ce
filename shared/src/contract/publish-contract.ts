import { z } from "zod";
import { BASELINE_RULESET } from "../rules/baseline-ruleset";
import { PRELIMINARY_CRITERIA, PRELIMINARY_CRITERION_IDS } from "../rules/criteria";
import { knownEntries } from "../rules/messages";
import { evaluate } from "../rules/evaluate";
import type { EvaluationResult } from "../rules/evaluation-result";
import { type Rules, RulesSchema, type Ruleset } from "../rules/ruleset-schema";
import { DateTextSchema } from "../text/date-schema";
import type { LocalizedText } from "../text/localized-text";
import { bilingual, bilingualIssue } from "../rules/schema-issues";

/**
 * What an admin sends to publish a new ruleset version, and the checks beyond the
 * schema's own: the approval and effective dates in ISO or Buddhist Era form, at least one known
 * preliminary criterion, and rules that some application can satisfy.
 */
export const PublishRequestSchema = z
  .object({
    rules: RulesSchema,
    approval: z.object({
      reference: z
        .string()
        .trim()
        .min(
          1,
          bilingual({
            th: "ยังไม่ได้ระบุเลขที่มติ (เช่น 1/2566)",
            en: "the approval reference (e.g. 1/2566) is empty",
          })
        ),
      date: DateTextSchema,
    }),
    // The same forms as the approval date (ISO, or Thai with the Buddhist Era), stored as ISO.
    effectiveFrom: DateTextSchema.optional(),
    note: z
      .string()
      .trim()
      .min(
        1,
        bilingual({
          th: "กรุณาระบุเหตุผลที่เปลี่ยนเกณฑ์",
          en: "say why the rules change (note)",
        })
      )
      .max(2000),
  })
  .strict()
  .superRefine(
    (request, ctx) => {
      const known = (request.rules.preliminaryCriteria ?? []).filter((c) =>
        (PRELIMINARY_CRITERION_IDS as readonly string[]).includes(c.id)
      );
      if (known.length === 0) {
        const list = knownEntries(PRELIMINARY_CRITERIA);
        ctx.addIssue({
          code: "custom",
          path: ["rules", "preliminaryCriteria"],
          ...bilingualIssue({
            th: `ต้องมีเกณฑ์เบื้องต้นที่รู้จักอย่างน้อยหนึ่งข้อ (${list.th})`,
            en: `at least one of the known preliminary criteria is needed (${list.en})`,
          }),
        });
      }
      const unsatisfiable = whyUnsatisfiable(request.rules);
      if (unsatisfiable !== undefined)
        ctx.addIssue({ code: "custom", path: ["rules"], ...bilingualIssue(unsatisfiable) });
    },
    // Only on rules whose own checks all passed: these read them as valid rules (the engine
    // evaluates them), which rules with a failed check are not. A failed approval or note does
    // not stop them: every independent problem is reported at once.
    {
      when: (payload) =>
        payload.issues.every(
          (issue) => (issue.path?.length ?? 0) > 0 && issue.path?.[0] !== "rules"
        ),
    }
  );
export type PublishRequest = z.output<typeof PublishRequestSchema>;

/**
 * Why no application could ever be eligible under these rules, or undefined. The
 * witness is the best possible application — every dimension at 100, every
 * criterion met — evaluated by the same engine as everything else.
 */
export function unsatisfiableBecause(rules: Rules): string | undefined {
  return whyUnsatisfiable(rules)?.en;
}

/** unsatisfiableBecause in Thai and English. */
export function whyUnsatisfiable(rules: Rules): LocalizedText | undefined {
  const candidate: Ruleset = { ...BASELINE_RULESET, version: "0", rules };
  const best = {
    scores: Object.fromEntries(rules.dimensions.map((dimension) => [dimension.id, 100])),
    preliminary: Object.fromEntries(
      (rules.preliminaryCriteria ?? []).map((criterion) => [criterion.id, true])
    ),
  };
  const outcome = evaluate(best, candidate) as EvaluationResult;
  if (outcome.eligible) return undefined;
  return {
    th: `ไม่มีใบสมัครใดผ่านเกณฑ์ชุดนี้ได้ แม้ได้ 100 ทุกด้านก็ไม่ผ่าน (${outcome.reasons.map((r) => r.message.th).join("; ")})`,
    en: `no application can satisfy these rules: even one scoring 100 everywhere fails (${outcome.reasons.map((r) => r.message.en).join("; ")})`,
  };
}

import { z } from "zod";

/**
 * The ruleset: every threshold the committee may change, as data. A new
 * version is published as data too, so adding, renaming or re-weighting a
 * dimension never needs a code change.
 */

/** camelCase ids: they are JSON keys in requests and must survive Excel headers. */
export const RuleIdSchema = z
  .string()
  .regex(
    /^[a-z][A-Za-z0-9]{0,39}$/,
    "must be a camelCase id of letters and digits, starting with a lower-case letter"
  );

export const LocalizedTextSchema = z.object({
  th: z.string().trim().min(1, "the Thai text is empty"),
  en: z.string().trim().min(1, "the English text is empty"),
});

export const PercentSchema = z
  .number()
  .min(0, "a percentage cannot be below 0")
  .max(100, "a percentage cannot be above 100");

export const IsoDateSchema = z.iso.date("must be a date written YYYY-MM-DD");

export const DimensionRuleSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  attributes: z.array(LocalizedTextSchema).default([]),
  /** Weight in the computed overall score; equal weights give the plain mean. */
  weight: z.number().positive("a weight must be above 0").finite().default(1),
  /** This dimension's own bar; when absent, `dimensionMinPercent` applies. */
  minPercent: PercentSchema.optional(),
  mandatory: z.boolean().default(false),
  /** Further header labels that mean this dimension (e.g. an abbreviation used in a workbook). */
  aliases: z.array(z.string().trim().min(1)).default([]),
});

/** The bar a dimension is held to: its own minimum, else the ruleset's dimension minimum. */
export function dimensionBar(
  rules: { dimensionMinPercent: number },
  dimension: { minPercent?: number }
): number {
  return dimension.minPercent ?? rules.dimensionMinPercent;
}

export const CriterionRuleSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  aliases: z.array(z.string().trim().min(1)).default([]),
});

export const OverallScoreRuleSchema = z.object({
  /** Use the subcommittee's own overall score when one is given. */
  useSubcommitteeScore: z.boolean(),
  /** How the overall score is computed when it is not given (or not used). */
  computedAs: z.literal("weightedMean"),
});

export const ConsolidationRuleSchema = z.object({
  method: z.enum(["mean", "median"]),
  /** A spread (max − min) between evaluators above this many points is flagged. */
  disagreementSpread: PercentSchema,
});

export const RulesSchema = z
  .object({
    dimensions: z.array(DimensionRuleSchema).min(1, "at least one dimension is needed"),
    minDimensions: z
      .number()
      .int("must be a whole number")
      .min(1, "at least 1 dimension must be required"),
    overallMinPercent: PercentSchema,
    dimensionMinPercent: PercentSchema,
    preliminaryCriteria: z.array(CriterionRuleSchema),
    overallScore: OverallScoreRuleSchema,
    consolidation: ConsolidationRuleSchema,
  })
  .superRefine((rules, ctx) => {
    reportDuplicateIds(rules.dimensions, "dimensions", "dimension id", ctx);
    reportDuplicateIds(
      rules.preliminaryCriteria,
      "preliminaryCriteria",
      "preliminary criterion id",
      ctx
    );
    if (rules.minDimensions > rules.dimensions.length) {
      ctx.addIssue({
        code: "custom",
        path: ["minDimensions"],
        message: `requires ${rules.minDimensions} dimensions but the ruleset has only ${rules.dimensions.length}`,
      });
    }
  });

function reportDuplicateIds(
  entries: readonly { id: string }[],
  field: string,
  what: string,
  ctx: z.RefinementCtx
): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({
        code: "custom",
        path: [field, index, "id"],
        message: `duplicate ${what} "${entry.id}"`,
      });
    }
    seen.add(entry.id);
  });
}

export const VersionSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, "must be a version number such as 1, 2 or 3");

export const ApprovalSchema = z.object({
  /** The committee meeting that approved the rules, e.g. "3/2561" (meeting 3 of B.E. 2561). */
  reference: z.string().trim().min(1, "the approval reference is empty"),
  date: IsoDateSchema,
});

export const RulesetSchema = z.object({
  version: VersionSchema,
  approval: ApprovalSchema,
  effectiveFrom: IsoDateSchema,
  publishedAt: z.iso.datetime({ message: "must be an ISO date-time" }),
  publishedBy: z.string().min(1),
  note: z.string(),
  /** sha256 of the canonical JSON of `rules` (see canonical-json.ts). */
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  rules: RulesSchema,
  /** When the version was published through four-eyes approval: the proposal and its people. */
  proposal: z
    .object({ id: z.string(), proposedBy: z.string(), approvedBy: z.array(z.string()) })
    .optional(),
});

export type Rules = z.output<typeof RulesSchema>;
export type RulesInput = z.input<typeof RulesSchema>;
export type DimensionRule = z.output<typeof DimensionRuleSchema>;
export type CriterionRule = z.output<typeof CriterionRuleSchema>;
export type Approval = z.output<typeof ApprovalSchema>;
export type Ruleset = z.output<typeof RulesetSchema>;

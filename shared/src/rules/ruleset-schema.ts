import { z } from "zod";
import {
  CriterionRuleSchema,
  LocalizedTextSchema,
  PercentSchema,
  reportDuplicateIds,
  RuleIdSchema,
} from "./rule-primitives";
import { bilingual, bilingualIssue } from "./schema-issues";
import {
  OutcomeBandSchema,
  RequirementGroupSchema,
  RubricItemSchema,
  TrackSchema,
} from "./structure-schema";
import { checkStructure, liftPreliminaryGroup } from "./structure-checks";

/**
 * The ruleset: every threshold the committee may change, as data. A new
 * version is published as data too, so adding, renaming or re-weighting a
 * dimension never needs a code change.
 */

export {
  type CriterionRule,
  CriterionRuleSchema,
  LocalizedTextSchema,
  PercentSchema,
  RuleIdSchema,
} from "./rule-primitives";

export const ISO_DATE_MESSAGE = bilingual({
  th: "ต้องเป็นวันที่ในรูปแบบ 2018-09-27 (ปี ค.ศ.-เดือน-วัน)",
  en: "must be a date written YYYY-MM-DD",
});
export const IsoDateSchema = z.iso.date(ISO_DATE_MESSAGE);

export const DimensionRuleSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  attributes: z.array(LocalizedTextSchema).default([]),
  /** Weight in the computed overall score; equal weights give the plain mean. */
  weight: z
    .number()
    .positive(bilingual({ th: "น้ำหนักต้องมากกว่า 0", en: "a weight must be above 0" }))
    .finite()
    .default(1),
  /** This dimension's own bar; when absent, `dimensionMinPercent` applies. */
  minPercent: PercentSchema.optional(),
  mandatory: z.boolean().default(false),
  /** Further header labels that mean this dimension (e.g. an abbreviation used in a workbook). */
  aliases: z.array(z.string().trim().min(1)).default([]),
  /**
   * A scoring rubric (later criteria): an application may give points per item instead of the
   * percent. Optional with no default, so rulesets written before it read back unchanged.
   */
  items: z
    .array(RubricItemSchema)
    .min(
      1,
      bilingual({ th: "รายการให้คะแนนต้องมีอย่างน้อยหนึ่งรายการ", en: "a rubric needs at least one item" })
    )
    .optional(),
});

/** The bar a dimension is held to: its own minimum, else the ruleset's dimension minimum. */
export function dimensionBar(
  rules: { dimensionMinPercent: number },
  dimension: { minPercent?: number }
): number {
  return dimension.minPercent ?? rules.dimensionMinPercent;
}

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
  // Calibration, shown and never applied (consolidation/calibration.ts). Optional with no
  // default, so a ruleset written before them parses to what was stored (same bytes and hash).
  /** An evaluator whose mean offset from the panel is beyond this many points is flagged (10). */
  calibrationOffsetPoints: PercentSchema.optional(),
  /** ...over at least this many applicants compared (5); fewer are too few to judge. */
  calibrationMinApplicants: z
    .number()
    .int(bilingual({ th: "ต้องเป็นจำนวนเต็ม", en: "must be a whole number" }))
    .min(1, bilingual({ th: "ต้องเป็นอย่างน้อย 1", en: "must be at least 1" }))
    .optional(),
});

export const RulesSchema = z
  .object({
    dimensions: z
      .array(DimensionRuleSchema)
      .min(1, bilingual({ th: "ต้องมีอย่างน้อยหนึ่งด้าน", en: "at least one dimension is needed" })),
    minDimensions: z
      .number()
      .int(bilingual({ th: "ต้องเป็นจำนวนเต็ม", en: "must be a whole number" }))
      .min(
        1,
        bilingual({
          th: "จำนวนด้านขั้นต่ำต้องเป็นอย่างน้อย 1",
          en: "at least 1 dimension must be required",
        })
      ),
    overallMinPercent: PercentSchema,
    dimensionMinPercent: PercentSchema,
    /**
     * The 2018 preliminary criteria: the shorthand for the requirement group `preliminary`.
     * Either this or a `preliminary` group is needed; after parsing it is always here.
     */
    preliminaryCriteria: z.array(CriterionRuleSchema).optional(),
    overallScore: OverallScoreRuleSchema,
    consolidation: ConsolidationRuleSchema,
    // The later criteria's constructs: every one optional with no default, so that a ruleset written
    // before them parses to exactly what was stored (version 1 keeps its bytes and hash).
    requirementGroups: z.array(RequirementGroupSchema).optional(),
    tracks: z.array(TrackSchema).optional(),
    defaultTrack: RuleIdSchema.optional(),
    outcomes: z.array(OutcomeBandSchema).optional(),
  })
  .superRefine((rules, ctx) => {
    checkStructure(rules, ctx);
    reportDuplicateIds(rules.dimensions, "dimensions", { th: "รหัสด้าน", en: "dimension id" }, ctx);
    reportDuplicateIds(
      rules.preliminaryCriteria ?? [],
      "preliminaryCriteria",
      { th: "รหัสเกณฑ์เบื้องต้น", en: "preliminary criterion id" },
      ctx
    );
    if (rules.minDimensions > rules.dimensions.length) {
      ctx.addIssue({
        code: "custom",
        path: ["minDimensions"],
        ...bilingualIssue({
          th: `กำหนดให้เสนออย่างน้อย ${rules.minDimensions} ด้าน แต่ชุดเกณฑ์มีเพียง ${rules.dimensions.length} ด้าน`,
          en: `requires ${rules.minDimensions} dimensions but the ruleset has only ${rules.dimensions.length}`,
        }),
      });
    }
  })
  .transform(liftPreliminaryGroup);

export const VersionSchema = z.string().regex(
  /^[1-9][0-9]{0,8}$/,
  bilingual({
    th: "ต้องเป็นหมายเลขฉบับ เช่น 1, 2 หรือ 3",
    en: "must be a version number such as 1, 2 or 3",
  })
);

export const ApprovalSchema = z.object({
  /** The committee meeting that approved the rules, e.g. "3/2561" (meeting 3 of B.E. 2561). */
  reference: z
    .string()
    .trim()
    .min(1, bilingual({ th: "ยังไม่ได้ระบุเลขที่มติ", en: "the approval reference is empty" })),
  date: IsoDateSchema,
});

export const RulesetSchema = z.object({
  version: VersionSchema,
  approval: ApprovalSchema,
  effectiveFrom: IsoDateSchema,
  publishedAt: z.iso.datetime({
    message: bilingual({
      th: "ต้องเป็นวันเวลาในรูปแบบ 2018-09-27T10:00:00Z",
      en: "must be an ISO date-time",
    }),
  }),
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
export type RequirementGroup = NonNullable<Rules["requirementGroups"]>[number];
export type Track = NonNullable<Rules["tracks"]>[number];
export type OutcomeBand = NonNullable<Rules["outcomes"]>[number];
export type RulesInput = z.input<typeof RulesSchema>;
export type DimensionRule = z.output<typeof DimensionRuleSchema>;
export type Approval = z.output<typeof ApprovalSchema>;
export type Ruleset = z.output<typeof RulesetSchema>;

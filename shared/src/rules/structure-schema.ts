import { z } from "zod";
import {
  CriterionRuleSchema,
  LocalizedTextSchema,
  PercentSchema,
  RuleIdSchema,
} from "./rule-primitives";

/**
 * The constructs of the later criteria, which the committee's later criteria (announcement 1/2562) need:
 * requirement groups, tracks (city types), outcome bands and scoring rubrics. Cross-references
 * (ids a track or band names) are checked in structure-checks.ts.
 */

const MinDimensionsSchema = z.number().int("must be a whole number").min(1, "at least 1");

/** A group of yes/no requirements, e.g. the plan's five required components. */
export const RequirementGroupSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  items: z.array(CriterionRuleSchema).min(1, "a requirement group needs at least one item"),
});

/** One item of a dimension's rubric: points up to `maxPoints`. */
export const RubricItemSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  maxPoints: z.number().positive("maxPoints must be above 0").finite(),
});

/** What a track changes for its applications; anything left out is the ruleset's own rule. */
export const TrackOverridesSchema = z
  .object({
    overallMinPercent: PercentSchema.optional(),
    dimensionMinPercent: PercentSchema.optional(),
    minDimensions: MinDimensionsSchema.optional(),
    dimensions: z
      .array(
        z
          .object({
            id: RuleIdSchema,
            minPercent: PercentSchema.optional(),
            weight: z.number().positive("a weight must be above 0").finite().optional(),
            mandatory: z.boolean().optional(),
          })
          .strict()
      )
      .optional(),
    /** The requirement groups in force for this track (ids, `preliminary` included); default all. */
    requirementGroups: z.array(RuleIdSchema).optional(),
  })
  .strict();

/** A city type, e.g. a livable existing city or a new city. */
export const TrackSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  overrides: TrackOverridesSchema.optional(),
});

/** The absolute conditions of an outcome band after the first. */
export const BandConditionsSchema = z
  .object({
    overallMinPercent: PercentSchema.optional(),
    dimensionMinPercent: PercentSchema.optional(),
    minDimensions: MinDimensionsSchema.optional(),
    requirementsMet: z.boolean().optional(),
  })
  .strict();

/**
 * An outcome band. Bands are in order: the first (no `when`) is "every rule holds"; each
 * following one is reached when its `when` holds; the last (no `when`) catches the rest.
 */
export const OutcomeBandSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  when: BandConditionsSchema.optional(),
});

export type BandConditions = z.output<typeof BandConditionsSchema>;

import { z } from "zod";
import { LocalizedTextSchema } from "../rules/ruleset-schema";

/**
 * The consolidation's calibration: each evaluator's offset from the rest of the panel
 * (consolidation/calibration.ts says how it is measured). Shown to the committee, never applied:
 * no score, percent or eligibility in the answer changes because of it.
 */
const OffsetFiguresSchema = z.object({
  /** Applicants compared (scored by this evaluator and at least one other). */
  applicants: z.number().int(),
  /** Mean of the offsets, in percentage points; null when none was compared. */
  meanOffset: z.number().nullable(),
  /** Sample standard deviation of the offsets; null under two. */
  spread: z.number().nullable(),
  /** Beyond `offsetPoints` over at least `minApplicants` applicants. */
  exceeds: z.boolean(),
});

export const EVALUATOR_FLAG_CODES = ["EVALUATOR_OFFSET"] as const;

export const EvaluatorCalibrationSchema = OffsetFiguresSchema.extend({
  evaluator: z.string(),
  /** Per dimension compared, in the ruleset's order. */
  dimensions: z.array(OffsetFiguresSchema.extend({ dimension: z.string() })),
  flags: z.array(z.object({ code: z.enum(EVALUATOR_FLAG_CODES), message: LocalizedTextSchema })),
});
export type EvaluatorCalibrationJson = z.infer<typeof EvaluatorCalibrationSchema>;

export const CalibrationSchema = z.object({
  /** The bar, in points, and how many applicants it needs (the ruleset's, or 10 and 5). */
  offsetPoints: z.number(),
  minApplicants: z.number().int(),
  /** Every evaluator compared with a panel, furthest from it first. */
  evaluators: z.array(EvaluatorCalibrationSchema),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

import { DIMENSIONS, PRELIMINARY_CRITERIA } from "./criteria";
import type { Ruleset } from "./ruleset-schema";

/**
 * Version 1: the rules approved at committee meeting 3/2561 on 27 September
 * 2018, with the product's decisions where the circular is silent (equal
 * weights, the subcommittee's overall score when given, mean consolidation,
 * a 20-point disagreement spread). See ../../shared/domain/README.md.
 *
 * It is fixed data: `publishedAt` is the approval date and `publishedBy` names
 * the seed, so every store seeded with it holds the same record. `hash` is
 * checked against the rules by a unit test.
 */
export const BASELINE_RULESET: Ruleset = {
  version: "1",
  approval: { reference: "3/2561", date: "2018-09-27" },
  effectiveFrom: "2018-09-27",
  publishedAt: "2018-09-27T00:00:00.000Z",
  publishedBy: "baseline (committee meeting 3/2561)",
  note: "Baseline: the criteria approved by the Smart City Development Committee at meeting 3/2561 on 27 September 2018.",
  hash: "sha256:cafd6011a5ccd4316963309b63cacf8a2afadc0b45c6f1d8574da7e9138f3d8e",
  rules: {
    dimensions: DIMENSIONS.map((dimension) => ({
      id: dimension.id,
      name: { ...dimension.name },
      attributes: dimension.attributes.map((attribute) => ({ ...attribute })),
      weight: 1,
      mandatory: dimension.id === "environment",
      aliases: [],
    })),
    minDimensions: 2,
    overallMinPercent: 80,
    dimensionMinPercent: 70,
    preliminaryCriteria: PRELIMINARY_CRITERIA.map((criterion) => ({
      id: criterion.id,
      name: { ...criterion.name },
      description: { ...criterion.description },
      aliases: [],
    })),
    overallScore: { useSubcommitteeScore: true, computedAs: "weightedMean" },
    consolidation: { method: "mean", disagreementSpread: 20 },
  },
};

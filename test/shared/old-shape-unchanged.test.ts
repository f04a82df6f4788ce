import { createHash } from "node:crypto";
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import {
  type AnyReason,
  type ApplicationOutcome,
  BASELINE_RULESET,
  canonicalJson,
  evaluateInChunks,
  type MessageLanguages,
  type Ruleset,
  RulesSchema,
} from "@smartcity/shared";
import { evaluateInChunks as evaluateAsBefore } from "../helpers/engine-2018/evaluate";

/**
 * The later criteria add requirement groups, tracks, outcome bands and rubrics. For rulesets of the old
 * shape nothing may change: they parse to what was stored (same hash), and every result equals
 * the result of the engine as it was before (a frozen copy in test/helpers/engine-2018), apart
 * from the new `outcome`, which is `eligible` exactly when the result is eligible.
 */
const baseline = BASELINE_RULESET.rules;

const oldShapeRules = fc
  .record({
    dimensions: fc.subarray(baseline.dimensions, { minLength: 1 }).chain((dimensions) =>
      fc.tuple(
        ...dimensions.map((dimension) =>
          fc
            .record({
              weight: fc.oneof(
                fc.constant(1),
                fc.integer({ min: 1, max: 5 }),
                fc.double({ min: 0.1, max: 4, noNaN: true })
              ),
              minPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
              mandatory: fc.boolean(),
            })
            .map((changes) => ({ ...structuredClone(dimension), ...changes }))
        )
      )
    ),
    overallMinPercent: fc.integer({ min: 0, max: 100 }),
    dimensionMinPercent: fc.double({ min: 0, max: 100, noNaN: true }),
    preliminaryCriteria: fc.subarray(baseline.preliminaryCriteria),
    useSubcommitteeScore: fc.boolean(),
    minDimensionsShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ minDimensionsShare, useSubcommitteeScore, dimensions, ...rest }) => {
    const written = {
      ...structuredClone(baseline),
      ...rest,
      dimensions: dimensions.map(({ minPercent, ...dimension }) =>
        minPercent === undefined ? dimension : { ...dimension, minPercent }
      ),
      minDimensions: 1 + Math.floor(minDimensionsShare * (dimensions.length - 1)),
      overallScore: { useSubcommitteeScore, computedAs: "weightedMean" as const },
    };
    return written;
  });

const value = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: -5, max: 105, noNaN: true }),
  fc.constant(null),
  fc.constantFrom("80", true)
);
const application = fc.record(
  {
    id: fc.string({ maxLength: 4 }),
    scores: fc.dictionary(
      fc.oneof(fc.constantFrom(...baseline.dimensions.map((d) => d.id)), fc.constant("unknown")),
      value,
      { maxKeys: 8 }
    ),
    overall: value,
    preliminary: fc.dictionary(
      fc.constantFrom(...baseline.preliminaryCriteria.map((c) => c.id)),
      fc.oneof(fc.boolean(), fc.constant(1)),
      { maxKeys: 5 }
    ),
  },
  { requiredKeys: ["scores"] }
);

function withoutOutcome(outcome: ApplicationOutcome<AnyReason>): unknown {
  if ("error" in outcome) return outcome;
  const { outcome: band, ...rest } = outcome;
  expect(band.id).toBe(outcome.eligible ? "eligible" : "notEligible");
  expect(rest.track).toBeUndefined();
  expect(rest.requirements).toBeUndefined();
  return JSON.parse(JSON.stringify(rest));
}

describe("rulesets of the old shape", () => {
  test("version 1 parses to the same bytes and hash", () => {
    const parsed = RulesSchema.parse(structuredClone(baseline));
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(baseline));
    const digest = createHash("sha256").update(canonicalJson(parsed)).digest("hex");
    expect(`sha256:${digest}`).toBe(BASELINE_RULESET.hash);
  });

  test("parse to exactly what was written, and evaluate exactly as before", () => {
    fc.assert(
      fc.property(
        oldShapeRules,
        fc.array(application, { minLength: 1, maxLength: 12 }),
        fc.constantFrom<MessageLanguages>("both", "none", "th"),
        (written, applications, messages) => {
          const rules = RulesSchema.parse(structuredClone(written));
          expect(canonicalJson(rules)).toBe(canonicalJson(RulesSchema.parse(rules)));
          const ruleset: Ruleset = { ...BASELINE_RULESET, version: "7", rules };
          const now = [
            ...evaluateInChunks(applications, ruleset, 5, "applications", messages),
          ].flat();
          const before = [
            ...evaluateAsBefore(applications, ruleset, 5, "applications", messages),
          ].flat();
          expect(now.map(withoutOutcome)).toEqual(JSON.parse(JSON.stringify(before)));
        }
      ),
      { numRuns: 300 }
    );
  });
});

import { createHash } from "node:crypto";
import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  canonicalJson,
  DIMENSION_IDS,
  formatIssuePath,
  PRELIMINARY_CRITERION_IDS,
  RulesetSchema,
  RulesSchema,
} from "@smartcity/shared";

describe("the baseline ruleset (version 1)", () => {
  test("is valid, and parsing it changes nothing", () => {
    expect(RulesetSchema.parse(BASELINE_RULESET)).toEqual(BASELINE_RULESET);
  });

  test("states the 2018 rules of committee meeting 3/2561", () => {
    const { rules } = BASELINE_RULESET;
    expect(BASELINE_RULESET).toMatchObject({
      version: "1",
      approval: { reference: "3/2561", date: "2018-09-27" },
    });
    expect(rules.dimensions.map((d) => d.id)).toEqual([...DIMENSION_IDS]);
    expect(rules.dimensions.filter((d) => d.mandatory).map((d) => d.id)).toEqual(["environment"]);
    expect(rules.dimensions.every((d) => d.weight === 1 && d.minPercent === undefined)).toBe(true);
    expect(rules.preliminaryCriteria.map((c) => c.id)).toEqual([...PRELIMINARY_CRITERION_IDS]);
    expect(rules).toMatchObject({
      minDimensions: 2,
      overallMinPercent: 80,
      dimensionMinPercent: 70,
      overallScore: { useSubcommitteeScore: true, computedAs: "weightedMean" },
      consolidation: { method: "mean", disagreementSpread: 20 },
    });
  });

  test("carries the sha256 of its rules' canonical JSON", () => {
    const digest = createHash("sha256").update(canonicalJson(BASELINE_RULESET.rules)).digest("hex");
    expect(BASELINE_RULESET.hash).toBe(`sha256:${digest}`);
  });
});

test("canonicalJson does not depend on key order", () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: 3 } })).toBe(
    canonicalJson({ a: { c: 3, d: [2, { e: 2, f: 1 }] }, b: 1 })
  );
  expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
});

describe("rules the committee may not publish", () => {
  const base = () => structuredClone(BASELINE_RULESET.rules);
  const problems = (rules: unknown) => {
    const parsed = RulesSchema.safeParse(rules);
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  };

  test.each([
    [
      "an overall bar above 100",
      { overallMinPercent: 101 },
      "overallMinPercent: a percentage cannot be above 100",
    ],
    [
      "a negative dimension bar",
      { dimensionMinPercent: -1 },
      "dimensionMinPercent: a percentage cannot be below 0",
    ],
    [
      "zero dimensions required",
      { minDimensions: 0 },
      "minDimensions: at least 1 dimension must be required",
    ],
    [
      "more dimensions required than exist",
      { minDimensions: 8 },
      "minDimensions: requires 8 dimensions but the ruleset has only 7",
    ],
    ["a fractional requirement", { minDimensions: 2.5 }, "minDimensions: must be a whole number"],
  ])("%s", (_name, change, expected) => {
    expect(problems({ ...base(), ...change })).toEqual([expected]);
  });

  test("duplicate dimension ids, zero weights and bad ids are each named", () => {
    const rules = base();
    rules.dimensions[1] = { ...rules.dimensions[1], id: "living" };
    rules.dimensions[2] = { ...rules.dimensions[2], weight: 0 };
    rules.dimensions[3] = { ...rules.dimensions[3], id: "Mobility Plan" };
    expect(problems(rules)).toEqual([
      "dimensions[2].weight: a weight must be above 0",
      "dimensions[3].id: must be a camelCase id of letters and digits, starting with a lower-case letter",
      'dimensions[1].id: duplicate dimension id "living"',
    ]);
  });
});

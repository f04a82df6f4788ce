/**
 * The baseline rules at each boundary (domain brief, "Thresholds" and "Decisions"): scores by
 * dimension id (null: not proposed), the subcommittee's overall if given, and every reason the
 * rules must give, as code[:dimension]. Used by the engine's tests and by the add-in's offline
 * tests, which must give the service's values for each.
 */
export interface BaselineCase {
  name: string;
  scores: Record<string, number | null>;
  overall: number | undefined;
  reasons: string[];
}

const TABLE: [string, Record<string, number | null>, number | undefined, string[]][] = [
  ["overall exactly 80 passes", { environment: 80, energy: 80 }, undefined, []],
  ["overall 79.99 fails", { environment: 79.99, energy: 79.99 }, undefined, ["OVERALL_BELOW_MIN"]],
  ["a dimension at exactly 70 passes", { environment: 90, energy: 70 }, undefined, []],
  [
    "a dimension at 69.99 fails",
    { environment: 90.01, energy: 69.99 },
    undefined,
    ["DIMENSION_BELOW_MIN:energy"],
  ],
  ["one dimension is too few", { environment: 95 }, undefined, ["TOO_FEW_DIMENSIONS"]],
  ["two dimensions suffice", { environment: 95, governance: 85 }, undefined, []],
  [
    "no environment fails the mandatory rule",
    { energy: 90, living: 90 },
    undefined,
    ["MANDATORY_DIMENSION_MISSING:environment"],
  ],
  ["blank (null) means not proposed", { environment: 90, energy: null, living: 90 }, undefined, []],
  [
    "0 means proposed and scored zero",
    { environment: 90, living: 90, energy: 0 },
    undefined,
    ["DIMENSION_BELOW_MIN:energy", "OVERALL_BELOW_MIN"],
  ],
  ["the subcommittee's overall replaces the mean", { environment: 75, energy: 75 }, 85, []],
  [
    "the subcommittee's 79.99 fails though the mean passes",
    { environment: 95, energy: 95 },
    79.99,
    ["OVERALL_BELOW_MIN"],
  ],
  [
    "nothing proposed",
    {},
    undefined,
    ["TOO_FEW_DIMENSIONS", "MANDATORY_DIMENSION_MISSING:environment"],
  ],
];

export const BASELINE_CASES: BaselineCase[] = TABLE.map(([name, scores, overall, reasons]) => ({
  name,
  scores,
  overall,
  reasons,
}));

import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, describeRuleChange, diffRules, previewImpact } from "@smartcity/shared";
import { laterRuleset } from "../helpers/later-rules";

describe("diff and impact preview of the later criteria's constructs", () => {
  const later = laterRuleset();

  test("groups, tracks and bands are compared by id", () => {
    const paths = diffRules(BASELINE_RULESET.rules, later.rules).map((change) => change.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "dimensions.environment.items",
        "requirementGroups.components",
        "tracks.livable",
        "tracks.newCity",
        "defaultTrack",
        "outcomes.approved",
        "outcomes.inPrinciple",
        "outcomes.notApproved",
      ])
    );
    const stricter = structuredClone(later.rules);
    stricter.outcomes![1].when = { overallMinPercent: 72, requirementsMet: true };
    expect(diffRules(later.rules, stricter)).toEqual([
      {
        path: "outcomes.inPrinciple.when",
        old: { overallMinPercent: 70, requirementsMet: true },
        new: { overallMinPercent: 72, requirementsMet: true },
      },
    ]);
  });

  test("the changes in words name the group, track or band", () => {
    const words = diffRules(BASELINE_RULESET.rules, later.rules).map(
      (change) => describeRuleChange(change, BASELINE_RULESET.rules, later.rules).en
    );
    expect(words).toEqual(
      expect.arrayContaining([
        "Requirement group added: Plan components",
        "City type added: New city",
        "Outcome added: Approved in principle",
      ])
    );
  });

  test("the preview lists outcome changes, not only eligibility flips", () => {
    const applications = [
      { id: "same", scores: { environment: 90, energy: 90 } },
      { id: "band", scores: { environment: 75, energy: 75 } },
      { id: "low", scores: { environment: 50, energy: 50 } },
    ];
    const stricter = structuredClone(later.rules);
    stricter.overallMinPercent = 95;
    expect(previewImpact(applications, later, stricter).flips).toEqual([
      {
        index: 0,
        id: "same",
        from: true,
        to: false,
        fromOutcome: "approved",
        toOutcome: "inPrinciple",
      },
    ]);
    const { flips } = previewImpact(applications, BASELINE_RULESET, later.rules);
    expect(flips).toEqual([
      {
        index: 1,
        id: "band",
        from: false,
        to: false,
        fromOutcome: "notEligible",
        toOutcome: "inPrinciple",
      },
      {
        index: 2,
        id: "low",
        from: false,
        to: false,
        fromOutcome: "notEligible",
        toOutcome: "notApproved",
      },
    ]);
  });
});

import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  createLabelResolver,
  criterionLabelResolver,
  DIMENSIONS,
  dimensionLabelResolver,
} from "@smartcity/shared";
import { rulesetWith } from "../helpers/rulesets";

const dimensionOf = dimensionLabelResolver(BASELINE_RULESET.rules);

describe("dimension labels → ids", () => {
  test.each([
    ["environment", "environment"],
    ["Environment", "environment"],
    ["Smart Environment", "environment"],
    ["SMART  ENVIRONMENT", "environment"],
    ["Smart-Environment", "environment"],
    ["สิ่งแวดล้อมอัจฉริยะ", "environment"],
    ["สิ่งแวดล้อม", "environment"],
    ["ด้านสิ่งแวดล้อมอัจฉริยะ", "environment"],
    ["สิ่งแวดล้อมอัจฉริยะ / Smart Environment", "environment"],
    ["Smart Environment (สิ่งแวดล้อมอัจฉริยะ)", "environment"],
    ["สิ่งแวดล้อมอัจฉริยะ\nSmart Environment", "environment"],
    ["Environment (score)", "environment"],
    ["การบริหารจัดการเมืองอัจฉริยะ", "governance"],
    ["Smart Governance", "governance"],
    ["ชุมชนอัจฉริยะ", "living"],
    ["Smart People", "people"],
  ])("%j → %s", (label, id) => {
    expect(dimensionOf(label)).toBe(id);
  });

  test("every baseline dimension resolves from its id and both names", () => {
    for (const dimension of DIMENSIONS) {
      expect([
        dimensionOf(dimension.id),
        dimensionOf(dimension.name.en),
        dimensionOf(dimension.name.th),
      ]).toEqual([dimension.id, dimension.id, dimension.id]);
    }
  });

  test.each([["Smart Culture"], ["Energy / Environment"], [""], [42], [null]])(
    "%j is not resolved",
    (label) => {
      expect(dimensionOf(label)).toBeUndefined();
    }
  );

  test("a ruleset's aliases and new names resolve without code changes", () => {
    const ruleset = rulesetWith({
      dimensions: BASELINE_RULESET.rules.dimensions.map((d) =>
        d.id === "environment" ? { ...d, aliases: ["ENV", "สวล."] } : d
      ),
    });
    const resolve = dimensionLabelResolver(ruleset.rules);
    expect([resolve("ENV"), resolve("สวล.")]).toEqual(["environment", "environment"]);
  });

  test("a label that would mean two entries is refused when the resolver is built", () => {
    expect(() =>
      createLabelResolver([
        { id: "a", name: { th: "ก", en: "Alpha" } },
        { id: "b", name: { th: "ข", en: "Smart Alpha" } },
      ])
    ).toThrow('The label "Smart Alpha" would mean both "a" and "b"');
  });
});

describe("preliminary criterion labels → ids", () => {
  const criterionOf = criterionLabelResolver(BASELINE_RULESET.rules);
  test.each([
    ["juristicPerson", "juristicPerson"],
    ["Juristic person", "juristicPerson"],
    ["เป็นนิติบุคคล", "juristicPerson"],
    ["Monitoring and evaluation", "monitoringEvaluation"],
    ["การติดตามและประเมินผล", "monitoringEvaluation"],
  ])("%j → %s", (label, id) => {
    expect(criterionOf(label)).toBe(id);
  });
});

import { describe, expect, test } from "@jest/globals";
import {
  type AnyReason,
  type ApplicationOutcome,
  type EvaluationResult,
  evaluate,
  evaluateInChunks,
  outcomesJson,
  PRELIMINARY_CRITERION_IDS,
  reasonText,
  RulesSchema,
} from "@smartcity/shared";
import { laterRuleset, laterRulesWritten } from "../helpers/later-rules";

const ruleset = laterRuleset();
const allYes = Object.fromEntries(PRELIMINARY_CRITERION_IDS.map((id) => [id, true]));
const components = { boundaries: true, cityDataPlatform: true };

function result(outcome: ApplicationOutcome): EvaluationResult {
  if ("error" in outcome)
    throw new Error(`expected a result, got ${JSON.stringify(outcome.error)}`);
  return outcome;
}
const codes = (outcome: EvaluationResult) =>
  outcome.reasons.map((reason) =>
    [reason.code, reason.dimension, reason.group, reason.item].filter(Boolean).join(":")
  );

describe("outcome bands at each edge (livable track: overall 80; in principle from 70 with requirements met)", () => {
  test.each([
    ["overall exactly 80: approved", 80, components, "approved", true, []],
    ["overall 79.99: in principle", 79.99, components, "inPrinciple", false, ["OVERALL_BELOW_MIN"]],
    [
      "overall exactly 70: in principle",
      70,
      components,
      "inPrinciple",
      false,
      ["OVERALL_BELOW_MIN"],
    ],
    ["overall 69.99: not approved", 69.99, components, "notApproved", false, ["OVERALL_BELOW_MIN"]],
    [
      "overall 75 with a component missing: not approved (requirements not met)",
      75,
      { boundaries: true, cityDataPlatform: false },
      "notApproved",
      false,
      ["REQUIREMENT_NOT_MET:components:cityDataPlatform", "OVERALL_BELOW_MIN"],
    ],
    [
      "overall 90 with a component missing: not approved, the reason says which",
      90,
      { boundaries: true },
      "notApproved",
      false,
      ["REQUIREMENT_NOT_MET:components:cityDataPlatform"],
    ],
    ["components not assessed: approved", 85, undefined, "approved", true, []],
  ])("%s", (_name, overall, answers, band, eligible, reasons) => {
    const outcome = result(
      evaluate(
        {
          scores: { environment: 95, governance: 95 },
          overall,
          preliminary: allYes,
          ...(answers ? { requirements: { components: answers } } : {}),
        },
        ruleset
      )
    );
    expect(outcome.outcome.id).toBe(band);
    expect(outcome.eligible).toBe(eligible);
    expect(codes(outcome)).toEqual(reasons);
    expect(outcome.track).toBe("livable");
    expect(outcome.requirements).toEqual({
      components: answers
        ? eligible || !reasons.some((r) => r.startsWith("REQ"))
          ? "met"
          : "notMet"
        : "notAssessed",
    });
  });

  test("the bands' names are the ruleset's", () => {
    const outcome = result(evaluate({ scores: { environment: 95, energy: 95 } }, ruleset));
    expect(outcome.outcome).toEqual({
      id: "approved",
      name: { th: "ผ่านการพิจารณา", en: "Approved" },
    });
  });
});

describe("tracks", () => {
  test("the new-city track raises the overall bar and makes energy mandatory", () => {
    const at82 = result(
      evaluate({ track: "newCity", scores: { environment: 82, energy: 82 } }, ruleset)
    );
    expect(at82.track).toBe("newCity");
    expect(at82.overallMinPercent).toBe(85);
    expect(at82.outcome.id).toBe("inPrinciple");
    expect(at82.reasons).toEqual([
      expect.objectContaining({ code: "OVERALL_BELOW_MIN", percent: 82, minPercent: 85 }),
    ]);
    const livable = result(evaluate({ scores: { environment: 82, energy: 82 } }, ruleset));
    expect(livable.eligible).toBe(true);
    const noEnergy = result(
      evaluate({ track: "newCity", scores: { environment: 90, living: 90 } }, ruleset)
    );
    expect(codes(noEnergy)).toEqual(["MANDATORY_DIMENSION_MISSING:energy"]);
    expect(result(evaluate({ scores: { environment: 90, living: 90 } }, ruleset)).eligible).toBe(
      true
    );
  });

  test("an unknown track is the item error UNKNOWN_TRACK, naming the tracks", () => {
    expect(evaluate({ track: "village", scores: { environment: 90 } }, ruleset)).toEqual({
      error: {
        code: "UNKNOWN_TRACK",
        path: "track",
        message: {
          th: '"village" ไม่ใช่ประเภทเมืองในชุดเกณฑ์ฉบับที่ 5 (ประเภทที่มี: เมืองเดิมน่าอยู่ ("livable"), เมืองใหม่ทันสมัย ("newCity"))',
          en: '"village" is not a track of ruleset 5 (tracks: livable, newCity)',
        },
      },
    });
  });

  test("a track may limit the requirement groups in force", () => {
    const written = laterRulesWritten() as { tracks: { overrides?: object }[] };
    written.tracks[1].overrides = { requirementGroups: ["components"] };
    const rules = RulesSchema.parse(written);
    const limited = { ...ruleset, rules };
    const outcome = result(
      evaluate(
        { track: "newCity", scores: { environment: 90, energy: 90 }, preliminary: {} },
        limited
      )
    );
    expect(outcome.preliminary).toBe("notAssessed");
    expect(outcome.eligible).toBe(true);
  });
});

describe("requirement groups", () => {
  test("requirements.preliminary is the preliminary group", () => {
    const through = result(
      evaluate(
        {
          scores: { environment: 90, energy: 90 },
          requirements: { preliminary: { juristicPerson: false } },
        },
        ruleset
      )
    );
    const direct = result(
      evaluate(
        { scores: { environment: 90, energy: 90 }, preliminary: { juristicPerson: false } },
        ruleset
      )
    );
    expect(through).toEqual(direct);
    expect(through.preliminary).toBe("notMet");
  });

  test("a missing item fails its group, marked not answered", () => {
    const outcome = result(
      evaluate(
        { scores: { environment: 90, energy: 90 }, requirements: { components: {} } },
        ruleset
      )
    );
    expect(outcome.reasons.map((r) => [r.code, r.item, r.answered])).toEqual([
      ["REQUIREMENT_NOT_MET", "boundaries", false],
      ["REQUIREMENT_NOT_MET", "cityDataPlatform", false],
    ]);
    expect(outcome.reasons[0].message).toEqual({
      th: "ไม่ได้ระบุผลข้อกำหนดองค์ประกอบของแผน: ขอบเขตพื้นที่",
      en: "Plan components not answered: Boundaries",
    });
  });

  test.each([
    [{ requirements: { zoning: {} } }, "requirements.zoning"],
    [{ requirements: { components: { parks: true } } }, "requirements.components.parks"],
    [{ requirements: { components: { boundaries: "yes" } } }, "requirements.components.boundaries"],
    [{ requirements: [] }, "requirements"],
    [{ preliminary: {}, requirements: { preliminary: {} } }, "requirements.preliminary"],
  ])("%j is an item error at %s", (fields, path) => {
    const outcome = evaluate({ scores: { environment: 90 }, ...fields }, ruleset);
    expect("error" in outcome && outcome.error).toMatchObject({
      code: "INVALID_APPLICATION",
      path,
    });
  });
});

describe("rubric points", () => {
  test.each([
    ["16 of 20 points is 80%", { air: 10, water: 6 }, 80],
    ["an item left out has 0 points", { air: 10 }, 50],
    ["every item at its maximum is 100%", { air: 10, water: 10 }, 100],
  ])("%s", (_name, points, percent) => {
    const outcome = result(
      evaluate({ scores: { energy: 90 }, points: { environment: points } }, ruleset)
    );
    expect(outcome.dimensions.find((d) => d.id === "environment")).toEqual({
      id: "environment",
      percent,
      minPercent: 70,
      passed: percent >= 70,
      points: { ...{ air: 0, water: 0 }, ...(points as object) },
    });
  });

  test.each([
    [{ environment: { air: 10.5 } }, { energy: 90 }, "INVALID_POINTS", "points.environment.air"],
    [{ environment: { air: -1 } }, { energy: 90 }, "INVALID_POINTS", "points.environment.air"],
    [{ environment: { air: "8" } }, { energy: 90 }, "INVALID_POINTS", "points.environment.air"],
    [{ environment: { soil: 1 } }, { energy: 90 }, "INVALID_POINTS", "points.environment.soil"],
    [{ energy: { air: 1 } }, {}, "INVALID_POINTS", "points.energy"],
    [{ culture: { air: 1 } }, {}, "UNKNOWN_DIMENSION", "points.culture"],
    [{ environment: { air: 8 } }, { environment: 80 }, "SCORE_AND_POINTS", "points.environment"],
  ])("points %j with scores %j: %s at %s", (points, scores, code, path) => {
    const outcome = evaluate({ scores, points }, ruleset);
    expect("error" in outcome && outcome.error).toMatchObject({ code, path });
  });

  test("the words of a points error name the dimension, the item and what was wrong", () => {
    const outcome = evaluate({ scores: {}, points: { environment: { air: 11 } } }, ruleset);
    expect("error" in outcome && outcome.error.message).toEqual({
      th: "สิ่งแวดล้อมอัจฉริยะ: คุณภาพอากาศ: 11 เกินคะแนนเต็ม 10",
      en: "Smart Environment: Air quality: 11 is above its maximum of 10",
    });
  });
});

describe("compact reasons and JSON", () => {
  const applications = [
    {
      id: "a",
      track: "newCity",
      scores: { energy: 60 },
      points: { environment: { air: 7 } },
      requirements: { components: { boundaries: false } },
      preliminary: allYes,
    },
    { id: "b", scores: { environment: 90, energy: 90 }, overall: 75, requirements: { components } },
    { id: "c", track: "village", scores: {} },
  ];
  test('reasonText words "none" reasons as "both" does', () => {
    const both = [...evaluateInChunks(applications, ruleset, 10)].flat();
    const none = [...evaluateInChunks(applications, ruleset, 10, "applications", "none")].flat();
    none.forEach((outcome, index) => {
      if ("error" in outcome) return;
      const worded = (both[index] as EvaluationResult<AnyReason>).reasons;
      expect(outcome.reasons.map((reason) => reasonText(reason, ruleset.rules))).toEqual(
        worded.map((reason) => reason.message)
      );
    });
    expect(none.flatMap((o) => ("error" in o ? [] : o.reasons.map((r) => r.code)))).toContain(
      "REQUIREMENT_NOT_MET"
    );
  });
  test("outcomesJson writes what JSON.stringify writes", () => {
    for (const messages of ["both", "none"] as const) {
      const outcomes = [
        ...evaluateInChunks(applications, ruleset, 10, "applications", messages),
      ].flat();
      expect(outcomesJson(outcomes)).toBe(JSON.stringify(outcomes));
    }
  });
});

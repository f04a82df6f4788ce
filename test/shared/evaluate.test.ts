import { describe, expect, test } from "@jest/globals";
import {
  type ApplicationOutcome,
  BASELINE_RULESET,
  type EvaluationResult,
  evaluate,
  evaluateBatch,
  evaluateInChunks,
  isApplicationError,
  PRELIMINARY_CRITERION_IDS,
} from "@smartcity/shared";
import { BASELINE_CASES } from "../helpers/baseline-cases";
import { rulesetWith } from "../helpers/rulesets";

function result(outcome: ApplicationOutcome): EvaluationResult {
  if (isApplicationError(outcome))
    throw new Error(`expected a result, got ${JSON.stringify(outcome.error)}`);
  return outcome;
}

const codes = (outcome: ApplicationOutcome) =>
  result(outcome).reasons.map(
    (reason) =>
      reason.code +
      (reason.dimension ? `:${reason.dimension}` : "") +
      (reason.criterion ? `:${reason.criterion}` : "")
  );
const allYes = Object.fromEntries(PRELIMINARY_CRITERION_IDS.map((id) => [id, true]));

// The baseline rules at each boundary (domain brief, "Thresholds" and "Decisions").
describe.each(
  BASELINE_CASES.map((entry) => [entry.name, entry.scores, entry.overall, entry.reasons] as const)
)("baseline: %s", (_name, scores, overall, expected) => {
  test("gives exactly the expected reasons", () => {
    const outcome = evaluate({ scores, overall }, BASELINE_RULESET);
    expect(codes(outcome)).toEqual(expected);
    expect(result(outcome).eligible).toBe(expected.length === 0);
  });
});

describe("the overall percent", () => {
  test("90.3, 70.6 and 79.1 average to 80 and pass (naive float addition gives 79.99999999999999)", () => {
    expect((90.3 + 70.6 + 79.1) / 3).toBeLessThan(80); // the trap is real
    const outcome = result(
      evaluate({ scores: { environment: 90.3, energy: 70.6, living: 79.1 } }, BASELINE_RULESET)
    );
    expect(outcome.overallPercent).toBe(80);
    expect(outcome.eligible).toBe(true);
  });

  test("is the mean of the proposed dimensions only, and says it was computed", () => {
    const outcome = result(
      evaluate({ scores: { environment: 90, energy: 75, people: null } }, BASELINE_RULESET)
    );
    expect(outcome.overallPercent).toBe(82.5);
    expect(outcome.overallSource).toBe("computed");
  });

  test("is the subcommittee's when given, and says so", () => {
    const outcome = result(
      evaluate({ scores: { environment: 90, energy: 75 }, overall: 81 }, BASELINE_RULESET)
    );
    expect(outcome).toMatchObject({ overallPercent: 81, overallSource: "subcommittee" });
  });

  test("is null when nothing is proposed and none is given", () => {
    expect(result(evaluate({ scores: {} }, BASELINE_RULESET)).overallPercent).toBeNull();
  });

  test("ignores a given overall when the ruleset says to compute it", () => {
    const ruleset = rulesetWith({
      overallScore: { useSubcommitteeScore: false, computedAs: "weightedMean" },
    });
    const outcome = result(
      evaluate({ scores: { environment: 70, energy: 70 }, overall: 95 }, ruleset)
    );
    expect(outcome).toMatchObject({
      overallPercent: 70,
      overallSource: "computed",
      eligible: false,
    });
  });

  test("weights dimensions as the ruleset says", () => {
    const ruleset = rulesetWith({
      dimensions: BASELINE_RULESET.rules.dimensions.map((d) => ({
        ...d,
        weight: d.id === "environment" ? 3 : 1,
      })),
    });
    // (90 × 3 + 70) / 4 = 85
    expect(
      result(evaluate({ scores: { environment: 90, energy: 70 } }, ruleset)).overallPercent
    ).toBe(85);
  });
});

describe("preliminary criteria", () => {
  test("absent: not assessed, and eligibility rests on the scores", () => {
    const outcome = result(evaluate({ scores: { environment: 90, energy: 90 } }, BASELINE_RULESET));
    expect(outcome).toMatchObject({ preliminary: "notAssessed", eligible: true, reasons: [] });
  });

  test("all true: met", () => {
    const outcome = result(
      evaluate({ scores: { environment: 90, energy: 90 }, preliminary: allYes }, BASELINE_RULESET)
    );
    expect(outcome).toMatchObject({ preliminary: "met", eligible: true });
  });

  test.each(PRELIMINARY_CRITERION_IDS)("%s false fails with that criterion named", (criterion) => {
    const outcome = evaluate(
      { scores: { environment: 90, energy: 90 }, preliminary: { ...allYes, [criterion]: false } },
      BASELINE_RULESET
    );
    expect(codes(outcome)).toEqual([`PRELIMINARY_NOT_MET:${criterion}`]);
    expect(result(outcome).preliminary).toBe("notMet");
  });

  test.each(PRELIMINARY_CRITERION_IDS)(
    "%s missing fails, and the message says it was not answered",
    (criterion) => {
      const answers: Record<string, boolean> = { ...allYes };
      delete answers[criterion];
      const outcome = result(
        evaluate(
          { scores: { environment: 90, energy: 90 }, preliminary: answers },
          BASELINE_RULESET
        )
      );
      expect(outcome.reasons).toHaveLength(1);
      expect(outcome.reasons[0]).toMatchObject({ code: "PRELIMINARY_NOT_MET", criterion });
      expect(outcome.reasons[0].message.en).toMatch(/not answered/);
    }
  );
});

describe("every reason that applies is reported, in a fixed order", () => {
  test("all five kinds at once", () => {
    const outcome = evaluate(
      { scores: { energy: 50 }, preliminary: { ...allYes, publicCooperation: false } },
      BASELINE_RULESET
    );
    expect(codes(outcome)).toEqual([
      "PRELIMINARY_NOT_MET:publicCooperation",
      "TOO_FEW_DIMENSIONS",
      "DIMENSION_BELOW_MIN:energy",
      "MANDATORY_DIMENSION_MISSING:environment",
      "OVERALL_BELOW_MIN",
    ]);
  });

  test("messages name the values and bars in Thai and English", () => {
    const outcome = result(
      evaluate({ scores: { environment: 69.5, energy: 79.999 } }, BASELINE_RULESET)
    );
    expect(outcome.reasons.map((reason) => reason.message)).toMatchInlineSnapshot(`
[
  {
    "en": "Smart Environment scored 69.5%, below the minimum of 70%",
    "th": "สิ่งแวดล้อมอัจฉริยะ ได้ร้อยละ 69.5 ต่ำกว่าเกณฑ์ร้อยละ 70",
  },
  {
    "en": "The overall score of 74.75% is below the minimum of 80%",
    "th": "คะแนนภาพรวมร้อยละ 74.75 ต่ำกว่าเกณฑ์ร้อยละ 80",
  },
]
`);
  });

  test("a value just under the bar is never shown rounded up to it", () => {
    const outcome = result(
      evaluate({ scores: { environment: 90, energy: 69.999 } }, BASELINE_RULESET)
    );
    expect(outcome.reasons[0].message.en).toBe(
      "Smart Energy scored 69.999%, below the minimum of 70%"
    );
  });
});

describe("rules are data: a later ruleset changes them without code", () => {
  test("a lower overall bar", () => {
    const ruleset = rulesetWith({ overallMinPercent: 75 });
    expect(result(evaluate({ scores: { environment: 78, energy: 78 } }, ruleset)).eligible).toBe(
      true
    );
    expect(
      result(evaluate({ scores: { environment: 78, energy: 78 } }, BASELINE_RULESET)).eligible
    ).toBe(false);
  });

  test("a second mandatory dimension, a dimension's own bar, and a new dimension", () => {
    const ruleset = rulesetWith({
      dimensions: [
        ...BASELINE_RULESET.rules.dimensions.map((d) =>
          d.id === "governance"
            ? { ...d, mandatory: true }
            : d.id === "energy"
              ? { ...d, minPercent: 85 }
              : d
        ),
        {
          id: "culture",
          name: { th: "วัฒนธรรมอัจฉริยะ", en: "Smart Culture" },
          attributes: [],
          weight: 1,
          mandatory: false,
          aliases: [],
        },
      ],
    });
    const outcome = evaluate({ scores: { environment: 90, energy: 84, culture: 90 } }, ruleset);
    expect(codes(outcome)).toEqual([
      "DIMENSION_BELOW_MIN:energy",
      "MANDATORY_DIMENSION_MISSING:governance",
    ]);
    expect(result(outcome).dimensions.find((d) => d.id === "energy")).toEqual({
      id: "energy",
      percent: 84,
      minPercent: 85,
      passed: false,
    });
    expect(result(outcome).dimensions.map((d) => d.id)).toEqual([
      "energy",
      "environment",
      "culture",
    ]);
  });

  test("a renamed dimension is reported under its new name", () => {
    const ruleset = rulesetWith({
      dimensions: BASELINE_RULESET.rules.dimensions.map((d) =>
        d.id === "environment"
          ? { ...d, name: { th: "สิ่งแวดล้อมยั่งยืน", en: "Sustainable Environment" } }
          : d
      ),
    });
    const outcome = result(evaluate({ scores: { energy: 90, living: 90 } }, ruleset));
    expect(outcome.reasons[0].message.en).toBe(
      "Sustainable Environment is mandatory but was not proposed"
    );
  });
});

describe("results", () => {
  test("list each proposed dimension in ruleset order with its percent, bar and pass/fail", () => {
    const outcome = result(
      evaluate({ id: "A-1", scores: { environment: 88, living: 65 } }, BASELINE_RULESET)
    );
    expect(outcome.id).toBe("A-1");
    expect(outcome.dimensions).toEqual([
      { id: "living", percent: 65, minPercent: 70, passed: false },
      { id: "environment", percent: 88, minPercent: 70, passed: true },
    ]);
  });

  test("shared reasons cannot be changed by one caller for the next", () => {
    const first = result(evaluate({ scores: { energy: 90, living: 90 } }, BASELINE_RULESET));
    expect(() => {
      (first.reasons[0].message as { en: string }).en = "changed";
    }).toThrow(TypeError);
    const second = result(evaluate({ scores: { energy: 90, living: 90 } }, BASELINE_RULESET));
    expect(second.reasons[0].message.en).toBe(
      "Smart Environment is mandatory but was not proposed"
    );
  });

  test("a batch keeps order and isolates bad applications", () => {
    const outcomes = evaluateBatch(
      [
        { id: "good", scores: { environment: 90, energy: 90 } },
        { id: "bad", scores: { environment: 101 } },
        null,
        { scores: { environment: 50, energy: 50 } },
      ],
      BASELINE_RULESET
    );
    expect(
      outcomes.map((o) =>
        isApplicationError(o)
          ? `${o.id ?? "-"}:${o.error.code}@${o.error.path}`
          : `${o.id ?? "-"}:${o.eligible}`
      )
    ).toEqual([
      "good:true",
      "bad:INVALID_SCORE@applications[1].scores.environment",
      "-:INVALID_APPLICATION@applications[2]",
      "-:false",
    ]);
  });
});

describe("evaluateInChunks", () => {
  test("gives the same outcomes as evaluateBatch, with paths counted from the start of the batch", () => {
    const applications = Array.from({ length: 23 }, (_, i) =>
      i % 5 === 3
        ? { scores: { environment: 101 } }
        : { id: String(i), scores: { environment: 60 + i, energy: 90 } }
    );
    const chunks = [...evaluateInChunks(applications, BASELINE_RULESET, 10)];
    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 3]);
    expect(chunks.flat()).toEqual(evaluateBatch(applications, BASELINE_RULESET));
    expect(chunks[1][8]).toMatchObject({ error: { path: "applications[18].scores.environment" } });
    expect([...evaluateInChunks([], BASELINE_RULESET, 10)]).toEqual([]);
  });
});

import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, evaluate, isApplicationError } from "@smartcity/shared";

function errorOf(application: unknown) {
  const outcome = evaluate(application, BASELINE_RULESET, "applications[0]");
  if (!isApplicationError(outcome)) throw new Error("expected an error");
  return {
    code: outcome.error.code,
    path: outcome.error.path,
    en: outcome.error.message.en,
    id: outcome.id,
  };
}

// Every bad application gets one error saying what and where (INVALID_SCORE, UNKNOWN_DIMENSION, INVALID_APPLICATION).
describe.each([
  [
    "a score above 100",
    { scores: { environment: 120 } },
    "INVALID_SCORE",
    "applications[0].scores.environment",
    "Smart Environment: 120 is above 100",
  ],
  [
    "a negative score",
    { scores: { energy: -1 } },
    "INVALID_SCORE",
    "applications[0].scores.energy",
    "Smart Energy: -1 is below 0",
  ],
  [
    "a text score",
    { scores: { energy: "85" } },
    "INVALID_SCORE",
    "applications[0].scores.energy",
    'Smart Energy: "85" is not a number',
  ],
  [
    "a boolean score",
    { scores: { energy: true } },
    "INVALID_SCORE",
    "applications[0].scores.energy",
    "Smart Energy: true is not a number",
  ],
  [
    "an overall above 100",
    { scores: { environment: 90 }, overall: 100.5 },
    "INVALID_SCORE",
    "applications[0].overall",
    "Overall: 100.5 is above 100",
  ],
  [
    "an unknown dimension",
    { scores: { enviroment: 90 } },
    "UNKNOWN_DIMENSION",
    "applications[0].scores.enviroment",
    '"enviroment" is not a dimension of ruleset 1 (dimensions: living, people, energy, mobility, economy, governance, environment)',
  ],
  [
    "a prototype key",
    JSON.parse('{"scores":{"__proto__":90}}'),
    "UNKNOWN_DIMENSION",
    "applications[0].scores.__proto__",
    '"__proto__" is not a dimension of ruleset 1 (dimensions: living, people, energy, mobility, economy, governance, environment)',
  ],
  [
    "no scores",
    { id: "x" },
    "INVALID_APPLICATION",
    "applications[0].scores",
    'scores must be an object of dimension scores, e.g. {"environment": 85}',
  ],
  [
    "scores as an array",
    { scores: [90, 80] },
    "INVALID_APPLICATION",
    "applications[0].scores",
    'scores must be an object of dimension scores, e.g. {"environment": 85}',
  ],
  [
    "a number",
    42,
    "INVALID_APPLICATION",
    "applications[0]",
    "an application must be a JSON object",
  ],
  [
    "an unknown field",
    { scores: {}, overal: 80 },
    "INVALID_APPLICATION",
    "applications[0].overal",
    'unknown field "overal" (allowed: id, name, track, scores, points, overall, preliminary, requirements)',
  ],
  [
    "a numeric id",
    { id: 7, scores: {} },
    "INVALID_APPLICATION",
    "applications[0].id",
    "id must be a string",
  ],
  [
    "preliminary as a list",
    { scores: {}, preliminary: ["juristicPerson"] },
    "INVALID_APPLICATION",
    "applications[0].preliminary",
    'preliminary must be an object of criterion answers, e.g. {"juristicPerson": true}',
  ],
  [
    "a preliminary answer that is not a boolean",
    { scores: {}, preliminary: { juristicPerson: "yes" } },
    "INVALID_APPLICATION",
    "applications[0].preliminary.juristicPerson",
    'Juristic person: must be true or false, not "yes"',
  ],
  [
    "an unknown criterion",
    { scores: {}, preliminary: { taxPaid: true } },
    "INVALID_APPLICATION",
    "applications[0].preliminary.taxPaid",
    '"taxPaid" is not a preliminary criterion of ruleset 1 (criteria: juristicPerson, developmentPlan, leadershipCommitment, publicCooperation, monitoringEvaluation)',
  ],
])("%s", (_name, application, code, path, en) => {
  test("gets one error that names what and where", () => {
    expect(errorOf(application)).toMatchObject({ code, path, en });
  });
});

describe("application errors", () => {
  test("NaN and Infinity (not JSON, but possible in-process) are not numbers or are out of range", () => {
    expect(errorOf({ scores: { environment: Number.NaN } })).toMatchObject({
      code: "INVALID_SCORE",
      en: "Smart Environment: NaN is not a number",
    });
    expect(errorOf({ scores: { environment: Number.POSITIVE_INFINITY } })).toMatchObject({
      code: "INVALID_SCORE",
      en: "Smart Environment: a number too large (it must lie from 0 to 100)",
    });
  });

  test("carry the application's id when it has one", () => {
    expect(errorOf({ id: "A-7", scores: { environment: 101 } }).id).toBe("A-7");
  });

  test("have Thai messages too", () => {
    const outcome = evaluate({ scores: { environment: 120 } }, BASELINE_RULESET);
    expect(isApplicationError(outcome) && outcome.error.message.th).toBe(
      "สิ่งแวดล้อมอัจฉริยะ: 120 มากกว่า 100"
    );
  });

  test("the boundaries 0 and 100 are valid scores", () => {
    const outcome = evaluate({ scores: { environment: 100, energy: 0 } }, BASELINE_RULESET);
    expect(isApplicationError(outcome)).toBe(false);
  });

  test("a name is allowed and ignored by the rules", () => {
    expect(
      isApplicationError(
        evaluate({ name: "เทศบาลนครภูเก็ต", scores: { environment: 90 } }, BASELINE_RULESET)
      )
    ).toBe(false);
  });
});

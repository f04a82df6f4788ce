import { expect, test } from "@jest/globals";
import { evaluate } from "@smartcity/shared";
import { laterRuleset } from "../helpers/later-rules";

/**
 * A rubric dimension with no item given points — `{}`, or every item null as a row of blank
 * cells sends it — is not proposed, exactly like a blank percent: never a proposed 0%
 * (which would fail the dimension's bar and, for Smart Environment, the mandatory rule).
 */
const later = laterRuleset();
const base = { scores: { living: 90, energy: 85 }, overall: 88 };

test.each([
  ["an empty object", {}],
  ["every item null", { air: null, water: null }],
])("%s for Smart Environment's items is the dimension not proposed", (_name, items) => {
  const given = evaluate({ ...base, points: { environment: items } }, later);
  const omitted = evaluate(base, later);
  if ("error" in given) throw new Error(JSON.stringify(given.error));
  expect(given).toEqual(omitted);
  expect(given.reasons.map((reason) => reason.code)).toContain("MANDATORY_DIMENSION_MISSING");
});

test("a percent beside all-blank points is not 'both': the percent is the dimension's score", () => {
  const application = { ...base, scores: { ...base.scores, environment: 80 } };
  const given = evaluate({ ...application, points: { environment: { air: null } } }, later);
  expect(given).toEqual(evaluate(application, later));
});

test("one item given points makes the dimension scored by points (the others count 0)", () => {
  const given = evaluate({ ...base, points: { environment: { air: 10, water: null } } }, later);
  if ("error" in given) throw new Error(JSON.stringify(given.error));
  const environment = given.dimensions.find((dimension) => dimension.id === "environment");
  expect(environment?.percent).toBe(50);
});

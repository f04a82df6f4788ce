import { describe, expect, test } from "@jest/globals";
import { consolidate, entryApplication, evaluate, readEvaluationSheet } from "@smartcity/shared";
import {
  EXAMPLE_CASES,
  type EvaluationRow,
  evaluationSnapshot,
  exampleRuleset,
} from "../helpers/example-evaluations";

/**
 * A row of an evaluator's sheet as the application the engine evaluates (what the admin's
 * impact preview sends): each case of announcement 1/2562 written into the evaluation sheet's
 * layout, as an evaluator types it, reads back to an application that evaluates as the case.
 */
const ruleset = exampleRuleset();

function rowOf(application: (typeof EXAMPLE_CASES)[number]["application"]): EvaluationRow {
  const row: EvaluationRow = { id: application.id, ...application.scores };
  if (application.track !== undefined) row.track = application.track;
  for (const [criterion, answer] of Object.entries(application.preliminary ?? {}))
    row[criterion] = answer ? "ใช่" : "ไม่ใช่";
  for (const [group, items] of Object.entries(application.requirements ?? {}))
    for (const [item, answer] of Object.entries(items))
      row[`${group}.${item}`] = answer ? "ใช่" : "ไม่ใช่";
  for (const [dimension, items] of Object.entries(application.points ?? {}))
    for (const [item, points] of Object.entries(items)) row[`${dimension}.${item}`] = points;
  return row;
}

describe("an evaluator's row as the application it is", () => {
  const cases = EXAMPLE_CASES.filter((c) => c.expected.error === undefined);

  test.each(cases.map((c) => [c.application.id, c] as const))("%s", (_id, { application }) => {
    const reading = readEvaluationSheet(
      evaluationSnapshot(ruleset, [rowOf(application)]),
      ruleset.rules,
      "somchai.xlsx",
      "somchai"
    );
    expect(reading.warnings).toEqual([]);
    const read = entryApplication(reading.entries[0]);
    expect(evaluate(read, ruleset)).toEqual(evaluate(application, ruleset));
  });

  test.each(cases.map((c) => [c.application.id, c] as const))(
    "%s: the preview's application decides as the consolidation of that one row does",
    (_id, { application }) => {
      const reading = readEvaluationSheet(
        evaluationSnapshot(ruleset, [rowOf(application)]),
        ruleset.rules,
        "somchai.xlsx",
        "somchai"
      );
      const previewed = evaluate(entryApplication(reading.entries[0]), ruleset);
      const [consolidated] = consolidate(reading.entries, ruleset).applicants;
      if ("error" in previewed) throw new Error(JSON.stringify(previewed.error));
      expect({
        eligible: previewed.eligible,
        outcome: previewed.outcome?.id,
        overall: previewed.overallPercent,
        reasons: previewed.reasons.map((reason) => reason.code),
        track: previewed.track,
      }).toEqual({
        eligible: consolidated.eligible,
        outcome: consolidated.outcome?.id,
        overall: consolidated.overallPercent,
        reasons: consolidated.reasons.map((reason) => reason.code),
        track: consolidated.track?.id,
      });
    }
  );

  test("a rubric dimension's points are sent, not the sheet's percent beside them", () => {
    const reading = readEvaluationSheet(
      evaluationSnapshot(ruleset, [
        {
          id: "A1",
          living: 80,
          environment: { formula: "=SUM(…)", result: 30 },
          "environment.resourceCare": 20,
          "environment.pollution": 10,
        },
      ]),
      ruleset.rules,
      "somchai.xlsx",
      "somchai"
    );
    const application = entryApplication(reading.entries[0]);
    expect(application.scores).toEqual({ living: 80 });
    expect(application.points).toEqual({ environment: { resourceCare: 20, pollution: 10 } });
    // No answers at all: neither the criteria nor a group is assessed.
    expect(application).not.toHaveProperty("preliminary");
    expect(application).not.toHaveProperty("requirements");
  });
});

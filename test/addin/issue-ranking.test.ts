import { expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  consolidate,
  type EvaluatorEntry,
  FLAG_CODES,
  flagRank,
  summariseRuleset,
} from "@smartcity/shared";
import { issueItems } from "../../addin/src/taskpane/secretary/consolidation-view";

// The pane lists what the committee must discuss first first, over all applicants: a list cut
// at its limit keeps a disagreement on the last applicant rather than lesser flags of the first.

let row = 1;
function entry(evaluator: string, id: string, environment: number | null): EvaluatorEntry {
  row++;
  return {
    applicantId: id,
    applicantName: `เมือง ${id}`,
    evaluator,
    file: `${evaluator}.xlsx`,
    sheet: "Sheet1",
    row,
    scores: environment === null ? {} : { environment: { value: environment, cell: `C${row}` } },
    overall: null,
    answers: {},
    unreadable: [],
  };
}

test("a disagreement on the last applicant comes before the lesser flags of the first ones", () => {
  const entries = [
    // a duplicate evaluator each (settled by the consolidation itself).
    entry("a", "A-1", 80),
    entry("a", "A-1", 81),
    entry("b", "A-1", 80),
    entry("a", "A-2", 70),
    entry("a", "A-2", 71),
    entry("b", "A-2", 70),
    // a missing score. A-4: a disagreement of 40 points.
    entry("a", "A-3", 80),
    entry("b", "A-3", null),
    entry("a", "A-4", 40),
    entry("b", "A-4", 80),
  ];
  const { applicants, calibration } = consolidate(entries, BASELINE_RULESET);
  const response = {
    ruleset: summariseRuleset(BASELINE_RULESET),
    consolidatedAt: "2026-12-07T10:00:00.000Z",
    applicants,
    files: [],
    calibration,
  };
  const { items, more } = issueItems(response, "en", 2);
  expect(items.map((item) => item.text.split(":")[0])).toEqual([
    "A-4 · เมือง A-4",
    "A-3 · เมือง A-3",
  ]);
  expect(items[0].text).toContain("from 40 to 80");
  expect(more).toBe(2);
});

test("every flag code has its own rank", () => {
  const ranks = FLAG_CODES.map((code) => flagRank(code));
  expect(new Set(ranks).size).toBe(FLAG_CODES.length);
  expect(flagRank("DISAGREEMENT")).toBeLessThan(flagRank("DUPLICATE_EVALUATOR"));
  expect(flagRank("MISSING_SCORE")).toBeLessThan(flagRank("UNREADABLE_CELL"));
});

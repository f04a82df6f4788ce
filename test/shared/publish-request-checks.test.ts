import { expect, test } from "@jest/globals";
import { BASELINE_RULESET, PublishRequestSchema, type Rules } from "@smartcity/shared";

/**
 * The request-level checks of a publish (a known preliminary criterion, rules some application
 * can satisfy) never run on rules whose own checks failed, and never assume a part that the
 * rules may leave out: every such body is a list of issues, never a thrown error (a 500).
 */
const body = (rules: unknown) => ({
  rules,
  approval: { reference: "1/2569", date: "2026-12-01" },
  note: "a change",
});

function withoutPreliminary(change: (rules: Rules) => void = () => undefined): Rules {
  const rules = structuredClone(BASELINE_RULESET.rules) as Rules;
  delete (rules as Partial<Rules>).preliminaryCriteria;
  change(rules);
  return rules;
}

test("rules without preliminaryCriteria: the request-level issue, not a TypeError", () => {
  const parsed = PublishRequestSchema.safeParse(body(withoutPreliminary()));
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(
    "rules.preliminaryCriteria"
  );
});

test.each<[string, (rules: Rules) => void]>([
  ["a duplicate dimension id", (rules) => (rules.dimensions[1].id = rules.dimensions[0].id)],
  ['a dimension id of ""', (rules) => (rules.dimensions[1].id = "")],
  ["a weight of 0", (rules) => (rules.dimensions[1].weight = 0)],
  ["no dimensions", (rules) => (rules.dimensions = [])],
])(
  "without preliminaryCriteria and with %s: the rules' own issues, and no request-level check",
  (_, change) => {
    const parsed = PublishRequestSchema.safeParse(body(withoutPreliminary(change)));
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.path[0] === "rules")).toBe(true);
    // The rules' own issues only: the request-level checks did not run on them.
    expect(issues.map((issue) => issue.message).join("\n")).not.toMatch(
      /at least one of the known preliminary criteria|no application can satisfy/
    );
  }
);

test("the same soft errors with preliminaryCriteria are refused the same way", () => {
  const rules = structuredClone(BASELINE_RULESET.rules) as Rules;
  rules.dimensions[1].weight = 0;
  const parsed = PublishRequestSchema.safeParse(body(rules));
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual([
    "rules.dimensions.1.weight",
  ]);
});

test.each([[[]], [null], ["text"], [{ rules: 1 }], [{ rules: [] }], [{ approval: {} }]])(
  "a body of %j is a list of issues, never a thrown error",
  (value) => {
    expect(PublishRequestSchema.safeParse(value).success).toBe(false);
  }
);

import { expect, test } from "@jest/globals";
import { jsonColumns, MAX_PARTS, readJsonText } from "../../functions/src/store/json-columns";

test("a short value is one property, as rows were before chunking", () => {
  expect(jsonColumns("ruleset", { a: 1 })).toEqual({ ruleset: '{"a":1}', rulesetParts: 1 });
  expect(readJsonText({ ruleset: '{"a":1}' }, "ruleset")).toBe('{"a":1}'); // an old row: no count
});

test("a long value is cut into parts of at most 30,000 code units that join back whole", () => {
  const value = { th: "ประชาชนมีสุขภาพดี".repeat(5_000) };
  const columns = jsonColumns("ruleset", value);
  expect(columns.rulesetParts).toBe(3);
  for (const [name, part] of Object.entries(columns))
    if (name !== "rulesetParts") expect((part as string).length).toBeLessThanOrEqual(30_000);
  expect(JSON.parse(readJsonText(columns, "ruleset"))).toEqual(value);
});

test("a surrogate pair is never split between two parts", () => {
  const value = "a".repeat(29_998) + "😀".repeat(10); // "😀" is two code units
  const columns = jsonColumns("entry", value);
  for (const [name, part] of Object.entries(columns)) {
    if (name === "entryParts") continue;
    expect(part as string).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    );
  }
  expect(JSON.parse(readJsonText(columns, "entry"))).toBe(value);
});

test("a missing part is an error, never a silently shorter value", () => {
  const columns = jsonColumns("ruleset", "x".repeat(70_000));
  delete columns.ruleset_1;
  expect(() => readJsonText(columns, "ruleset")).toThrow("ruleset part 1 is missing");
  expect(() => jsonColumns("ruleset", "x".repeat(30_000 * MAX_PARTS + 10))).toThrow(RangeError);
});

import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  describeIssues,
  evaluate,
  type LocalizedText,
  readAnswer,
  readEvaluationSheet,
  readScore,
  RulesSchema,
} from "@smartcity/shared";
import { toApplication } from "../../addin/src/functions/cell-arguments";
import { ServiceError } from "../../addin/src/client/service-error";
import {
  environmentPoints,
  evaluationSnapshot,
  exampleRuleset,
} from "../helpers/example-evaluations";
import { laterRuleset } from "../helpers/later-rules";

/**
 * A number no double holds is said in words, in each language: JSON.parse reads 1e999 as
 * Infinity (and -1e999 as -Infinity), a cell can hold 1e999 too, and "Infinity" is neither what
 * the person wrote nor Thai. Likewise null, which JSON names in English.
 */
const later = laterRuleset();

function errorOf(application: unknown, ruleset = BASELINE_RULESET): LocalizedText {
  const outcome = evaluate(application, ruleset);
  if (!("error" in outcome)) throw new Error("expected an error");
  return outcome.error.message;
}

/** The Thai holds no Latin letter, and neither language says Infinity or NaN. */
function expectWords(message: LocalizedText): void {
  // Only what is to be typed exactly, in quotes (the ids a list offers), may be Latin in Thai.
  expect(message.th.replace(/"[^"]*"/g, "")).not.toMatch(/[A-Za-z]/);
  expect(`${message.th} ${message.en}`).not.toMatch(/Infinity|NaN/);
}

describe("POST /api/evaluate's application errors", () => {
  test.each<[string, unknown, LocalizedText]>([
    [
      "a score of 1e999",
      { scores: { environment: Infinity } },
      {
        th: "สิ่งแวดล้อมอัจฉริยะ: ตัวเลขที่ใหญ่เกินไป (ต้องอยู่ระหว่าง 0 ถึง 100)",
        en: "Smart Environment: a number too large (it must lie from 0 to 100)",
      },
    ],
    [
      "a score of -1e999",
      { scores: { environment: -Infinity } },
      {
        th: "สิ่งแวดล้อมอัจฉริยะ: ตัวเลขติดลบที่ใหญ่เกินไป (ต้องอยู่ระหว่าง 0 ถึง 100)",
        en: "Smart Environment: a negative number too large (it must lie from 0 to 100)",
      },
    ],
    [
      "an overall score of 1e999",
      { scores: { environment: 90 }, overall: Infinity },
      {
        th: "คะแนนภาพรวม: ตัวเลขที่ใหญ่เกินไป (ต้องอยู่ระหว่าง 0 ถึง 100)",
        en: "Overall: a number too large (it must lie from 0 to 100)",
      },
    ],
    [
      "a preliminary answer of null",
      { scores: { environment: 90 }, preliminary: { juristicPerson: null } },
      {
        th: expect.stringMatching(/: ต้องเป็นจริงหรือเท็จ ไม่ใช่ ค่าว่าง$/) as unknown as string,
        en: expect.stringMatching(/: must be true or false, not null$/) as unknown as string,
      },
    ],
  ])("%s", (_name, application, expected) => {
    const message = errorOf(application);
    expect(message).toEqual(expected);
    expectWords(message);
  });

  test("points of 1e999 and -1e999", () => {
    expect(errorOf({ scores: {}, points: { environment: { air: Infinity } } }, later)).toEqual({
      th: "สิ่งแวดล้อมอัจฉริยะ: คุณภาพอากาศ: ตัวเลขที่ใหญ่เกินไป (ต้องอยู่ระหว่าง 0 ถึง 10)",
      en: "Smart Environment: Air quality: a number too large (it must lie from 0 to 10)",
    });
    expectWords(errorOf({ scores: {}, points: { environment: { water: -Infinity } } }, later));
  });

  test("a track given as 1e999", () => {
    const message = errorOf({ track: Infinity, scores: { energy: 90 } }, later);
    expect(message.en).toMatch(/^a number too large is not a track of ruleset/);
    expectWords(message);
  });
});

test("a schema's number field given 1e999 (a ruleset's weight)", () => {
  const rules = structuredClone(BASELINE_RULESET.rules) as { dimensions: { weight: number }[] };
  rules.dimensions[0].weight = Infinity;
  const parsed = RulesSchema.safeParse(rules, { reportInput: true });
  if (parsed.success) throw new Error("expected a failure");
  const [issue] = describeIssues(parsed.error.issues);
  expect(issue.message).toEqual({
    th: "ต้องเป็นตัวเลข แต่ได้รับตัวเลขที่ใหญ่เกินไป",
    en: "Invalid input: expected number, received a number too large",
  });
});

describe("the workbook import, of a cell holding 1e999", () => {
  test("as a score, plain or percent-formatted", () => {
    for (const reading of [readScore(Infinity), readScore(1e307, { fraction: true })]) {
      if (reading.kind !== "invalid") throw new Error("expected a problem");
      expect(reading.problem.th).toMatch(/\(ต้องอยู่ระหว่าง 0 ถึง 100\)$/);
      expect(reading.problem.th).not.toContain("ไม่ใช่ตัวเลข");
      expectWords({ th: reading.problem.th.replace(/1e\+307/, ""), en: reading.problem.en });
    }
  });

  test("as a preliminary answer", () => {
    const reading = readAnswer(-Infinity);
    if (reading.kind !== "invalid") throw new Error("expected a problem");
    expect(reading.problem).toEqual({
      th: "ตัวเลขติดลบที่ใหญ่เกินไป ไม่ใช่คำตอบ ใช่/ไม่ใช่",
      en: "a negative number too large is not a yes/no answer",
    });
  });

  test("as a rubric item's points", () => {
    const ruleset = exampleRuleset();
    const row = {
      id: "A1",
      name: "เทศบาลนครภูเก็ต",
      living: 85,
      ...environmentPoints(Infinity, 20, 20, 20),
    };
    const reading = readEvaluationSheet(
      evaluationSnapshot(ruleset, [row]),
      ruleset.rules,
      "somchai.xlsx",
      "somchai"
    );
    const [warning] = reading.warnings;
    expect(warning.code).toBe("UNREADABLE_POINTS");
    expect(warning.message.en).toBe(
      "somchai.xlsx · Evaluation!V2: Smart Environment: resource care: a number too large (points run from 0 to 25), so they are not counted (counted as missing)"
    );
    expectWords({
      th: warning.message.th.replace(/^somchai\.xlsx · Evaluation!V2: /, ""),
      en: warning.message.en,
    });
  });
});

test("the add-in's custom functions, of a rubric item's cell holding 1e999", () => {
  const run = () => toApplication({ scores: [[Infinity]], labels: [["environment.air"]] }, later);
  expect(run).toThrow(ServiceError);
  try {
    run();
  } catch (error) {
    const text = (error as ServiceError).text;
    expect(text.en).toBe("environment.air: a number too large is not a number of points");
    expectWords({ th: text.th.replace(/^environment\.air: /, ""), en: text.en });
  }
});

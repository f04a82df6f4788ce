import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  canonicalJson,
  type ConsolidatedApplicant,
  consolidate,
  type EvaluatorEntry,
  openApiDocument,
  RulesSchema,
  type Ruleset,
} from "@smartcity/shared";
import { rulesetWith } from "../helpers/rulesets";

// Declared conflicts of interest in the consolidation (conflicts-of-interest.ts): a row marked
// yes, and every other row of its evaluator for that applicant, counts nowhere.

let row = 1;
function entry(
  evaluator: string,
  scores: Record<string, number>,
  conflict?: boolean | null,
  applicant = "A-001"
): EvaluatorEntry {
  row++;
  return {
    applicantId: applicant,
    applicantName: "เชียงใหม่",
    evaluator,
    file: `${evaluator}.xlsx`,
    sheet: "ประเมิน",
    row,
    scores: Object.fromEntries(
      Object.entries(scores).map(([id, value]) => [id, { value, cell: `X${row}` }])
    ),
    overall: null,
    answers: {},
    unreadable: [],
    ...(conflict !== undefined ? { conflict: { value: conflict, cell: `Z${row}` } } : {}),
  };
}

function only(entries: EvaluatorEntry[], ruleset: Ruleset = BASELINE_RULESET) {
  const outcome = consolidate(entries, ruleset);
  expect(outcome.applicants).toHaveLength(1);
  return { applicant: outcome.applicants[0], conflicted: outcome.conflicted };
}
const codes = (applicant: ConsolidatedApplicant) => applicant.flags.map((flag) => flag.code);
const flag = (applicant: ConsolidatedApplicant, code: string) =>
  applicant.flags.find((candidate) => candidate.code === code);
const withMinimum = (minEvaluators: number) =>
  rulesetWith({ consolidation: { method: "mean", disagreementSpread: 20, minEvaluators } });
// A score nobody else gives: its absence from the answer shows the conflicted row left no trace.
const CONFLICTED_SCORE = 13.37;

describe("a declared conflict of interest", () => {
  test.each<[string, boolean | null]>([
    ["yes", true],
    ["an unreadable declaration (never taken as no)", null],
  ])("%s: the row neither counts nor shows, and the applicant is flagged", (_, value) => {
    const declaring = entry("สมชาย", { environment: CONFLICTED_SCORE, energy: 99.9 }, value);
    const { applicant, conflicted } = only([
      declaring,
      entry("สุดา", { environment: 80, energy: 70 }),
      entry("นิรันดร์", { environment: 90, energy: 70 }, false),
    ]);
    expect(applicant.evaluators).toEqual(["สุดา", "นิรันดร์"]);
    expect(applicant.dimensions.find((d) => d.id === "environment")).toMatchObject({
      percent: 85,
      min: 80,
      max: 90,
      scored: 2,
      missing: 0,
    });
    expect(codes(applicant)).toEqual(["CONFLICT_OF_INTEREST"]);
    const message = flag(applicant, "CONFLICT_OF_INTEREST")!.message;
    expect(message.en).toContain("สมชาย");
    expect(message.en).toContain(`สมชาย.xlsx · ประเมิน!${declaring.row}:${declaring.row}`);
    expect(message.en).toContain(value === null ? "could not be read" : "declared a conflict");
    const answer = JSON.stringify(applicant);
    expect(answer).not.toContain(String(CONFLICTED_SCORE));
    expect(answer).not.toContain("99.9");
    expect([...conflicted]).toEqual([declaring]);
  });

  test("no (or blank) declares nothing: the row counts as before", () => {
    const { applicant, conflicted } = only([
      entry("สมชาย", { environment: 70 }, false),
      entry("สุดา", { environment: 80 }),
    ]);
    expect(applicant.evaluators).toEqual(["สมชาย", "สุดา"]);
    expect(applicant.dimensions[0]).toMatchObject({ percent: 75, scored: 2 });
    expect(applicant.flags).toEqual([]);
    expect(conflicted.size).toBe(0);
  });

  test("a conflict with one applicant leaves the evaluator's other applicants as they were", () => {
    const outcome = consolidate(
      [
        entry("สมชาย", { environment: CONFLICTED_SCORE }, true, "A-001"),
        entry("สมชาย", { environment: 70 }, false, "A-002"),
        entry("สุดา", { environment: 80 }, undefined, "A-001"),
        entry("สุดา", { environment: 90 }, undefined, "A-002"),
      ],
      BASELINE_RULESET
    );
    const [first, second] = outcome.applicants;
    expect([first.evaluators, codes(first)]).toEqual([["สุดา"], ["CONFLICT_OF_INTEREST"]]);
    expect([second.evaluators, codes(second), second.dimensions[0].percent]).toEqual([
      ["สมชาย", "สุดา"],
      [],
      80,
    ]);
  });
});

describe("a contradicted conflict: declared in one row, evaluated in another", () => {
  test.each<[string, [boolean | undefined, boolean | undefined]]>([
    ["the declaration first, then a row that declares nothing", [true, undefined]],
    ["a row that says no, then the declaration", [false, true]],
    ["a row that declares nothing, then the declaration", [undefined, true]],
  ])("%s: none of the evaluator's rows count; both rows named", (_, [a, b]) => {
    const first = entry("สมชาย", { environment: CONFLICTED_SCORE }, a);
    const second = entry("สมชาย", { environment: 12.34 }, b);
    const { applicant, conflicted } = only([first, entry("สุดา", { environment: 80 }), second]);
    expect(applicant.evaluators).toEqual(["สุดา"]);
    expect(applicant.dimensions[0]).toMatchObject({ percent: 80, scored: 1, min: 80, max: 80 });
    // Not a duplicate evaluator: the last row does not win when a conflict was declared.
    expect(codes(applicant)).toEqual(["CONFLICT_CONTRADICTED"]);
    const { en, th } = flag(applicant, "CONFLICT_CONTRADICTED")!.message;
    const declared = a === true ? first : second;
    const scored = a === true ? second : first;
    for (const text of [en, th]) {
      expect(text).toContain("สมชาย");
      expect(text).toContain(`ประเมิน!${declared.row}:${declared.row}`);
      expect(text).toContain(`ประเมิน!${scored.row}:${scored.row}`);
    }
    expect(JSON.stringify(applicant)).not.toMatch(/13\.37|12\.34/);
    expect(new Set(conflicted)).toEqual(new Set([first, second]));
  });

  test("two rows that both declare are one conflict, not a contradiction", () => {
    const { applicant } = only([
      entry("สมชาย", {}, true),
      entry("สมชาย", { environment: CONFLICTED_SCORE }, true),
      entry("สุดา", { environment: 80 }),
    ]);
    expect(codes(applicant)).toEqual(["CONFLICT_OF_INTEREST"]);
    expect(applicant.evaluators).toEqual(["สุดา"]);
  });

  test("a contradiction is discussed before any other flag", () => {
    const { applicant } = only([
      entry("สมชาย", {}, true),
      entry("สมชาย", { environment: 50 }),
      entry("สุดา", { environment: 40 }),
      entry("นิรันดร์", { environment: 90 }),
    ]);
    expect(codes(applicant)).toEqual(["CONFLICT_CONTRADICTED", "DISAGREEMENT"]);
  });
});

describe("too few evaluators left after conflicts", () => {
  test.each([
    // [minimum, evaluators, of them conflicted, flagged]
    [2, 3, 1, false], // exactly at the minimum
    [2, 2, 1, true], // one below
    [3, 3, 0, false],
    [3, 3, 1, true],
    [1, 2, 1, false], // the default's value, written
    [1, 1, 1, true], // nobody left
  ])("minEvaluators %i, %i evaluators, %i conflicted: flagged %s", (minimum, all, out, flagged) => {
    const names = ["สมชาย", "สุดา", "นิรันดร์"].slice(0, all);
    const { applicant } = only(
      names.map((name, index) => entry(name, { environment: 80 }, index < out ? true : undefined)),
      withMinimum(minimum)
    );
    expect(applicant.evaluators).toHaveLength(all - out);
    expect(codes(applicant).includes("TOO_FEW_EVALUATORS")).toBe(flagged);
    if (flagged)
      expect(flag(applicant, "TOO_FEW_EVALUATORS")!.message).toEqual({
        th: `นับคะแนนได้จากผู้ประเมิน ${all - out} คน น้อยกว่าขั้นต่ำ ${minimum} คน${out > 0 ? " (ไม่นับ สมชาย เพราะผลประโยชน์ทับซ้อน)" : ""}`,
        en: expect.stringContaining(`fewer than the minimum of ${minimum}`),
      });
  });

  test("without minEvaluators the minimum is 1: every evaluator conflicted is flagged, one left is not", () => {
    expect(BASELINE_RULESET.rules.consolidation.minEvaluators).toBeUndefined();
    const none = only([entry("สมชาย", { environment: CONFLICTED_SCORE }, true)]).applicant;
    expect(none.evaluators).toEqual([]);
    expect(none.dimensions).toEqual([]);
    expect(none.eligible).toBe(false);
    expect(codes(none)).toEqual(["TOO_FEW_EVALUATORS", "CONFLICT_OF_INTEREST"]);
    const one = only([entry("สมชาย", {}, true), entry("สุดา", { environment: 80 })]).applicant;
    expect(codes(one)).toEqual(["CONFLICT_OF_INTEREST"]);
  });

  test("the field is optional with no default: a ruleset without it parses to the same bytes", () => {
    const parsed = RulesSchema.parse(structuredClone(BASELINE_RULESET.rules));
    expect(canonicalJson(parsed)).toBe(canonicalJson(BASELINE_RULESET.rules));
    expect("minEvaluators" in parsed.consolidation).toBe(false);
    expect(withMinimum(2).rules.consolidation.minEvaluators).toBe(2);
    for (const wrong of [0, 1.5, -1, "2"])
      expect(
        RulesSchema.safeParse({
          ...structuredClone(BASELINE_RULESET.rules),
          consolidation: { method: "mean", disagreementSpread: 20, minEvaluators: wrong },
        }).success
      ).toBe(false);
  });
});

describe("files without a conflict column (made before it)", () => {
  test("consolidate exactly as rows that answer no", () => {
    const rows = (conflict?: false) => {
      row = 1;
      return [
        entry("สมชาย", { environment: 60, energy: 70 }, conflict),
        entry("สุดา", { environment: 90, energy: 70 }, conflict),
        entry("สมชาย", { environment: 65 }, conflict),
      ];
    };
    const before = consolidate(rows(), BASELINE_RULESET);
    const answeredNo = consolidate(rows(false), BASELINE_RULESET);
    expect(answeredNo.applicants).toEqual(before.applicants);
    expect(before.conflicted.size).toBe(0);
    expect(codes(before.applicants[0])).toEqual([
      "DISAGREEMENT",
      "MISSING_SCORE",
      "DUPLICATE_EVALUATOR",
    ]);
  });
});

describe("the messages", () => {
  test("in Thai without English words (the names and files given are Thai), in English", () => {
    const { applicant } = only(
      [
        entry("สมชาย", {}, true),
        entry("สมชาย", { environment: 50 }),
        entry("สุดา", { environment: 50 }, null),
        entry("นิรันดร์", {}, true),
      ],
      withMinimum(2)
    );
    expect(codes(applicant)).toEqual([
      "CONFLICT_CONTRADICTED",
      "TOO_FEW_EVALUATORS",
      "CONFLICT_OF_INTEREST",
      "CONFLICT_OF_INTEREST",
    ]);
    for (const { message } of applicant.flags) {
      expect(message.th.replace(/xlsx/g, "")).not.toMatch(/[A-Za-z]/);
      expect(message.en).toMatch(/[A-Za-z]{4}/);
    }
  });
});

describe("the contract", () => {
  test("the OpenAPI document lists the new flags and the optional minEvaluators", () => {
    const document = JSON.stringify(openApiDocument());
    for (const code of ["CONFLICT_OF_INTEREST", "CONFLICT_CONTRADICTED", "TOO_FEW_EVALUATORS"])
      expect(document).toContain(`"${code}"`);
    expect(document).toContain('"minEvaluators"');
  });
});

describe("calibration (shown, never applied)", () => {
  test("is what it would be without the conflicted rows", () => {
    row = 1;
    const others = ["สุดา", "นิรันดร์", "วิภา"].flatMap((name, offset) =>
      ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"].map((id, index) =>
        entry(name, { environment: 60 + offset * 5 + index, energy: 70 + index }, undefined, id)
      )
    );
    const conflicted = [
      entry("สมชาย", { environment: 5, energy: 5 }, true, "A-1"),
      entry("สมชาย", { environment: 99, energy: 99 }, undefined, "A-2"),
      entry("สมชาย", {}, true, "A-2"),
    ];
    const without = consolidate(others, BASELINE_RULESET);
    const withConflicts = consolidate([...others, ...conflicted], BASELINE_RULESET);
    expect(withConflicts.calibration).toEqual(without.calibration);
  });
});

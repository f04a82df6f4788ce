import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  type ConsolidatedApplicant,
  consolidate,
  evaluate,
  type EvaluatorEntry,
  isApplicationError,
  PRELIMINARY_CRITERION_IDS,
  type Ruleset,
  withNameNotes,
} from "@smartcity/shared";
import { rulesetWith } from "../helpers/rulesets";

// The consolidation rules of the domain brief ("Decisions": mean, spread above
// 20 flagged, a blank where others scored is missing, not zero).

let row = 1;
function entry(
  evaluator: string,
  applicant: { id?: string; name?: string },
  scores: Record<string, number>,
  extra: Partial<Pick<EvaluatorEntry, "overall" | "answers" | "unreadable" | "file">> = {}
): EvaluatorEntry {
  row++;
  return {
    applicantId: applicant.id ?? null,
    applicantName: applicant.name ?? null,
    evaluator,
    file: extra.file ?? `${evaluator}.xlsx`,
    sheet: "Sheet1",
    row,
    scores: Object.fromEntries(
      Object.entries(scores).map(([id, value]) => [id, { value, cell: `X${row}` }])
    ),
    overall: extra.overall ?? null,
    answers: extra.answers ?? {},
    unreadable: extra.unreadable ?? [],
  };
}

const yes = (...ids: string[]) =>
  Object.fromEntries(ids.map((id) => [id, { value: true, cell: "B2" }]));
const no = (...ids: string[]) =>
  Object.fromEntries(ids.map((id) => [id, { value: false, cell: "B2" }]));

function only(
  entries: EvaluatorEntry[],
  ruleset: Ruleset = BASELINE_RULESET
): ConsolidatedApplicant {
  const { applicants } = consolidate(entries, ruleset);
  expect(applicants).toHaveLength(1);
  return applicants[0];
}
const dimension = (applicant: ConsolidatedApplicant, id: string) =>
  applicant.dimensions.find((score) => score.id === id);
const flagCodes = (applicant: ConsolidatedApplicant) =>
  applicant.flags.map(
    (flag) =>
      `${flag.code}${flag.dimension ? `:${flag.dimension}` : ""}${flag.criterion ? `:${flag.criterion}` : ""}`
  );

const A1 = { id: "A-001", name: "Chiang Mai" };

describe("scores per dimension", () => {
  test("mean, min, max, spread and counts of the scores given", () => {
    const applicant = only([
      entry("somchai", A1, { environment: 80, energy: 70 }),
      entry("suda", A1, { environment: 90, energy: 75 }),
      entry("niran", A1, { environment: 85 }),
    ]);
    expect(dimension(applicant, "environment")).toEqual({
      id: "environment",
      percent: 85,
      min: 80,
      max: 90,
      spread: 10,
      scored: 3,
      missing: 0,
      flags: [],
    });
    expect(dimension(applicant, "energy")).toMatchObject({
      percent: 72.5,
      scored: 2,
      missing: 1,
      flags: ["MISSING_SCORE"],
    });
    expect(applicant.evaluators).toEqual(["somchai", "suda", "niran"]);
  });

  test("the float case: 90.3, 70.6 and 79.1 from three evaluators consolidate to 80 and pass", () => {
    const scores = [90.3, 70.6, 79.1];
    const applicant = only(
      scores.map((environment, index) =>
        entry(
          `e${index}`,
          A1,
          { environment, energy: 80 },
          { answers: yes(...PRELIMINARY_CRITERION_IDS) }
        )
      ),
      rulesetWith({ consolidation: { method: "mean", disagreementSpread: 25 } })
    );
    expect(dimension(applicant, "environment")?.percent).toBe(80);
    expect(applicant.overallPercent).toBe(80);
    expect(applicant.eligible).toBe(true);
  });

  test("median when the ruleset says so, the middle two averaged for an even count", () => {
    const median = rulesetWith({ consolidation: { method: "median", disagreementSpread: 100 } });
    const odd = only(
      [60, 90, 70].map((environment, index) => entry(`e${index}`, A1, { environment })),
      median
    );
    expect(dimension(odd, "environment")?.percent).toBe(70);
    const even = only(
      [60, 90, 70, 100].map((environment, index) => entry(`e${index}`, A1, { environment })),
      median
    );
    expect(dimension(even, "environment")?.percent).toBe(80);
  });

  test("a spread above the limit is a disagreement; exactly at the limit is not", () => {
    const at = only([entry("a", A1, { environment: 60 }), entry("b", A1, { environment: 80 })]);
    expect(dimension(at, "environment")?.flags).toEqual([]);
    const above = only([
      entry("a", A1, { environment: 60 }),
      entry("b", A1, { environment: 80.5 }),
    ]);
    expect(dimension(above, "environment")).toMatchObject({
      spread: 20.5,
      flags: ["DISAGREEMENT"],
    });
    expect(above.flags[0]).toMatchObject({ code: "DISAGREEMENT", dimension: "environment" });
    expect(above.flags[0].message.en).toBe(
      "Smart Environment: evaluators scored from 60 to 80.5 (a spread of 20.5, above 20)"
    );
    const tighter = only(
      [entry("a", A1, { environment: 60 }), entry("b", A1, { environment: 71 })],
      rulesetWith({ consolidation: { method: "mean", disagreementSpread: 10 } })
    );
    expect(dimension(tighter, "environment")?.flags).toEqual(["DISAGREEMENT"]);
  });

  test("a dimension nobody scored is not proposed; one scored by anybody is", () => {
    const applicant = only([entry("a", A1, { environment: 80 }), entry("b", A1, { energy: 70 })]);
    expect(applicant.dimensions.map((score) => score.id)).toEqual(["energy", "environment"]);
    expect(flagCodes(applicant)).toEqual(["MISSING_SCORE:energy", "MISSING_SCORE:environment"]);
    expect(applicant.flags[0].message.en).toBe("Smart Energy: scored by 1 evaluator but not by a");
  });

  test("a zero is a score, and fails the dimension's bar", () => {
    const applicant = only([
      entry("a", A1, { environment: 0, energy: 90 }),
      entry("b", A1, { environment: 0, energy: 90 }),
    ]);
    expect(dimension(applicant, "environment")?.percent).toBe(0);
    expect(applicant.reasons.map((reason) => reason.code)).toContain("DIMENSION_BELOW_MIN");
  });

  test("an unreadable cell counts as missing and is flagged with the warning's words", () => {
    const message = {
      th: "x",
      en: 'somchai.xlsx · Sheet1!E7: Smart Environment: "eighty" is not a number',
    };
    const applicant = only([
      entry(
        "somchai",
        A1,
        { energy: 80 },
        { unreadable: [{ item: "environment", cell: "E7", message }] }
      ),
      entry("suda", A1, { environment: 85, energy: 80 }),
    ]);
    expect(dimension(applicant, "environment")).toMatchObject({ scored: 1, missing: 1 });
    expect(applicant.flags).toContainEqual({
      code: "UNREADABLE_CELL",
      dimension: "environment",
      message,
    });
  });
});

describe("the subcommittee overall and the preliminary criteria", () => {
  test("the overall consolidates like a dimension and is used by evaluate", () => {
    const applicant = only([
      entry("a", A1, { environment: 90, energy: 90 }, { overall: { value: 70, cell: "H2" } }),
      entry("b", A1, { environment: 90, energy: 90 }, { overall: { value: 95, cell: "H3" } }),
    ]);
    expect(applicant.subcommitteeOverall).toMatchObject({
      id: "overall",
      percent: 82.5,
      spread: 25,
      flags: ["DISAGREEMENT"],
    });
    expect(applicant.overallPercent).toBe(82.5);
    expect(flagCodes(applicant)).toContain("DISAGREEMENT:overall");
  });

  test("a criterion holds only if every evaluator who answered said yes", () => {
    const all = [...PRELIMINARY_CRITERION_IDS];
    const applicant = only([
      entry("a", A1, { environment: 90, energy: 90 }, { answers: yes(...all) }),
      entry(
        "b",
        A1,
        { environment: 90, energy: 90 },
        { answers: { ...yes(...all), ...no("publicCooperation") } }
      ),
      entry(
        "c",
        A1,
        { environment: 90, energy: 90 },
        {
          answers: yes(
            "juristicPerson",
            "developmentPlan",
            "leadershipCommitment",
            "publicCooperation"
          ),
        }
      ),
    ]);
    const answer = (id: string) => applicant.preliminary.find((item) => item.id === id);
    expect(answer("juristicPerson")).toEqual({
      id: "juristicPerson",
      holds: true,
      yes: 3,
      no: 0,
      unanswered: 0,
      flags: [],
    });
    expect(answer("publicCooperation")).toMatchObject({
      holds: false,
      yes: 2,
      no: 1,
      flags: ["DISAGREEMENT"],
    });
    expect(answer("monitoringEvaluation")).toMatchObject({
      holds: true,
      yes: 2,
      unanswered: 1,
      flags: ["MISSING_ANSWER"],
    });
    expect(applicant.eligible).toBe(false);
    expect(applicant.reasons.map((reason) => `${reason.code}:${reason.criterion}`)).toEqual([
      "PRELIMINARY_NOT_MET:publicCooperation",
    ]);
    expect(flagCodes(applicant)).toEqual([
      "DISAGREEMENT:publicCooperation",
      "MISSING_ANSWER:monitoringEvaluation",
    ]);
  });

  test("nobody answering any criterion leaves the preliminary criteria not assessed", () => {
    const applicant = only([entry("a", A1, { environment: 90, energy: 90 })]);
    expect(applicant.preliminary.every((answer) => answer.holds === null)).toBe(true);
    expect(applicant.eligible).toBe(true);
    expect(applicant.reasons).toEqual([]);
  });

  test("eligibility and reasons are evaluate's on the consolidated figures", () => {
    const entries = [
      entry(
        "a",
        A1,
        { environment: 65, energy: 85, living: 90 },
        { answers: yes(...PRELIMINARY_CRITERION_IDS) }
      ),
      entry(
        "b",
        A1,
        { environment: 70, energy: 75 },
        { answers: yes(...PRELIMINARY_CRITERION_IDS) }
      ),
    ];
    const applicant = only(entries);
    const direct = evaluate(
      {
        id: "A-001",
        scores: { environment: 67.5, energy: 80, living: 90 },
        preliminary: Object.fromEntries(PRELIMINARY_CRITERION_IDS.map((id) => [id, true])),
      },
      BASELINE_RULESET
    );
    if (isApplicationError(direct)) throw new Error("unexpected");
    expect(applicant.eligible).toBe(direct.eligible);
    expect(applicant.reasons).toEqual(direct.reasons);
    expect(applicant.overallPercent).toBe(direct.overallPercent);
  });
});

describe("matching applicants and evaluators", () => {
  test("by id, else by the normalised name of an id's rows, else by name alone", () => {
    const { applicants } = consolidate(
      [
        entry("a", { id: "A-001", name: "Phuket  City" }, { environment: 80 }),
        entry("b", { name: " phuket city " }, { environment: 90 }),
        entry("c", { id: "a-001" }, { environment: 70 }),
        entry("a", { name: "เทศบาลเมืองแม่เหียะ" }, { environment: 60 }),
        entry("b", { name: "เทศบาลเมืองแม่เหียะ".normalize("NFD") }, { environment: 64 }),
      ],
      BASELINE_RULESET
    );
    expect(
      applicants.map((applicant) => [applicant.id, applicant.name, applicant.evaluators])
    ).toEqual([
      ["A-001", "Phuket  City", ["a", "b", "c"]],
      [null, "เทศบาลเมืองแม่เหียะ", ["a", "b"]],
    ]);
    expect(dimension(applicants[0], "environment")?.percent).toBe(80);
  });

  test("Thai digits in an id match ASCII digits", () => {
    const applicant = only([
      entry("a", { id: "A-๐๐๑" }, { environment: 80 }),
      entry("b", { id: "A-001" }, { environment: 80 }),
    ]);
    expect(applicant.evaluators).toEqual(["a", "b"]);
  });

  test("a name written differently under a matching id is one note per evaluator, not a flag", () => {
    const round = [
      ["A-001", "เทศบาลนครขอนแก่น", "Khon Kaen City Municipality"],
      ["A-002", "เทศบาลเมืองแม่เหียะ", "Mae Hia Town Municipality"],
    ].flatMap(([id, thai, english]) => [
      entry("a", { id, name: thai }, { environment: 80 }),
      entry("b", { id, name: thai }, { environment: 80 }),
      entry("c", { id, name: english }, { environment: 80 }),
    ]);
    const { applicants, nameNotes } = consolidate(round, BASELINE_RULESET);
    expect(applicants.flatMap((applicant) => applicant.flags)).toEqual([]);
    expect(applicants.map((applicant) => applicant.name)).toEqual([
      "เทศบาลนครขอนแก่น",
      "เทศบาลเมืองแม่เหียะ",
    ]);
    expect(nameNotes).toEqual([
      {
        file: "c.xlsx",
        evaluator: "c",
        sheet: "Sheet1",
        differences: [
          { id: "A-001", written: "Khon Kaen City Municipality", usual: "เทศบาลนครขอนแก่น" },
          { id: "A-002", written: "Mae Hia Town Municipality", usual: "เทศบาลเมืองแม่เหียะ" },
        ],
      },
    ]);
    const [report] = withNameNotes(
      [
        {
          name: "c.xlsx",
          evaluator: "c",
          evaluators: ["c"],
          sheets: ["Sheet1"],
          rows: 2,
          warnings: [],
        },
      ],
      nameNotes
    );
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatchObject({ code: "APPLICANT_NAMES_DIFFER", sheet: "Sheet1" });
    expect(report.warnings[0].message.en).toBe(
      'c.xlsx · Sheet1: c wrote 2 applicant names differently from the other evaluators under matching ids, so they are matched by id: A-001 "Khon Kaen City Municipality" (the others: "เทศบาลนครขอนแก่น"); A-002 "Mae Hia Town Municipality" (the others: "เทศบาลเมืองแม่เหียะ")'
    );
  });

  test("another applicant's name under an id is flagged on the applicant: perhaps the wrong id", () => {
    const { applicants, nameNotes } = consolidate(
      [
        entry("a", { id: "A-001", name: "Phuket City" }, { environment: 80 }),
        entry("b", { id: "A-001", name: "Phuket City" }, { environment: 80 }),
        entry("a", { id: "A-002", name: "Mae Hia" }, { environment: 60 }),
        entry("b", { id: "A-002", name: "Mae Hia" }, { environment: 60 }),
        entry("c", { id: "A-002", name: "phuket  city" }, { environment: 65 }),
      ],
      BASELINE_RULESET
    );
    expect(applicants[0].flags).toEqual([]);
    expect(applicants[1].flags).toEqual([
      expect.objectContaining({
        code: "NAME_MISMATCH",
        message: expect.objectContaining({
          en: "c wrote \"phuket  city\" under the id A-002, but that is the name of applicant A-001: this row's scores may count for the wrong applicant; check the id in the evaluator's file",
        }),
      }),
    ]);
    expect(nameNotes).toEqual([]);
  });

  test.each([
    ["the right evaluator's file first", false],
    ["the wrong row's file first", true],
  ])("another applicant's name in a tie under an id is still flagged (%s)", (_, wrongFirst) => {
    const right = entry("e1", { id: "A-1", name: "Alpha" }, { environment: 80 });
    const wrong = entry("e2", { id: "A-1", name: "Beta" }, { environment: 80 });
    const { applicants, nameNotes } = consolidate(
      [
        ...(wrongFirst ? [wrong, right] : [right, wrong]),
        entry("e1", { id: "A-2", name: "Beta" }, { environment: 70 }),
        entry("e3", { id: "A-2", name: "Beta" }, { environment: 70 }),
      ],
      BASELINE_RULESET
    );
    expect(applicants.map((applicant) => applicant.name)).toEqual(["Alpha", "Beta"]);
    expect(applicants[0].flags.map((flag) => flag.message.en)).toEqual([
      expect.stringMatching(
        /^e2 wrote "Beta" under the id A-1, but that is the name of applicant A-2/
      ),
    ]);
    expect(nameNotes).toEqual([]);
  });

  test("of two uploads with one file name, only the one its evaluator's rows came from gets the note", () => {
    const round = ["A-1", "A-2"].flatMap((id) => [
      entry("a", { id, name: `เมือง ${id}` }, { environment: 80 }, { file: "eval.xlsx" }),
      entry("b", { id, name: `City ${id}` }, { environment: 80 }, { file: "eval.xlsx" }),
      entry("c", { id, name: `เมือง ${id}` }, { environment: 80 }),
    ]);
    const report = (evaluator: string) => ({
      name: "eval.xlsx",
      evaluator,
      evaluators: [evaluator],
      sheets: ["Sheet1"],
      rows: 2,
      warnings: [],
    });
    const [ofA, ofB] = withNameNotes(
      [report("a"), report("b")],
      consolidate(round, BASELINE_RULESET).nameNotes
    );
    expect(ofA.warnings).toEqual([]);
    expect(ofB.warnings.map((warning) => warning.code)).toEqual(["APPLICANT_NAMES_DIFFER"]);
  });

  test("a note names at most five applicants and counts the rest", () => {
    const round = Array.from({ length: 7 }, (_, index) => `A-${index}`).flatMap((id) => [
      entry("a", { id, name: `เมือง ${id}` }, { environment: 80 }),
      entry("b", { id, name: `City ${id}` }, { environment: 80 }),
      entry("c", { id, name: `เมือง ${id}` }, { environment: 80 }),
    ]);
    const { nameNotes } = consolidate(round, BASELINE_RULESET);
    const [report] = withNameNotes(
      [
        {
          name: "b.xlsx",
          evaluator: "b",
          evaluators: ["b"],
          sheets: ["Sheet1"],
          rows: 7,
          warnings: [],
        },
      ],
      nameNotes
    );
    expect(report.warnings[0].message.en).toMatch(/^b\.xlsx · Sheet1: b wrote 7 applicant names/);
    expect(report.warnings[0].message.en).toMatch(
      /A-4 "City A-4" \(the others: "เมือง A-4"\), and 2 more$/
    );
    expect(report.warnings[0].message.th).toMatch(/และอีก 2 ราย$/);
  });

  test("the same evaluator twice: the last entry counts, the earlier ones are named", () => {
    const first = entry("Niran K.", A1, { environment: 50 }, { file: "niran.xlsx" });
    const second = entry("niran k.", A1, { environment: 90 }, { file: "niran.xlsx" });
    const other = entry("suda", A1, { environment: 80 });
    const { applicants, superseded } = consolidate([first, other, second], BASELINE_RULESET);
    expect(applicants[0].evaluators).toEqual(["niran k.", "suda"]);
    expect(dimension(applicants[0], "environment")).toMatchObject({ percent: 85, scored: 2 });
    expect(superseded).toEqual(new Set([first]));
    expect(applicants[0].flags[0].code).toBe("DUPLICATE_EVALUATOR");
    expect(applicants[0].flags[0].message.en).toBe(
      `niran k. evaluated this applicant more than once; the last entry counts (niran.xlsx · Sheet1!${second.row}:${second.row}), not niran.xlsx · Sheet1!${first.row}:${first.row}`
    );
  });

  test("applicants come in the order they first appear", () => {
    const { applicants } = consolidate(
      [
        entry("a", { id: "B" }, { environment: 80 }),
        entry("a", { id: "A" }, { environment: 80 }),
        entry("b", { id: "B" }, { environment: 80 }),
      ],
      BASELINE_RULESET
    );
    expect(applicants.map((applicant) => applicant.id)).toEqual(["B", "A"]);
  });
});

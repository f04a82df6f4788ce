import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, consolidate } from "@smartcity/shared";
import { calibrate, type CalibrationPanel } from "../../shared/src/consolidation/calibration";
import { rulesetWith } from "../helpers/rulesets";

/** Applicants scored by a panel: `scores(i)` gives each evaluator's score of applicant i. */
function panels(
  count: number,
  scores: (applicant: number) => Record<string, number | undefined>,
  dimension = "environment"
): CalibrationPanel[] {
  return Array.from({ length: count }, (_, applicant) => ({
    entries: Object.entries(scores(applicant)).map(([evaluator, score]) => ({
      evaluator,
      scores: { [dimension]: score },
    })),
  }));
}

const SETTINGS = { offsetPoints: 10, minApplicants: 5, dimensions: ["environment", "energy"] };
const of = (result: ReturnType<typeof calibrate>, evaluator: string) =>
  result.find((entry) => entry.evaluator === evaluator);

describe("an evaluator's offset from the rest of the panel", () => {
  test("is the score minus the mean of the OTHER evaluators (leave-one-out)", () => {
    const result = calibrate(
      panels(5, (i) => ({ Anan: 70 + i + 12, Boon: 70 + i, Chai: 70 + i })),
      SETTINGS
    );
    expect(of(result, "Anan")).toMatchObject({ applicants: 5, meanOffset: 12, exceeds: true });
    expect(of(result, "Boon")).toMatchObject({ applicants: 5, meanOffset: -6, exceeds: false });
    expect(of(result, "Anan")?.dimensions).toEqual([
      { dimension: "environment", applicants: 5, meanOffset: 12, spread: 0, exceeds: true },
    ]);
  });

  test.each([
    ["exactly at the bar is not beyond it", 10, false],
    ["just above the bar", 10.01, true],
    ["just below the bar", 9.99, false],
    ["a severe evaluator just beyond the bar", -10.01, true],
    ["a severe evaluator exactly at the bar", -10, false],
  ])("%s (offset %s)", (_name, offset, exceeds) => {
    // Two evaluators: each one's panel is the other, so the offset is the whole difference.
    const result = calibrate(
      panels(5, () => ({ Anan: 75 + offset, Boon: 75 })),
      SETTINGS
    );
    expect(of(result, "Anan")).toMatchObject({ meanOffset: offset, exceeds });
  });

  test.each([
    [4, false],
    [5, true],
  ])("over %s applicants a 20-point offset is flagged: %s", (count, exceeds) => {
    const result = calibrate(
      panels(count, () => ({ Anan: 95, Boon: 75 })),
      SETTINGS
    );
    expect(of(result, "Anan")).toMatchObject({ applicants: count, meanOffset: 20, exceeds });
  });

  test("its spread is the sample standard deviation over applicants, none for one", () => {
    const spread = calibrate(
      panels(2, (i) => ({ Anan: 80 + (i === 0 ? 10 : 14), Boon: 80 })),
      SETTINGS
    );
    expect(of(spread, "Anan")).toMatchObject({ meanOffset: 12, spread: 2.828427125 });
    expect(
      of(
        calibrate(
          panels(1, () => ({ Anan: 90, Boon: 80 })),
          SETTINGS
        ),
        "Anan"
      )
    ).toMatchObject({ applicants: 1, spread: null });
  });

  test("a dimension only one evaluator scored, or left blank, is not compared", () => {
    const result = calibrate(
      [
        {
          entries: [
            { evaluator: "Anan", scores: { environment: 90, energy: 99 } },
            { evaluator: "Boon", scores: { environment: 80, energy: undefined } },
          ],
        },
      ],
      SETTINGS
    );
    expect(of(result, "Anan")?.dimensions.map((entry) => entry.dimension)).toEqual(["environment"]);
    expect(of(result, "Anan")).toMatchObject({ applicants: 1, meanOffset: 10 });
  });

  test("overall, each applicant counts once: the mean of its dimensions' offsets", () => {
    const both = { environment: 0, energy: 0 };
    const result = calibrate(
      [
        {
          entries: [
            { evaluator: "Anan", scores: { environment: 90, energy: 70 } }, // +10 and −10
            { evaluator: "Boon", scores: { environment: 80, energy: 80 } },
          ],
        },
        {
          entries: [
            { evaluator: "Anan", scores: { ...both, environment: 86 } }, // +6 only
            { evaluator: "Boon", scores: { environment: 80 } },
          ],
        },
      ],
      SETTINGS
    );
    expect(of(result, "Anan")).toMatchObject({ applicants: 2, meanOffset: 3 });
  });

  test("one evaluator written two ways is one evaluator, named as first written", () => {
    const result = calibrate(
      panels(2, (i) => (i === 0 ? { "Anan ": 90, Boon: 80 } : { anan: 90, Boon: 80 })),
      SETTINGS
    );
    expect(result.map((entry) => entry.evaluator)).toEqual(["Anan ", "Boon"]);
    expect(of(result, "Anan ")).toMatchObject({ applicants: 2, meanOffset: 10 });
  });

  test("figures are drift-free: 90.3 against 70.6 is +19.7, not 19.699999…", () => {
    const result = calibrate(
      panels(1, () => ({ Anan: 90.3, Boon: 70.6 })),
      SETTINGS
    );
    expect(of(result, "Anan")?.meanOffset).toBe(19.7);
    expect(of(result, "Boon")?.meanOffset).toBe(-19.7);
  });
});

describe("calibration in the consolidation", () => {
  let row = 0;
  const entry = (evaluator: string, id: string, environment: number, energy: number) => {
    row++;
    return {
      applicantId: id,
      applicantName: `เมือง ${id}`,
      evaluator,
      file: `${evaluator}.xlsx`,
      sheet: "Sheet1",
      row,
      scores: {
        environment: { value: environment, cell: `C${row}` },
        energy: { value: energy, cell: `D${row}` },
      },
      overall: null,
      answers: {},
      unreadable: [],
    };
  };
  // Five applicants; Anan always 15 points above Boon and Chai, who agree.
  const entries = ["A-1", "A-2", "A-3", "A-4", "A-5"].flatMap((id, i) => [
    entry("Anan", id, 90, 88 - i),
    entry("Boon", id, 75, 73 - i),
    entry("Chai", id, 75, 73 - i),
  ]);

  test("flags the lenient evaluator, furthest first, under the ruleset's bar or the defaults", () => {
    const { calibration } = consolidate(entries, BASELINE_RULESET);
    expect(calibration).toMatchObject({ offsetPoints: 10, minApplicants: 5 });
    expect(calibration.evaluators.map((evaluator) => evaluator.evaluator)).toEqual([
      "Anan",
      "Boon",
      "Chai",
    ]);
    const [anan, boon] = calibration.evaluators;
    expect(anan).toMatchObject({ applicants: 5, meanOffset: 15, spread: 0, exceeds: true });
    expect(anan.flags.map((flag) => flag.code)).toEqual(["EVALUATOR_OFFSET"]);
    expect(anan.flags[0].message.en).toMatch(/^Anan scores 15 points above the other evaluators/);
    // The Thai sentence has no English words: only the evaluator's own name is in Latin letters.
    expect(anan.flags[0].message.th.replace("Anan", "")).not.toMatch(/[A-Za-z]/);
    expect(boon).toMatchObject({ meanOffset: -7.5, exceeds: false, flags: [] });
    const stricter = rulesetWith({
      consolidation: { ...BASELINE_RULESET.rules.consolidation, calibrationOffsetPoints: 20 },
    });
    expect(consolidate(entries, stricter).calibration.evaluators[0].flags).toEqual([]);
  });

  test("never changes an official figure: every evaluator flagged, the same applicants", () => {
    const everyone = rulesetWith({
      consolidation: {
        ...BASELINE_RULESET.rules.consolidation,
        calibrationOffsetPoints: 0,
        calibrationMinApplicants: 1,
      },
    });
    const flagged = consolidate(entries, everyone);
    expect(flagged.calibration.evaluators.every((evaluator) => evaluator.exceeds)).toBe(true);
    expect(flagged.applicants).toEqual(consolidate(entries, rulesetWith({})).applicants);
  });
});

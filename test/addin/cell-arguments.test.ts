import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import { toApplication, versionArgument } from "../../addin/src/functions/cell-arguments";
import { ServiceError } from "../../addin/src/client/service-error";

// Ranges arrive as 2-D arrays; omitted optional arguments as null (Microsoft: "Options for Excel custom functions").
const R = BASELINE_RULESET;
const row = (...cells: unknown[]) => [cells];
const column = (...cells: unknown[]) => cells.map((cell) => [cell]);
const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ServiceError) return `${error.kind}: ${error.message}`;
    throw error;
  }
  throw new Error("expected a ServiceError");
};

describe("scores without labels follow the ruleset's dimension order", () => {
  test("a row; null (Excel on the web's blank) is not proposed", () => {
    expect(toApplication({ scores: row(80, null, 75, null, null, null, 90) }, R).scores).toEqual({
      living: 80,
      people: null,
      energy: 75,
      mobility: null,
      economy: null,
      governance: null,
      environment: 90,
    });
  });

  test("a column works the same", () => {
    expect(toApplication({ scores: column(80, 70) }, R).scores).toEqual({ living: 80, people: 70 });
  });

  test("text, percent signs and Thai digits are read by the shared reader", () => {
    expect(toApplication({ scores: row("85%", "๗๐", " 90 ") }, R).scores).toEqual({
      living: 85,
      people: 70,
      energy: 90,
    });
  });

  test("a row of fractions reads as percent-formatted cells", () => {
    expect(toApplication({ scores: row(0.85, 0.7) }, R).scores).toEqual({ living: 85, people: 70 });
  });

  test("more scores than dimensions is refused", () => {
    expect(failure(() => toApplication({ scores: row(1, 2, 3, 4, 5, 6, 7, 8) }, R))).toBe(
      "invalid: 8 scores but ruleset 1 has 7 dimensions; give labels to say which is which"
    );
  });

  test("a 2-D block is refused, naming its shape", () => {
    expect(
      failure(() =>
        toApplication(
          {
            scores: [
              [1, 2],
              [3, 4],
            ],
          },
          R
        )
      )
    ).toBe("invalid: scores must be one row or one column, not 2 rows × 2 columns");
  });
});

describe("labels match scores by name, in any order and language", () => {
  test("Thai, English and ids", () => {
    const application = toApplication(
      { scores: row(90, 75, 80), labels: row("สิ่งแวดล้อมอัจฉริยะ", "Smart Energy", "governance") },
      R
    );
    expect(application.scores).toEqual({ environment: 90, energy: 75, governance: 80 });
  });

  test("an unknown label is refused with the known names", () => {
    expect(failure(() => toApplication({ scores: row(90), labels: row("Smart Culture") }, R))).toBe(
      'invalid: "Smart Culture" is not a dimension of ruleset 1 (Smart Living, Smart People, Smart Energy, Smart Mobility, Smart Economy, Smart Governance, Smart Environment)'
    );
  });

  test("labels of another shape are refused", () => {
    expect(failure(() => toApplication({ scores: row(90, 80), labels: row("energy") }, R))).toBe(
      "invalid: labels has 1 cells but scores has 2; give them the same shape"
    );
  });

  test("an empty label cell leaves its column out", () => {
    expect(
      toApplication({ scores: row(90, 80), labels: row("environment", null) }, R).scores
    ).toEqual({ environment: 90 });
  });
});

describe("blank and 0 (desktop passes blanks as 0: office-js #1951, #4702, #5262)", () => {
  test("with the cells' facts, a desktop 0 that is really blank is not proposed, and a typed 0 is a zero", () => {
    const scores = { blank: [false, true, false], percentFormatted: [false, false, false] };
    expect(toApplication({ scores: row(80, 0, 0) }, R, { scores }).scores).toEqual({
      living: 80,
      people: null,
      energy: 0,
    });
  });

  test("with the cells' facts, percent formatting decides fractions cell by cell", () => {
    const scores = { blank: [false, false], percentFormatted: [true, false] };
    expect(toApplication({ scores: row(0.85, 0.5) }, R, { scores }).scores).toEqual({
      living: 85,
      people: 0.5,
    });
  });

  test("without facts a 0 may be a desktop blank: #N/A saying so, never a silent zero", () => {
    const unknown =
      'unavailable: Scores: Excel did not give this formula its cells\' addresses, so a blank cell cannot be told from 0. Recalculate (Ctrl+Alt+F9), or type the 0 as text "0"';
    expect(failure(() => toApplication({ scores: row(80, 0) }, R))).toBe(unknown);
    // null (the web's blank) and "" are blank on every platform; text "0" is a typed zero.
    expect(toApplication({ scores: row(80, null, "", "0") }, R).scores).toEqual({
      living: 80,
      people: null,
      energy: null,
      mobility: 0,
    });
  });

  test("every argument read from cells goes through the same path: labels, preliminary, overall", () => {
    const blankAt = (...blank: boolean[]) => ({
      blank,
      percentFormatted: blank.map(() => false),
    });
    // Desktop: the blank label, the blank preliminary cell and the blank overall all came as 0.
    const application = toApplication(
      {
        scores: row(90, 80, 75),
        labels: row("environment", "energy", 0),
        preliminary: row(true, true, 0, true, 0),
        overall: 0,
      },
      R,
      {
        scores: blankAt(false, false, false),
        labels: blankAt(false, false, true),
        preliminary: blankAt(false, false, true, false, false),
        overall: blankAt(true),
      }
    );
    expect(application).toEqual({
      scores: { environment: 90, energy: 80 },
      preliminary: {
        juristicPerson: true,
        developmentPlan: true,
        publicCooperation: true,
        monitoringEvaluation: false,
      },
    });
    for (const [args, name] of [
      [{ scores: row(90), labels: row(0) }, "Labels"],
      [{ scores: row(90), preliminary: row(true, true, 0, true, true) }, "Preliminary"],
      [{ scores: row(90), overall: 0 }, "Overall"],
    ] as const) {
      expect(failure(() => toApplication(args, R))).toMatch(
        new RegExp(`^unavailable: ${name}: Excel did not give this formula its cells' addresses`)
      );
    }
  });

  test("a percent-formatted overall is a fraction", () => {
    expect(
      toApplication({ scores: row(90), overall: 0.85 }, R, {
        overall: { blank: [false], percentFormatted: [true] },
      }).overall
    ).toBe(85);
  });

  test('version: blank (null, "", or a desktop 0 known blank) is the default; an unknown 0 is #N/A', () => {
    expect(versionArgument(null)).toBeUndefined();
    expect(versionArgument("")).toBeUndefined();
    expect(versionArgument(0, { blank: [true], percentFormatted: [false] })).toBeUndefined();
    expect(versionArgument(2)).toBe("2");
    expect(versionArgument([[" 3 "]])).toBe("3");
    expect(failure(() => versionArgument(0))).toMatch(/^unavailable: Version: Excel did not give/);
  });
});

describe("bad cells name the dimension and the problem", () => {
  test.each([
    [120, "invalid: Smart Living: 120 is above 100"],
    ["eighty", 'invalid: Smart Living: "eighty" is not a number'],
    [true, "invalid: Smart Living: true is not a number"],
  ])("%j", (value, message) => {
    expect(failure(() => toApplication({ scores: row(value) }, R))).toBe(message);
  });

  test("a labelled Environment of 120", () => {
    expect(failure(() => toApplication({ scores: row(120), labels: row("Environment") }, R))).toBe(
      "invalid: Smart Environment: 120 is above 100"
    );
  });
});

describe("overall and preliminary", () => {
  test("the subcommittee overall, as a cell or a 1×1 range", () => {
    expect(toApplication({ scores: row(80), overall: 85 }, R).overall).toBe(85);
    expect(toApplication({ scores: row(80), overall: [["85%"]] }, R).overall).toBe(85);
    expect(toApplication({ scores: row(80), overall: null }, R).overall).toBeUndefined();
  });

  test("preliminary answers in the ruleset's order, in any of the accepted words; blank is unanswered", () => {
    const application = toApplication(
      { scores: row(80), preliminary: row(true, "Yes", "ใช่", "ผ่าน", null) },
      R
    );
    expect(application.preliminary).toEqual({
      juristicPerson: true,
      developmentPlan: true,
      leadershipCommitment: true,
      publicCooperation: true,
    });
    expect(
      toApplication({ scores: row(80), preliminary: row("ไม่ใช่", "0", "N", "✗", "ไม่มี") }, R)
        .preliminary
    ).toEqual({
      juristicPerson: false,
      developmentPlan: false,
      leadershipCommitment: false,
      publicCooperation: false,
      monitoringEvaluation: false,
    });
  });

  test("a wrong number of preliminary cells, or a word that is not yes/no, is refused", () => {
    expect(
      failure(() => toApplication({ scores: row(80), preliminary: row(true, true) }, R))
    ).toMatch(/^invalid: preliminary has 2 cells but ruleset 1 has 5 criteria/);
    expect(
      failure(() =>
        toApplication({ scores: row(80), preliminary: row("maybe", true, true, true, true) }, R)
      )
    ).toBe('invalid: Juristic person: "maybe" is not a yes/no answer');
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, evaluate, type Ruleset, RulesSchema } from "@smartcity/shared";
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
    ).toBe("invalid: Scores must be one row or one column, not 2 rows × 2 columns");
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
    ).toMatch(/^invalid: Preliminary has 2 cells but ruleset 1 has 5 criteria/);
    expect(
      failure(() =>
        toApplication({ scores: row(80), preliminary: row("maybe", true, true, true, true) }, R)
      )
    ).toBe('invalid: Juristic person: "maybe" is not a yes/no answer');
  });
});

/*
 * The later criteria's arguments, under the example ruleset after announcement 1/2562: five preliminary
 * criteria, a five-item components group, two tracks and a four-item rubric on environment.
 */
const LATER: Ruleset = {
  ...structuredClone(BASELINE_RULESET),
  version: "2",
  rules: RulesSchema.parse(
    JSON.parse(
      readFileSync(path.resolve(__dirname, "../fixtures/rulesets/announcement-1-2562.json"), "utf8")
    ).rules
  ),
};
const blankAt = (...blank: boolean[]) => ({ blank, percentFormatted: blank.map(() => false) });
const SCORES = row(90, 85);
const LABELS = row("environment", "governance");

// A track is sent as written: the engine reads an id, English or Thai name (shared's one rule,
// test/shared/application-message-words.test.ts).
describe("track: blank is the ruleset's default, anything else is sent as written", () => {
  test.each([
    ["omitted (null)", null, undefined, undefined],
    ['"" (an empty text)', "", undefined, undefined],
    ["a desktop 0 known blank", 0, blankAt(true), undefined],
    ["a web blank in a 1×1 range", [[null]], undefined, undefined],
    ["the id", "newCity", undefined, "newCity"],
    ["the English name", "New City", undefined, "New City"],
    ["the Thai name", "เมืองใหม่ทันสมัย", undefined, "เมืองใหม่ทันสมัย"],
    ["a 1×1 range with the id", [[" livable "]], blankAt(false), "livable"],
    [
      "a name the ruleset lacks: sent as written (the service says UNKNOWN_TRACK)",
      "village",
      undefined,
      "village",
    ],
  ])("%s", (_what, track, facts, expected) => {
    const application = toApplication(
      { scores: SCORES, labels: LABELS, track },
      LATER,
      facts === undefined ? {} : { track: facts }
    );
    expect(application.track).toBe(expected);
    expect("track" in application).toBe(expected !== undefined);
  });

  test('a 0 whose cell is unknown may be a desktop blank: #N/A, never the track "0"', () => {
    expect(failure(() => toApplication({ scores: SCORES, track: 0 }, LATER))).toMatch(
      /^unavailable: Track: Excel did not give this formula its cells' addresses/
    );
  });
});

describe("requirements: the preliminary criteria, then each group's items", () => {
  const components = [true, true, false, true, true];
  const criteria = [true, true, true, true, true];

  test("every item answered: preliminary and the components group", () => {
    expect(
      toApplication({ scores: SCORES, requirements: row(...criteria, ...components) }, LATER)
    ).toMatchObject({
      preliminary: {
        juristicPerson: true,
        developmentPlan: true,
        leadershipCommitment: true,
        publicCooperation: true,
        monitoringEvaluation: true,
      },
      requirements: {
        components: {
          boundariesAndGoals: true,
          infrastructurePlan: true,
          cityDataPlatform: false,
          smartSolutions: true,
          managementModel: true,
        },
      },
    });
  });

  test("web: a group all null is not assessed (the preliminary criteria too); in an answered group a null is not answered", () => {
    const application = toApplication(
      {
        scores: SCORES,
        requirements: row(null, null, null, null, null, true, null, "ใช่", "Yes", "✓"),
      },
      LATER
    );
    // As the consolidation reads an evaluator's row: criteria nobody answered are not assessed.
    expect(application.preliminary).toBeUndefined();
    expect(application.requirements).toEqual({
      components: {
        boundariesAndGoals: true,
        cityDataPlatform: true,
        smartSolutions: true,
        managementModel: true,
      },
    });
  });

  test("desktop: blanks come as 0, and the cells' facts say which 0s are blank", () => {
    // The same cells as above on Excel desktop: every blank is a 0, told apart by the facts.
    const cells = row(0, 0, 0, 0, 0, true, 0, "ใช่", "Yes", "✓");
    const web = toApplication(
      {
        scores: SCORES,
        requirements: row(null, null, null, null, null, true, null, "ใช่", "Yes", "✓"),
      },
      LATER
    );
    const desktop = toApplication({ scores: SCORES, requirements: cells }, LATER, {
      requirements: blankAt(true, true, true, true, true, false, true, false, false, false),
    });
    expect(desktop).toEqual(web);
    // A typed 0 (the fact says not blank) is an answer: no.
    const typed = toApplication({ scores: SCORES, requirements: cells }, LATER, {
      requirements: blankAt(true, true, true, true, true, false, false, false, false, false),
    });
    expect(typed.requirements?.components?.infrastructurePlan).toBe(false);
    // Without facts a 0 may be a blank: #N/A saying so, never a silent "no".
    expect(failure(() => toApplication({ scores: SCORES, requirements: cells }, LATER))).toMatch(
      /^unavailable: Requirements: Excel did not give this formula its cells' addresses/
    );
  });

  test("the preliminary criteria alone (the layout with one cell per preliminary criterion) still read as before", () => {
    expect(
      toApplication({ scores: SCORES, preliminary: row(true, null, true, true, true) }, LATER)
    ).toEqual({
      scores: { living: 90, people: 85 },
      preliminary: {
        juristicPerson: true,
        leadershipCommitment: true,
        publicCooperation: true,
        monitoringEvaluation: true,
      },
    });
    // All blank is not assessed, as in the full layout and in the consolidation (until 1.2.0.0 it
    // was "assessed, nothing answered", which the ten-cell layout did not share).
    expect(
      toApplication({ scores: SCORES, preliminary: row(null, null, null, null, null) }, LATER)
    ).not.toHaveProperty("preliminary");
  });

  test("another count is refused, naming both layouts", () => {
    expect(
      failure(() => toApplication({ scores: SCORES, requirements: row(true, true) }, LATER))
    ).toBe(
      "invalid: Requirements has 2 cells but ruleset 2 has 5 criteria (Juristic person, Development plan, Leadership commitment, Public cooperation, Monitoring and evaluation), or 10 requirement items with its groups (Required plan components: Clear geographic boundaries and smart city goals, Infrastructure investment and development plan, Design of an open, secure City Data Platform, Smart city solutions, Sustainable management model)"
    );
    expect(
      failure(() =>
        toApplication(
          { scores: SCORES, requirements: row(...criteria, "maybe", true, true, true, true) },
          LATER
        )
      )
    ).toBe(
      'invalid: Clear geographic boundaries and smart city goals: "maybe" is not a yes/no answer'
    );
  });
});

describe("rubric items: a label dimension.item makes its cell that item's points", () => {
  test("ids or names; Thai digits; a blank item is sent as null (the service counts it 0)", () => {
    const application = toApplication(
      {
        scores: row(85, 25, "๒๐", null, 15),
        labels: row(
          "energy",
          "environment.resourceCare",
          "Smart Environment: pollution management",
          "environment.balance",
          "สิ่งแวดล้อมอัจฉริยะ: ประสิทธิภาพการบริหารจัดการและการติดตามสถานะแวดล้อม"
        ),
      },
      LATER
    );
    expect(application).toEqual({
      scores: { energy: 85 },
      points: { environment: { resourceCare: 25, pollution: 20, balance: null, monitoring: 15 } },
    });
  });

  test("points take no part in reading a row as fractions", () => {
    // Were the 10 points counted, the row would not look like fractions and 0.85 would be 0.85%.
    expect(
      toApplication(
        { scores: row(0.85, 10), labels: row("energy", "environment.pollution") },
        LATER
      )
    ).toEqual({ scores: { energy: 85 }, points: { environment: { pollution: 10 } } });
  });

  test("every item blank: sent as null, which the service reads as the dimension not proposed", () => {
    const application = toApplication(
      { scores: row(85, null), labels: row("energy", "environment.pollution") },
      LATER
    );
    expect(application.points).toEqual({ environment: { pollution: null } });
    // shared's rule (read-later-fields.ts), not the add-in's: the same result as no points at all.
    expect(evaluate(application, LATER)).toEqual(evaluate({ scores: { energy: 85 } }, LATER));
  });

  test("the range is the service's rule (INVALID_POINTS): 30 of 25 is sent as written", () => {
    expect(
      toApplication({ scores: row(30), labels: row("environment.resourceCare") }, LATER).points
    ).toEqual({ environment: { resourceCare: 30 } });
  });

  test("text that is not a number, and an item labelled twice, are refused", () => {
    expect(
      failure(() =>
        toApplication({ scores: row("lots"), labels: row("environment.pollution") }, LATER)
      )
    ).toBe('invalid: environment.pollution: "lots" is not a number of points');
    expect(
      failure(() =>
        toApplication(
          { scores: row(5, 6), labels: row("environment.pollution", "environment.pollution") },
          LATER
        )
      )
    ).toBe("invalid: environment.pollution is labelled twice");
  });

  test("an unknown label names the dimensions and how to name a rubric item", () => {
    expect(
      failure(() => toApplication({ scores: row(5), labels: row("environment.noise") }, LATER))
    ).toBe(
      'invalid: "environment.noise" is not a dimension of ruleset 2 (Smart Living, Smart People, Smart Energy, Smart Mobility, Smart Economy, Smart Governance, Smart Environment); a rubric item as dimension.item, e.g. environment.resourceCare'
    );
  });
});

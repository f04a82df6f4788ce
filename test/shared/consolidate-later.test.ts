import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  columnRole,
  consolidate,
  type EvaluatorEntry,
  evaluationSheetHeaders,
  findIdenticalSubmissions,
  ISSUE_KIND_NAMES,
  readEvaluationSheet,
  readEvaluationWorkbook,
  type Ruleset,
  RulesSchema,
} from "@smartcity/shared";
import {
  allAnswered,
  environmentPoints,
  type EvaluationRow,
  evaluationSnapshot,
  exampleRuleset,
} from "../helpers/example-evaluations";

// The later criteria in the workbook import and the consolidation, under the example ruleset of
// announcement 1/2562: the layout's columns, reading them, and consolidating them.
const ruleset = exampleRuleset();
const rules = ruleset.rules;

function read(rows: EvaluationRow[], file = "somchai.xlsx") {
  return readEvaluationSheet(evaluationSnapshot(ruleset, rows), rules, file, file.split(".")[0]);
}

function entriesOf(byEvaluator: Record<string, EvaluationRow[]>, under: Ruleset = ruleset) {
  const entries: EvaluatorEntry[] = [];
  for (const [evaluator, rows] of Object.entries(byEvaluator))
    entries.push(
      ...readEvaluationWorkbook(`${evaluator}.xlsx`, [evaluationSnapshot(under, rows)], under.rules)
        .entries
    );
  return entries;
}

const A = { id: "A1", name: "เทศบาลนครภูเก็ต", living: 85 };

describe("the evaluation sheet's layout", () => {
  test("a 2018 ruleset keeps its 18 columns, byte for byte, then the conflict of interest", () => {
    expect(evaluationSheetHeaders(BASELINE_RULESET.rules)).toEqual([
      "รหัส / Applicant ID",
      "ชื่อพื้นที่ / Applicant",
      ...BASELINE_RULESET.rules.preliminaryCriteria.map((c) => `${c.name.th} / ${c.name.en}`),
      ...BASELINE_RULESET.rules.dimensions.map((d) => `${d.name.th} / ${d.name.en}`),
      "คะแนนภาพรวม (อนุกรรมการ) / Overall",
      "คะแนน / Score",
      "ผ่านเกณฑ์ / Eligible",
      "เหตุผล / Reasons",
      "ผลประโยชน์ทับซ้อน / Conflict of interest",
    ]);
  });

  test("the example: track, criteria, components, percents, overall, rubric points (with max), computed", () => {
    const headers = evaluationSheetHeaders(rules);
    // Four computed columns: score, eligible, reasons and the outcome band (the example has bands).
    expect(headers).toHaveLength(2 + 1 + 5 + 5 + 7 + 1 + 4 + 4 + 1);
    expect(headers.at(-2)).toBe("ผลการพิจารณา / Outcome");
    expect(headers[2]).toBe("ประเภทเมือง / Track");
    expect(headers[8]).toBe(
      "องค์ประกอบของข้อเสนอเมืองอัจฉริยะ: ขอบเขตพื้นที่และเป้าหมายการพัฒนาเมืองอัจฉริยะที่ชัดเจน / Required plan components: Clear geographic boundaries and smart city goals"
    );
    expect(headers[21]).toBe(
      "สิ่งแวดล้อมอัจฉริยะ: ดูแลรักษาทรัพยากร (เต็ม 25) / Smart Environment: resource care (max 25)"
    );
    expect(headers.map((header) => columnRole(header, rules))).toEqual([
      { kind: "id" },
      { kind: "name" },
      { kind: "track" },
      ...rules.preliminaryCriteria.map((c) => ({ kind: "criterion", id: c.id })),
      ...rules.requirementGroups![0].items.map((item) => ({
        kind: "requirement",
        group: "components",
        item: item.id,
      })),
      ...rules.dimensions.map((d) => ({ kind: "dimension", id: d.id })),
      { kind: "overall" },
      ...rules.dimensions[6].items!.map((item) => ({
        kind: "points",
        dimension: "environment",
        item: item.id,
      })),
      { kind: "computed" },
      { kind: "computed" },
      { kind: "computed" },
      { kind: "computed" },
      { kind: "conflict" },
    ]);
  });

  test("a 2018 ruleset does not know the later headers (they stay reported as unknown)", () => {
    expect(columnRole("ประเภทเมือง / Track", BASELINE_RULESET.rules)).toBeUndefined();
    expect(columnRole("Outcome", BASELINE_RULESET.rules)).toBeUndefined();
  });

  test("an item name two groups share is reported, never guessed", () => {
    const written = structuredClone(
      JSON.parse(JSON.stringify(rules)) as Record<string, unknown> & {
        requirementGroups: { id: string; name: object; items: object[] }[];
      }
    );
    written.requirementGroups.push({
      id: "renewal",
      name: { th: "การต่ออายุ", en: "Renewal" },
      items: [{ id: "plan", name: { th: "บริการเมืองอัจฉริยะ", en: "Smart city solutions" } }],
    });
    const twice = RulesSchema.parse(written);
    expect(columnRole("Smart city solutions", twice)).toBeUndefined();
    expect(columnRole("Required plan components: Smart city solutions", twice)).toEqual({
      kind: "requirement",
      group: "components",
      item: "smartSolutions",
    });
    expect(columnRole("renewal.plan", twice)).toEqual({
      kind: "requirement",
      group: "renewal",
      item: "plan",
    });
  });
});

describe("reading the later columns", () => {
  test("track by either name, answers as yes/no, blank = not answered (never false), points", () => {
    const reading = read([
      {
        ...A,
        track: "New City",
        juristicPerson: "ใช่",
        "components.cityDataPlatform": "ไม่ใช่",
        "components.smartSolutions": true,
        ...environmentPoints(25, 0, 12.5, null),
      },
    ]);
    expect(reading.warnings).toEqual([]);
    const [entry] = reading.entries;
    expect(entry.track).toEqual({ value: "newCity", cell: "C2" });
    expect(entry.requirements).toEqual({
      components: {
        cityDataPlatform: { value: false, cell: "K2" },
        smartSolutions: { value: true, cell: "L2" },
      },
    });
    expect(entry.points).toEqual({
      environment: {
        resourceCare: { value: 25, cell: "V2" },
        pollution: { value: 0, cell: "W2" },
        balance: { value: 12.5, cell: "X2" },
      },
    });
    expect(entry.scores).toEqual({ living: { value: 85, cell: "N2" } });
  });

  test("points at the maximum are read; above it or below 0 is a warning and counts as missing", () => {
    const reading = read([{ ...A, ...environmentPoints(25, 25.5, -1, "๒๐") }]);
    const [entry] = reading.entries;
    expect(entry.points?.environment).toEqual({
      resourceCare: { value: 25, cell: "V2" },
      monitoring: { value: 20, cell: "Y2" },
    });
    expect(reading.warnings.map((w) => [w.code, w.cell])).toEqual([
      ["UNREADABLE_POINTS", "W2"],
      ["UNREADABLE_POINTS", "X2"],
    ]);
    expect(reading.warnings[0].message.en).toBe(
      "somchai.xlsx · Evaluation!W2: Smart Environment: pollution management: 25.5 is out of range (points run from 0 to 25), so they are not counted (counted as missing)"
    );
    expect(reading.warnings[0].message.th).toContain("คะแนนต้องอยู่ระหว่าง 0 ถึง 25");
    expect(entry.unreadable.map((u) => u.item)).toEqual([
      "environment.pollution",
      "environment.balance",
    ]);
  });

  test("an unknown track is a warning, not a guess; the row is still read", () => {
    const reading = read([{ ...A, track: "เมืองชายแดน" }]);
    expect(reading.entries[0].track).toBeUndefined();
    expect(reading.warnings.map((w) => [w.code, w.cell])).toEqual([["UNREADABLE_TRACK", "C2"]]);
    expect(reading.warnings[0].message.en).toContain(
      'the track "เมืองชายแดน" is none of the ruleset\'s (Livable City, New City)'
    );
  });

  test("a rubric percent beside its points is set aside when the points give it, reported when not", () => {
    const same = read([{ ...A, environment: 84, ...environmentPoints(24, 22, 20, 18) }]);
    expect(same.warnings).toEqual([]);
    expect(same.entries[0].scores.environment).toBeUndefined();
    expect(Object.keys(same.entries[0].points!.environment)).toHaveLength(4);

    const differs = read([{ ...A, environment: 90, ...environmentPoints(24, 22, 20, 18) }]);
    expect(differs.warnings.map((w) => [w.code, w.cell])).toEqual([
      ["POINTS_AND_PERCENT_DIFFER", "T2"],
    ]);
    expect(differs.entries[0].scores.environment).toBeUndefined();
    expect(differs.entries[0].points!.environment).toBeUndefined();
  });

  test("a sheet scoring a rubric dimension by points alone is recognised", () => {
    const reading = read([{ id: "A1", ...environmentPoints(10, 10, 10, 10) }]);
    expect(reading.recognised).toBe(true);
    expect(reading.entries).toHaveLength(1);
  });
});

describe("consolidating the later columns", () => {
  const good = { ...A, ...allAnswered(ruleset, "ใช่"), track: "livable" };

  test("points per item (mean), then the dimension from them; a spread at the limit is not flagged", () => {
    // The limit is 20% of an item's maximum: 5 points of 25.
    const [applicant] = consolidate(
      entriesOf({
        somchai: [{ ...good, ...environmentPoints(24, 22, 20, 18) }],
        suda: [{ ...good, ...environmentPoints(19, 22, 20, 18) }],
      }),
      ruleset
    ).applicants;
    const environment = applicant.dimensions.find((d) => d.id === "environment")!;
    expect(environment.items![0]).toEqual({
      id: "resourceCare",
      points: 21.5,
      maxPoints: 25,
      min: 19,
      max: 24,
      spread: 5,
      scored: 2,
      missing: 0,
      flags: [],
    });
    expect(environment).toMatchObject({ percent: 81.5, min: 79, max: 84, spread: 5 });
    expect(applicant.flags).toEqual([]);
    expect(applicant.outcome?.id).toBe("approved");
    expect(applicant.track).toEqual({
      id: "livable",
      name: { th: "เมืองเดิมน่าอยู่", en: "Livable City" },
      source: "evaluators",
      named: [{ id: "livable", evaluators: 2 }],
    });
    expect(applicant.requirements).toEqual([
      {
        id: "components",
        status: "met",
        items: rules.requirementGroups![0].items.map((item) => ({
          id: item.id,
          holds: true,
          yes: 2,
          no: 0,
          unanswered: 0,
          flags: [],
        })),
      },
    ]);
  });

  test("above the limit the item is flagged DISAGREEMENT, with the item named", () => {
    const [applicant] = consolidate(
      entriesOf({
        somchai: [{ ...good, ...environmentPoints(24, 22, 20, 18) }],
        suda: [{ ...good, ...environmentPoints(18.5, 22, 20, 18) }],
      }),
      ruleset
    ).applicants;
    expect(applicant.flags).toEqual([
      {
        code: "DISAGREEMENT",
        dimension: "environment",
        item: "resourceCare",
        message: {
          th: "สิ่งแวดล้อมอัจฉริยะ: ดูแลรักษาทรัพยากร: ผู้ประเมินให้คะแนนต่างกันตั้งแต่ 18.5 ถึง 24 จากคะแนนเต็ม 25 (ต่างกัน 5.5 คะแนน เกิน 5 คะแนน คือร้อยละ 20 ของคะแนนเต็ม)",
          en: "Smart Environment: resource care: evaluators gave from 18.5 to 24 points of 25 (a spread of 5.5, above 5 points, 20% of the maximum)",
        },
      },
    ]);
  });

  test("an item left blank by one evaluator is missing for them, not 0; nobody's item counts 0 and is flagged", () => {
    const [applicant] = consolidate(
      entriesOf({
        somchai: [{ ...good, ...environmentPoints(20, 20, 20, null) }],
        suda: [{ ...good, ...environmentPoints(20, null, 20, null) }],
      }),
      ruleset
    ).applicants;
    const environment = applicant.dimensions.find((d) => d.id === "environment")!;
    expect(environment.items!.map((item) => [item.id, item.points, item.scored])).toEqual([
      ["resourceCare", 20, 2],
      ["pollution", 20, 1],
      ["balance", 20, 2],
      ["monitoring", null, 0],
    ]);
    expect(environment.percent).toBe(60);
    expect(applicant.flags.map((flag) => [flag.code, flag.item])).toEqual([
      ["MISSING_SCORE", "pollution"],
      ["MISSING_SCORE", "monitoring"],
    ]);
    expect(applicant.flags[1].message.en).toContain("(counted as 0 points)");
  });

  test("evaluators naming different tracks: flagged, figures under the default, never a majority", () => {
    const [applicant] = consolidate(
      entriesOf({
        somchai: [{ ...good, track: "newCity", environment: 90 }],
        suda: [{ ...good, track: "newCity", environment: 90 }],
        niran: [{ ...good, track: "เมืองเดิมน่าอยู่", environment: 90 }],
      }),
      ruleset
    ).applicants;
    expect(applicant.track).toMatchObject({
      id: "livable",
      source: "disputed",
      named: [
        { id: "newCity", evaluators: 2 },
        { id: "livable", evaluators: 1 },
      ],
    });
    expect(applicant.flags.map((flag) => flag.code)).toEqual(["TRACK_DISAGREEMENT"]);
    expect(applicant.flags[0].message.en).toBe(
      "the evaluators named different tracks: New City (somchai, suda); Livable City (niran); the figures shown are under the ruleset's default track (Livable City) until the committee decides"
    );
    // Under the default track two dimensions suffice; newCity would need three.
    expect(applicant.eligible).toBe(true);
  });

  test("a track named by some and left blank by others: that track, flagged MISSING_TRACK", () => {
    const [applicant] = consolidate(
      entriesOf({
        somchai: [{ ...good, track: "newCity", environment: 90 }],
        suda: [{ ...good, track: null, environment: 90 }],
      }),
      ruleset
    ).applicants;
    expect(applicant.track).toMatchObject({ id: "newCity", source: "evaluators" });
    expect(applicant.flags.map((flag) => flag.code)).toEqual(["MISSING_TRACK"]);
    expect(applicant.eligible).toBe(false); // newCity needs three dimensions
    expect(applicant.reasons.map((reason) => reason.code)).toEqual(["TOO_FEW_DIMENSIONS"]);
  });

  test("a component answered no by one evaluator fails the group; blank elsewhere is MISSING_REQUIREMENT", () => {
    const [applicant] = consolidate(
      entriesOf({
        somchai: [{ ...good, environment: 90 }],
        suda: [
          {
            ...good,
            environment: 90,
            "components.cityDataPlatform": "ไม่ใช่",
            "components.managementModel": null,
          },
        ],
      }),
      ruleset
    ).applicants;
    expect(applicant.requirements![0].status).toBe("notMet");
    expect(applicant.flags.map((flag) => [flag.code, flag.group, flag.item])).toEqual([
      ["DISAGREEMENT", "components", "cityDataPlatform"],
      ["MISSING_REQUIREMENT", "components", "managementModel"],
    ]);
    expect(applicant.reasons.map((r) => [r.code, r.item])).toEqual([
      ["REQUIREMENT_NOT_MET", "cityDataPlatform"],
    ]);
    expect(applicant.outcome?.id).toBe("notApproved");
  });

  test("a group nobody answered is not assessed; a percent where others gave points is not counted", () => {
    const [applicant] = consolidate(
      entriesOf({
        somchai: [{ ...A, track: "livable", ...environmentPoints(20, 20, 20, 20) }],
        suda: [{ ...A, track: "livable", environment: 40 }],
      }),
      ruleset
    ).applicants;
    expect(applicant.requirements![0].status).toBe("notAssessed");
    const codes = applicant.flags.map((flag) => flag.code);
    // Suda's points are missing on each of the four items (ranked first); her percent is not counted.
    expect(codes).toEqual([...Array(4).fill("MISSING_SCORE"), "PERCENT_INSTEAD_OF_POINTS"]);
    expect(applicant.dimensions.find((d) => d.id === "environment")!.percent).toBe(80);
  });

  test("two files alike but for their points, track or components are not copies of each other", () => {
    const base = { ...good, ...environmentPoints(20, 20, 20, 20) };
    const readingOf = (file: string, row: EvaluationRow) =>
      readEvaluationWorkbook(file, [evaluationSnapshot(ruleset, [row])], rules);
    const setAsideWith = (row: EvaluationRow) =>
      findIdenticalSubmissions([readingOf("somchai.xlsx", base), readingOf("suda.xlsx", row)])
        .setAside.size;
    expect(setAsideWith(base)).toBe(1);
    expect(setAsideWith({ ...base, "environment.monitoring": 19 })).toBe(0);
    expect(setAsideWith({ ...base, track: "newCity" })).toBe(0);
    expect(setAsideWith({ ...base, "components.cityDataPlatform": "ไม่ใช่" })).toBe(0);
  });

  test("every new code has a name in Thai and English for the Issues sheet", () => {
    for (const code of [
      "UNREADABLE_TRACK",
      "UNREADABLE_POINTS",
      "POINTS_AND_PERCENT_DIFFER",
      "TRACK_DISAGREEMENT",
      "MISSING_TRACK",
      "MISSING_REQUIREMENT",
      "PERCENT_INSTEAD_OF_POINTS",
    ] as const) {
      expect(ISSUE_KIND_NAMES[code].th).toMatch(/[\u0E00-\u0E7F]/);
      expect(ISSUE_KIND_NAMES[code].th).not.toMatch(/[A-Za-z]/);
      expect(ISSUE_KIND_NAMES[code].en).toMatch(/^[A-Z]/);
    }
  });

  test("a 2018 ruleset's answer carries none of the later fields", () => {
    const [applicant] = consolidate(
      readEvaluationWorkbook(
        "somchai.xlsx",
        [evaluationSnapshot(BASELINE_RULESET, [{ id: "A1", name: "x", living: 85 }])],
        BASELINE_RULESET.rules
      ).entries,
      BASELINE_RULESET
    ).applicants;
    expect(Object.keys(applicant)).toEqual([
      "id",
      "name",
      "evaluators",
      "dimensions",
      "subcommitteeOverall",
      "preliminary",
      "overallPercent",
      "eligible",
      "reasons",
      "flags",
    ]);
    expect(Object.keys(applicant.dimensions[0])).not.toContain("items");
  });
});

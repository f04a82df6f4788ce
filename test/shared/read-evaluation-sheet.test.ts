import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  type CellSnapshot,
  evaluationSheetHeaders,
  type CellValue,
  MAX_WARNINGS_PER_FILE,
  readEvaluationSheet,
  readEvaluationWorkbook,
  type SheetSnapshot,
} from "@smartcity/shared";
import { rulesetWith } from "../helpers/rulesets";

const rules = BASELINE_RULESET.rules;

/** A cell written as a spreadsheet would hold it; `pct(0.85)` is 0.85 in a percent-formatted cell. */
type Written = CellValue | undefined | CellSnapshot;
const pct = (value: number | string): CellSnapshot => ({ value, percentFormat: true });
const merged = (into: string): CellSnapshot => ({ value: null, mergedInto: into });

function sheet(name: string, rows: Written[][]): SheetSnapshot {
  return {
    name,
    rows: rows.map((row) =>
      row.map((cell) =>
        cell === undefined
          ? undefined
          : cell !== null && typeof cell === "object" && "value" in cell
            ? cell
            : { value: cell }
      )
    ),
  };
}

const read = (snapshot: SheetSnapshot, file = "somchai.xlsx") =>
  readEvaluationSheet(snapshot, rules, file, "somchai");

describe("finding the header row", () => {
  test("below a merged title and an evaluator cell, in Thai, with and without 'Smart'", () => {
    const reading = read(
      sheet("คะแนน", [
        ["ผลการประเมินแผนพัฒนาเมืองอัจฉริยะ ปี ๒๕๖๗", merged("A1"), merged("A1")],
        [],
        ["ผู้ประเมิน", "สุดา ใจดี"],
        [],
        ["รหัส", "ชื่อพื้นที่", "ด้านสิ่งแวดล้อม", "พลังงานอัจฉริยะ", "Smart Mobility", "คะแนนภาพรวม"],
        ["A-001", "เชียงใหม่", 85, 80, 75, 82],
      ])
    );
    expect(reading.recognised).toBe(true);
    expect(reading.labelledEvaluator).toBe("สุดา ใจดี");
    expect(reading.entries).toEqual([
      expect.objectContaining({
        applicantId: "A-001",
        applicantName: "เชียงใหม่",
        evaluator: "สุดา ใจดี",
        row: 6,
        scores: {
          environment: { value: 85, cell: "C6" },
          energy: { value: 80, cell: "D6" },
          mobility: { value: 75, cell: "E6" },
        },
        overall: { value: 82, cell: "F6" },
      }),
    ]);
    expect(reading.warnings).toEqual([]);
  });

  test("the add-in's bilingual headers; its computed columns are ignored without a warning", () => {
    const reading = read(
      sheet("Evaluation", [
        [
          "รหัส / Applicant ID",
          "ชื่อพื้นที่ / Applicant",
          "ผู้นำให้ความสำคัญ / Leadership commitment",
          "สิ่งแวดล้อมอัจฉริยะ / Smart Environment",
          "คมนาคมอัจฉริยะ / Smart Mobility",
          "คะแนนภาพรวม (อนุกรรมการ) / Overall",
          "คะแนน / Score",
          "ผ่านเกณฑ์ / Eligible",
          "เหตุผล / Reasons",
        ],
        ["A-1", "Phuket", true, 90, 80, null, 85, true, ""],
      ])
    );
    expect(reading.entries[0]).toMatchObject({
      scores: { environment: { value: 90 }, mobility: { value: 80 } },
      overall: null,
      answers: { leadershipCommitment: { value: true, cell: "C2" } },
    });
    expect(reading.warnings).toEqual([]);
  });

  test("every header of the add-in's evaluation sheet is read, under any ruleset's names", () => {
    const renamed = rulesetWith({
      dimensions: [
        ...BASELINE_RULESET.rules.dimensions,
        { id: "tourism", name: { th: "การท่องเที่ยวอัจฉริยะ", en: "Smart Tourism" } },
      ],
    } as never).rules;
    for (const ruleSet of [rules, renamed]) {
      const headers = evaluationSheetHeaders(ruleSet);
      const criteria = ruleSet.preliminaryCriteria.length;
      const scored = ruleSet.dimensions.length + 1;
      const values: Written[] = [
        "A-1",
        "X",
        ...Array(criteria).fill(true),
        ...Array(scored).fill(80),
      ];
      const reading = readEvaluationSheet(
        sheet("Evaluation", [headers, values]),
        ruleSet,
        "x.xlsx",
        "x"
      );
      expect(reading.warnings).toEqual([]);
      expect(Object.keys(reading.entries[0].scores)).toEqual(ruleSet.dimensions.map((d) => d.id));
      expect(reading.entries[0].overall?.value).toBe(80);
      expect(Object.keys(reading.entries[0].answers)).toHaveLength(criteria);
    }
  });

  test("a criterion by the circular's long wording, which holds a slash of its own", () => {
    const reading = read(
      sheet("S", [
        ["ID", "ผู้นำชุมชน/พื้นที่ให้ความสำคัญในเรื่องดังกล่าว", "Environment"],
        ["A-1", "ใช่", 80],
      ])
    );
    expect(reading.entries[0].answers).toEqual({
      leadershipCommitment: { value: true, cell: "B2" },
    });
  });

  test("the row naming the most columns wins; a header needs an applicant column and a dimension", () => {
    const reading = read(
      sheet("S", [
        ["Name", "Notes"],
        ["ID", "Name", "Environment", "Energy"],
        ["A-1", "X", 80, 70],
      ])
    );
    expect(reading.entries).toHaveLength(1);
    expect(reading.entries[0].row).toBe(3);
  });

  test("a header below row 20 is not looked for: the sheet is skipped with a warning", () => {
    const rows: Written[][] = Array.from({ length: 20 }, () => ["title"]);
    rows.push(["ID", "Environment"], ["A-1", 80]);
    const reading = read(sheet("Late", rows));
    expect(reading.recognised).toBe(false);
    expect(reading.warnings).toEqual([
      expect.objectContaining({ code: "SHEET_SKIPPED", sheet: "Late", cell: null }),
    ]);
    expect(reading.warnings[0].message.en).toMatch(/^somchai\.xlsx · Late: no header row/);
  });

  test("unknown and repeated columns are warned about at their header cell", () => {
    const reading = read(
      sheet("S", [
        ["ID", "Environment", "Tourism", "สิ่งแวดล้อม"],
        ["A-1", 80, 99, 10],
      ])
    );
    expect(reading.entries[0].scores).toEqual({ environment: { value: 80, cell: "B2" } });
    expect(reading.warnings.map((w) => [w.code, w.cell])).toEqual([
      ["COLUMN_IGNORED", "C1"],
      ["DUPLICATE_COLUMN", "D1"],
    ]);
    expect(reading.warnings[1].message.en).toContain("only column B1 is read");
  });

  test("a vertically merged header cell lends its label to the header row", () => {
    const reading = read(
      sheet("S", [
        ["รหัส", "คะแนนรายด้าน"],
        [merged("A1"), "Environment", "Energy"],
        ["A-1", 80, 75],
      ])
    );
    expect(reading.entries[0]).toMatchObject({
      applicantId: "A-1",
      scores: { energy: { value: 75 } },
    });
  });
});

describe("the evaluator", () => {
  const table = (evaluatorRows: Written[][], extra: Written[] = []) =>
    sheet("S", [
      ...evaluatorRows,
      ["ID", "Environment", ...extra.map(() => "Evaluator")],
      ["A-1", 80, ...extra],
    ]);

  test("a row's Evaluator column comes first", () => {
    expect(read(table([["Evaluator", "Suda"]], ["Niran"])).entries[0].evaluator).toBe("Niran");
  });
  test("else a labelled cell above the header, its value to the right or after a colon", () => {
    expect(read(table([["ผู้ประเมิน", undefined, "Suda"]])).entries[0].evaluator).toBe("Suda");
    expect(read(table([["ผู้ประเมิน: สุดา"]])).entries[0].evaluator).toBe("สุดา");
  });
  test("else the fallback the workbook gives (the file name)", () => {
    expect(read(table([])).entries[0].evaluator).toBe("somchai");
    const workbook = readEvaluationWorkbook("C:\\evaluations\\วิชัย.xlsx", [table([])], rules);
    expect(workbook.report.evaluator).toBe("วิชัย");
    expect(workbook.entries[0].evaluator).toBe("วิชัย");
  });
  test("a file name no file system allows (a request's own making) is kept whole, at once", () => {
    // 200,000 separators before the end once took the suffix search 100 s.
    const name = `a${"_-. ".repeat(50_000)}x scores`;
    expect(readEvaluationWorkbook(`${name}.xlsx`, [table([])], rules).report.evaluator).toBe(name);
  });
  test("a name taken from the file says so, once, and a name in the file does not", () => {
    const fromFile = readEvaluationWorkbook("Niran_scores.xlsx", [table([]), table([])], rules);
    const said = fromFile.report.warnings.filter((w) => w.code === "EVALUATOR_FROM_FILE_NAME");
    expect(said).toHaveLength(1);
    expect(said[0].message.en).toBe(
      'Niran_scores.xlsx · S: the file names no evaluator (no Evaluator column or cell), so the evaluator is "Niran", taken from the file name'
    );
    expect(said[0].message.th).toContain('"Niran"');
    const named = readEvaluationWorkbook(
      "Niran_scores.xlsx",
      [table([["Evaluator", "Niran"]])],
      rules
    );
    expect(named.report.warnings.map((w) => w.code)).not.toContain("EVALUATOR_FROM_FILE_NAME");
  });
  test.each([
    ["Niran_scores.xlsx", "Niran"],
    ["Niran - Copy (2).xlsx", "Niran"],
    ["Suda Jaidee final v3.xlsx", "Suda Jaidee"],
    ["สมชาย_คะแนน_2569.xlsx", "สมชาย"],
    ["สมชายผลการประเมิน.xlsx", "สมชาย"],
    ["evaluation_2026-12-07.xlsx", "evaluation"],
    ["scores.xlsx", "scores"],
    ["Tomarks.xlsx", "Tomarks"],
    ["Marks_score.xlsx", "Marks"],
    // Names, not words added to a file's name: a surname taken off would make two people one.
    ["Peter Mark.xlsx", "Peter Mark"],
    ["Ann-Marie Marks.xlsx", "Ann-Marie Marks"],
    ["Anna Final.xlsx", "Anna Final"],
    ["Dr. Mark.xlsx", "Dr. Mark"],
    ["Somchai Score.xlsx", "Somchai Score"],
    ["somchai score.xlsx", "somchai"],
  ])("the file name %s names the evaluator %s", (file, evaluator) => {
    expect(readEvaluationWorkbook(file, [table([])], rules).report.evaluator).toBe(evaluator);
  });
});

describe("reading values", () => {
  const one = (cell: Written, header = "Environment") =>
    read(
      sheet("Sheet1", [
        ["ID", header],
        ["A-1", cell],
      ])
    );

  test.each<[string, Written, number]>([
    ["a number is a percent", 85, 85],
    ["a percent-formatted cell holds the fraction", pct(0.85), 85],
    ["120% in a percent cell is 1.2", pct(0.905), 90.5],
    ["text with a % sign", "85%", 85],
    ["Thai digits", "๘๕", 85],
    ["a decimal", "90.3", 90.3],
    ["zero is a score", 0, 0],
  ])("%s", (_name, cell, percent) => {
    const reading = one(cell);
    expect(reading.entries[0].scores.environment).toEqual({ value: percent, cell: "B2" });
    expect(reading.warnings).toEqual([]);
  });

  test("blank is not a score, and not a warning", () => {
    for (const blank of [null, "", "   ", undefined]) {
      const reading = read(
        sheet("Sheet1", [
          ["ID", "Environment", "Energy"],
          ["A-1", blank, 80],
        ])
      );
      expect(reading.entries[0].scores).toEqual({ energy: { value: 80, cell: "C2" } });
      expect(reading.warnings).toEqual([]);
    }
  });

  test.each<[string, Written, string, RegExp]>([
    [
      "words",
      "eighty",
      "UNREADABLE_SCORE",
      /^somchai\.xlsx · Sheet1!B2: Smart Environment: "eighty" is not a number/,
    ],
    ["above 100", 120, "UNREADABLE_SCORE", /Sheet1!B2: Smart Environment: 120 is above 100/],
    ["120% in a percent cell", pct(1.2), "UNREADABLE_SCORE", /120 is above 100/],
    ["an error value", { error: "#DIV/0!" }, "UNREADABLE_SCORE", /holds the error #DIV\/0!/],
    ["a date", { date: "2024-03-15" }, "UNREADABLE_SCORE", /holds a date \(2024-03-15\)/],
    ["a boolean", true, "UNREADABLE_SCORE", /true is not a number/],
    [
      "a formula without a saved value",
      { formulaWithoutValue: "AVERAGE(C2:D2)" },
      "FORMULA_WITHOUT_VALUE",
      /=AVERAGE\(C2:D2\) has no saved value/,
    ],
  ])("%s is a warning with its cell, never a zero", (_name, cell, code, message) => {
    const reading = one(cell);
    expect(reading.entries[0].scores).toEqual({});
    expect(reading.entries[0].unreadable).toEqual([
      { item: "environment", cell: "B2", message: reading.warnings[0].message },
    ]);
    expect(reading.warnings).toEqual([
      expect.objectContaining({ code, sheet: "Sheet1", cell: "B2" }),
    ]);
    expect(reading.warnings[0].message.en).toMatch(message);
    expect(reading.warnings[0].message.th).toContain("Sheet1!B2");
  });

  test.each<[Written, boolean]>([
    [true, true],
    [false, false],
    ["Yes", true],
    ["N", false],
    [1, true],
    [0, false],
    ["✓", true],
    ["✗", false],
    ["ใช่", true],
    ["ไม่ใช่", false],
    ["ผ่าน", true],
    ["ไม่ผ่าน", false],
    ["มี", true],
    ["ไม่มี", false],
  ])("the answer %p is %p", (cell, value) => {
    const reading = one(cell, "juristicPerson");
    const withDimension = read(
      sheet("Sheet1", [
        ["ID", "juristicPerson", "Environment"],
        ["A-1", cell, 80],
      ])
    );
    expect(withDimension.entries[0].answers.juristicPerson).toEqual({ value, cell: "B2" });
    expect(reading.recognised).toBe(false); // a criterion alone does not make an evaluation sheet
  });

  test("an unreadable answer is a warning and counts as not answered", () => {
    const reading = read(
      sheet("Sheet1", [
        ["ID", "juristicPerson", "Environment"],
        ["A-1", "maybe", 80],
      ])
    );
    expect(reading.entries[0].answers).toEqual({});
    expect(reading.warnings[0]).toMatchObject({ code: "UNREADABLE_ANSWER", cell: "B2" });
    expect(reading.warnings[0].message.en).toContain('"maybe" is not a yes/no answer');
  });

  test("fractions in a column not formatted as percentages are read as written, with one warning", () => {
    const reading = read(
      sheet("Sheet1", [
        ["ID", "Environment"],
        ["A-1", 0.85],
        ["A-2", 0.7],
      ])
    );
    expect(reading.entries.map((entry) => entry.scores.environment.value)).toEqual([0.85, 0.7]);
    expect(reading.warnings).toEqual([
      expect.objectContaining({ code: "FRACTION_IN_PERCENT_COLUMN", cell: "B1" }),
    ]);
  });
});

describe("rows", () => {
  test("empty rows are skipped; a row with scores and no applicant is left out with a warning", () => {
    const reading = read(
      sheet("Sheet1", [
        ["ID", "Name", "Environment"],
        ["A-1", "X", 80],
        [],
        [null, "  ", null],
        [null, null, 75],
        [null, "Only a name", 70],
        [1001, null, 60],
      ])
    );
    expect(
      reading.entries.map((entry) => [entry.applicantId, entry.applicantName, entry.row])
    ).toEqual([
      ["A-1", "X", 2],
      [null, "Only a name", 6],
      ["1001", null, 7],
    ]);
    expect(reading.warnings).toEqual([
      expect.objectContaining({ code: "ROW_WITHOUT_APPLICANT", cell: "A5" }),
    ]);
    expect(reading.warnings[0].message.en).toContain(
      "row 5 has scores but no applicant id or name"
    );
  });

  test("a workbook reads every recognised sheet, and fails alone when none is recognised", () => {
    const good = sheet("Batch A", [
      ["ID", "Environment"],
      ["A-1", 80],
    ]);
    const prose = sheet("Instructions", [["Fill in one row per applicant"]]);
    const reading = readEvaluationWorkbook(
      "niran.xlsx",
      [prose, good, { ...good, name: "Batch B" }],
      rules
    );
    expect(reading.report).toMatchObject({ sheets: ["Batch A", "Batch B"], rows: 2 });
    expect(reading.report.error).toBeUndefined();
    expect(reading.report.warnings.map((w) => [w.code, w.sheet])).toEqual([
      ["EVALUATOR_FROM_FILE_NAME", "Batch A"],
      ["SHEET_SKIPPED", "Instructions"],
    ]);

    const none = readEvaluationWorkbook("stock.xlsx", [prose], rules);
    expect(none.report.error?.code).toBe("NO_RECOGNISABLE_SHEET");
    expect(none.report.error?.message.en).toMatch(
      /^stock\.xlsx: no sheet has an evaluation header.*"Instructions"/
    );
    expect(none.entries).toEqual([]);
  });

  test("past the cap, warnings are counted, not listed, and each still reaches its applicant", () => {
    const rows: Written[][] = [["Evaluator: Suda"], ["ID", "Environment"]];
    for (let index = 0; index < MAX_WARNINGS_PER_FILE + 5; index++) rows.push([`A-${index}`, "x"]);
    const reading = readEvaluationWorkbook("big.xlsx", [sheet("S", rows)], rules);
    expect(reading.report.warnings).toHaveLength(MAX_WARNINGS_PER_FILE + 1);
    expect(reading.report.warnings.at(-1)).toMatchObject({ code: "TOO_MANY_WARNINGS" });
    expect(reading.report.warnings.at(-1)?.message.en).toContain("and 5 more warnings");
    expect(reading.entries.every((entry) => entry.unreadable.length === 1)).toBe(true);
  });
});

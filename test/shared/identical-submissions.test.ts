import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  consolidate,
  type EvaluatorEntry,
  findIdenticalSubmissions,
  type WorkbookReading,
} from "@smartcity/shared";

// Files whose evaluation entries are the same (a copy saved under another name): counted once,
// flagged on every file of the group and on each applicant, whatever sheet, row or file-name
// evaluator the copy has.

interface Row {
  id: string;
  name?: string;
  scores: Record<string, number>;
  evaluator?: string;
}

function file(name: string, rows: Row[], sheet = "Sheet1"): WorkbookReading {
  const evaluator = name.replace(/\.xlsx$/, "");
  const entries: EvaluatorEntry[] = rows.map((row, index) => ({
    applicantId: row.id,
    applicantName: row.name ?? null,
    evaluator: row.evaluator ?? evaluator,
    file: name,
    sheet,
    row: index + 2,
    scores: Object.fromEntries(
      Object.entries(row.scores).map(([id, value], column) => [
        id,
        { value, cell: `${String.fromCharCode(67 + column)}${index + 2}` },
      ])
    ),
    overall: null,
    answers: {},
    unreadable: [],
  }));
  return {
    report: {
      name,
      evaluator,
      evaluators: [evaluator],
      sheets: [sheet],
      rows: entries.length,
      warnings: [],
    },
    entries,
  };
}

const SOMCHAI: Row[] = [
  { id: "A-1", name: "เทศบาลนครภูเก็ต", scores: { environment: 90, energy: 70 } },
  { id: "A-2", scores: { environment: 60, living: 75 } },
];
const SUDA: Row[] = [
  { id: "A-1", name: "เทศบาลนครภูเก็ต", scores: { environment: 80, energy: 74 } },
  { id: "A-2", scores: { environment: 70, living: 85 } },
];

describe("identical submissions", () => {
  test("a copy with another name, sheet and row order is set aside, and every file of the group is told", () => {
    const copy = file("somchai (1).xlsx", [...SOMCHAI].reverse(), "คะแนน");
    const readings = [file("somchai.xlsx", SOMCHAI), copy, file("suda.xlsx", SUDA)];
    const { reports, entries, setAside } = findIdenticalSubmissions(readings);
    expect(entries).toHaveLength(6);
    expect([...setAside.keys()]).toEqual(copy.entries);
    expect(reports.map((report) => report.warnings.map((warning) => warning.code))).toEqual([
      ["IDENTICAL_SUBMISSIONS"],
      ["IDENTICAL_SUBMISSIONS"],
      [],
    ]);
    expect(reports[0].warnings[0].message).toEqual({
      th: "somchai.xlsx: ไฟล์ somchai.xlsx, somchai (1).xlsx มีคะแนนของผู้สมัครทุกรายเหมือนกันทุกค่า จึงนับเพียงครั้งเดียว (ใช้ไฟล์ somchai.xlsx ไม่ใช้ somchai (1).xlsx) หากเป็นผู้ประเมินคนละคนกัน กรุณาตรวจสอบกับผู้ประเมิน",
      en: "somchai.xlsx: somchai.xlsx, somchai (1).xlsx hold the same scores and answers for every applicant, so they are counted once (somchai.xlsx counts, not somchai (1).xlsx); if they really are different evaluators, check with them",
    });
    expect(readings[0].report.warnings).toEqual([]); // the input reports are not changed

    const { applicants, superseded } = consolidate(entries, BASELINE_RULESET, setAside);
    const a1 = applicants.find((applicant) => applicant.id === "A-1");
    expect(a1?.evaluators).toEqual(["somchai", "suda"]);
    // (90 + 80) / 2, not (90 + 90 + 80) / 3.
    expect(a1?.dimensions.find((score) => score.id === "environment")?.percent).toBe(85);
    expect(a1?.flags.map((flag) => flag.code)).toContain("IDENTICAL_SUBMISSIONS");
    expect(a1?.flags.find((flag) => flag.code === "IDENTICAL_SUBMISSIONS")?.message).toEqual({
      th: "ไฟล์ somchai (1).xlsx เหมือนกับไฟล์ somchai.xlsx ทุกค่า จึงนับการประเมินรายนี้เพียงครั้งเดียว (จากไฟล์ somchai.xlsx)",
      en: "somchai (1).xlsx is identical to somchai.xlsx, so this evaluation is counted once (from somchai.xlsx)",
    });
    expect(a1?.flags.map((flag) => flag.code)).not.toContain("DUPLICATE_EVALUATOR");
    for (const entry of copy.entries) expect(superseded.has(entry)).toBe(true);
  });

  test("three copies: the first counts, both others are named", () => {
    const readings = ["a.xlsx", "b.xlsx", "c.xlsx"].map((name) => file(name, SOMCHAI));
    const { reports, setAside } = findIdenticalSubmissions(readings);
    expect(setAside.size).toBe(4);
    expect(reports[2].warnings[0].message.en).toContain("(a.xlsx counts, not b.xlsx, c.xlsx)");
  });

  test("one score different, or ids matched only after normalising, decide it", () => {
    const changed = SOMCHAI.map((row, index) =>
      index === 1 ? { ...row, scores: { ...row.scores, living: 76 } } : row
    );
    expect(
      findIdenticalSubmissions([file("a.xlsx", SOMCHAI), file("b.xlsx", changed)]).setAside.size
    ).toBe(0);
    const respelled = SOMCHAI.map((row) => ({ ...row, id: ` ${row.id.toLowerCase()} ` }));
    expect(
      findIdenticalSubmissions([file("a.xlsx", SOMCHAI), file("b.xlsx", respelled)]).setAside.size
    ).toBe(2);
  });

  test("files that read no entries are never alike", () => {
    const { reports, setAside } = findIdenticalSubmissions([
      file("a.xlsx", []),
      file("b.xlsx", []),
    ]);
    expect(setAside.size).toBe(0);
    expect(reports.flatMap((report) => report.warnings)).toEqual([]);
  });
});

import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  columnRole,
  evaluationSheetHeaders,
  readEvaluationSheet,
  type SheetSnapshot,
} from "@smartcity/shared";

// The conflict-of-interest column of an evaluator's sheet: found by its names as the other
// headers are, its cells read as the preliminary answers are.

const rules = BASELINE_RULESET.rules;

function sheet(rows: unknown[][]): SheetSnapshot {
  return {
    name: "ประเมิน",
    rows: rows.map((cells) =>
      cells.map((value) => (value === undefined ? undefined : { value: value as never }))
    ),
  };
}
const read = (rows: unknown[][]) =>
  readEvaluationSheet(sheet(rows), rules, "somchai.xlsx", "somchai");

describe("the header", () => {
  test.each([
    "ผลประโยชน์ทับซ้อน / Conflict of interest",
    "Conflict of interest",
    "ผลประโยชน์ทับซ้อน",
    "มีผลประโยชน์ทับซ้อน",
    "มีส่วนได้เสีย",
    "COI",
    "conflict",
  ])("%s is the conflict column", (label) => {
    expect(columnRole(label, rules)).toEqual({ kind: "conflict" });
  });

  test("the add-in's sheet ends with it, and an older sheet without it reads as before", () => {
    const headers = evaluationSheetHeaders(rules);
    expect(columnRole(headers.at(-1), rules)).toEqual({ kind: "conflict" });
    const old = headers.slice(0, -1);
    const row = ["A-1", "เชียงใหม่", ...Array(rules.preliminaryCriteria.length).fill("ใช่"), 80];
    const reading = read([old, row]);
    expect(reading.warnings).toEqual([]);
    expect(reading.entries).toHaveLength(1);
    expect("conflict" in reading.entries[0]).toBe(false);
  });
});

describe("the cells", () => {
  const header = ["รหัส", "ชื่อพื้นที่", "Smart Environment", "ผลประโยชน์ทับซ้อน"];
  test.each([
    ["ใช่", true],
    ["Yes", true],
    [true, true],
    [1, true],
    ["✓", true],
    ["ใช่ / Yes", true],
    ["ไม่ใช่", false],
    ["No", false],
    [false, false],
    [0, false],
  ])("%p reads as %p", (written, value) => {
    const reading = read([header, ["A-1", "เชียงใหม่", 80, written]]);
    expect(reading.warnings).toEqual([]);
    expect(reading.entries[0].conflict).toEqual({ value, cell: "D2" });
  });

  test.each([null, "", "  "])("blank (%p) declares nothing", (written) => {
    const reading = read([header, ["A-1", "เชียงใหม่", 80, written]]);
    expect(reading.warnings).toEqual([]);
    expect(reading.entries[0].conflict).toBeUndefined();
  });

  test.each(["maybe", "อาจจะ", 2])(
    "%p is a warning naming file, sheet and cell, and is kept as unread (never no)",
    (written) => {
      const reading = read([header, ["A-1", "เชียงใหม่", 80, written]]);
      expect(reading.entries[0].conflict).toEqual({ value: null, cell: "D2" });
      expect(reading.warnings).toHaveLength(1);
      const [warning] = reading.warnings;
      expect(warning).toMatchObject({ code: "UNREADABLE_ANSWER", sheet: "ประเมิน", cell: "D2" });
      for (const text of [warning.message.th, warning.message.en]) {
        expect(text).toContain("somchai.xlsx");
        expect(text).toContain("ประเมิน!D2");
      }
      expect(warning.message.th).toContain("ผลประโยชน์ทับซ้อน");
      expect(warning.message.th).toContain("ไม่นับแถวนี้");
      expect(warning.message.en).toContain("Conflict of interest");
      expect(warning.message.en).toContain("does not count");
    }
  );

  test("a row that only declares (no score) is read, so that its declaration counts", () => {
    const reading = read([header, ["A-1", "เชียงใหม่", null, "ใช่"]]);
    expect(reading.entries).toHaveLength(1);
    expect(reading.entries[0]).toMatchObject({ scores: {}, conflict: { value: true } });
  });
});

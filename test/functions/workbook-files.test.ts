import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import { Workbook } from "exceljs";
import { inspectUpload } from "../../functions/src/consolidation/inspect-upload";
import { isPercentFormat } from "@smartcity/shared";
import { readWorkbook } from "../../functions/src/consolidation/read-workbook";
import { readUpload } from "../../functions/src/consolidation/read-upload";

// Opening .xlsx files: what LibreOffice saved (test/fixtures/workbooks, see its
// README for each planted cell) and what inspection refuses before inflating.

const FIXTURES = path.resolve(__dirname, "../fixtures/workbooks");
const bytesOf = (name: string) => readFileSync(path.join(FIXTURES, name));
const asUpload = (filename: string, bytes: Buffer) =>
  ({ kind: "file", field: "files", filename, bytes, tooLarge: false }) as const;

describe("cells as LibreOffice saved them", () => {
  test("percent formats, formulas' cached values, text, Thai digits, merged titles, hidden columns", async () => {
    const [sheet] = await readWorkbook(bytesOf("suda.xlsx"));
    const cell = (address: string) => {
      const column = address.charCodeAt(0) - 65;
      return sheet.rows[Number(address.slice(1)) - 1]?.[column];
    };
    expect(sheet.name).toBe("คะแนน");
    expect(cell("I6")).toEqual({ value: 0.88, percentFormat: true });
    expect(cell("J7")).toEqual({ value: 0.625, percentFormat: true });
    expect(cell("N6")).toEqual({ value: 85 }); // =80+5 in a General cell
    expect(cell("N7")).toEqual({ value: 0.85, percentFormat: true }); // =ROUND(0.7+0.15,2) in a % cell
    expect(cell("L6")?.value).toBe("85%");
    expect(cell("J10")?.value).toBe("๘๕");
    expect(cell("B1")).toEqual({ value: null, mergedInto: "A1" });
    expect(cell("C6")?.value).toBe("ลงพื้นที่ 12 ก.พ."); // a hidden column is still read
  });

  test("the fixture's scores read as the person meant them, with no false warnings", async () => {
    const reading = await readUpload(
      asUpload("suda.xlsx", bytesOf("suda.xlsx")),
      BASELINE_RULESET.rules
    );
    const a001 = reading.entries.find((entry) => entry.applicantId === "A-001");
    expect(a001?.scores.environment).toEqual({ value: 88, cell: "I6" });
    expect(a001?.scores.living).toEqual({ value: 85, cell: "L6" });
    expect(a001?.scores.economy).toEqual({ value: 85, cell: "N6" });
    expect(reading.entries.find((entry) => entry.applicantId === "A-002")?.scores).toMatchObject({
      energy: { value: 62.5 },
      living: { value: 70 },
      economy: { value: 85 },
    });
    expect(reading.report.warnings.map((warning) => `${warning.code} ${warning.cell}`)).toEqual([
      "COLUMN_IGNORED C5",
      "UNREADABLE_ANSWER H10",
    ]);
  });

  test("booleans LibreOffice saves as TRUE()/FALSE() formulas are answers", async () => {
    const reading = await readUpload(
      asUpload("somchai.xlsx", bytesOf("somchai.xlsx")),
      BASELINE_RULESET.rules
    );
    const answers = reading.entries.flatMap((entry) =>
      Object.values(entry.answers).map((answer) => answer.value)
    );
    expect(answers).toContain(true);
    expect(answers).toContain(false);
    expect(
      reading.report.warnings.every((warning) => warning.code !== "FORMULA_WITHOUT_VALUE")
    ).toBe(true);
  });

  test("an Evaluator column naming two people gives each row its evaluator", async () => {
    const reading = await readUpload(
      asUpload("multi-evaluator.xlsx", bytesOf("multi-evaluator.xlsx")),
      BASELINE_RULESET.rules
    );
    expect(reading.report).toMatchObject({
      evaluator: "Pim S.",
      evaluators: ["Pim S.", "Wichai T."],
      sheets: ["Scores"],
      warnings: [],
    });
    expect(reading.entries[0]).toMatchObject({
      evaluator: "Pim S.",
      applicantId: "A-001",
      scores: { living: { value: 82, cell: "I2" }, environment: { value: 88, cell: "O2" } },
      overall: { value: 83, cell: "P2" },
    });
    expect(reading.entries.find((entry) => entry.row === 3)?.answers.publicCooperation).toEqual({
      value: false,
      cell: "G3",
    });
  });

  test("a formula saved without a value (never opened in a spreadsheet program) is a warning, unless it can give blank", async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet("Scores");
    sheet.addRow(["ID", "Environment", "Energy", "Evaluator"]);
    sheet.addRow(["A-1", { formula: "80+5" }, 70, "Suda"]);
    // As exceljs reads LibreOffice's and Excel's `<c t="str"><f>…</f><v></v></c>`: no result.
    sheet.addRow(["A-2", { formula: 'IF(C3="","",C3)' }, 75, "Suda"]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const reading = await readUpload(asUpload("script.xlsx", bytes), BASELINE_RULESET.rules);
    expect(reading.entries[0].scores).toEqual({ energy: { value: 70, cell: "C2" } });
    // A formula that can give "" and has no result gave "": blank, not a warning.
    expect(reading.entries[1].scores).toEqual({ energy: { value: 75, cell: "C3" } });
    expect(reading.report.warnings).toEqual([
      expect.objectContaining({ code: "FORMULA_WITHOUT_VALUE", cell: "B2" }),
    ]);
    expect(reading.report.warnings[0].message.en).toContain("=80+5 has no saved value");
  });

  test.each([
    ["0%", true],
    ["0.0%", true],
    ["#,##0.00%;[Red]-#,##0.00%", true],
    ['0.0"%"', false],
    ["0\\%", false],
    ["General", false],
    ["d/m/yyyy", false],
    [undefined, false],
  ])("the number format %p shows a percentage: %p", (format, percent) => {
    expect(isPercentFormat(format)).toBe(percent);
  });
});

describe("inspection before inflating", () => {
  test("an empty file, and bytes of no known kind", async () => {
    expect(await inspectUpload(Buffer.alloc(0))).toMatchObject({ ok: false, code: "EMPTY_FILE" });
    const binary = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]);
    const unknown = await inspectUpload(binary);
    expect(unknown).toMatchObject({ ok: false, code: "NOT_XLSX" });
    expect(!unknown.ok && unknown.message.en).toContain("a file of unknown kind");
  });

  test("a real workbook passes", async () => {
    expect(await inspectUpload(bytesOf("niran.xlsx"))).toEqual({ ok: true, format: "xlsx" });
  });

  test("a zip bomb is refused from its directory alone, a lying one while inflating", async () => {
    const started = process.memoryUsage().rss;
    const bomb = await inspectUpload(bytesOf("bomb.xlsx"));
    const liar = await inspectUpload(bytesOf("lying-bomb.xlsx"));
    expect(bomb).toMatchObject({ ok: false, code: "ZIP_BOMB" });
    expect(liar).toMatchObject({ ok: false, code: "ZIP_BOMB" });
    // Neither was inflated into memory (they hold 500 MB and 300 MB).
    expect(process.memoryUsage().rss - started).toBeLessThan(100 * 1024 * 1024);
  });
});

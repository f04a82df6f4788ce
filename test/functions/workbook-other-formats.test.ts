import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  consolidateReadings,
  MAX_ROWS_PER_SHEET,
  type WorkbookReading,
} from "@smartcity/shared";
import { inspectUpload } from "../../functions/src/consolidation/inspect-upload";
import { readWithSheetJs } from "../../functions/src/consolidation/read-sheetjs";
import { readWorkbook } from "../../functions/src/consolidation/read-workbook";
import { WorkbookReader } from "../../functions/src/consolidation/workbook-pool";
import {
  odsWith,
  xlsbReachingRow,
  xlsReachingRow,
  withBomb,
  withCyclicChain,
} from "../helpers/crafted-formats";

/**
 * .xls, .xlsb and .ods are read like .xlsx: the same import, the same answer, by their
 * content whatever their names; and each format's hostile files get their own refusal, read by
 * the real worker pool the service uses.
 */
const fixture = (name: string) =>
  readFileSync(path.resolve(__dirname, "../fixtures/workbooks", name));

const reader = new WorkbookReader({ threads: 2 });
afterAll(() => reader.close());
const read = (name: string, bytes: Buffer) => reader.read(name, bytes, BASELINE_RULESET.rules);

/** The answer for these readings, the file names' extensions made alike. */
function answerOf(readings: WorkbookReading[]): unknown {
  const { response } = consolidateReadings(readings, BASELINE_RULESET, "2026-01-01T00:00:00Z");
  return JSON.parse(JSON.stringify(response).replace(/\.(xlsx|xlsb|xls|ods)\b/g, ".book"));
}

const TWINS = ["somchai", "suda", "niran", "multi-evaluator"];

describe("every fixture reads to the same answer as its .xlsx twin", () => {
  test.each(["xls", "xlsb", "ods"])("%s", async (format) => {
    const xlsx = await Promise.all(
      TWINS.map((name) => read(`${name}.xlsx`, fixture(`${name}.xlsx`)))
    );
    const other = await Promise.all(
      TWINS.map((name) => read(`${name}.${format}`, fixture(`${name}.${format}`)))
    );
    for (const reading of other) expect(reading.report.error).toBeUndefined();
    expect(other.map((reading) => reading.entries.length)).toEqual(
      xlsx.map((reading) => reading.entries.length)
    );
    expect(answerOf(other)).toEqual(answerOf(xlsx));
    // Each file alone, too: its warnings, flags and evaluators are the .xlsx twin's.
    for (const [index] of TWINS.entries())
      expect(answerOf([other[index]])).toEqual(answerOf([xlsx[index]]));
  });
});

/** Sheets as plain JSON: holes as null, so that two snapshots compare cell by cell. */
const plainSheets = (sheets: ReadonlyArray<{ name: string; rows: ReadonlyArray<unknown> }>) =>
  JSON.parse(
    JSON.stringify(
      sheets.map(({ name, rows }) => ({
        name,
        rows: Array.from(rows, (row) => (row === undefined ? null : Array.from(row as unknown[]))),
      }))
    )
  );

describe("every fixture gives the snapshot of its .xlsx twin, cell by cell", () => {
  // Stricter than the answer: a TRUE read as 1 or a percent format lost may not change the
  // consolidated numbers of these files, but would change another file's.
  test.each(TWINS.flatMap((name) => ["xls", "xlsb", "ods"].map((format) => [name, format])))(
    "%s.%s",
    async (name, format) => {
      const other = readWithSheetJs(fixture(`${name}.${format}`));
      if (!other.ok) throw new Error(other.message.en);
      expect(plainSheets(other.sheets)).toEqual(
        plainSheets(await readWorkbook(fixture(`${name}.xlsx`)))
      );
    }
  );
});

describe("the content decides the format, not the name", () => {
  test.each([
    ["somchai.xls", "somchai.xlsx", "xls"],
    ["somchai.ods", "somchai.xlsx", "ods"],
    ["somchai.xlsb", "somchai.xls", "xlsb"],
    ["somchai.xlsx", "somchai.ods", "xlsx"],
  ])("%s named %s is read as %s", async (file, namedAs, format) => {
    const bytes = fixture(file);
    expect(await inspectUpload(bytes)).toMatchObject({ ok: true, format });
    const reading = await read(namedAs, bytes);
    expect(reading.report.error).toBeUndefined();
    expect(reading.entries.length).toBe(
      (await read("twin.xlsx", fixture("somchai.xlsx"))).entries.length
    );
  });

  test("a file that is none of them keeps its refusal, naming the formats that are read", async () => {
    const reading = await read("scores.xls", fixture("scores.csv"));
    expect(reading.report.error?.code).toBe("NOT_XLSX");
    expect(reading.report.error?.message.en).toContain(
      "not a workbook that can be read (.xlsx, .xls, .xlsb or .ods) but a text file"
    );
    expect(reading.report.error?.message.th).toContain(
      "ไม่ใช่เวิร์กบุ๊กที่อ่านได้ (.xlsx, .xls, .xlsb หรือ .ods)"
    );
  });
});

describe("hostile files of each format are refused, each with its own reason", () => {
  const good = () => read("somchai.xls", fixture("somchai.xls"));

  test(".xls cut short → CORRUPT_FILE, saying it is cut short", async () => {
    const bytes = fixture("somchai.xls");
    const reading = await read("cut.xls", bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(reading.report.error?.code).toBe("CORRUPT_FILE");
    expect(reading.report.error?.message.en).toMatch(/cut short: .*past the end of the file/);
    expect(reading.report.error?.message.th).toContain("ไฟล์อาจถูกตัดระหว่างส่ง");
  });

  test(".xls whose sector chain loops → CORRUPT_FILE at once, not a hang", async () => {
    const started = Date.now();
    const reading = await read("loop.xls", withCyclicChain(fixture("somchai.xls")));
    expect(reading.report.error?.code).toBe("CORRUPT_FILE");
    expect(reading.report.error?.message.en).toContain(
      'chain of sectors for the stream "Workbook" loops back on itself'
    );
    expect(reading.report.error?.message.th).toContain("วนกลับมาที่เดิม");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await good()).report.error).toBeUndefined();
  });

  test.each<["xls" | "xlsb", number]>([
    ["xls", 60_000],
    ["xlsb", 1_048_576],
  ])(".%s with a value at row %i → TOO_MANY_ROWS", async (format, row) => {
    const bytes = format === "xls" ? xlsReachingRow(row) : await xlsbReachingRow(row);
    const reading = await read(`far.${format}`, bytes);
    expect(reading.report.error?.code).toBe("TOO_MANY_ROWS");
    expect(reading.report.error?.message.en).toContain(
      `the sheet "คะแนน" has ${row} rows or more, above the limit of ${MAX_ROWS_PER_SHEET}`
    );
  });

  test(".ods with a row of values repeated to the last row → TOO_MANY_ROWS before SheetJS expands it", async () => {
    const ods = await odsWith(
      '<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
    );
    const inspection = await inspectUpload(ods);
    expect(inspection).toMatchObject({ ok: false, code: "TOO_MANY_ROWS" });
    const reading = await read("repeated.ods", ods);
    expect(reading.report.error?.code).toBe("TOO_MANY_ROWS");
    expect(reading.report.error?.message.en).toContain(
      'the sheet "คะแนน" has 1048576 rows or more'
    );
    expect(reading.report.error?.message.th).toContain("เกินขีดจำกัด");
  });

  test(".ods whose empty last row is repeated to the last row, as LibreOffice saves, is read", async () => {
    const ods = await odsWith(
      '<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    );
    expect(await inspectUpload(ods)).toMatchObject({ ok: true, format: "ods" });
  });

  test.each([
    ["somchai.ods", "content.xml"],
    ["somchai.xlsb", "xl/worksheets/sheet1.bin"],
  ])("%s with %s a zip bomb → ZIP_BOMB before inflating", async (file, entry) => {
    const reading = await read(file, await withBomb(fixture(file), entry));
    expect(reading.report.error?.code).toBe("ZIP_BOMB");
    expect(reading.report.error?.message.en).toMatch(
      new RegExp(`${entry}: \\d+ bytes would inflate`)
    );
    expect(reading.report.error?.message.th).toContain("บีบอัดผิดปกติ");
  });
});

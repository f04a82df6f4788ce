import { afterAll, describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { BASELINE_RULESET, MAX_MERGED_RANGES_PER_WORKBOOK } from "@smartcity/shared";
import { inspectUpload } from "../../functions/src/consolidation/inspect-upload";
import { WorkbookReader } from "../../functions/src/consolidation/workbook-pool";
import { scanJson } from "../../functions/src/http/json-depth";
import { craftXlsx, evaluationRows } from "../helpers/crafted-xlsx";

// What the workbook inspection counts from the XML before exceljs expands anything, however
// the XML spells it, and the worker pool's backstops for what the counts do not foresee.

const sheet = (extra: { before?: string; after?: string }) =>
  craftXlsx([{ name: "คะแนน", rows: evaluationRows(3), ...extra }]);

const readers: WorkbookReader[] = [];
afterAll(() => Promise.all(readers.map((reader) => reader.close())));
const reader = (options: ConstructorParameters<typeof WorkbookReader>[0]) => {
  const created = new WorkbookReader(options);
  readers.push(created);
  return created;
};

describe("XML limits, however the XML is spelled", () => {
  test.each([
    ["double quotes", '<mergeCells><mergeCell ref="A5:XFD1048576"/></mergeCells>'],
    ["single quotes", "<mergeCells><mergeCell ref='A5:XFD1048576'/></mergeCells>"],
    ["a character reference", '<mergeCells><mergeCell ref="A5:XFD&#49;048576"/></mergeCells>'],
    [
      "a namespace prefix",
      '<x:mergeCells xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:mergeCell ref="A5:XFD1048576"/></x:mergeCells>',
    ],
    ["absolute references", '<mergeCells><mergeCell ref="$A$5:$XFD$1048576"/></mergeCells>'],
  ])(
    "a merged range over the whole sheet, written with %s → WORKBOOK_TOO_COMPLEX",
    async (_, after) => {
      const inspection = await inspectUpload(await sheet({ after }));
      expect(inspection).toMatchObject({ ok: false, code: "WORKBOOK_TOO_COMPLEX" });
      if (!inspection.ok) {
        expect(inspection.message.en).toMatch(/merged range \$?A\$?5:\$?XFD\$?1048576 /);
        expect(inspection.message.th).toContain("ช่วงเซลล์ที่ผสาน");
      }
    }
  );

  test("more merged ranges than the limit, each small → WORKBOOK_TOO_COMPLEX naming the count", async () => {
    const ranges = Array.from(
      { length: MAX_MERGED_RANGES_PER_WORKBOOK + 1 },
      (_, index) => `<mergeCell ref="G${index + 10}:H${index + 10}"/>`
    ).join("");
    const inspection = await inspectUpload(
      await sheet({ after: `<mergeCells>${ranges}</mergeCells>` })
    );
    expect(inspection).toMatchObject({ ok: false, code: "WORKBOOK_TOO_COMPLEX" });
    if (!inspection.ok)
      expect(inspection.message.en).toContain(
        `${MAX_MERGED_RANGES_PER_WORKBOOK + 1} merged ranges or more, above the limit of ${MAX_MERGED_RANGES_PER_WORKBOOK}`
      );
  });

  test("merged titles and a dimension as spreadsheet programs write them are accepted", async () => {
    const inspection = await inspectUpload(
      await sheet({
        before: '<dimension ref="A1:E4"/>',
        after: '<mergeCells count="1"><mergeCell ref="A1:E1"/></mergeCells>',
      })
    );
    expect(inspection).toEqual({ ok: true, format: "xlsx" });
  });

  test("a column declaration past Excel's last column → WORKBOOK_TOO_COMPLEX", async () => {
    const inspection = await inspectUpload(
      await sheet({ before: '<cols><col min="1" max="100000000" width="9"/></cols>' })
    );
    expect(inspection).toMatchObject({ ok: false, code: "WORKBOOK_TOO_COMPLEX" });
    if (!inspection.ok)
      expect(inspection.message.en).toContain('"คะแนน" declares columns up to number 100000000');
  });

  test("a row addressed far below the row limit's end → TOO_MANY_ROWS", async () => {
    const rows = `${evaluationRows(2)}<row r="900000"><c r="A900000"><v>1</v></c></row>`;
    const inspection = await inspectUpload(await craftXlsx([{ name: "Evaluation", rows }]));
    expect(inspection).toMatchObject({ ok: false, code: "TOO_MANY_ROWS" });
  });

  test.each(["A1:XFD1048576", "A1:E1048576"])(
    'a dimension that claims more rows than exist (<dimension ref="%s"/> over two rows) is not a row count: the file is read',
    async (ref) => {
      // Some programs write such a dimension; exceljs keeps it as a note and expands nothing
      // from it, so only the rows that exist or are addressed count against the limit.
      const lying = await craftXlsx([
        { name: "Evaluation", rows: evaluationRows(2), before: `<dimension ref="${ref}"/>` },
      ]);
      expect(await inspectUpload(lying)).toEqual({ ok: true, format: "xlsx" });
      const reading = await reader({ threads: 1 }).read(
        "lying.xlsx",
        lying,
        BASELINE_RULESET.rules
      );
      expect(reading.report.error).toBeUndefined();
      expect(reading.entries).toHaveLength(2);
    }
  );

  test("a sheet whose XML is not well formed → CORRUPT_FILE", async () => {
    const inspection = await inspectUpload(await sheet({ after: "<mergeCells><mergeCell ref=" }));
    expect(inspection).toMatchObject({ ok: false, code: "CORRUPT_FILE" });
  });
});

describe("the worker pool's backstops", () => {
  test("a reading past its deadline stops its worker → WORKBOOK_TOO_COMPLEX, in both languages", async () => {
    const reading = await reader({ threads: 1, deadlineMs: 1 }).read(
      "slow.xlsx",
      await sheet({}),
      BASELINE_RULESET.rules
    );
    expect(reading.entries).toEqual([]);
    expect(reading.report.error).toEqual({
      code: "WORKBOOK_TOO_COMPLEX",
      message: {
        th: "slow.xlsx: ไฟล์ซับซ้อนเกินกว่าจะอ่านได้อย่างปลอดภัย (การอ่านไฟล์ใช้เวลาเกิน 0.001 วินาที) จึงไม่ได้อ่านไฟล์นี้",
        en: "slow.xlsx: the workbook is too complex to read safely (reading it took longer than 0.001 s), so it was not read",
      },
    });
  });

  test("a reading past the worker's heap cap costs that worker only → WORKBOOK_TOO_COMPLEX; the pool reads on", async () => {
    // Within every XML limit (19,000 rows, 95,000 cells), but more than a 32 MB heap holds
    // once exceljs has it. (Below about 16 MB a worker cannot even load exceljs, and at 20 MB
    // the replacement worker, on Node 22 under CI's load, could spend the whole deadline
    // collecting garbage over the small file: 32 MB leaves it room.) The deadline is raised so
    // that a loaded machine still sees the cap.
    const big = await craftXlsx([{ name: "Evaluation", rows: evaluationRows(19_000) }]);
    const small = reader({ threads: 1, heapMb: 32, deadlineMs: 90_000 });
    const reading = await small.read("big.xlsx", big, BASELINE_RULESET.rules);
    expect(reading.report.error?.code).toBe("WORKBOOK_TOO_COMPLEX");
    expect(reading.report.error?.message.en).toContain("needed more than 32 MB of memory");
    const next = await small.read("small.xlsx", await sheet({}), BASELINE_RULESET.rules);
    expect(next.report.error).toBeUndefined();
    expect(next.entries).toHaveLength(3);
  }, 200_000);
});

describe("JSON nesting depth", () => {
  /** The depth verdict of `scanJson`, as the request body's refusal reads it. */
  function tooDeepAt(text: string, max: number): { offset: number } | undefined {
    const offset = scanJson(text, max).tooDeepAt;
    return offset === undefined ? undefined : { offset };
  }

  test.each([
    ['{"a":[1,{"b":2}]}', 3, undefined],
    ['{"a":[1,{"b":2}]}', 2, { offset: 8 }],
    ['{"text":"[[[[[[[[{{{{"}', 1, undefined], // brackets inside a string do not count
    ['{"text":"\\"[[[["}', 1, undefined], // nor after an escaped quote
    ["[[[]],[[]]]", 3, undefined],
    ["[[[[]]]]", 3, { offset: 3 }],
    ['{"a":"\\\\"}', 1, undefined], // an escaped backslash does not escape the quote after it
    ['["\\\\\\"[[["]', 1, undefined], // three backslashes: the quote is escaped
  ])("%s at most %i deep → %j", (text, max, expected) => {
    expect(tooDeepAt(text, max)).toEqual(expected);
  });

  /** The rule read one character at a time: what scanJson's jumps over strings must equal. */
  function tooDeepReadByCharacter(text: string, max: number): { offset: number } | undefined {
    let depth = 0;
    let inString = false;
    for (let offset = 0; offset < text.length; offset++) {
      const character = text[offset];
      if (inString) {
        if (character === "\\") offset++;
        else if (character === '"') inString = false;
      } else if (character === '"') inString = true;
      else if (character === "{" || character === "[") {
        if (++depth > max) return { offset };
      } else if (character === "}" || character === "]") depth--;
    }
    return undefined;
  }

  test("jumping over strings finds what reading every character finds", () => {
    const pieces = fc.constantFrom("{", "}", "[", "]", '"', "\\", "a", ",", ":", "ก");
    const texts = fc.oneof(
      fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join("")),
      fc.json({ maxDepth: 6 })
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 6 }), (text, max) => {
        expect(tooDeepAt(text, max)).toEqual(tooDeepReadByCharacter(text, max));
      }),
      { numRuns: 5_000 }
    );
  });
});

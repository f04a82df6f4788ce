import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import {
  type ConsolidateResponse,
  ConsolidateResponseSchema,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import { Workbook } from "exceljs";
import JSZip from "jszip";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { headerText } from "../helpers/header-text";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";
import {
  CONFLICT_HEADER_TEXT,
  conflictWorkbooks,
  HIDDEN_SCORES,
} from "../helpers/conflict-workbooks";

// POST /api/consolidate with evaluators who declared a conflict of interest: through the real
// API process over Azurite, the JSON answer and the .xlsx workbook, read back cell by cell.
// Each conflicted evaluator's scores are values nobody else gives, so any trace of them shows.

const CONFLICT = CONFLICT_HEADER_TEXT;
const HIDDEN = HIDDEN_SCORES;

let storage: TestStorage;
let api: ApiProcess;
let secretary: string;
let files: Array<{ name: string; bytes: Buffer }>;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  secretary = await tokenFor(storage.keyFile, "Secretary");
  files = await conflictWorkbooks();
});

afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

function upload(accept?: string): Promise<Response> {
  const form = new FormData();
  for (const file of files) form.append("files", new Blob([new Uint8Array(file.bytes)]), file.name);
  return fetch(`${api.url}/api/consolidate`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${secretary}`,
      ...(accept !== undefined ? { accept } : {}),
    },
    body: form,
  });
}

describe("a conflicted evaluator's scores appear nowhere", () => {
  test("the JSON answer: not counted, not shown; both flags name the evaluator", async () => {
    const response = await upload();
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const value of HIDDEN) expect(text).not.toContain(value);
    const answer: ConsolidateResponse = ConsolidateResponseSchema.parse(JSON.parse(text));
    const [a1, a2] = answer.applicants;
    expect(a1.id).toBe("A-1");
    expect(a1.evaluators).toEqual(["สุดา"]);
    expect(a1.dimensions.map((d) => [d.id, d.percent, d.scored])).toEqual([
      ["energy", 75, 1],
      ["environment", 85, 1],
    ]);
    const flags = Object.fromEntries(a1.flags.map((flag) => [flag.code, flag.message.en]));
    expect(Object.keys(flags)).toEqual(["CONFLICT_CONTRADICTED", "CONFLICT_OF_INTEREST"]);
    expect(flags.CONFLICT_OF_INTEREST).toContain("สมชาย declared a conflict of interest");
    expect(flags.CONFLICT_CONTRADICTED).toMatch(/นิรันดร์.*niran\.xlsx · Evaluation!2:2.*!3:3/);
    // The other applicant is untouched: the three evaluators count.
    expect(a2.evaluators).toEqual(["สมชาย", "สุดา", "นิรันดร์"]);
    expect(a2.dimensions.map((d) => d.percent)).toEqual([80, 80]);
    expect(a2.flags).toEqual([]);
  });

  test("the workbook: no cell of any sheet holds them; Details keeps the rows, saying why", async () => {
    const response = await upload(XLSX_MEDIA_TYPE);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(XLSX_MEDIA_TYPE);
    const bytes = Buffer.from(await response.arrayBuffer());

    // Every part of the package, as text: the sheets' cells, the shared strings, everything.
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.values(zip.files).filter((file) => !file.dir);
    expect(parts.some((part) => part.name.startsWith("xl/worksheets/"))).toBe(true);
    for (const part of parts) {
      const xml = await part.async("string");
      for (const value of HIDDEN)
        expect([part.name, xml.includes(value)]).toEqual([part.name, false]);
    }

    const book = new Workbook();
    await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
    const details = book.getWorksheet("Details")!;
    const headers = (details.getRow(2).values as unknown[]).slice(1).map(headerText);
    const column = (header: string) => headers.indexOf(header) + 1;
    const rows = [];
    for (let number = 3; number <= details.rowCount; number++) {
      const row = details.getRow(number);
      rows.push({
        id: row.getCell(1).value,
        evaluator: row.getCell(column("ผู้ประเมิน / Evaluator")).value,
        counted: String(row.getCell(column("นับรวม / Counted")).value),
        conflict: row.getCell(column(CONFLICT)).value,
        environment: row.getCell(column("สิ่งแวดล้อมอัจฉริยะ / Smart Environment")).value,
        energy: row.getCell(column("พลังงานอัจฉริยะ / Smart Energy")).value,
      });
    }
    const conflicted = rows.filter((row) =>
      row.counted.includes("declared a conflict of interest")
    );
    expect(conflicted.map((row) => [row.id, row.evaluator, row.conflict])).toEqual([
      ["A-1", "สมชาย", "ใช่ / Yes"],
      ["A-1", "นิรันดร์", "ใช่ / Yes"],
      ["A-1", "นิรันดร์", "ไม่ใช่ / No"],
    ]);
    for (const row of conflicted) {
      expect(row.counted).toBe(
        "ไม่นับ (แจ้งว่ามีผลประโยชน์ทับซ้อน) / Not counted (declared a conflict of interest)"
      );
      expect([row.environment, row.energy]).toEqual([null, null]);
    }
    expect(rows).toHaveLength(7);

    const summary = book.getWorksheet("Summary")!;
    const summaryText = JSON.stringify(summary.getSheetValues());
    expect(summaryText).toContain("A-1");
    for (const value of HIDDEN) expect(summaryText).not.toContain(value);
  });
});

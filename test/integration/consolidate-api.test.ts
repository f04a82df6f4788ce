import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  type ConsolidateResponse,
  ConsolidateResponseSchema,
  consolidate,
  ErrorBodySchema,
  MAX_CONSOLIDATE_FILES,
  MAX_CONSOLIDATE_REQUEST_BYTES,
  MAX_WORKBOOK_BYTES,
  readEvaluationWorkbook,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import { ValueType, Workbook, type Worksheet } from "exceljs";
import { readWorkbook } from "../../functions/src/consolidation/read-workbook";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { REASON_KIND_NAMES } from "../../functions/src/consolidation/workbook/summary-labels";
import { craftXlsx, evaluationRows } from "../helpers/crafted-xlsx";
import { headerText } from "../helpers/header-text";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { publishOverHttp } from "../helpers/publish";
import { tokenFor } from "../helpers/tokens";

// POST /api/consolidate as a secretary uses it: a separate API process over
// real Azurite, multipart uploads of the workbooks in test/fixtures/workbooks
// (made by LibreOffice; see their README), JSON and .xlsx answers.

const FIXTURES = path.resolve(__dirname, "../fixtures/workbooks");
const fixture = (name: string): UploadFile => ({
  name,
  bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))),
});
const GOOD = ["somchai.xlsx", "suda.xlsx", "niran.xlsx"];

interface UploadFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

let storage: TestStorage;
let api: ApiProcess;
let secretary: string;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  secretary = await tokenFor(storage.keyFile, "Secretary");
});

afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

function upload(
  files: readonly UploadFile[],
  options: {
    token?: string | null;
    accept?: string;
    fields?: Array<[string, string]>;
    query?: string;
    fieldsAfter?: boolean;
  } = {}
): Promise<Response> {
  const form = new FormData();
  const fields = options.fields ?? [];
  if (!options.fieldsAfter) for (const [name, value] of fields) form.append(name, value);
  for (const file of files) form.append("files", new Blob([file.bytes]), file.name);
  if (options.fieldsAfter) for (const [name, value] of fields) form.append(name, value);
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? secretary : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.accept) headers.accept = options.accept;
  return fetch(`${api.url}/api/consolidate${options.query ?? ""}`, {
    method: "POST",
    headers,
    body: form,
  });
}

async function consolidated(response: Response): Promise<ConsolidateResponse> {
  expect(response.status).toBe(200);
  return ConsolidateResponseSchema.parse(await response.json());
}

async function errorOf(response: Response) {
  const body = ErrorBodySchema.parse(await response.json());
  return { status: response.status, code: body.error.code, en: body.error.message.en };
}

describe("who may consolidate", () => {
  test("no token → 401; an Evaluator → 403; a Secretary and an Admin → 200", async () => {
    expect(await errorOf(await upload([fixture("somchai.xlsx")], { token: null }))).toMatchObject({
      status: 401,
    });
    const evaluator = await errorOf(
      await upload([fixture("somchai.xlsx")], {
        token: await tokenFor(storage.keyFile, "Evaluator"),
      })
    );
    expect(evaluator).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(evaluator.en).toContain("Secretary or Admin");
    await consolidated(await upload([fixture("somchai.xlsx")]));
    await consolidated(
      await upload([fixture("somchai.xlsx")], { token: await tokenFor(storage.keyFile, "Admin") })
    );
  });
});

describe("every file of a real collection, good and bad, in one upload", () => {
  const bad: Array<[string, string, RegExp]> = [
    ["corrupt.xlsx", "CORRUPT_FILE", /damaged or incomplete/],
    [
      "scores.csv",
      "NOT_XLSX",
      /not a workbook that can be read \(\.xlsx, \.xls, \.xlsb or \.ods\) but a text file/,
    ],
    // The same bytes as scores.csv (a CSV renamed): not read again.
    ["scores-csv.xlsx", "DUPLICATE_FILE", /byte for byte the same as scores\.csv/],
    ["report.pdf", "NOT_XLSX", /but a PDF document/],
    ["protected.xlsx", "PASSWORD_PROTECTED", /encrypted with a password/],
    ["no-sheet.xlsx", "NO_RECOGNISABLE_SHEET", /no sheet has an evaluation header row.*"Stock"/],
    ["bomb.xlsx", "ZIP_BOMB", /inflate to 524288168.*1030 times/],
    ["lying-bomb.xlsx", "ZIP_BOMB", /inflates past the 10240 bytes it declares/],
    ["not-a-workbook.xlsx", "NOT_XLSX", /but a zip archive of other files/],
  ];
  let body: ConsolidateResponse;

  beforeAll(async () => {
    const names = [...GOOD.slice(0, 1), ...bad.map(([name]) => name), ...GOOD.slice(1)];
    body = await consolidated(await upload(names.map(fixture)));
  });

  test("each bad file gets its own error, saying what it is, and the good ones are read", () => {
    for (const [name, code, message] of bad) {
      const report = body.files.find((file) => file.name === name);
      expect(report?.error?.code).toBe(code);
      expect(report?.error?.message.en).toMatch(new RegExp(`^${name.replace(/\./g, "\\.")}: `));
      expect(report?.error?.message.en).toMatch(message);
      expect(report?.error?.message.th.length).toBeGreaterThan(10);
    }
    const good = body.files.filter((file) => GOOD.includes(file.name));
    expect(
      good.map((file) => [file.name, file.error, file.evaluator, file.sheets, file.rows])
    ).toEqual([
      ["somchai.xlsx", undefined, "somchai", ["Evaluation"], 6],
      ["suda.xlsx", undefined, "สุดา ใจดี", ["คะแนน"], 5],
      ["niran.xlsx", undefined, "Niran K.", ["Batch A", "Batch B"], 7],
    ]);
    expect(body.files.map((file) => file.name)).toEqual([
      "somchai.xlsx",
      ...bad.map(([name]) => name),
      "suda.xlsx",
      "niran.xlsx",
    ]);
  });

  test("warnings name the file, sheet and cell", () => {
    const somchai = body.files.find((file) => file.name === "somchai.xlsx");
    expect(somchai?.warnings).toEqual([
      {
        code: "EVALUATOR_FROM_FILE_NAME",
        sheet: "Evaluation",
        cell: null,
        message: expect.objectContaining({
          en: 'somchai.xlsx · Evaluation: the file names no evaluator (no Evaluator column or cell), so the evaluator is "somchai", taken from the file name',
        }),
      },
      {
        code: "UNREADABLE_SCORE",
        sheet: "Evaluation",
        cell: "I5",
        message: expect.objectContaining({
          en: 'somchai.xlsx · Evaluation!I5: Smart People: "eighty" is not a number, so it is not a score (counted as missing)',
        }),
      },
    ]);
    const niran = body.files.find((file) => file.name === "niran.xlsx");
    expect(
      niran?.warnings.map((warning) => `${warning.code} ${warning.sheet}!${warning.cell ?? ""}`)
    ).toEqual([
      "UNREADABLE_SCORE Batch A!N2",
      "UNREADABLE_SCORE Batch B!M5",
      "UNREADABLE_SCORE Batch B!K6",
      "SHEET_SKIPPED Instructions!",
      "APPLICANT_NAMES_DIFFER Batch A!",
    ]);
    // A name written otherwise under a matching id is said once for the evaluator, not per row.
    expect(niran?.warnings.at(-1)?.message.en).toBe(
      'niran.xlsx · Batch A: Niran K. wrote 1 applicant name differently from the other evaluators under matching ids, so they are matched by id: A-002 "เทศบาลตำบลแม่เหียะ" (the others: "เทศบาลเมืองแม่เหียะ")'
    );
  });

  test("applicants are matched across the three files and flagged where they need discussion", () => {
    const byId = new Map(body.applicants.map((applicant) => [applicant.id, applicant]));
    expect([...byId.keys()]).toEqual(["A-001", "A-002", "A-003", "A-004", "A-005", "A-006"]);
    const codes = (id: string) => byId.get(id)?.flags.map((flag) => flag.code) ?? [];
    expect(codes("A-002")).not.toContain("NAME_MISMATCH");
    expect(codes("A-004")).toContain("DUPLICATE_EVALUATOR");
    expect(byId.get("A-006")?.dimensions.find((d) => d.id === "environment")?.flags).toContain(
      "DISAGREEMENT"
    );
    // Phuket City is matched by name in niran.xlsx's row without an id.
    expect(byId.get("A-003")?.evaluators).toEqual(
      expect.arrayContaining(["somchai", "สุดา ใจดี", "Niran K."])
    );
    expect(body.ruleset.version).toBe("1");
  });
});

describe("the envelope", () => {
  test("rulesetVersion before the files, or in the query; after the files → 400; unknown → 404", async () => {
    const field = await upload([fixture("somchai.xlsx")], { fields: [["rulesetVersion", "1"]] });
    expect(field.headers.get("x-ruleset-version")).toBe("1");
    await consolidated(field);
    await consolidated(await upload([fixture("somchai.xlsx")], { query: "?rulesetVersion=1" }));
    expect(
      await errorOf(
        await upload([fixture("somchai.xlsx")], {
          fields: [["rulesetVersion", "1"]],
          fieldsAfter: true,
        })
      )
    ).toMatchObject({ status: 400, code: "FIELD_AFTER_FILES" });
    expect(
      await errorOf(await upload([fixture("somchai.xlsx")], { fields: [["rulesetVersion", "99"]] }))
    ).toMatchObject({
      status: 404,
      code: "RULESET_NOT_FOUND",
    });
    expect(
      await errorOf(await upload([fixture("somchai.xlsx")], { fields: [["colour", "red"]] }))
    ).toMatchObject({
      status: 400,
      code: "UNKNOWN_FIELD",
    });
  });

  test("no files → 400; JSON instead of a form → 415", async () => {
    expect(await errorOf(await upload([], { fields: [["rulesetVersion", "1"]] }))).toMatchObject({
      status: 400,
      code: "NO_FILES",
    });
    const json = await fetch(`${api.url}/api/consolidate`, {
      method: "POST",
      headers: { authorization: `Bearer ${secretary}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(await errorOf(json)).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
  });

  test(`more than ${MAX_CONSOLIDATE_FILES} files → 413`, async () => {
    const files = Array.from({ length: MAX_CONSOLIDATE_FILES + 1 }, () => fixture("somchai.xlsx"));
    expect(await errorOf(await upload(files))).toMatchObject({
      status: 413,
      code: "TOO_MANY_FILES",
    });
  });

  test(`${MAX_CONSOLIDATE_FILES} files are accepted`, async () => {
    // Each file its own scores: the same bytes twice would be one DUPLICATE_FILE.
    const files = await Promise.all(
      Array.from({ length: MAX_CONSOLIDATE_FILES }, async (_, index) => ({
        name: `evaluator-${index}.xlsx`,
        bytes: new Uint8Array(
          await craftXlsx([
            {
              name: "Evaluation",
              rows: evaluationRows(3, (applicant) => (applicant === 1 ? index : 80)),
            },
          ])
        ),
      }))
    );
    const body = await consolidated(await upload(files));
    expect(body.files).toHaveLength(MAX_CONSOLIDATE_FILES);
    expect(body.applicants[0].evaluators).toHaveLength(MAX_CONSOLIDATE_FILES);
  });

  test("a request declared above the whole-request limit → 413 before its body is read", async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const request = http.request(`${api.url}/api/consolidate`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${secretary}`,
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(MAX_CONSOLIDATE_REQUEST_BYTES + 1),
          },
        });
        request.on("response", (response) => {
          let text = "";
          response.setEncoding("utf8"); // a Thai character split between two chunks stays whole
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        });
        request.on("error", reject);
        request.write("--x\r\n"); // a few bytes of the gigabyte it announced, then nothing
      }
    );
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe("REQUEST_TOO_LARGE");
  });

  test("a file above the size limit gets its own error; the others are read", async () => {
    const huge = { name: "huge.xlsx", bytes: new Uint8Array(MAX_WORKBOOK_BYTES + 1) };
    const body = await consolidated(await upload([huge, fixture("somchai.xlsx")]));
    expect(body.files.map((file) => [file.name, file.error?.code])).toEqual([
      ["huge.xlsx", "FILE_TOO_LARGE"],
      ["somchai.xlsx", undefined],
    ]);
    expect(body.files[0].error?.message.en).toBe(
      "huge.xlsx: the file is larger than 10 MB, so it was not read"
    );
  });
});

describe("the consolidated workbook", () => {
  let json: ConsolidateResponse;
  let workbook: Workbook;
  let bytes: Buffer;

  beforeAll(async () => {
    const files = [...GOOD, "protected.xlsx"].map(fixture);
    json = await consolidated(await upload(files));
    const response = await upload(files, { accept: XLSX_MEDIA_TYPE });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(XLSX_MEDIA_TYPE);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="smartcity-consolidated-v1-\d{4}-\d{2}-\d{2}\.xlsx"$/
    );
    bytes = Buffer.from(await response.arrayBuffer());
    workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  });

  // Summary: the title, the rules and a note above; Calibration: the title and its note (two rows).
  const headerRowOf = (sheet: Worksheet) =>
    sheet.name === "Summary" ? 7 : sheet.name === "Calibration" ? 4 : 2;
  // Headers are broken into lines between words; read as one line.
  const headersOf = (sheet: Worksheet) =>
    (sheet.getRow(headerRowOf(sheet)).values as unknown[]).slice(1).map(headerText);
  /** A cell's text: a link to the Issues sheet is a formula whose result is its text. */
  const textOf = (value: unknown) =>
    value !== null && typeof value === "object" && "result" in value
      ? String((value as { result: unknown }).result)
      : String(value ?? "");

  test("Summary, Details, Issues and Calibration, each with the version and Bangkok time above a frozen bilingual header", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Summary",
      "Details",
      "Issues",
      "Calibration",
    ]);
    for (const sheet of workbook.worksheets) {
      expect(String(sheet.getCell("A1").value)).toMatch(
        /^ผลการรวมคะแนน ชุดเกณฑ์ฉบับที่ 1 \(มติ 3\/2561\) · รวมผลเมื่อ \d{1,2} \S+ 25\d\d เวลา \d\d:\d\d น\.\nConsolidated scores, ruleset version 1 \(approval 3\/2561\) · consolidated \d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d \(Bangkok time\)$/
      );
      const headerRow = headerRowOf(sheet);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
      expect(sheet.autoFilter).toMatch(new RegExp(`^A${headerRow}:[A-Z]+${headerRow}$`));
      expect(headerText(sheet.getCell(`A${headerRow}`).value)).toMatch(/ \/ /);
    }
  });

  test("every sheet prints on A4 landscape, one page wide where that keeps 9 pt, with print titles and a header and footer", () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        printTitlesRow: `${headerRowOf(sheet)}:${headerRowOf(sheet)}`,
      });
      // The Summary and Issues fit one page wide at 9 pt; the Details, wider, print at 90%
      // over pages across with the applicant's columns on each (what prints: the PDF test).
      expect(sheet.pageSetup).toMatchObject(
        sheet.name === "Details"
          ? { fitToPage: false, scale: 90, printTitlesColumn: "A:B" }
          : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
      );
      const { oddHeader, oddFooter } = sheet.headerFooter;
      expect(oddHeader).toContain("ชุดเกณฑ์ฉบับที่ 1 · มติ 3/2561");
      expect(oddHeader).toContain("Ruleset version 1 · approval 3/2561");
      expect(oddHeader).toMatch(
        /รวมผล \d{1,2} \S+ 25\d\d\nConsolidated \d{1,2} [A-Z][a-z]+ 20\d\d/
      );
      expect(oddFooter).toContain("หน้า &P จาก &N / Page &P of &N");
    }
  });

  test("the Summary opens with the rules applied: version, approval, requirements, counts and each bar", () => {
    const summary = workbook.getWorksheet("Summary")!;
    expect(String(summary.getCell("A2").value)).toBe(
      "ชุดเกณฑ์ฉบับที่ 1 มีผลตั้งแต่ 27 กันยายน 2561 ตามมติที่ 3/2561 เมื่อ 27 กันยายน 2561\n" +
        "Ruleset version 1, in force from 27 September 2018, approved as 3/2561 on 27 September 2018"
    );
    expect(String(summary.getCell("A3").value)).toBe(
      "เกณฑ์: เสนออย่างน้อย 2 ด้าน · ต้องมีด้านสิ่งแวดล้อมอัจฉริยะ · ผ่านเกณฑ์เบื้องต้นทั้ง 5 ข้อ\n" +
        "Rules: at least 2 dimensions, Smart Environment mandatory, all 5 preliminary criteria met"
    );
    const eligible = json.applicants.filter((applicant) => applicant.eligible).length;
    const flagged = json.applicants.filter((applicant) => applicant.flags.length > 0).length;
    const total = json.applicants.length;
    expect(String(summary.getCell("A4").value)).toBe(
      `ผู้สมัคร ${total} ราย · ผ่าน ${eligible} ราย · ไม่ผ่าน ${total - eligible} ราย · มีประเด็นต้องพิจารณา ${flagged} ราย\n` +
        `Applicants ${total} · eligible ${eligible} · not eligible ${total - eligible} · flagged ${flagged}`
    );
    // Each bar sits above the column it applies to.
    const headers = headersOf(summary);
    const barAbove = (label: string) =>
      summary.getRow(6).getCell(headers.findIndex((header) => header.includes(label)) + 1).value;
    // Once, above the header: what the overall is when it is not the subcommittee's.
    expect(String(summary.getCell("A5").value)).toContain(
      "unmarked: mean of the proposed dimensions"
    );
    expect(summary.getCell("A6").value).toBe("เกณฑ์ขั้นต่ำ (ร้อยละ) / Minimum (%)");
    expect(barAbove("Overall %")).toBe("≥ 80");
    for (const dimension of BASELINE_RULESET.rules.dimensions)
      expect(barAbove(dimension.name.en)).toBe("≥ 70");
  });

  test("the Summary holds the JSON's numbers with two decimals, eligibility in words with colour, flags and reasons in words", () => {
    const summary = workbook.getWorksheet("Summary")!;
    const headers = headersOf(summary);
    const column = (label: string) => headers.findIndex((header) => header.includes(label)) + 1;
    expect(headers.filter((header) => /overall/i.test(header))).toEqual([
      "คะแนนภาพรวม / Overall %",
    ]);
    const issues = workbook.getWorksheet("Issues")!;
    json.applicants.forEach((applicant, index) => {
      const row = summary.getRow(index + 8);
      expect(row.getCell(column("Applicant ID")).value).toBe(applicant.id);
      const eligibleCell = row.getCell(column("Eligible"));
      expect(eligibleCell.value).toBe(applicant.eligible ? "ผ่าน\nEligible" : "ไม่ผ่าน\nNot eligible");
      const fill = eligibleCell.fill as { fgColor?: { argb?: string } };
      expect(fill.fgColor?.argb).toBe(applicant.eligible ? "FFDFF6DD" : "FFFDE7E9");
      const overall = row.getCell(column("Overall %"));
      expect(overall.value).toBe(applicant.overallPercent);
      // The subcommittee's overall is marked; the note above says what the others are.
      expect(overall.numFmt).toBe(applicant.subcommitteeOverall ? '0.00"*"' : "0.00");
      for (const score of applicant.dimensions) {
        const cell = row.getCell(
          column(`Smart ${score.id[0].toUpperCase()}${score.id.slice(1)} %`)
        );
        expect(cell.value).toBe(score.percent);
        expect(cell.numFmt).toBe("0.00");
      }
      // Flags and reasons as short labels ("⚑ 3: …"), linking to the applicant's first row in
      // Issues, where their sentences are.
      const flagsCell = row.getCell(column("Flags")).value;
      const flags = textOf(flagsCell);
      const reasons = textOf(row.getCell(column("Reasons")).value);
      expect(flags).toEqual(
        applicant.flags.length === 0 ? "" : expect.stringMatching(`^⚑ ${applicant.flags.length}: `)
      );
      expect(reasons).toEqual(
        applicant.reasons.length === 0
          ? ""
          : expect.stringMatching(`^✗ ${applicant.reasons.length}: `)
      );
      expect(flags).not.toMatch(/[A-Z]+_[A-Z]+/);
      expect(flags.split("\n")[0]).not.toMatch(/[A-Za-z]/); // the Thai line has no English
      if (applicant.flags.length > 0) {
        const target = /#'Issues'!A(\d+)/.exec((flagsCell as { formula: string }).formula);
        const linked = issues.getRow(Number(target![1]));
        expect(linked.getCell(2).value).toBe(applicant.id);
        expect(linked.getCell(6).value).toBe(applicant.flags[0].message.th);
      }
      expect(row.getCell(column("Flags")).alignment?.wrapText).toBe(true);
      expect(row.height).toBeGreaterThanOrEqual(15);
    });
    expect(summary.rowCount).toBe(json.applicants.length + 7);
  });

  test("each score column turns green at or above the bar that applied and red under it, blanks excepted", () => {
    const summary = workbook.getWorksheet("Summary")!;
    const formats = (
      summary as unknown as {
        conditionalFormattings: Array<{ ref: string; rules: Array<Record<string, unknown>> }>;
      }
    ).conditionalFormattings;
    const last = json.applicants.length + 7;
    const refs = formats.map((format) => format.ref);
    expect(refs).toEqual(["E", "F", "G", "H", "I", "J", "K", "L"].map((c) => `${c}8:${c}${last}`));
    for (const format of formats) {
      // No data bar: printed, it filled the cell's height and hid the colour.
      expect(format.rules.map((rule) => rule.type)).toEqual(["expression", "expression"]);
      const letter = format.ref[0];
      const bar = letter === "E" ? 80 : 70;
      expect(format.rules[0].formulae).toEqual([`AND(ISNUMBER(${letter}8),${letter}8<${bar})`]);
      expect(format.rules[1].formulae).toEqual([`AND(ISNUMBER(${letter}8),${letter}8>=${bar})`]);
    }
  });

  test("Details has every evaluator's raw values with their file and cells; Issues every flag, warning and error", async () => {
    const details = workbook.getWorksheet("Details")!;
    const headers = (details.getRow(2).values as unknown[]).slice(1).map(headerText);
    const rows = (details.getSheetValues() as unknown[][])
      .slice(3)
      .map((row) => Object.fromEntries(headers.map((header, index) => [header, row[index + 1]])));
    const somchai = rows.find(
      (row) => row["รหัส / Applicant ID"] === "A-001" && row["ผู้ประเมิน / Evaluator"] === "somchai"
    );
    expect(somchai).toMatchObject({
      "นับรวม / Counted": "นับ / Counted",
      "ไฟล์ / File": "somchai.xlsx",
      "ชีต / Sheet": "Evaluation",
    });
    // The value and the cell it names agree with the evaluator's own file.
    const cellOf = /environment ([A-Z]+\d+)/.exec(
      String(somchai?.["เซลล์ของแต่ละค่า / Cell of each value"])
    );
    const source = new Workbook();
    await source.xlsx.load(
      fixture("somchai.xlsx").bytes as unknown as Parameters<typeof source.xlsx.load>[0]
    );
    const sourceCell = source.getWorksheet("Evaluation")!.getCell(cellOf![1]);
    expect(somchai?.["สิ่งแวดล้อมอัจฉริยะ / Smart Environment"]).toBe(sourceCell.value);
    expect(Number(cellOf![1].replace(/[A-Z]+/, ""))).toBe(somchai?.["แถว / Row"]);
    // niran's earlier A-004 entry is there, marked as not counted.
    expect(rows.filter((row) => row["นับรวม / Counted"] !== "นับ / Counted")).toEqual([
      expect.objectContaining({ "รหัส / Applicant ID": "A-004", "ไฟล์ / File": "niran.xlsx" }),
    ]);
    expect(rows).toHaveLength(json.files.reduce((sum, file) => sum + file.rows, 0));

    const issues = workbook.getWorksheet("Issues")!;
    const flagTexts = new Set(
      json.applicants.flatMap((applicant) => applicant.flags.map((flag) => flag.message.th))
    );
    const fileProblems = json.files.flatMap((file) => [
      ...(file.error ? [file.error.message.th] : []),
      ...file.warnings.map((warning) => warning.message.th),
    ]);
    // Each problem once: an unreadable cell is a file warning and an applicant flag in the JSON.
    // After each applicant's flags, its reasons in full (the Summary shows them as labels).
    const listed = (issues.getSheetValues() as unknown[][]).slice(3);
    const reasonKinds = new Set(
      Object.values(REASON_KIND_NAMES).map((name) => `${name.th}\n${name.en}`)
    );
    const problems = listed.filter((row) => !reasonKinds.has(String(row[1])));
    const messages = problems.map((row) => String(row[6]));
    expect(new Set(messages).size).toBe(messages.length);
    expect(new Set(messages)).toEqual(new Set([...flagTexts, ...fileProblems]));
    expect(listed.length - problems.length).toBe(
      json.applicants.reduce((sum, applicant) => sum + applicant.reasons.length, 0)
    );
    expect(fileProblems.filter((text) => flagTexts.has(text)).length).toBeGreaterThan(0);
    // Kinds in words, in Thai and English; every row says where the problem is.
    const kinds = listed.map((row) => String(row[1]));
    expect(kinds).toEqual(
      expect.arrayContaining([
        "ผู้ประเมินเห็นต่างกัน\nEvaluators disagree",
        "ไฟล์มีรหัสผ่าน\nPassword-protected",
        "อ่านค่าในเซลล์ไม่ได้\nUnreadable cell",
      ])
    );
    for (const row of listed) {
      expect(String(row[1])).not.toMatch(/[A-Z]+_[A-Z]+/);
      expect(String(row[5] ?? "")).toMatch(/\.xlsx/);
    }
    const unreadable = listed.find((row) => String(row[1]).includes("Unreadable cell"));
    expect(unreadable?.[5]).toMatch(/^\S+\.xlsx · [^!]+![A-Z]+\d+$/);
  });

  test("round trip: the Details read back and consolidated again give the same results", async () => {
    const sheets = await readWorkbook(bytes);
    const reading = readEvaluationWorkbook(
      "consolidated.xlsx",
      sheets.filter((sheet) => sheet.name === "Details"),
      BASELINE_RULESET.rules
    );
    const again = consolidate(reading.entries, BASELINE_RULESET).applicants;
    const figures = (applicants: typeof again) =>
      applicants.map((applicant) => [
        applicant.id,
        applicant.evaluators.length,
        applicant.dimensions.map((d) => [d.id, d.percent, d.min, d.max, d.scored, d.missing]),
        applicant.subcommitteeOverall?.percent ?? null,
        applicant.preliminary.map((answer) => [answer.id, answer.holds]),
        applicant.eligible,
      ]);
    expect(figures(again)).toEqual(figures(json.applicants));
  });

  test("round trip: the Summary read back by the import gives the same consolidated numbers", async () => {
    const sheets = await readWorkbook(bytes);
    const reading = readEvaluationWorkbook(
      "consolidated.xlsx",
      sheets.filter((sheet) => sheet.name === "Summary"),
      BASELINE_RULESET.rules
    );
    expect(reading.report.error).toBeUndefined();
    // The Summary names no evaluator: the only thing said is that the file's name stood in.
    expect(reading.report.warnings.map((warning) => warning.code)).toEqual([
      "EVALUATOR_FROM_FILE_NAME",
    ]);
    const again = consolidate(reading.entries, BASELINE_RULESET).applicants;
    // The Summary's one Overall column is the overall the eligibility rested on, so read back
    // it is the overall given: the same percent, and the same eligibility.
    const figures = (applicants: typeof again) =>
      applicants.map((applicant) => [
        applicant.id,
        applicant.dimensions.map((d) => [d.id, d.percent]),
        applicant.overallPercent,
        applicant.eligible,
      ]);
    expect(figures(again)).toEqual(figures(json.applicants));
  });
});

test("text that looks like a formula is written as text, never as a formula", async () => {
  const dangerous = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)"];
  const source = new Workbook();
  const sheet = source.addWorksheet("Scores");
  sheet.addRow(["ID", "Name", "Evaluator", "Environment", "Energy"]);
  dangerous.forEach((text, index) => sheet.addRow([`=X${index}`, text, text, 80, 75]));
  const bytes = new Uint8Array(await source.xlsx.writeBuffer());
  const response = await upload([{ name: "=cmd.xlsx", bytes }], { accept: XLSX_MEDIA_TYPE });
  expect(response.status).toBe(200);
  const workbook = new Workbook();
  await workbook.xlsx.load(
    Buffer.from(await response.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0]
  );
  let texts = 0;
  for (const written of workbook.worksheets) {
    written.eachRow((row) =>
      row.eachCell((cell) => {
        // The one formula written: the Summary's link to the applicant's rows in Issues, over
        // the service's own words (none of the uploaded text).
        if (cell.type === ValueType.Formula) {
          expect(written.name).toBe("Summary");
          expect(cell.formula).toMatch(/^HYPERLINK\("#'Issues'!A\d+","[^=+@]*$/);
          for (const text of dangerous) expect(cell.formula).not.toContain(text);
          return;
        }
        if (typeof cell.value === "string" && /^[=+\-@]/.test(cell.value)) texts++;
      })
    );
  }
  const summary = workbook.getWorksheet("Summary")!;
  expect(summary.getCell("B8").value).toBe(dangerous[0]);
  expect(summary.getCell("B8").type).toBe(ValueType.String);
  expect(texts).toBeGreaterThanOrEqual(dangerous.length * 3);
});

test("the fixtures are the files their README describes", () => {
  const listed = readFileSync(path.join(FIXTURES, "README.md"), "utf8");
  for (const name of readdirSync(FIXTURES).filter((file) => file !== "README.md"))
    expect(listed).toContain(name);
});

// Last: it publishes a version 2, which every later consolidation would use.
describe("under the ruleset version chosen", () => {
  test("a published version's consolidation settings and bars apply; version 1 still gives its own", async () => {
    const admin = await tokenFor(storage.keyFile, "Admin");
    const published = await publishOverHttp(api.url, admin, {
      rules: {
        ...BASELINE_RULESET.rules,
        consolidation: { method: "median", disagreementSpread: 35 },
      },
      approval: { reference: "2/2567", date: "2024-05-01" },
      note: "median of the evaluators; disagreement above 35 points",
    });
    expect(published.status).toBe(201);
    const version = ((await published.json()) as { version: string }).version;

    const files = GOOD.map(fixture);
    const environmentOf = (body: ConsolidateResponse) =>
      body.applicants
        .find((applicant) => applicant.id === "A-006")
        ?.dimensions.find((dimension) => dimension.id === "environment");
    const underNew = await consolidated(await upload(files));
    expect(underNew.ruleset.version).toBe(version);
    // A-006's environment: 45, 75 and 50 — median 50, a spread of 30, within 35.
    expect(environmentOf(underNew)).toMatchObject({ percent: 50, spread: 30, flags: [] });
    const underOne = await consolidated(await upload(files, { fields: [["rulesetVersion", "1"]] }));
    expect(underOne.ruleset.version).toBe("1");
    expect(environmentOf(underOne)).toMatchObject({
      percent: 56.666666667,
      spread: 30,
      flags: ["DISAGREEMENT"],
    });
  });
});

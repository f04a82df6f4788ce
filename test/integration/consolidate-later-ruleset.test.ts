import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import {
  type ConsolidateResponse,
  ConsolidateResponseSchema,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import { Workbook } from "exceljs";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import {
  allAnswered,
  environmentPoints,
  type EvaluationRow,
  EXAMPLE_PUBLICATION,
  evaluationTable,
  exampleRuleset,
} from "../helpers/example-evaluations";
import { headerText } from "../helpers/header-text";
import { publishOverHttp } from "../helpers/publish";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

// The later criteria through the real service: the example ruleset of announcement 1/2562 is published
// over HTTP, two evaluators' workbooks (built here with exceljs in the add-in's layout: track,
// components, rubric points, the environment percent as the sheet's formula) are consolidated
// by POST /api/consolidate, and the JSON and .xlsx answers are checked. Set SAVE_CONSOLIDATED
// to a path to keep the .xlsx (for printing it to PDF).

const ruleset = exampleRuleset();
let storage: TestStorage;
let api: ApiProcess;
let secretary: string;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  secretary = await tokenFor(storage.keyFile, "Secretary");
  const admin = await tokenFor(storage.keyFile, "Admin");
  const published = await publishOverHttp(api.url, admin, EXAMPLE_PUBLICATION as never);
  expect(published.status).toBe(201);
});

afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

/** The environment percent as the add-in's sheet holds it: a formula with its saved result. */
function environment(points: [number, number, number, number]): EvaluationRow {
  const sum = points.reduce((a, b) => a + b, 0);
  return {
    environment: { formula: 'IF(COUNT(V2:Y2)=0,"",SUM(V2:Y2)/100*100)', result: sum },
    ...environmentPoints(...points),
  };
}

const yes = allAnswered(ruleset, "ใช่");
const PHUKET = { id: "A001", name: "เทศบาลนครภูเก็ต" };
const KHON_KAEN = { id: "A002", name: "เมืองใหม่ขอนแก่น" };
const CHIANG_MAI = { id: "A003", name: "เทศบาลนครเชียงใหม่" };

const somchai: EvaluationRow[] = [
  { ...PHUKET, ...yes, track: "เมืองเดิมน่าอยู่", living: 85, ...environment([24, 22, 20, 18]) },
  {
    ...KHON_KAEN,
    ...yes,
    track: "newCity",
    living: 75,
    energy: 80,
    ...environment([10, 20, 20, 20]),
  },
  { ...CHIANG_MAI, ...yes, track: "livable", living: 90, ...environment([25, 25, 25, 25]) },
];
const suda: EvaluationRow[] = [
  // Points only: the percent cell left blank (the import takes the points).
  { ...PHUKET, ...yes, track: "Livable City", living: 90, ...environmentPoints(20, 22, 20, 18) },
  {
    ...KHON_KAEN,
    ...yes,
    track: "เมืองเดิมน่าอยู่ / Livable City",
    "components.cityDataPlatform": null,
    living: 75,
    energy: 80,
    ...environment([20, 20, 20, 20]),
  },
  {
    ...CHIANG_MAI,
    ...yes,
    track: "livable",
    "components.cityDataPlatform": "ไม่ใช่",
    living: 90,
    ...environment([25, 25, 25, 25]),
  },
];

async function workbookOf(rows: EvaluationRow[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet("Evaluation");
  for (const values of evaluationTable(ruleset, rows)) sheet.addRow(values);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function upload(accept?: string): Promise<Response> {
  const form = new FormData();
  form.append("files", new Blob([await workbookOf(somchai)]), "somchai.xlsx");
  form.append("files", new Blob([await workbookOf(suda)]), "suda.xlsx");
  return fetch(`${api.url}/api/consolidate`, {
    method: "POST",
    headers: { authorization: `Bearer ${secretary}`, ...(accept ? { accept } : {}) },
    body: form,
  });
}

describe("consolidating under the example ruleset of announcement 1/2562", () => {
  let answer: ConsolidateResponse;
  beforeAll(async () => {
    const response = await upload();
    expect(response.status).toBe(200);
    answer = ConsolidateResponseSchema.parse(await response.json());
  });

  test("it is read under version 2 with no warning but the note that the evaluator is the file's name", () => {
    expect(answer.ruleset.version).toBe("2");
    // These sheets name no evaluator: the one note each file gets says so.
    expect(
      answer.files.map((file) => [file.name, file.rows, file.warnings.map((w) => w.code)])
    ).toEqual([
      ["somchai.xlsx", 3, ["EVALUATOR_FROM_FILE_NAME"]],
      ["suda.xlsx", 3, ["EVALUATOR_FROM_FILE_NAME"]],
    ]);
  });

  test("each applicant's outcome band, track and components", () => {
    expect(
      answer.applicants.map((a) => [
        a.id,
        a.outcome?.id,
        a.eligible,
        a.track?.id,
        a.track?.source,
        a.requirements?.[0].status,
      ])
    ).toEqual([
      ["A001", "approved", true, "livable", "evaluators", "met"],
      ["A002", "inPrinciple", false, "livable", "disputed", "met"],
      ["A003", "notApproved", false, "livable", "evaluators", "notMet"],
    ]);
    expect(answer.applicants[1].outcome?.name.en).toBe(
      "Approved in principle: revise and resubmit"
    );
  });

  test("environment is consolidated per item, then as the dimension", () => {
    const [phuket, khonKaen] = answer.applicants;
    const environmentOf = (a: typeof phuket) => a.dimensions.find((d) => d.id === "environment")!;
    expect(environmentOf(phuket)).toMatchObject({
      percent: 82,
      min: 80,
      max: 84,
      scored: 2,
      items: [
        { id: "resourceCare", points: 22, min: 20, max: 24, spread: 4, flags: [] },
        { id: "pollution", points: 22, spread: 0 },
        { id: "balance", points: 20 },
        { id: "monitoring", points: 18 },
      ],
    });
    // 10 and 20 of 25 are 40% apart, above the 20-point limit.
    expect(environmentOf(khonKaen).items![0]).toMatchObject({
      points: 15,
      spread: 10,
      flags: ["DISAGREEMENT"],
    });
    expect(environmentOf(khonKaen).percent).toBe(75);
    expect(phuket.overallPercent).toBe(84.75);
  });

  test("the flags: track disagreement, item disagreement, a blank component, a component answered no", () => {
    const [phuket, khonKaen, chiangMai] = answer.applicants;
    expect(phuket.flags).toEqual([]);
    expect(khonKaen.flags.map((f) => [f.code, f.dimension ?? f.group, f.item])).toEqual([
      ["DISAGREEMENT", "environment", "resourceCare"],
      ["TRACK_DISAGREEMENT", undefined, undefined],
      ["MISSING_REQUIREMENT", "components", "cityDataPlatform"],
    ]);
    expect(chiangMai.flags.map((f) => f.code)).toEqual(["DISAGREEMENT"]);
    expect(chiangMai.reasons.map((r) => r.message.en)).toEqual([
      "Required plan components not met: Design of an open, secure City Data Platform",
    ]);
  });

  test("the .xlsx answer: Summary with track, outcome, item points and components; Details; Issues in words", async () => {
    const response = await upload(XLSX_MEDIA_TYPE);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (process.env.SAVE_CONSOLIDATED) writeFileSync(process.env.SAVE_CONSOLIDATED, bytes);
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as never);
    const summary = workbook.getWorksheet("Summary")!;
    const headerRow = [...Array(12).keys()]
      .map((i) => i + 1)
      .find((r) => headerText(summary.getRow(r).getCell(1).value) === "รหัส / Applicant ID")!;
    const headers = (summary.getRow(headerRow).values as unknown[]).slice(1).map(headerText);
    const column = (header: string) => headers.indexOf(header) + 1;
    const cell = (offset: number, header: string) =>
      summary.getRow(headerRow + offset).getCell(column(header)).value;
    expect(column("ผลการพิจารณา / Outcome")).toBeGreaterThan(0);
    expect(
      [1, 2, 3].map((offset) => [
        cell(offset, "ประเภทเมือง / Track"),
        cell(offset, "ผลการพิจารณา / Outcome"),
        cell(offset, "องค์ประกอบของข้อเสนอเมืองอัจฉริยะ / Required plan components"),
        cell(offset, "ดูแลรักษาทรัพยากร (เต็ม 25) / resource care (max 25)"),
      ])
    ).toEqual([
      ["เมืองเดิมน่าอยู่ / Livable City", "เห็นชอบ / Approved", "ครบ / Met", 22],
      [
        "ยังไม่ยุติ (คิดตามเมืองเดิมน่าอยู่) / Disputed (figures as Livable City)",
        "เห็นชอบในหลักการ ให้ปรับปรุงแล้วเสนอใหม่ / Approved in principle: revise and resubmit",
        "ครบ / Met",
        15,
      ],
      ["เมืองเดิมน่าอยู่ / Livable City", "ไม่เห็นชอบ / Not approved", "ไม่ครบ / Not met", 25],
    ]);
    const above = [...Array(headerRow - 1).keys()].map((r) =>
      String(summary.getRow(r + 1).getCell(1).value)
    );
    expect(above.join("\n")).toContain(
      "Outcomes: Approved 1 · Approved in principle: revise and resubmit 1 · Not approved 1"
    );
    expect(above.join("\n")).toContain("Required plan components: all 5 items");

    const details = workbook.getWorksheet("Details")!;
    const detailHeaders = (details.getRow(2).values as unknown[]).slice(1).map(headerText);
    expect(detailHeaders).toContain("ประเภทเมือง / Track");
    expect(detailHeaders).toContain(
      "การออกแบบแพลตฟอร์มข้อมูลเมืองที่เปิดกว้างและมั่นคงปลอดภัย / Design of an open, secure City Data Platform"
    );
    // Suda gave environment by points alone: Details shows the percent they give.
    const environmentColumn = detailHeaders.indexOf("สิ่งแวดล้อมอัจฉริยะ / Smart Environment") + 1;
    const environments: unknown[] = [];
    details.eachRow((row, number) => {
      if (number > 2) environments.push(row.getCell(environmentColumn).value);
    });
    expect(environments).toEqual([84, 70, 100, 80, 80, 100]);

    const issues = workbook.getWorksheet("Issues")!;
    const kinds: string[] = [];
    const items: string[] = [];
    issues.eachRow((row, number) => {
      // The applicants' rows (a file's notes, without an applicant, follow them).
      if (number <= 2 || row.getCell(2).value === null) return;
      kinds.push(String(row.getCell(1).value));
      items.push(String(row.getCell(4).value ?? ""));
    });
    // Each applicant's flags, the ones to discuss first first, then the reasons it is not
    // eligible, in full.
    expect(kinds).toEqual([
      "ผู้ประเมินเห็นต่างกัน\nEvaluators disagree",
      "ระบุประเภทเมืองต่างกัน\nTracks differ",
      "ไม่ได้ตอบข้อกำหนด\nRequirement unanswered",
      "ภาพรวมต่ำกว่าเกณฑ์\nOverall below its minimum",
      "ผู้ประเมินเห็นต่างกัน\nEvaluators disagree",
      "ไม่ครบข้อกำหนด\nRequirement not met",
    ]);
    expect(items.slice(0, 3)).toEqual([
      "ดูแลรักษาทรัพยากร\nresource care",
      "ประเภทเมือง\nTrack",
      "การออกแบบแพลตฟอร์มข้อมูลเมืองที่เปิดกว้างและมั่นคงปลอดภัย\nDesign of an open, secure City Data Platform",
    ]);
  });
});

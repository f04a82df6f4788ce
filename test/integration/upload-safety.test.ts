import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import {
  ConsolidateResponseSchema,
  ISSUE_KIND_NAMES,
  MAX_CELLS_PER_WORKBOOK,
  MAX_CONSOLIDATED_ROWS,
  MAX_ROWS_PER_SHEET,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import { Workbook } from "exceljs";
import { importJWK, SignJWT } from "jose";
import { loadOrCreateDevKey } from "../../functions/src/auth/dev-keys";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../functions/src/config";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { craftXlsx, evaluationRows } from "../helpers/crafted-xlsx";
import { peakRssBytes, resetPeakRss } from "../helpers/process-memory";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

// Uploads and requests meant to break the service, against a real API process over Azurite,
// each input built here: hostile and oversized workbooks get their own per-file error while
// the good file beside them is read, /api/health answers within 100 ms throughout and the
// service's peak RSS (VmHWM of the API process) stays under 1 GB; the same file sent twice
// is counted once; deep JSON and tokens without an expiry are refused.

const PEAK_RSS_BOUND = 1024 * 1024 * 1024;
const HEALTH_BOUND_MS = 100;
const HEALTH_STALL_MS = 1_000;
const SOMCHAI = readFileSync(path.resolve(__dirname, "../fixtures/workbooks/somchai.xlsx"));

let storage: TestStorage;
let api: ApiProcess;
let secretary: string;
const figures: string[] = [];

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  secretary = await tokenFor(storage.keyFile, "Secretary");
});

afterAll(async () => {
  if (figures.length > 0)
    console.log(`peak RSS of the API process per case:\n${figures.join("\n")}`);
  await api?.stop();
  await storage?.stop();
});

interface HostileCase {
  name: string;
  file: () => Promise<Buffer>;
  code: string;
  message: RegExp;
}

const CASES: HostileCase[] = [
  {
    name: 'a 2 KB sheet with <mergeCell ref="A5:XFD1048576"/>',
    file: () =>
      craftXlsx([
        {
          name: "Evaluation",
          rows: evaluationRows(3),
          after: '<mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>',
        },
      ]),
    code: "WORKBOOK_TOO_COMPLEX",
    message: /merged range A5:XFD1048576/,
  },
  {
    name: "a sheet of 200,000 rows",
    file: () => craftXlsx([{ name: "Evaluation", rows: evaluationRows(200_000) }]),
    code: "TOO_MANY_ROWS",
    message: new RegExp(`"Evaluation" has ${MAX_ROWS_PER_SHEET + 1} rows or more`),
  },
  {
    // The dimension is no count (the sheet below it is read), the addressed row is.
    name: "a row addressed at Excel's last, under a dimension claiming every row",
    file: () =>
      craftXlsx([
        {
          name: "Evaluation",
          rows: `${evaluationRows(3)}<row r="1048576"><c r="A1048576"><v>1</v></c></row>`,
          before: '<dimension ref="A1:E1048576"/>',
        },
      ]),
    code: "TOO_MANY_ROWS",
    message: /has 1048576 rows or more/,
  },
  {
    name: "sheets whose cells together pass the workbook's limit",
    file: () => {
      // Ten sheets, each well within the row limit, of 5 cells a row.
      const rows = evaluationRows(Math.ceil(MAX_CELLS_PER_WORKBOOK / 5 / 10));
      return craftXlsx(Array.from({ length: 10 }, (_, n) => ({ name: `Sheet ${n + 1}`, rows })));
    },
    code: "TOO_MANY_CELLS",
    message: new RegExp(`above the limit of ${MAX_CELLS_PER_WORKBOOK} per workbook`),
  },
];

describe("each hostile workbook gets its own error while the service keeps answering", () => {
  test.each(CASES)(
    "$name → $code",
    async ({ name, file, code, message }) => {
      const hostile = await file();
      const idleWatch = watchHealth(api.url);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const idle = await idleWatch.stop();
      const reset = resetPeakRss(api.pid);
      const health = watchHealth(api.url);
      const form = new FormData();
      form.append("files", new Blob([new Uint8Array(hostile)]), "hostile.xlsx");
      form.append("files", new Blob([new Uint8Array(SOMCHAI)]), "somchai.xlsx");
      const started = Date.now();
      const response = await fetch(`${api.url}/api/consolidate`, {
        method: "POST",
        headers: { authorization: `Bearer ${secretary}` },
        body: form,
      });
      const body = ConsolidateResponseSchema.parse(await response.json());
      const elapsed = Date.now() - started;
      const healthTimes = await health.stop();
      const peak = peakRssBytes(api.pid);
      figures.push(
        `  ${name} (${hostile.length} bytes): VmHWM ${(peak / 1024 / 1024).toFixed(0)} MB${reset ? "" : " (not reset: peak since start)"}, answered in ${elapsed} ms; health meanwhile ${timings(healthTimes)}, idle before ${timings(idle)}`
      );

      expect(response.status).toBe(200);
      const [bad, good] = body.files;
      expect(bad.error?.code).toBe(code);
      expect(bad.error?.message.en).toMatch(message);
      expect(bad.error?.message.en.startsWith("hostile.xlsx: ")).toBe(true);
      expect(bad.error?.message.th).toMatch(/[ก-๙]/);
      expect(good).toMatchObject({ name: "somchai.xlsx", rows: 6 });
      expect(good.error).toBeUndefined();
      expect(body.applicants.length).toBeGreaterThan(0);
      // Half the probes within 100 ms, and none stalled. On a loaded machine (the tests run beside
      // other work on 2 cores) some probes take longer even while the service is idle (the
      // figures printed show both), so a single probe may pass 100 ms, not 1 s. A service reading
      // the file on its request loop answers no probe for seconds (the merged range: minutes).
      expect(healthTimes.length).toBeGreaterThan(0);
      expect(percentile(healthTimes, 0.5)).toBeLessThan(HEALTH_BOUND_MS);
      expect(Math.max(...healthTimes)).toBeLessThan(HEALTH_STALL_MS);
      expect(peak).toBeLessThan(PEAK_RSS_BOUND);
    },
    120_000
  );

  test("the consolidated workbook of such an upload names the file's error in its Issues sheet", async () => {
    const form = new FormData();
    form.append("files", new Blob([new Uint8Array(await CASES[0].file())]), "hostile.xlsx");
    form.append("files", new Blob([new Uint8Array(SOMCHAI)]), "somchai.xlsx");
    const response = await fetch(`${api.url}/api/consolidate`, {
      method: "POST",
      headers: { authorization: `Bearer ${secretary}`, accept: XLSX_MEDIA_TYPE },
      body: form,
    });
    expect(response.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const issues: string[] = [];
    workbook.getWorksheet("Issues")?.eachRow((row) => issues.push(row.values?.toString() ?? ""));
    expect(issues.some((row) => row.includes(ISSUE_KIND_NAMES.WORKBOOK_TOO_COMPLEX.en))).toBe(true);
  });
});

test("more evaluator rows than a consolidation's answer may hold → 413 CONSOLIDATION_TOO_LARGE, as soon as the count passes", async () => {
  // Six files of 18,000 applicants each, all different: 108,000 rows, above 100,000.
  const files = await Promise.all(
    [1, 2, 3, 4, 5, 6].map((file) =>
      craftXlsx([
        {
          name: "Evaluation",
          rows: evaluationRows(
            18_000,
            (applicant, dimension) => (applicant + dimension + file) % 101
          ),
        },
      ])
    )
  );
  const form = new FormData();
  files.forEach((bytes, index) =>
    form.append("files", new Blob([new Uint8Array(bytes)]), `evaluator-${index + 1}.xlsx`)
  );
  const reset = resetPeakRss(api.pid);
  const response = await fetch(`${api.url}/api/consolidate`, {
    method: "POST",
    headers: { authorization: `Bearer ${secretary}` },
    body: form,
  });
  expect(response.status).toBe(413);
  const { error } = (await response.json()) as {
    error: { code: string; message: { th: string; en: string } };
  };
  expect(error.code).toBe("CONSOLIDATION_TOO_LARGE");
  expect(error.message.en).toContain(
    `more than ${MAX_CONSOLIDATED_ROWS} evaluator rows together (108000 read so far)`
  );
  const peak = peakRssBytes(api.pid);
  figures.push(
    `  six files of 18,000 rows (${files.reduce((sum, bytes) => sum + bytes.length, 0)} bytes): VmHWM ${(peak / 1024 / 1024).toFixed(0)} MB${reset ? "" : " (not reset)"}`
  );
  expect(peak).toBeLessThan(PEAK_RSS_BOUND);
}, 180_000);

test("a multipart body cut short → 400 INVALID_MULTIPART, and the service still answers", async () => {
  const boundary = "----smartcity-test";
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="somchai.xlsx"\r\ncontent-type: ${XLSX_MEDIA_TYPE}\r\n\r\n`;
  // The file's bytes stop halfway and the closing boundary never comes.
  const body = Buffer.concat([Buffer.from(head), SOMCHAI.subarray(0, SOMCHAI.length >> 1)]);
  const response = await fetch(`${api.url}/api/consolidate`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${secretary}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  expect(response.status).toBe(400);
  const { error } = (await response.json()) as {
    error: { code: string; message: { th: string; en: string } };
  };
  expect(error.code).toBe("INVALID_MULTIPART");
  expect(error.message.en).toMatch(/incomplete or malformed/);
  expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
});

function percentile(times: readonly number[], share: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

function timings(times: readonly number[]): string {
  return `${times.length} probes, median ${percentile(times, 0.5)} ms, p90 ${percentile(times, 0.9)} ms, slowest ${Math.max(...times)} ms`;
}

describe("the same evaluator's file sent twice is counted once", () => {
  const consolidateFiles = async (files: Array<[string, Buffer]>, accept?: string) => {
    const form = new FormData();
    for (const [name, bytes] of files)
      form.append("files", new Blob([new Uint8Array(bytes)]), name);
    const headers: Record<string, string> = { authorization: `Bearer ${secretary}` };
    if (accept) headers.accept = accept;
    return fetch(`${api.url}/api/consolidate`, { method: "POST", headers, body: form });
  };

  test("the same bytes as somchai.xlsx and somchai (1).xlsx → DUPLICATE_FILE naming the first, not read again", async () => {
    const suda = readFileSync(path.resolve(__dirname, "../fixtures/workbooks/suda.xlsx"));
    const response = await consolidateFiles([
      ["somchai.xlsx", SOMCHAI],
      ["somchai (1).xlsx", SOMCHAI],
      ["suda.xlsx", suda],
    ]);
    expect(response.status).toBe(200);
    const body = ConsolidateResponseSchema.parse(await response.json());
    expect(body.files.map((file) => [file.name, file.error?.code ?? "read", file.rows])).toEqual([
      ["somchai.xlsx", "read", 6],
      ["somchai (1).xlsx", "DUPLICATE_FILE", 0],
      ["suda.xlsx", "read", 5],
    ]);
    expect(body.files[1].error?.message).toEqual({
      th: "somchai (1).xlsx: ไฟล์นี้เหมือนกับไฟล์ somchai.xlsx ที่ส่งมาก่อนหน้าทุกไบต์ จึงไม่ได้อ่านซ้ำและไม่นับซ้ำ",
      en: "somchai (1).xlsx: this file is byte for byte the same as somchai.xlsx, sent before it, so it was not read or counted again",
    });
    const evaluators = new Set(body.applicants.flatMap((applicant) => applicant.evaluators));
    expect(evaluators.has("somchai (1)")).toBe(false);
    expect(body.applicants.every((applicant) => applicant.evaluators.length <= 2)).toBe(true);
  });

  test("two files with the same entries in different bytes → IDENTICAL_SUBMISSIONS on both files and each applicant, counted once", async () => {
    // The same scores saved twice, once on a sheet named differently: other bytes, same entries.
    const first = await craftXlsx([{ name: "Evaluation", rows: evaluationRows(4) }]);
    const again = await craftXlsx([{ name: "คะแนน", rows: evaluationRows(4) }]);
    const other = await craftXlsx([
      { name: "Evaluation", rows: evaluationRows(4, (applicant) => 70 + applicant) },
    ]);
    const files: Array<[string, Buffer]> = [
      ["somchai.xlsx", first],
      ["somchai (1).xlsx", again],
      ["suda.xlsx", other],
    ];
    const body = ConsolidateResponseSchema.parse(await (await consolidateFiles(files)).json());
    const flagged = (file: (typeof body.files)[number]) =>
      file.warnings.filter((warning) => warning.code === "IDENTICAL_SUBMISSIONS");
    expect(flagged(body.files[0])).toHaveLength(1);
    expect(flagged(body.files[1])).toHaveLength(1);
    expect(flagged(body.files[2])).toHaveLength(0);
    expect(flagged(body.files[1])[0].message.en).toBe(
      "somchai (1).xlsx: somchai.xlsx, somchai (1).xlsx hold the same scores and answers for every applicant, so they are counted once (somchai.xlsx counts, not somchai (1).xlsx); if they really are different evaluators, check with them"
    );
    expect(body.applicants).toHaveLength(4);
    for (const applicant of body.applicants) {
      expect(applicant.evaluators).toEqual(["somchai", "suda"]);
      const flag = applicant.flags.find((candidate) => candidate.code === "IDENTICAL_SUBMISSIONS");
      expect(flag?.message).toEqual({
        th: "ไฟล์ somchai (1).xlsx เหมือนกับไฟล์ somchai.xlsx ทุกค่า จึงนับการประเมินรายนี้เพียงครั้งเดียว (จากไฟล์ somchai.xlsx)",
        en: "somchai (1).xlsx is identical to somchai.xlsx, so this evaluation is counted once (from somchai.xlsx)",
      });
    }
    // somchai gave 81 and suda 71 for Smart Environment; the copy does not weigh it to 77.67.
    const a1 = body.applicants.find((applicant) => applicant.id === "A-1");
    expect(a1?.dimensions.find((score) => score.id === "environment")?.percent).toBe(76);

    const workbook = new Workbook();
    await workbook.xlsx.load(await (await consolidateFiles(files, XLSX_MEDIA_TYPE)).arrayBuffer());
    const issues: string[] = [];
    workbook.getWorksheet("Issues")?.eachRow((row) => issues.push(row.values?.toString() ?? ""));
    expect(
      issues.filter((row) => row.includes(ISSUE_KIND_NAMES.IDENTICAL_SUBMISSIONS.en)).length
    ).toBe(2 + 4);
  });
});

describe("requests meant to break the service", () => {
  test("a score nested 10,000 levels deep → 400 JSON_TOO_DEEP, never a 200 with a cut body", async () => {
    const deep = `${"[".repeat(10_000)}85${"]".repeat(10_000)}`;
    const body = `{"applications":[{"id":"ok","scores":{"environment":90}},{"id":"deep","scores":{"environment":${deep}}}]}`;
    const response = await fetch(`${api.url}/api/evaluate`, {
      method: "POST",
      headers: { authorization: `Bearer ${secretary}`, "content-type": "application/json" },
      body,
    });
    // Four levels to the score (body, applications, the application, scores): the 29th
    // bracket of the score is the 33rd level.
    const at = body.indexOf(deep) + 28;
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: { code: string; message: { th: string; en: string } };
    };
    expect(error.code).toBe("JSON_TOO_DEEP");
    expect(error.message.en).toContain(`deeper than 32 levels (at character ${at})`);
    expect(error.message.th).toMatch(/ซ้อนกันลึกเกิน 32 ชั้น/);
  });

  test("a correctly signed token without exp → 401 saying so; a dev token older than 12 h → 401", async () => {
    const key = await importJWK((await loadOrCreateDevKey(storage.keyFile)).privateJwk, "RS256");
    const base = () =>
      new SignJWT({ roles: ["Secretary"] })
        .setProtectedHeader({ alg: "RS256" })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject("forever");
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      "no exp": await base().setIssuedAt().sign(key),
      "issued 13 h ago, exp in a year": await base()
        .setIssuedAt(now - 13 * 3600)
        .setExpirationTime(now + 365 * 24 * 3600)
        .sign(key),
    };
    const answers: Record<string, string> = {};
    for (const [name, token] of Object.entries(tokens)) {
      const response = await fetch(`${api.url}/api/rulesets`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { error } = (await response.json()) as { error: { message: { en: string } } };
      answers[name] = `${response.status} ${error.message.en}`;
    }
    expect(answers).toEqual({
      "no exp":
        '401 Unauthorized: the token has no "exp" claim, which is required (a token must expire)',
      "issued 13 h ago, exp in a year":
        "401 Unauthorized: the dev token is older than 12 hours; get a new one",
    });
  });
});

/** Probes /api/health back to back (20 ms apart) until stopped; the time each took, in ms. */
function watchHealth(url: string): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      times.push(Math.round(performance.now() - started));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return times;
    },
  };
}

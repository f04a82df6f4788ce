import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type ConsolidateResponse, ConsolidateResponseSchema } from "@smartcity/shared";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { odsWith, withBomb, withCyclicChain, xlsbReachingRow } from "../helpers/crafted-formats";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

/**
 * Through the real API (its own process, Azurite behind it): the .xls, .xlsb and .ods twins of
 * the .xlsx fixtures consolidate to the same JSON answer, and hostile files of those formats
 * are each refused in a 200 answer that still consolidates the good file beside them.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/workbooks");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const TWINS = ["somchai", "suda", "niran", "multi-evaluator"];

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

async function consolidate(files: Array<[name: string, bytes: Buffer]>) {
  const form = new FormData();
  for (const [name, bytes] of files) form.append("files", new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${api.url}/api/consolidate`, {
    method: "POST",
    headers: { authorization: `Bearer ${secretary}` },
    body: form,
  });
  expect(response.status).toBe(200);
  return ConsolidateResponseSchema.parse(await response.json());
}

/** The answer without its time, the file names' extensions made alike. */
function comparable(answer: ConsolidateResponse): unknown {
  const rest: Partial<ConsolidateResponse> = { ...answer };
  delete rest.consolidatedAt;
  return JSON.parse(JSON.stringify(rest).replace(/\.(xlsx|xlsb|xls|ods)\b/g, ".book"));
}

describe("the twins of the .xlsx fixtures give the same answer", () => {
  let xlsx: ConsolidateResponse;
  beforeAll(async () => {
    xlsx = await consolidate(TWINS.map((name) => [`${name}.xlsx`, fixture(`${name}.xlsx`)]));
  });

  test.each(["xls", "xlsb", "ods"])(".%s", async (format) => {
    const other = await consolidate(
      TWINS.map((name) => [`${name}.${format}`, fixture(`${name}.${format}`)])
    );
    expect(other.files.map((file) => file.error)).toEqual(TWINS.map(() => undefined));
    expect(comparable(other)).toEqual(comparable(xlsx));
    expect(other.applicants.length).toBeGreaterThan(0);
  });
});

test("hostile .xls, .xlsb and .ods files each get their own refusal; the good file beside them is read", async () => {
  const somchaiXls = fixture("somchai.xls");
  const hostile: Array<[string, Buffer, string, RegExp]> = [
    ["cut.xls", somchaiXls.subarray(0, 5000), "CORRUPT_FILE", /is cut short/],
    ["loop.xls", withCyclicChain(somchaiXls), "CORRUPT_FILE", /loops back on itself/],
    ["far.xlsb", await xlsbReachingRow(1_048_576), "TOO_MANY_ROWS", /has 1048576 rows or more/],
    [
      "repeated.ods",
      await odsWith(
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
      ),
      "TOO_MANY_ROWS",
      /has 1048576 rows or more/,
    ],
    ["bomb.ods", await withBomb(fixture("suda.ods"), "content.xml"), "ZIP_BOMB", /would inflate/],
    [
      "bomb.xlsb",
      await withBomb(fixture("niran.xlsb"), "xl/worksheets/sheet1.bin"),
      "ZIP_BOMB",
      /would inflate/,
    ],
  ];
  const answer = await consolidate([
    ...hostile.map(([name, bytes]): [string, Buffer] => [name, bytes]),
    ["somchai.ods", fixture("somchai.ods")],
    // An .xls named .xlsx: read as the .xls it is.
    ["legacy.xlsx", fixture("legacy.xlsx")],
  ]);
  for (const [name, , code, message] of hostile) {
    const report = answer.files.find((file) => file.name === name);
    expect(report?.error?.code).toBe(code);
    expect(report?.error?.message.en).toMatch(message);
    expect(report?.error?.message.th).toMatch(new RegExp(`^${name.replace(/\./g, "\\.")}: `));
  }
  const good = answer.files.find((file) => file.name === "somchai.ods");
  expect(good).toMatchObject({ evaluator: "somchai", rows: 6 });
  expect(good?.error).toBeUndefined();
  const renamed = answer.files.find((file) => file.name === "legacy.xlsx");
  expect(renamed).toMatchObject({ evaluator: "legacy", rows: 6 });
  expect(renamed?.error).toBeUndefined();
  const health = await fetch(`${api.url}/api/health`);
  expect(health.status).toBe(200);
});

import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { columnRole, EvaluateResponseSchema, type Ruleset, RulesetSchema } from "@smartcity/shared";
import {
  excelCalls,
  installCustomFunctionsStandIn,
  Workbook,
} from "../helpers/custom-functions-standin";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { installExcelStandIn, removeExcelStandIn } from "../helpers/excel-standin";
import {
  EXAMPLE_CASES,
  EXAMPLE_PUBLICATION,
  type ExampleCase,
} from "../helpers/example-evaluations";
import { publishOverHttp } from "../helpers/publish";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

/**
 * "Insert evaluation sheet" under the example ruleset of announcement 1/2562, then the sheet's
 * OWN formulas (as the add-in wrote them into the Excel stand-in) evaluated through the custom
 * functions against the real service, for each case of announcement-1-2562.cases.json written
 * into the row as an evaluator would (track by its Thai name from the drop-down, ใช่/ไม่ใช่ for
 * yes/no items, rubric points in their columns, the rubric percent from the sheet's own formula).
 * This catches an argument in the wrong place, which a test of the formulas' text does not.
 * Excel's semantics are those of custom-functions-standin.ts (web: a blank cell is null).
 */
installCustomFunctionsStandIn();
const functions =
  require("../../addin/src/functions/functions") as typeof import("../../addin/src/functions/functions");
const runtime = require("../../addin/src/runtime") as typeof import("../../addin/src/runtime");

type Case = ExampleCase;
const cases = EXAMPLE_CASES;

let storage: TestStorage;
let api: ApiProcess;
let ruleset: Ruleset;
let token: string;
beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  const published = await publishOverHttp(
    api.url,
    await tokenFor(storage.keyFile, "Admin"),
    EXAMPLE_PUBLICATION as never
  );
  expect(published.status).toBe(201);
  ruleset = RulesetSchema.parse(await published.json());
  token = await tokenFor(storage.keyFile, "Evaluator");
  runtime.setServiceUrl(api.url);
  runtime.setSession({ token, role: "Evaluator", name: "test" });
});
afterAll(async () => {
  removeExcelStandIn();
  await api?.stop();
  await storage?.stop();
});

/** The sheet the add-in inserts: its header row and its row-2 formulas, by column letter. */
async function insertedSheet(language: "en" | "th") {
  const excel = installExcelStandIn(["Sheet1"]);
  const { insertEvaluationSheet } =
    require("../../addin/src/office/evaluation-sheet") as typeof import("../../addin/src/office/evaluation-sheet");
  const name = await insertEvaluationSheet(ruleset, language);
  const sheet = excel.sheets.find((s) => s.name === name)!;
  const headers = sheet.tables[0].header.values![0] as string[];
  const formulas = new Map<string, string>();
  for (const range of sheet.ranges.filter((r) => r.formulas)) {
    const [from] = range.address.split(":");
    const start = /^([A-Z]+)2$/.exec(from)![1];
    (range.formulas![0] as string[]).forEach((formula, offset) =>
      formulas.set(letterAt(indexOf(start) + offset), formula)
    );
  }
  return { headers, formulas };
}

const indexOf = (letters: string) =>
  [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
const letterAt = (index: number): string =>
  index < 26
    ? String.fromCharCode(65 + index)
    : letterAt(Math.floor(index / 26) - 1) + letterAt(index % 26);

/** Row 2 as the evaluator fills it for a case (row 1 holds the headers). */
function filledRow(headers: string[], application: Case["application"]): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  headers.forEach((header, index) => {
    cells[`Sheet!${letterAt(index)}1`] = header;
    const role = columnRole(header, ruleset.rules);
    const at = `Sheet!${letterAt(index)}2`;
    const yesNo = (answer: boolean | undefined) =>
      answer === undefined ? undefined : answer ? "ใช่" : "ไม่ใช่";
    if (role?.kind === "id") cells[at] = application.id;
    if (role?.kind === "track" && application.track !== undefined)
      cells[at] = ruleset.rules.tracks!.find((t) => t.id === application.track)!.name.th;
    // A case that leaves the criteria out (not assessed) leaves their cells blank.
    if (role?.kind === "criterion") cells[at] = yesNo(application.preliminary?.[role.id]);
    if (role?.kind === "requirement")
      cells[at] = yesNo(application.requirements?.[role.group]?.[role.item]);
    if (role?.kind === "dimension") cells[at] = application.scores[role.id];
    if (role?.kind === "points") cells[at] = application.points?.[role.dimension]?.[role.item];
  });
  return cells;
}

/** The one non-SMARTCITY formula the sheet writes: a rubric percent over its points. */
function rubricPercent(formula: string, cells: Record<string, unknown>): number | undefined {
  const match =
    /^=IF\(COUNT\(([A-Z]+)2:([A-Z]+)2\)=0,"",SUM\(\1(?:2):\2(?:2)\)\/(\d+)\*100\)$/.exec(formula);
  if (!match) throw new Error(`a formula this test does not know: ${formula}`);
  const points: number[] = [];
  for (let c = indexOf(match[1]); c <= indexOf(match[2]); c++) {
    const value = cells[`Sheet!${letterAt(c)}2`];
    if (typeof value === "number") points.push(value);
  }
  if (points.length === 0) return undefined;
  return (points.reduce((sum, p) => sum + p, 0) / Number(match[3])) * 100;
}

/** What a SMARTCITY formula shows, its arguments read as Excel reads them (refs or omitted). */
function shows(formula: string, workbook: Workbook): Promise<unknown> {
  const match = /^=(?:IFERROR\()?SMARTCITY\.([A-Z]+)\(([^)]*)\)(?:,""\))?$/.exec(formula);
  if (!match) throw new Error(`a formula this test does not know: ${formula}`);
  const args = match[2].split(",").map((arg) => {
    if (arg === "") return null;
    if (arg.startsWith('"')) return { value: JSON.parse(arg) as unknown };
    return { ref: `Sheet!${arg}` };
  });
  return excelCalls(functions as unknown as Record<string, unknown>, match[1], args, {
    platform: "web",
    workbook,
  });
}

describe("the inserted sheet's formulas, as an evaluator fills each case", () => {
  const answered = () => cases.filter((c) => c.expected.error === undefined);

  test.each(["en", "th"] as const)(
    "ELIGIBLE, OUTCOME and REASONS (%s) say what the service says of each case",
    async (language) => {
      const { headers, formulas } = await insertedSheet(language);
      const column = (header: string) => letterAt(headers.indexOf(header));
      expect(headers).toContain("ผลการพิจารณา / Outcome");
      for (const { application, expected } of answered()) {
        const cells = filledRow(headers, application);
        // A rubric percent is the sheet's formula over the points, unless the evaluator typed a
        // percent over it (a case that gives the dimension's percent rather than its points).
        for (const [letter, formula] of formulas)
          if (!formula.includes("SMARTCITY.") && cells[`Sheet!${letter}2`] === undefined)
            cells[`Sheet!${letter}2`] = rubricPercent(formula, cells);
        const workbook = new Workbook(cells);
        const served = await fetch(`${api.url}/api/evaluate`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ rulesetVersion: ruleset.version, applications: [application] }),
        });
        const [result] = EvaluateResponseSchema.parse(await served.json()).results;
        if (!("outcome" in result)) throw new Error(`${application.id}: ${JSON.stringify(result)}`);
        const formulaOf = (header: string) => formulas.get(column(header))!;
        expect([application.id, await shows(formulaOf("ผ่านเกณฑ์ / Eligible"), workbook)]).toEqual([
          application.id,
          expected.eligible,
        ]);
        const band = ruleset.rules.outcomes!.find((b) => b.id === expected.outcome)!;
        expect([application.id, await shows(formulaOf("ผลการพิจารณา / Outcome"), workbook)]).toEqual(
          [application.id, band.name[language]]
        );
        const reasons = String(await shows(formulaOf("เหตุผล / Reasons"), workbook));
        for (const reason of result.reasons) expect(reasons).toContain(reason.message![language]);
        expect(await shows(formulaOf("คะแนน / Score"), workbook)).toBe(result.overallPercent);
      }
    }
  );
});

import { readFileSync } from "node:fs";
import path from "node:path";
import {
  BASELINE_RULESET,
  consolidateReadings,
  readEvaluationWorkbook,
  type Ruleset,
  type WorkbookReading,
} from "@smartcity/shared";
import { WorkbookReader } from "../../functions/src/consolidation/workbook-pool";
import { writeConsolidatedWorkbook } from "../../functions/src/consolidation/write-consolidated-workbook";
import { type EvaluationRow, evaluationSnapshot } from "./example-evaluations";

/**
 * Consolidated workbooks to print: the fixtures' six applicants as three evaluators scored them
 * (somchai, suda, niran: disagreements, missing scores, unreadable cells), and sixty applicants
 * whose every row carries several flags, as a large committee round does.
 */
const NAMES = [
  "เทศบาลนครเชียงใหม่",
  "เทศบาลนครภูเก็ต",
  "เทศบาลนครขอนแก่น",
  "เทศบาลเมืองแม่เหียะ",
  "เทศบาลนครระยอง",
  "เทศบาลเมืองศรีราชา",
  "เทศบาลนครนครราชสีมา",
  "Phuket City",
];
const CONSOLIDATED_AT = "2026-12-02T03:00:00.000Z";

async function written(
  ruleset: Ruleset,
  readings: readonly WorkbookReading[]
): Promise<{ xlsx: Buffer; applicants: number }> {
  const { response, entries, superseded, conflicted } = consolidateReadings(
    readings,
    ruleset,
    CONSOLIDATED_AT
  );
  const xlsx = await writeConsolidatedWorkbook({
    response,
    ruleset,
    entries,
    superseded,
    conflicted,
  });
  return { xlsx, applicants: response.applicants.length };
}

/** The six applicants of somchai.xlsx, suda.xlsx and niran.xlsx. */
export async function fixturesWorkbook(): Promise<{ xlsx: Buffer; applicants: number }> {
  const reader = new WorkbookReader({ threads: 1 });
  try {
    const readings: WorkbookReading[] = [];
    for (const name of ["somchai.xlsx", "suda.xlsx", "niran.xlsx"]) {
      const bytes = readFileSync(path.resolve(__dirname, "../fixtures/workbooks", name));
      readings.push(await reader.read(name, bytes, BASELINE_RULESET.rules));
    }
    return await written(BASELINE_RULESET, readings);
  } finally {
    await reader.close();
  }
}

/**
 * Sixty applicants, three evaluators who disagree on most dimensions and each leave some scores
 * and answers blank: every applicant has a handful of flags of a paragraph each.
 */
export async function manyFlagsWorkbook(count = 60): Promise<{ xlsx: Buffer; applicants: number }> {
  const ruleset = BASELINE_RULESET;
  const dimensions = ruleset.rules.dimensions.map((dimension) => dimension.id);
  const criteria = ruleset.rules.preliminaryCriteria.map((criterion) => criterion.id);
  const readings = ["somchai", "suda", "niran"].map((evaluator, e) => {
    const rows: EvaluationRow[] = [];
    for (let i = 0; i < count; i++) {
      const row: EvaluationRow = {
        id: `A-${String(i + 1).padStart(3, "0")}`,
        name: NAMES[i % NAMES.length],
      };
      dimensions.forEach((id, d) => {
        // Blank now and then (a missing score); otherwise spread far apart (a disagreement).
        if ((i + d + e) % 5 === 0) return;
        row[id] = 40 + ((i * 7 + d * 13 + e * 29) % 60);
      });
      criteria.forEach((id, c) => {
        if ((i + c + e) % 7 !== 0) row[id] = (i + c) % 9 !== 0;
      });
      rows.push(row);
    }
    return readEvaluationWorkbook(
      `${evaluator}.xlsx`,
      [evaluationSnapshot(ruleset, rows)],
      ruleset.rules
    );
  });
  return written(ruleset, readings);
}

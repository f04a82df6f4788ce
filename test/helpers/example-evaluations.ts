import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  BASELINE_RULESET,
  evaluationSheetHeaders,
  type Ruleset,
  RulesSchema,
  type SheetSnapshot,
} from "@smartcity/shared";

/**
 * Evaluators' rows under the example ruleset of announcement 1/2562 (two tracks, the components
 * group, three bands, a 25-point rubric on environment), written by column header as the add-in's
 * "Insert evaluation sheet" lays them out. Used by the unit tests (as sheet snapshots) and the
 * integration test (as .xlsx workbooks built with exceljs).
 */
export const EXAMPLE_PUBLICATION = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "rulesets", "announcement-1-2562.json"), "utf8")
) as { rules: unknown; approval: { reference: string; date: string }; note: string };

export function exampleRuleset(version = "2"): Ruleset {
  return {
    ...structuredClone(BASELINE_RULESET),
    version,
    approval: EXAMPLE_PUBLICATION.approval,
    rules: RulesSchema.parse(EXAMPLE_PUBLICATION.rules),
  };
}

export type RowValue = string | number | boolean | null | { formula: string; result: number };

/** Values by a short key: `id`, `name`, `track`, `overall`, a dimension id, a criterion id, `group.item`, `dimension.item`, `conflict`. */
export type EvaluationRow = Record<string, RowValue>;

/** The layout's header for each short key, in the sheet's column order. */
export function headerKeys(ruleset: Ruleset): string[] {
  const { rules } = ruleset;
  return [
    "id",
    "name",
    ...(rules.tracks ? ["track"] : []),
    ...rules.preliminaryCriteria.map((criterion) => criterion.id),
    ...(rules.requirementGroups ?? []).flatMap((group) =>
      group.items.map((item) => `${group.id}.${item.id}`)
    ),
    ...rules.dimensions.map((dimension) => dimension.id),
    "overall",
    ...rules.dimensions.flatMap((dimension) =>
      (dimension.items ?? []).map((item) => `${dimension.id}.${item.id}`)
    ),
    "score",
    "eligible",
    "reasons",
    ...(rules.outcomes ? ["outcome"] : []),
    "conflict",
  ];
}

/** The sheet as rows of values: the header row, then one row per evaluation. */
export function evaluationTable(ruleset: Ruleset, rows: readonly EvaluationRow[]): RowValue[][] {
  const headers = evaluationSheetHeaders(ruleset.rules);
  const keys = headerKeys(ruleset);
  if (keys.length !== headers.length) throw new Error("headerKeys is out of step with the layout");
  for (const row of rows)
    for (const key of Object.keys(row))
      if (!keys.includes(key)) throw new Error(`no column for "${key}"`);
  return [headers, ...rows.map((row) => keys.map((key) => row[key] ?? null))];
}

export function evaluationSnapshot(
  ruleset: Ruleset,
  rows: readonly EvaluationRow[],
  name = "Evaluation"
): SheetSnapshot {
  return {
    name,
    rows: evaluationTable(ruleset, rows).map((row) =>
      row.map((value) =>
        value === null ? undefined : { value: typeof value === "object" ? value.result : value }
      )
    ),
  };
}

/** Every preliminary criterion and component answered the same way. */
export function allAnswered(ruleset: Ruleset, answer: string | boolean): EvaluationRow {
  const row: EvaluationRow = {};
  for (const criterion of ruleset.rules.preliminaryCriteria) row[criterion.id] = answer;
  for (const group of ruleset.rules.requirementGroups ?? [])
    for (const item of group.items) row[`${group.id}.${item.id}`] = answer;
  return row;
}

/** The environment rubric's four items, in order. */
export function environmentPoints(
  resourceCare: RowValue,
  pollution: RowValue,
  balance: RowValue,
  monitoring: RowValue
): EvaluationRow {
  return {
    "environment.resourceCare": resourceCare,
    "environment.pollution": pollution,
    "environment.balance": balance,
    "environment.monitoring": monitoring,
  };
}

/** A case of announcement-1-2562.cases.json: an application and what the rules must say of it. */
export interface ExampleCase {
  application: {
    id: string;
    scores: Record<string, number>;
    points?: Record<string, Record<string, number>>;
    preliminary?: Record<string, boolean>;
    requirements?: Record<string, Record<string, boolean>>;
    track?: string;
  };
  expected: { outcome?: string; eligible?: boolean; reasons?: string[]; error?: string };
}

export const EXAMPLE_CASES = (
  JSON.parse(
    readFileSync(
      join(__dirname, "..", "fixtures", "rulesets", "announcement-1-2562.cases.json"),
      "utf8"
    )
  ) as { cases: ExampleCase[] }
).cases;

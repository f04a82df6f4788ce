import {
  type Application,
  dimensionLabelResolver,
  looksLikeFractions,
  readAnswer,
  readScore,
  type Ruleset,
} from "@smartcity/shared";
import { ServiceError } from "../client/service-error";

/**
 * Turning a formula's arguments (as Excel passes them: ranges as 2-D arrays,
 * omitted optional arguments as null) into an Application of the HTTP contract.
 * Every reading rule comes from @smartcity/shared; this only walks the cells.
 *
 * What the Office layer knows about the cells, when it could read them:
 * `blank[i]` says the i-th score cell is really empty (Excel desktop passes
 * empty cells as 0, Excel on the web as null — office-js #1951, #4702, #5262)
 * and `percentFormatted[i]` says it shows a percentage (so 0.85 means 85%).
 */
export interface CellFacts {
  blank: boolean[];
  percentFormatted: boolean[];
}

export type Grid = unknown[][] | null | undefined;

export interface ScoreArguments {
  scores: Grid;
  labels?: Grid;
  preliminary?: Grid;
  overall?: unknown;
}

export function toApplication(
  args: ScoreArguments,
  ruleset: Ruleset,
  facts?: CellFacts
): Application {
  const values = line(args.scores, "scores");
  const dimensionIds = dimensionsFor(values.length, args.labels, ruleset);
  // Without the cells' formats, a row of numbers all within 0–1 reads as fractions (see looksLikeFractions).
  const fractionRow = facts === undefined && looksLikeFractions(values);
  const scores: Record<string, number | null> = {};
  values.forEach((value, index) => {
    const id = dimensionIds[index];
    if (id === undefined) return; // an unlabelled extra column: not a score
    const reading = facts?.blank[index]
      ? ({ kind: "blank" } as const)
      : readScore(value, { fraction: facts ? facts.percentFormatted[index] : fractionRow });
    if (reading.kind === "invalid")
      throw new ServiceError("invalid", `${nameOf(id, ruleset)}: ${reading.problem.en}`);
    if (reading.kind === "blank") {
      if (!(id in scores)) scores[id] = null;
      return;
    }
    if (typeof scores[id] === "number")
      throw new ServiceError("invalid", `${nameOf(id, ruleset)} is labelled twice`);
    scores[id] = reading.percent;
  });

  const application: Application = { scores };
  if (args.overall !== null && args.overall !== undefined) {
    const overall = readScore(single(args.overall));
    if (overall.kind === "invalid")
      throw new ServiceError("invalid", `Overall: ${overall.problem.en}`);
    if (overall.kind === "score") application.overall = overall.percent;
  }
  if (args.preliminary !== null && args.preliminary !== undefined) {
    application.preliminary = answers(line(args.preliminary, "preliminary"), ruleset);
  }
  return application;
}

function nameOf(id: string, ruleset: Ruleset): string {
  return ruleset.rules.dimensions.find((dimension) => dimension.id === id)?.name.en ?? id;
}

/** The cells of a one-row or one-column range, in order. */
export function line(grid: Grid, what: string): unknown[] {
  if (!Array.isArray(grid) || grid.length === 0)
    throw new ServiceError("invalid", `${what}: give a range of cells`);
  if (grid.length === 1) return grid[0];
  if (grid.every((row) => Array.isArray(row) && row.length === 1)) return grid.map((row) => row[0]);
  throw new ServiceError(
    "invalid",
    `${what} must be one row or one column, not ${grid.length} rows × ${grid[0].length} columns`
  );
}

function single(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const cells = line(value as unknown[][], "overall");
  if (cells.length !== 1) throw new ServiceError("invalid", "overall must be one cell");
  return cells[0];
}

/** The dimension id of each score: from the labels when given, else the ruleset's order. */
function dimensionsFor(count: number, labels: Grid, ruleset: Ruleset): (string | undefined)[] {
  const dimensions = ruleset.rules.dimensions;
  if (labels === null || labels === undefined) {
    if (count > dimensions.length) {
      throw new ServiceError(
        "invalid",
        `${count} scores but ruleset ${ruleset.version} has ${dimensions.length} dimensions; give labels to say which is which`
      );
    }
    return dimensions.slice(0, count).map((dimension) => dimension.id);
  }
  const names = line(labels, "labels");
  if (names.length !== count) {
    throw new ServiceError(
      "invalid",
      `labels has ${names.length} cells but scores has ${count}; give them the same shape`
    );
  }
  const resolve = labelResolverFor(ruleset);
  return names.map((name) => {
    if (name === null || name === undefined || name === "") return undefined;
    const id = resolve(name);
    if (id === undefined) {
      throw new ServiceError(
        "invalid",
        `"${String(name)}" is not a dimension of ruleset ${ruleset.version} (${dimensions.map((d) => d.name.en).join(", ")})`
      );
    }
    return id;
  });
}

const resolvers = new WeakMap<Ruleset, ReturnType<typeof dimensionLabelResolver>>();

/** One label resolver per ruleset: building it for every cell of a recalculation would be waste. */
function labelResolverFor(ruleset: Ruleset): ReturnType<typeof dimensionLabelResolver> {
  let resolve = resolvers.get(ruleset);
  if (resolve === undefined) {
    resolve = dimensionLabelResolver(ruleset.rules);
    resolvers.set(ruleset, resolve);
  }
  return resolve;
}

/** Preliminary answers, in the order of the ruleset's criteria; a blank cell is left unanswered. */
function answers(cells: unknown[], ruleset: Ruleset): Record<string, boolean> {
  const criteria = ruleset.rules.preliminaryCriteria;
  if (cells.length !== criteria.length) {
    throw new ServiceError(
      "invalid",
      `preliminary has ${cells.length} cells but ruleset ${ruleset.version} has ${criteria.length} criteria (${criteria.map((c) => c.name.en).join(", ")})`
    );
  }
  const result: Record<string, boolean> = {};
  cells.forEach((cell, index) => {
    const reading = readAnswer(cell);
    if (reading.kind === "invalid")
      throw new ServiceError("invalid", `${criteria[index].name.en}: ${reading.problem.en}`);
    if (reading.kind === "answer") result[criteria[index].id] = reading.value;
  });
  return result;
}

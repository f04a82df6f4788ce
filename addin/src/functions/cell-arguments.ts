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
 * Blank cells: Excel on the web passes them as null, Excel desktop as 0
 * (office-js #1951, #4702, #5262), so on desktop only the cell itself can say
 * whether a 0 was typed. What the Office layer read about an argument's cells
 * (cell-facts.ts, from the addresses Excel gives a function declared with
 * @requiresParameterAddresses): `blank[i]` says the i-th cell is empty (its value
 * type is Empty) and `percentFormatted[i]` that it shows a percentage (0.85
 * means 85%). Every argument read from cells — scores, labels, preliminary,
 * overall, version — goes through `cellValue`, the one place a blank is told
 * apart: with the facts, an empty cell is blank whatever value came; without
 * them (value preview, outside Excel, a host that withheld the addresses), null
 * and "" are blank and a 0 cannot be told from a blank, so the formula answers
 * #N/A saying so rather than silently score a blank as 0 (README, "Blank cells").
 */
export interface CellFacts {
  blank: boolean[];
  percentFormatted: boolean[];
}

/** The arguments read from cells, by the name the README and the messages use. */
export type ArgumentName = "scores" | "labels" | "preliminary" | "overall" | "version";
export type ArgumentFacts = Partial<Record<ArgumentName, CellFacts>>;

export type Grid = unknown[][] | null | undefined;

export interface ScoreArguments {
  scores: Grid;
  labels?: Grid;
  preliminary?: Grid;
  overall?: unknown;
}

const SHOWN: Record<ArgumentName, string> = {
  scores: "Scores",
  labels: "Labels",
  preliminary: "Preliminary",
  overall: "Overall",
  version: "Version",
};

/**
 * The value of the `index`-th cell of an argument, with a blank as null on every platform.
 * Throws (#N/A) for a 0 that may be a desktop blank when the cell's facts are unknown.
 */
export function cellValue(
  value: unknown,
  index: number,
  facts: CellFacts | undefined,
  argument: ArgumentName
): unknown {
  if (value === null || value === undefined || value === "") return null;
  if (facts !== undefined) return facts.blank[index] ? null : value;
  if (value === 0) {
    throw new ServiceError(
      "unavailable",
      `${SHOWN[argument]}: Excel did not give this formula its cells' addresses, so a blank cell cannot be told from 0. Recalculate (Ctrl+Alt+F9), or type the 0 as text "0"`
    );
  }
  return value;
}

/** The cells of a one-row or one-column argument, blanks as null. */
function cellsOf(grid: Grid, facts: CellFacts | undefined, argument: ArgumentName): unknown[] {
  const values = line(grid, argument);
  const known = facts !== undefined && facts.blank.length === values.length ? facts : undefined;
  return values.map((value, index) => cellValue(value, index, known, argument));
}

/** A one-cell argument (a cell or a 1×1 range), blank as null; `index` 0 of its facts. */
export function singleCell(
  value: unknown,
  facts: CellFacts | undefined,
  argument: ArgumentName
): unknown {
  const cell = single(value, argument);
  const known = facts !== undefined && facts.blank.length === 1 ? facts : undefined;
  return cellValue(cell, 0, known, argument);
}

export function toApplication(
  args: ScoreArguments,
  ruleset: Ruleset,
  facts: ArgumentFacts = {}
): Application {
  const values = cellsOf(args.scores, facts.scores, "scores");
  const formats =
    facts.scores !== undefined && facts.scores.percentFormatted.length === values.length
      ? facts.scores.percentFormatted
      : undefined;
  const dimensionIds = dimensionsFor(values.length, args.labels, ruleset, facts.labels);
  // Without the cells' formats, a row of numbers all within 0–1 reads as fractions (see looksLikeFractions).
  const fractionRow = formats === undefined && looksLikeFractions(values);
  const scores: Record<string, number | null> = {};
  values.forEach((value, index) => {
    const id = dimensionIds[index];
    if (id === undefined) return; // an unlabelled extra column: not a score
    const reading = readScore(value, { fraction: formats ? formats[index] : fractionRow });
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
    const cell = singleCell(args.overall, facts.overall, "overall");
    const overall = readScore(cell, { fraction: facts.overall?.percentFormatted[0] === true });
    if (overall.kind === "invalid")
      throw new ServiceError("invalid", `Overall: ${overall.problem.en}`);
    if (overall.kind === "score") application.overall = overall.percent;
  }
  if (args.preliminary !== null && args.preliminary !== undefined) {
    application.preliminary = answers(
      cellsOf(args.preliminary, facts.preliminary, "preliminary"),
      ruleset
    );
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

function single(value: unknown, argument: ArgumentName): unknown {
  if (!Array.isArray(value)) return value;
  const cells = line(value as unknown[][], argument);
  if (cells.length !== 1) throw new ServiceError("invalid", `${argument} must be one cell`);
  return cells[0];
}

/** The dimension id of each score: from the labels when given, else the ruleset's order. */
function dimensionsFor(
  count: number,
  labels: Grid,
  ruleset: Ruleset,
  facts: CellFacts | undefined
): (string | undefined)[] {
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
  const names = cellsOf(labels, facts, "labels");
  if (names.length !== count) {
    throw new ServiceError(
      "invalid",
      `labels has ${names.length} cells but scores has ${count}; give them the same shape`
    );
  }
  const resolve = labelResolverFor(ruleset);
  return names.map((name) => {
    if (name === null) return undefined;
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

/** A version argument: a cell, a 1×1 range or a typed value; blank (or omitted) is undefined. */
export function versionArgument(value: unknown, facts?: CellFacts): string | undefined {
  const cell = singleCell(value, facts, "version");
  if (cell === null) return undefined;
  const text = String(cell).trim();
  return text === "" ? undefined : text;
}

import {
  type Application,
  createLabelResolver,
  dimensionLabelResolver,
  type LabelResolver,
  looksLikeFractions,
  readAnswer,
  readScore,
  type Ruleset,
  showValue,
  type LocalizedText,
  namedProblem,
  thaiDigitsToAscii,
} from "@smartcity/shared";
import { ServiceError } from "../client/service-error";
import { ARGUMENT_NAMES, type ArgumentName, cellMessages as says } from "./cell-messages";
import type { CellFacts } from "../office/cell-facts";

/**
 * Turning a formula's arguments (as Excel passes them: ranges as 2-D arrays,
 * omitted optional arguments as null) into an Application of the HTTP contract.
 * Every reading rule comes from @smartcity/shared; this only walks the cells (one exception:
 * the text of a rubric item's points, `pointsOf`, for which shared has no reader yet).
 *
 * Blank cells: Excel on the web passes them as null, Excel desktop as 0
 * (office-js #1951, #4702, #5262), so on desktop only the cell itself can say
 * whether a 0 was typed. What the Office layer read about an argument's cells
 * (cell-facts.ts, from the addresses Excel gives a function declared with
 * @requiresParameterAddresses): `blank[i]` says the i-th cell is empty (its value
 * type is Empty) and `percentFormatted[i]` that it shows a percentage (0.85
 * means 85%). Every argument read from cells — scores, labels, preliminary or
 * requirements, overall, track, version — goes through `cellValue`, the one place a blank is told
 * apart: with the facts, an empty cell is blank whatever value came; without
 * them (value preview, outside Excel, a host that withheld the addresses), null
 * and "" are blank and a 0 cannot be told from a blank, so the formula answers
 * #N/A saying so rather than silently score a blank as 0 (docs/excel-functions.md, "Blank cells").
 */
export type { CellFacts };

export type { ArgumentName };
export type ArgumentFacts = Partial<Record<ArgumentName, CellFacts>>;

export type Grid = unknown[][] | null | undefined;

export interface ScoreArguments {
  scores: Grid;
  labels?: Grid;
  /** ELIGIBLE's and REASONS's answers argument (see `requirementAnswers` for its two layouts). */
  preliminary?: Grid;
  /** OUTCOME's answers argument: read exactly as `preliminary`. */
  requirements?: Grid;
  overall?: unknown;
  track?: unknown;
}

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
    throw new ServiceError("unavailable", says.zeroOrBlank(argument));
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
  const columns = columnsFor(values.length, args.labels, ruleset, facts.labels);
  // Without the cells' formats, a row of percents all within 0–1 reads as fractions (see
  // looksLikeFractions); rubric points are counts, not percents, so they do not take part.
  const fractionRow =
    formats === undefined &&
    looksLikeFractions(values.filter((_, index) => columns[index]?.item === undefined));
  const scores: Record<string, number | null> = {};
  let points: Record<string, Record<string, number | null>> | undefined;
  values.forEach((value, index) => {
    const column = columns[index];
    if (column === undefined) return; // an unlabelled extra column: not a score
    const id = column.dimension;
    if (column.item !== undefined) {
      points ??= {};
      const items = (points[id] ??= {});
      if (column.item in items && items[column.item] !== null)
        throw new ServiceError("invalid", says.labelledTwice(column.shown));
      items[column.item] = pointsOf(value, column.shown);
      return;
    }
    const reading = readScore(value, { fraction: formats ? formats[index] : fractionRow });
    if (reading.kind === "invalid")
      throw new ServiceError("invalid", namedProblem(nameOf(id, ruleset), reading.problem));
    if (reading.kind === "blank") {
      if (!(id in scores)) scores[id] = null;
      return;
    }
    if (typeof scores[id] === "number")
      throw new ServiceError("invalid", says.labelledTwice(nameOf(id, ruleset)));
    scores[id] = reading.percent;
  });

  const application: Application = { scores };
  if (args.overall !== null && args.overall !== undefined) {
    const cell = singleCell(args.overall, facts.overall, "overall");
    const overall = readScore(cell, { fraction: facts.overall?.percentFormatted[0] === true });
    if (overall.kind === "invalid")
      throw new ServiceError("invalid", namedProblem(ARGUMENT_NAMES.overall, overall.problem));
    if (overall.kind === "score") application.overall = overall.percent;
  }
  for (const argument of ["preliminary", "requirements"] as const) {
    const grid = args[argument];
    if (grid === null || grid === undefined) continue;
    Object.assign(
      application,
      requirementAnswers(cellsOf(grid, facts[argument], argument), ruleset, argument)
    );
  }
  // Blank item cells are sent as null: shared's rule makes a dimension with no item given
  // points not proposed (read-later-fields.ts), so none is decided here.
  if (points !== undefined) application.points = points;
  const track = trackArgument(args.track, facts.track);
  if (track !== undefined) application.track = track;
  return application;
}

/**
 * A rubric item's points as typed: a number, or text of a number in ASCII or Thai digits; blank
 * is null. The range (0 to the item's maxPoints) is the service's rule (INVALID_POINTS), so it is
 * not checked here. (When the workbook import reads rubric items, this belongs in shared beside
 * readScore, for both to use.)
 */
function pointsOf(value: unknown, shown: LocalizedText): number | null {
  if (value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const text = thaiDigitsToAscii(value.normalize("NFC")).trim();
    if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) return Number(text);
  }
  throw new ServiceError("invalid", says.notPoints(shown, showValue(value)));
}

function nameOf(id: string, ruleset: Ruleset): LocalizedText {
  return (
    ruleset.rules.dimensions.find((dimension) => dimension.id === id)?.name ?? { en: id, th: id }
  );
}

/** The cells of a one-row or one-column range, in order. */
export function line(grid: Grid, what: ArgumentName): unknown[] {
  if (!Array.isArray(grid) || grid.length === 0)
    throw new ServiceError("invalid", says.notARange(what));
  if (grid.length === 1) return grid[0];
  if (grid.every((row) => Array.isArray(row) && row.length === 1)) return grid.map((row) => row[0]);
  throw new ServiceError("invalid", says.notOneLine(what, grid.length, grid[0].length));
}

function single(value: unknown, argument: ArgumentName): unknown {
  if (!Array.isArray(value)) return value;
  const cells = line(value as unknown[][], argument);
  if (cells.length !== 1) throw new ServiceError("invalid", says.notOneCell(argument));
  return cells[0];
}

/** What a score column holds: a dimension's percent, or (with `item`) a rubric item's points. */
interface Column {
  dimension: string;
  item?: string;
  /** The column as the messages name it. */
  shown: LocalizedText;
}

/** The column of each score: from the labels when given, else the ruleset's dimension order. */
function columnsFor(
  count: number,
  labels: Grid,
  ruleset: Ruleset,
  facts: CellFacts | undefined
): (Column | undefined)[] {
  const dimensions = ruleset.rules.dimensions;
  if (labels === null || labels === undefined) {
    if (count > dimensions.length) {
      throw new ServiceError(
        "invalid",
        says.tooManyScores(count, ruleset.version, dimensions.length)
      );
    }
    return dimensions
      .slice(0, count)
      .map((dimension) => ({ dimension: dimension.id, shown: dimension.name }));
  }
  const names = cellsOf(labels, facts, "labels");
  if (names.length !== count) {
    throw new ServiceError("invalid", says.labelsShape(names.length, count));
  }
  const { dimension: resolve, item: resolveItem } = labelResolversFor(ruleset);
  return names.map((name) => {
    if (name === null) return undefined;
    const id = resolve(name);
    if (id !== undefined) return { dimension: id, shown: nameOf(id, ruleset) };
    const item = resolveItem(name);
    if (item !== undefined) {
      const [dimension, itemId] = item.split(ITEM_SEPARATOR);
      return { dimension, item: itemId, shown: { en: String(name), th: String(name) } };
    }
    const rubric = dimensions.find((dimension) => dimension.items?.length);
    const firstItem = rubric?.items?.[0];
    const example =
      rubric && firstItem
        ? {
            id: `${rubric.id}.${firstItem.id}`,
            name: { en: "", th: `${rubric.name.th}: ${firstItem.name.th}` },
          }
        : undefined;
    throw new ServiceError(
      "invalid",
      says.unknownLabel(
        String(name),
        ruleset.version,
        dimensions.map((dimension) => dimension.name),
        example
      )
    );
  });
}

const ITEM_SEPARATOR = "\u0000";

interface LabelResolvers {
  dimension: LabelResolver;
  /** A rubric item's label to `${dimension}\u0000${item}`. */
  item: LabelResolver;
}

const resolvers = new WeakMap<Ruleset, LabelResolvers>();

/** One set of label resolvers per ruleset: building them for every cell of a recalculation would be waste. */
function labelResolversFor(ruleset: Ruleset): LabelResolvers {
  let found = resolvers.get(ruleset);
  if (found === undefined) {
    const rules = ruleset.rules;
    found = {
      dimension: dimensionLabelResolver(rules),
      // A rubric item is named with its dimension, as "environment.resourceCare" (ids) or
      // "Smart Environment: resource care" (names): item names alone repeat across dimensions.
      item: createLabelResolver(
        rules.dimensions.flatMap((dimension) =>
          (dimension.items ?? []).map((item) => ({
            id: `${dimension.id}${ITEM_SEPARATOR}${item.id}`,
            name: {
              en: `${dimension.name.en}: ${item.name.en}`,
              th: `${dimension.name.th}: ${item.name.th}`,
            },
            aliases: [`${dimension.id}.${item.id}`],
          }))
        )
      ),
    };
    resolvers.set(ruleset, found);
  }
  return found;
}

/**
 * The track (city type) a formula names, as written: the engine reads its id, English or Thai
 * name (shared's one rule for it) and answers UNKNOWN_TRACK in its own words for any other.
 * Blank (or omitted) is undefined, the ruleset's default track.
 */
export function trackArgument(value: unknown, facts?: CellFacts): string | undefined {
  if (value === null || value === undefined) return undefined;
  const cell = singleCell(value, facts, "track");
  if (cell === null) return undefined;
  const text = String(cell).trim();
  return text === "" ? undefined : text;
}

/** One requirement group as the answers argument lays it out. */
interface GroupLayout {
  /** undefined: the preliminary group (sent as `preliminary`). */
  id?: string;
  items: readonly { id: string; name: LocalizedText }[];
  name?: LocalizedText;
}

/**
 * The answers of ELIGIBLE's `preliminary` and OUTCOME's `requirements`: one row or column of
 * yes/no cells, in one of two layouts, told apart by the number of cells.
 * - The preliminary criteria alone, in the ruleset's order (the layout with one cell per preliminary criterion).
 * - Every requirement item of the ruleset: the preliminary criteria, then each of
 *   `requirementGroups` in the ruleset's order, each group's items in order.
 * In both, a group whose cells are all blank (the preliminary criteria too) is not assessed
 * (left out of the request), and in a group with any answer a blank cell is not answered (the
 * engine fails the group for it). That is how the consolidation reads an evaluator's row
 * (consolidate.ts: criteria nobody answered are not assessed), so a cell shows what the
 * committee's consolidated figure will say; before, five blank criteria in the first layout
 * failed as "not answered" while ten blank cells in the second were "not assessed".
 * With no requirement groups beyond the preliminary one, the two layouts are the same.
 */
export function requirementAnswers(
  cells: unknown[],
  ruleset: Ruleset,
  argument: "preliminary" | "requirements"
): Pick<Application, "preliminary" | "requirements"> {
  const rules = ruleset.rules;
  const preliminary: GroupLayout = { items: rules.preliminaryCriteria };
  const groups: GroupLayout[] = [
    preliminary,
    ...(rules.requirementGroups ?? []).map((group) => ({
      id: group.id,
      name: group.name,
      items: group.items,
    })),
  ];
  const total = groups.reduce((sum, group) => sum + group.items.length, 0);
  if (cells.length === preliminary.items.length) {
    if (cells.every((cell) => cell === null)) return {}; // not assessed (see above)
    return { preliminary: groupAnswers(cells, preliminary) };
  }
  if (cells.length !== total) {
    throw new ServiceError(
      "invalid",
      says.answersCount(
        argument,
        cells.length,
        ruleset.version,
        preliminary.items.map((item) => item.name),
        groups.slice(1).map((group) => ({
          name: group.name ?? { en: "", th: "" },
          items: group.items.map((item) => item.name),
        }))
      )
    );
  }
  const answers: Pick<Application, "preliminary" | "requirements"> = {};
  let at = 0;
  for (const group of groups) {
    const own = cells.slice(at, at + group.items.length);
    at += group.items.length;
    if (own.every((cell) => cell === null)) continue; // not assessed (see above)
    const read = groupAnswers(own, group);
    if (group.id === undefined) answers.preliminary = read;
    else (answers.requirements ??= {})[group.id] = read;
  }
  return answers;
}

/** One group's answers by item id; a blank cell is left unanswered. */
function groupAnswers(cells: unknown[], group: GroupLayout): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  cells.forEach((cell, index) => {
    const item = group.items[index];
    const reading = readAnswer(cell);
    if (reading.kind === "invalid")
      throw new ServiceError("invalid", namedProblem(item.name, reading.problem));
    if (reading.kind === "answer") result[item.id] = reading.value;
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

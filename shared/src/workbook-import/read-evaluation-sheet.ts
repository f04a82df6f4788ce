import type { ImportWarning, WarningCode } from "../contract/consolidation-contract";
import { at, importMessages, location } from "../consolidation/consolidation-messages";
import {
  type ColumnRole,
  columnRole,
  itemName,
  qualifiedItemName,
  trackOfCell,
} from "./evaluation-columns";
import type { LocalizedText } from "../text/localized-text";
import { readScore, looksLikeFractions } from "./normalise-score";
import { scoreProblems, showValue } from "../rules/messages";
import { toPersonDecimal } from "../text/person-decimal";
import { readAnswer } from "./read-answer";
import { rubricPercent } from "../rules/read-later-fields";
import { thaiDigitsToAscii } from "../text/thai-digits";
import type { Rules } from "../rules/ruleset-schema";
import {
  cellAddress,
  type CellSnapshot,
  type CellValue,
  parseCellAddress,
  type SheetSnapshot,
} from "./sheet-snapshot";

/**
 * Reading one evaluator's sheet: find the header row, then read each row
 * below it into an entry (one evaluator's scores for one applicant).
 *
 * Decisions:
 * - The header is the row, within the first 20, that names the most known
 *   columns, among those that name an applicant id or name and at least one
 *   dimension; the first such row wins a tie. Titles above it, merged cells,
 *   hidden columns (read like any other: hiding is not deleting) and empty
 *   rows are normal. A sheet without such a row is skipped with a warning.
 * - The evaluator is the row's Evaluator column when it has one, else a cell
 *   labelled Evaluator / ผู้ประเมิน above the header (its value is the text
 *   after a colon in the same cell, or the next filled cell to its right),
 *   else the caller's fallback (the file name).
 * - A score cell formatted as a percentage holds a fraction (0.85 → 85);
 *   any other number is a percent as written; text "85", "85%", "๘๕" is a
 *   percent (see normalise-score.ts). A column of numbers within 0–1 that is
 *   not percent-formatted is read as written, with one warning for the column.
 * - A value that is not a score or an answer is a warning with its cell and
 *   counts as not given (so it shows as missing): never a silent zero.
 * - A row with values but neither an applicant id nor a name is left out
 *   with a warning; a row with nothing in the known columns is skipped.
 */
export interface CellValueAt<T> {
  value: T;
  /** The A1 address on its sheet. */
  cell: string;
}

export interface EvaluatorEntry {
  applicantId: string | null;
  applicantName: string | null;
  evaluator: string;
  file: string;
  sheet: string;
  /** 1-based row number on the sheet. */
  row: number;
  /** Readable dimension scores by dimension id. */
  scores: Record<string, CellValueAt<number>>;
  /** The subcommittee's overall score when the row gives one. */
  overall: CellValueAt<number> | null;
  /** Readable preliminary answers by criterion id. */
  answers: Record<string, CellValueAt<boolean>>;
  /** Items (dimension id, `overall`, criterion id) whose cell could not be read. */
  unreadable: Array<{ item: string; cell: string; message: LocalizedText }>;
  // The later criteria's columns (only under a ruleset that has them). An unreadable one is in
  // `unreadable` keyed `track`, `group.item` or `dimension.item`.
  /** The track the row names, by id. */
  track?: CellValueAt<string>;
  /** Readable requirement answers: group id → item id → answer. Blank is not answered, never false. */
  requirements?: Record<string, Record<string, CellValueAt<boolean>>>;
  /** Readable rubric points: dimension id → item id → points. */
  points?: Record<string, Record<string, CellValueAt<number>>>;
}

export interface SheetReading {
  recognised: boolean;
  /** The evaluator named above the header, if any. */
  labelledEvaluator: string | null;
  entries: EvaluatorEntry[];
  warnings: ImportWarning[];
}

export const HEADER_SEARCH_ROWS = 20;

/** The rules a sheet is read under: the later criteria's constructs are optional (a 2018 ruleset has none). */
export type SheetRules = Pick<Rules, "dimensions" | "preliminaryCriteria"> &
  Partial<Pick<Rules, "requirementGroups" | "tracks" | "outcomes">>;

interface HeaderLayout {
  row: number;
  id?: number;
  name?: number;
  evaluator?: number;
  overall?: number;
  dimensions: Map<string, number>;
  criteria: Map<string, number>;
  track?: number;
  /** `group.item` → column. */
  requirements: Map<string, number>;
  /** `dimension.item` → column. */
  points: Map<string, number>;
  ignored: Array<{ column: number; label: string }>;
  duplicates: Array<{ column: number; item: string; first: number }>;
}

export function readEvaluationSheet(
  sheet: SheetSnapshot,
  rules: SheetRules,
  file: string,
  fallbackEvaluator: string
): SheetReading {
  const warnings: ImportWarning[] = [];
  const warn = (
    code: WarningCode,
    row: number | null,
    column: number | null,
    text: LocalizedText
  ) => {
    const cell = row === null || column === null ? null : cellAddress(row, column);
    warnings.push({
      code,
      sheet: sheet.name,
      cell,
      message: at(location(file, sheet.name, cell), text),
    });
  };

  const layout = findHeader(sheet, rules);
  if (layout === undefined) {
    warn("SHEET_SKIPPED", null, null, importMessages.sheetSkipped());
    return { recognised: false, labelledEvaluator: null, entries: [], warnings };
  }
  for (const { column, label } of layout.ignored)
    warn("COLUMN_IGNORED", layout.row, column, importMessages.columnIgnored(label));
  for (const { column, item, first } of layout.duplicates)
    warn(
      "DUPLICATE_COLUMN",
      layout.row,
      column,
      importMessages.duplicateColumn(qualifiedItemName(rules, item), cellAddress(layout.row, first))
    );

  const labelledEvaluator = findLabelledEvaluator(sheet, layout.row, rules);
  const scoreColumns = new Map(layout.dimensions);
  if (layout.overall !== undefined) scoreColumns.set("overall", layout.overall);
  for (const [item, column] of scoreColumns) {
    if (fractionsInPlainCells(sheet, layout.row, column))
      warn(
        "FRACTION_IN_PERCENT_COLUMN",
        layout.row,
        column,
        importMessages.fractionsInPlainColumn(itemName(rules, item))
      );
  }

  const entries: EvaluatorEntry[] = [];
  for (let row = layout.row + 1; row < sheet.rows.length; row++) {
    const cells = sheet.rows[row];
    if (cells === undefined) continue;
    const valueAt = (column: number | undefined): CellValue =>
      column === undefined ? null : (cells[column]?.value ?? null);
    const usedColumns = [
      layout.id,
      layout.name,
      layout.evaluator,
      ...scoreColumns.values(),
      ...layout.criteria.values(),
      layout.track,
      ...layout.requirements.values(),
      ...layout.points.values(),
    ];
    if (usedColumns.every((column) => isBlank(valueAt(column)))) continue;

    const applicantId = text(valueAt(layout.id));
    const applicantName = text(valueAt(layout.name));
    if (applicantId === null && applicantName === null) {
      warn("ROW_WITHOUT_APPLICANT", row, 0, importMessages.rowWithoutApplicant(row + 1));
      continue;
    }
    const entry: EvaluatorEntry = {
      applicantId,
      applicantName,
      evaluator: text(valueAt(layout.evaluator)) ?? labelledEvaluator ?? fallbackEvaluator,
      file,
      sheet: sheet.name,
      row: row + 1,
      scores: {},
      overall: null,
      answers: {},
      unreadable: [],
    };
    const unreadable = (
      code: WarningCode,
      item: string,
      column: number,
      problem: LocalizedText
    ) => {
      warn(code, row, column, problem);
      entry.unreadable.push({
        item,
        cell: cellAddress(row, column),
        message: warnings[warnings.length - 1].message,
      });
    };

    for (const [item, column] of scoreColumns) {
      const cell = cells[column];
      const reading = readScoreCell(cell);
      if (reading.kind === "blank") continue;
      if (reading.kind === "invalid") {
        const code = reading.noValue ? "FORMULA_WITHOUT_VALUE" : "UNREADABLE_SCORE";
        unreadable(
          code,
          item,
          column,
          importMessages.unreadableScore(itemName(rules, item), reading.problem)
        );
        continue;
      }
      const value = { value: reading.percent, cell: cellAddress(row, column) };
      if (item === "overall") entry.overall = value;
      else entry.scores[item] = value;
    }
    for (const [item, column] of layout.criteria) {
      const reading = readAnswerCell(cells[column]);
      if (reading.kind === "blank") continue;
      if (reading.kind === "invalid") {
        unreadable(
          "UNREADABLE_ANSWER",
          item,
          column,
          importMessages.unreadableAnswer(itemName(rules, item), reading.problem)
        );
        continue;
      }
      entry.answers[item] = { value: reading.value, cell: cellAddress(row, column) };
    }
    readLaterColumns(entry, cells, row, layout, rules, unreadable);
    entries.push(entry);
  }
  return { recognised: true, labelledEvaluator, entries, warnings };
}

function findHeader(sheet: SheetSnapshot, rules: SheetRules): HeaderLayout | undefined {
  let best: HeaderLayout | undefined;
  let bestCount = 0;
  const lastRow = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < lastRow; row++) {
    const layout = layoutOfRow(sheet, row, rules);
    if (layout === undefined) continue;
    const count =
      layout.dimensions.size +
      layout.criteria.size +
      layout.requirements.size +
      layout.points.size +
      [layout.id, layout.name, layout.evaluator, layout.overall, layout.track].filter(
        (c) => c !== undefined
      ).length;
    if (count > bestCount) {
      best = layout;
      bestCount = count;
    }
  }
  return best;
}

function layoutOfRow(
  sheet: SheetSnapshot,
  row: number,
  rules: SheetRules
): HeaderLayout | undefined {
  const cells = sheet.rows[row];
  if (cells === undefined) return undefined;
  const layout: HeaderLayout = {
    row,
    dimensions: new Map(),
    criteria: new Map(),
    requirements: new Map(),
    points: new Map(),
    ignored: [],
    duplicates: [],
  };
  const seen = new Map<string, number>();
  for (let column = 0; column < cells.length; column++) {
    const label = headerText(sheet, cells[column]);
    if (label === null) continue;
    const role = columnRole(label, rules);
    if (role === undefined) {
      layout.ignored.push({ column, label });
      continue;
    }
    if (role.kind === "computed") continue;
    const key = roleKey(role);
    const first = seen.get(key);
    if (first !== undefined) {
      layout.duplicates.push({ column, item: itemKey(role), first });
      continue;
    }
    seen.set(key, column);
    if (role.kind === "dimension") layout.dimensions.set(role.id, column);
    else if (role.kind === "criterion") layout.criteria.set(role.id, column);
    else if (role.kind === "requirement") layout.requirements.set(itemKey(role), column);
    else if (role.kind === "points") layout.points.set(itemKey(role), column);
    else layout[role.kind] = column;
  }
  const namesApplicant = layout.id !== undefined || layout.name !== undefined;
  // A rubric item counts as a dimension: a sheet may score a rubric dimension by points alone.
  const scores = layout.dimensions.size > 0 || layout.points.size > 0;
  return namesApplicant && scores ? layout : undefined;
}

/** How the import keys an item: a dimension or criterion id, `group.item`, `dimension.item`, or the role. */
function itemKey(role: ColumnRole): string {
  if (role.kind === "dimension" || role.kind === "criterion") return role.id;
  if (role.kind === "requirement") return `${role.group}.${role.item}`;
  if (role.kind === "points") return `${role.dimension}.${role.item}`;
  return role.kind;
}

function roleKey(role: ColumnRole): string {
  return `${role.kind}:${itemKey(role)}`;
}

/**
 * The track, requirement answers and rubric points of one row. Decisions:
 * - A track cell names a track by id or either name; anything else is a warning and counts
 *   as not given.
 * - A requirement answer reads as a preliminary one (yes/no in Thai or English, TRUE/FALSE,
 *   ✓/✗); blank is not answered, never "no".
 * - Points are a number (Thai digits too) from 0 to the item's maximum; anything else is a
 *   warning and counts as missing, never 0.
 * - A rubric dimension's percent cell beside points (the add-in's sheet computes it from
 *   them) is set aside when it is what the row's points give (blank items as 0, as the
 *   engine counts them), to 0.01; when it is not, the dimension of that row is unreadable:
 *   which of the two the evaluator meant is not guessed.
 */
function readLaterColumns(
  entry: EvaluatorEntry,
  cells: readonly (CellSnapshot | undefined)[],
  row: number,
  layout: HeaderLayout,
  rules: SheetRules,
  unreadable: (code: WarningCode, item: string, column: number, problem: LocalizedText) => void
): void {
  if (layout.track !== undefined) {
    const cell = cells[layout.track];
    const value = cell === undefined || cell.mergedInto !== undefined ? null : cell.value;
    if (!isBlank(value)) {
      const track = trackOfCell(value, rules);
      if (track !== undefined) entry.track = { value: track, cell: cellAddress(row, layout.track) };
      else
        unreadable(
          "UNREADABLE_TRACK",
          "track",
          layout.track,
          importMessages.unknownTrack(
            text(value) ?? String(value),
            (rules.tracks ?? []).map((track) => track.name)
          )
        );
    }
  }
  const requirements: NonNullable<EvaluatorEntry["requirements"]> = {};
  if (layout.requirements.size > 0) entry.requirements = requirements;
  for (const [key, column] of layout.requirements) {
    const reading = readAnswerCell(cells[column]);
    if (reading.kind === "blank") continue;
    if (reading.kind === "invalid") {
      unreadable(
        "UNREADABLE_ANSWER",
        key,
        column,
        importMessages.unreadableAnswer(qualifiedItemName(rules, key), reading.problem)
      );
      continue;
    }
    const [group, item] = key.split(".");
    const answers = (requirements[group] ??= {});
    answers[item] = { value: reading.value, cell: cellAddress(row, column) };
  }
  const allPoints: NonNullable<EvaluatorEntry["points"]> = {};
  if (layout.points.size > 0) entry.points = allPoints;
  for (const [key, column] of layout.points) {
    const [dimensionId, itemId] = key.split(".");
    const maxPoints =
      rules.dimensions
        .find((dimension) => dimension.id === dimensionId)
        ?.items?.find((item) => item.id === itemId)?.maxPoints ?? 0;
    const reading = readPointsCell(cells[column], maxPoints);
    if (reading.kind === "blank") continue;
    if (reading.kind === "invalid") {
      unreadable(
        reading.noValue ? "FORMULA_WITHOUT_VALUE" : "UNREADABLE_POINTS",
        key,
        column,
        importMessages.pointsProblem(qualifiedItemName(rules, key), reading.problem, maxPoints)
      );
      continue;
    }
    const points = (allPoints[dimensionId] ??= {});
    points[itemId] = { value: reading.points, cell: cellAddress(row, column) };
  }
  for (const [dimensionId, points] of Object.entries(allPoints)) {
    const percent = entry.scores[dimensionId];
    const column = layout.dimensions.get(dimensionId);
    const dimension = rules.dimensions.find((candidate) => candidate.id === dimensionId);
    if (percent === undefined || column === undefined || dimension === undefined) continue;
    const fromPoints = percentFromPoints(points, dimension.items ?? []);
    delete entry.scores[dimensionId];
    if (Math.abs(percent.value - fromPoints) <= 0.01) continue;
    unreadable(
      "POINTS_AND_PERCENT_DIFFER",
      dimensionId,
      column,
      importMessages.percentDiffersFromPoints(dimension.name, percent.value, fromPoints)
    );
    delete allPoints[dimensionId];
  }
}

/** What a row's points give as the dimension's percent, blank items counting 0 (as the engine counts them). */
export function percentFromPoints(
  points: Record<string, CellValueAt<number>>,
  items: ReadonlyArray<{ id: string; maxPoints: number }>
): number {
  let sum = 0;
  let total = 0;
  for (const item of items) {
    sum += points[item.id]?.value ?? 0;
    total += item.maxPoints;
  }
  return rubricPercent(sum, total);
}

const POINTS_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/;

type CellPoints =
  | { kind: "blank" }
  | { kind: "points"; points: number }
  | { kind: "invalid"; problem: LocalizedText; noValue?: boolean };

function readPointsCell(cell: CellSnapshot | undefined, maxPoints: number): CellPoints {
  if (cell === undefined || cell.mergedInto !== undefined) return { kind: "blank" };
  const special = specialValueProblem(cell.value);
  if (special !== undefined) return special;
  const value = cell.value;
  let points: number;
  if (typeof value === "number") points = value;
  else if (typeof value === "string") {
    const written = thaiDigitsToAscii(value.normalize("NFC")).trim();
    if (written === "") return { kind: "blank" };
    const match = POINTS_TEXT.exec(written);
    if (match === null)
      return { kind: "invalid", problem: scoreProblems.notANumber(showValue(value)) };
    points = Number(match[1]);
  } else if (value === null) return { kind: "blank" };
  else return { kind: "invalid", problem: scoreProblems.notANumber(showValue(value)) };
  if (!Number.isFinite(points) || points < 0 || points > maxPoints)
    return { kind: "invalid", problem: importMessages.pointsOutOfRange(points) };
  return { kind: "points", points: toPersonDecimal(points) };
}

/** A header cell's text; a cell merged into another shows that cell's text. */
function headerText(sheet: SheetSnapshot, cell: CellSnapshot | undefined): string | null {
  if (cell === undefined) return null;
  const value = cell.mergedInto !== undefined ? valueAtAddress(sheet, cell.mergedInto) : cell.value;
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function valueAtAddress(sheet: SheetSnapshot, address: string): CellValue {
  const at = parseCellAddress(address);
  return at === undefined ? null : (sheet.rows[at.rowIndex]?.[at.columnIndex]?.value ?? null);
}

function findLabelledEvaluator(
  sheet: SheetSnapshot,
  headerRow: number,
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">
): string | null {
  for (let row = 0; row < headerRow; row++) {
    const cells = sheet.rows[row] ?? [];
    for (let column = 0; column < cells.length; column++) {
      const value = cells[column]?.value;
      if (typeof value !== "string") continue;
      const colon = value.search(/[:：]/);
      if (colon > 0 && columnRole(value.slice(0, colon), rules)?.kind === "evaluator") {
        const name = value.slice(colon + 1).trim();
        if (name !== "") return name;
      }
      if (columnRole(value, rules)?.kind !== "evaluator") continue;
      for (let next = column + 1; next < cells.length; next++) {
        const name = text(cells[next]?.value ?? null);
        if (name !== null) return name;
      }
    }
  }
  return null;
}

function fractionsInPlainCells(sheet: SheetSnapshot, headerRow: number, column: number): boolean {
  const values: number[] = [];
  for (let row = headerRow + 1; row < sheet.rows.length; row++) {
    const cell = sheet.rows[row]?.[column];
    if (cell !== undefined && !cell.percentFormat && typeof cell.value === "number")
      values.push(cell.value);
  }
  return looksLikeFractions(values);
}

type CellScore =
  | { kind: "blank" }
  | { kind: "score"; percent: number }
  | { kind: "invalid"; problem: LocalizedText; noValue?: boolean };

function readScoreCell(cell: CellSnapshot | undefined): CellScore {
  if (cell === undefined || cell.mergedInto !== undefined) return { kind: "blank" };
  const special = specialValueProblem(cell.value);
  if (special !== undefined) return special;
  return readScore(cell.value, { fraction: cell.percentFormat === true });
}

function readAnswerCell(cell: CellSnapshot | undefined) {
  if (cell === undefined || cell.mergedInto !== undefined) return { kind: "blank" } as const;
  const special = specialValueProblem(cell.value);
  if (special !== undefined) return special;
  return readAnswer(cell.value);
}

function specialValueProblem(
  value: CellValue
): { kind: "invalid"; problem: LocalizedText; noValue?: boolean } | undefined {
  if (value === null || typeof value !== "object") return undefined;
  if ("error" in value) return { kind: "invalid", problem: importMessages.errorValue(value.error) };
  if ("date" in value) return { kind: "invalid", problem: importMessages.dateValue(value.date) };
  return {
    kind: "invalid",
    problem: importMessages.formulaWithoutValue(value.formulaWithoutValue),
    noValue: true,
  };
}

function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}

/** An id, name or evaluator as text: trimmed, NFC; numbers as written (1001). */
function text(value: CellValue): string | null {
  if (typeof value === "string") {
    const trimmed = value.normalize("NFC").trim();
    return trimmed === "" ? null : trimmed;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

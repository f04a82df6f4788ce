import type { WarningCode } from "../contract/consolidation-contract";
import { importMessages } from "../consolidation/consolidation-messages";
import { qualifiedItemName, trackOfCell } from "./evaluation-columns";
import type { LocalizedText } from "../text/localized-text";
import { scoreProblems, showValue } from "../rules/messages";
import { toPersonDecimal } from "../text/person-decimal";
import { rubricPercent } from "../rules/read-later-fields";
import { thaiDigitsToAscii } from "../text/thai-digits";
import { cellAddress, type CellSnapshot } from "./sheet-snapshot";
import type { CellValueAt, EvaluatorEntry, SheetRules } from "./evaluator-entry";
import type { HeaderLayout } from "./evaluation-sheet-header";
import { readAnswerCell, specialValueProblem, isBlank, text } from "./sheet-cells";

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
export function readLaterColumns(
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

export const POINTS_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/;

export type CellPoints =
  | { kind: "blank" }
  | { kind: "points"; points: number }
  | { kind: "invalid"; problem: LocalizedText; noValue?: boolean };

export function readPointsCell(cell: CellSnapshot | undefined, maxPoints: number): CellPoints {
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

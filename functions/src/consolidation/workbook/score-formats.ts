import { columnLetter } from "@smartcity/shared";
import type { Worksheet } from "exceljs";

/**
 * The colours of a score against its bar, and the conditional formats that give them: a printed
 * score is its number in green at or above the bar that applied, in red under it.
 */
export const PASS = { fill: "FFDFF6DD", font: "FF107C10" };
export const FAIL = { fill: "FFFDE7E9", font: "FFA4262C" };
/** An outcome band between approval and the last one ("approved in principle"). */
export const BETWEEN = { fill: "FFFFF4CE", font: "FF8A5300" };

/**
 * Score formats down one column of the data rows from `first`, row i (0-based) against
 * `bars[i]`, the bar that applied to it; with no rows (`bars` empty), the range `first`..`last`
 * against `fallback`, so a sheet without applicants still carries its formats. One rule per
 * distinct bar, over every run of rows that have it (a multi-area range; the rule's formula is
 * relative to its first cell, as Excel reads it), so a ruleset's worth of tracks is a few rules
 * per column however the rows interleave.
 */
export function addScoreFormatsByRow(
  sheet: Worksheet,
  column: number,
  first: number,
  last: number,
  bars: readonly number[],
  fallback: number
): void {
  const letter = columnLetter(column - 1);
  if (bars.length === 0) {
    addScoreFormats(sheet, `${letter}${first}:${letter}${last}`, fallback);
    return;
  }
  const runs = new Map<number, string[]>();
  let start = 0;
  for (let i = 0; i < bars.length; i++) {
    if (i + 1 < bars.length && bars[i + 1] === bars[start]) continue;
    const list = runs.get(bars[start]) ?? [];
    list.push(`${letter}${first + start}:${letter}${first + i}`);
    runs.set(bars[start], list);
    start = i + 1;
  }
  for (const [bar, ranges] of runs) addScoreFormats(sheet, ranges.join(" "), bar);
}

/**
 * Green at or above the bar that applied, red under it: the number printed in its colour, which
 * reads the same in black and white (red is also bold where the applicant failed). Conditional
 * rather than painted, so a score corrected by hand recolours itself. No data bar: printed, a bar
 * filled the cell's whole height and covered the colour. `ref` may list several ranges
 * (space-separated); the formula is written for the first one's top-left cell.
 */
export function addScoreFormats(sheet: Worksheet, ref: string, bar: number): void {
  const topLeft = ref.split(":")[0];
  sheet.addConditionalFormatting({
    ref,
    rules: [
      {
        // Blank is "not proposed", not 0: only a number under the bar is red.
        type: "expression",
        formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}<${bar})`],
        priority: 1,
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: FAIL.fill } },
          font: { color: { argb: FAIL.font } },
        },
      },
      {
        type: "expression",
        formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}>=${bar})`],
        priority: 2,
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: PASS.fill } },
          font: { color: { argb: PASS.font } },
        },
      },
    ],
  });
}

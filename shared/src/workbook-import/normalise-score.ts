import type { LocalizedText } from "../text/localized-text";
import { scoreProblems, showValue } from "../rules/messages";
import { toPersonDecimal } from "../text/person-decimal";
import { percentProblem } from "../rules/read-application";
import { thaiDigitsToAscii } from "../text/thai-digits";

/**
 * Reading a score as a person typed it into a cell, for the add-in and the
 * workbook import. The API itself takes only numbers 0–100.
 *
 * Decisions:
 * - Blank (null, undefined, "" or only spaces) means "not proposed" — never 0.
 * - A number is a percent (85 means 85%), unless the caller says the cell is
 *   percent-formatted (`fraction: true`), in which case Excel stored the
 *   fraction and 0.85 means 85%. Where the cell's format is unknown, use
 *   `looksLikeFractions` on the whole row or column.
 * - Text is always a percent as written, with or without a "%" sign or a
 *   leading "ร้อยละ" ("percent"), in ASCII or Thai digits: "85", "85%",
 *   "๘๕", "ร้อยละ ๘๕". Text is never read as a fraction: a person who types
 *   "0.85" into a text cell means 0.85%.
 * - A decimal comma ("85,5") is refused rather than guessed: Thai documents use
 *   a decimal point, and in a thousands-separated number the comma means
 *   something else.
 * - Booleans, dates and anything else are not scores.
 */
export type ScoreReading =
  | { kind: "blank" }
  | { kind: "score"; percent: number }
  | { kind: "invalid"; problem: LocalizedText };

export interface ScoreReadingOptions {
  /** The cell is percent-formatted, so a number holds the fraction (0.85 for 85%). */
  fraction?: boolean;
}

const BLANK: ScoreReading = { kind: "blank" };
const PERCENT_TEXT = /^(?:ร้อยละ)?\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*[%％]?$/;

export function readScore(value: unknown, options: ScoreReadingOptions = {}): ScoreReading {
  if (value === null || value === undefined) return BLANK;
  if (typeof value === "number") {
    return checkedPercent(options.fraction ? value * 100 : value, value);
  }
  if (typeof value === "string") {
    const text = thaiDigitsToAscii(value.normalize("NFC")).trim();
    if (text === "") return BLANK;
    const match = PERCENT_TEXT.exec(text);
    if (match === null)
      return { kind: "invalid", problem: scoreProblems.notANumber(showValue(value)) };
    return checkedPercent(Number(match[1]), value);
  }
  return { kind: "invalid", problem: scoreProblems.notANumber(showValue(value)) };
}

function checkedPercent(percent: number, original: unknown): ScoreReading {
  if (Number.isNaN(percent))
    return { kind: "invalid", problem: scoreProblems.notANumber(showValue(original)) };
  // A cell can hold what no double can (1e999), or a fraction too large to be a percent.
  if (!Number.isFinite(percent))
    return { kind: "invalid", problem: scoreProblems.beyondRange(showValue(original), 100) };
  const rounded = toPersonDecimal(percent);
  // The problem names the percent as the person means it: "120 is above 100" for 120, "120%" and 1.2 in a % cell.
  const problem = percentProblem(rounded);
  return problem === undefined ? { kind: "score", percent: rounded } : { kind: "invalid", problem };
}

/**
 * Whether a row or column of numbers is better read as the fractions of
 * percent-formatted cells: every number lies within 0–1 and at least one lies
 * strictly between 0 and 1. [0.85, 0.7] are fractions; [85, 70] and [1, 0] are
 * percents (a plan scored 1% and 0% is possible; one scored 0.85% is not
 * something anybody writes). Text and blanks do not count either way.
 */
export function looksLikeFractions(values: readonly unknown[]): boolean {
  let sawStrictFraction = false;
  for (const value of values) {
    if (typeof value !== "number") continue;
    if (!(value >= 0 && value <= 1)) return false;
    if (value > 0 && value < 1) sawStrictFraction = true;
  }
  return sawStrictFraction;
}

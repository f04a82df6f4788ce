/**
 * Scores are decimals as people write them (90.3, 70.6); binary floating point
 * cannot hold most of them exactly, so sums drift: 90.3 + 70.6 + 79.1 is
 * 239.99999999999997, and its mean 79.99999999999999 would fail an 80% bar that
 * the committee's arithmetic passes. Every computed percent is therefore rounded
 * to nine decimal places before it is compared or reported. No score a person
 * writes has more than nine decimals, and a percent is at most 100, so the
 * rounding (100e9 < 2^53) removes only the drift.
 */
const SCALE = 1e9;

export function toPersonDecimal(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

/**
 * A percent for messages, shown to two decimals, unless that rounding would
 * make a failing value look equal to its bar (79.999 is not "80").
 */
export function formatPercent(value: number, bar?: number): string {
  const shown = Math.round(value * 100) / 100;
  if (bar !== undefined && value < bar && shown >= bar) return String(value);
  return shownPercent(shown);
}

// Number-to-text is the costliest step of building a reason, and scores repeat
// (a few thousand distinct values at most), so the texts are memoised.
const shownPercents = new Map<number, string>();
const MAX_MEMOISED = 20_000;

function shownPercent(value: number): string {
  let text = shownPercents.get(value);
  if (text === undefined) {
    if (shownPercents.size >= MAX_MEMOISED) shownPercents.clear();
    text = String(value);
    shownPercents.set(value, text);
  }
  return text;
}

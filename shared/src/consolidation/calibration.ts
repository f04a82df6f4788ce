import { toPersonDecimal } from "../text/person-decimal";
import { mean } from "./mean-median";
import { normaliseName } from "./normalise-name";

/**
 * How far each evaluator scores from the rest of the panel: shown to the committee, NEVER
 * applied. The committee's bars (70%, 80%) are absolute, so official scores stay as the
 * evaluators gave them; normalising (z-scores, as some judging platforms do) would move an
 * applicant across a bar that no evaluator put it across. What the committee needs is to see a
 * lenient or a severe evaluator, and read their scores knowing it.
 *
 * The measure is leave-one-out: an evaluator's offset on one applicant's dimension is their
 * score minus the mean of the OTHER evaluators' scores of that applicant and dimension (the
 * panel without them, so a lenient evaluator does not pull the comparison towards themself).
 * Where nobody else scored it, there is nothing to compare and it does not count.
 * - Per dimension: the offsets over the applicants where the evaluator and someone else scored
 *   it: how many, their mean, and their spread (sample standard deviation; none under two).
 * - Overall: per applicant, the mean of the evaluator's offsets over that applicant's compared
 *   dimensions, so each applicant counts once however many dimensions it proposed; then the
 *   same count, mean and spread over applicants.
 * - `exceeds`: the mean offset is further than `offsetPoints` from 0 (above, or below: a severe
 *   evaluator matters as much as a lenient one; exactly at the bar is not beyond it), over at
 *   least `minApplicants` applicants. Fewer applicants: too few to judge, never flagged.
 * Only percent scores are compared; a rubric dimension scored by points is compared by the
 * percent the evaluator wrote, if any. Figures are rounded as every computed percent is
 * (person-decimal.ts).
 */
/** The ruleset's `consolidation` leaves the bar out: 10 points over at least 5 applicants. */
export const CALIBRATION_DEFAULTS = { offsetPoints: 10, minApplicants: 5 } as const;

export interface CalibrationPanel {
  /** The evaluators that count for one applicant (after duplicates, copies and conflicts). */
  entries: readonly { evaluator: string; scores: Readonly<Record<string, number | undefined>> }[];
}

export interface CalibrationSettings {
  offsetPoints: number;
  minApplicants: number;
  /** The dimensions in the ruleset's order: the order of each evaluator's `dimensions`. */
  dimensions: readonly string[];
}

export interface OffsetFigures {
  applicants: number;
  meanOffset: number | null;
  spread: number | null;
  exceeds: boolean;
}

export interface EvaluatorCalibration extends OffsetFigures {
  evaluator: string;
  dimensions: (OffsetFigures & { dimension: string })[];
}

export function calibrate(
  panels: readonly CalibrationPanel[],
  settings: CalibrationSettings
): EvaluatorCalibration[] {
  // By normalised name, as the consolidation tells evaluators apart; shown as first written.
  const evaluators = new Map<
    string,
    { name: string; perDimension: Map<string, number[]>; perApplicant: number[] }
  >();
  for (const panel of panels) {
    const offsets = new Map<string, number[]>(); // evaluator key → this applicant's offsets
    for (const dimension of settings.dimensions) {
      const scored = panel.entries.filter((entry) => isScore(entry.scores[dimension]));
      if (scored.length < 2) continue;
      for (const entry of scored) {
        const others = scored.filter((other) => other !== entry);
        const offset =
          (entry.scores[dimension] as number) -
          mean(others.map((other) => other.scores[dimension] as number));
        const key = normaliseName(entry.evaluator);
        const known = evaluators.get(key) ?? {
          name: entry.evaluator,
          perDimension: new Map<string, number[]>(),
          perApplicant: [],
        };
        evaluators.set(key, known);
        const list = known.perDimension.get(dimension) ?? [];
        list.push(offset);
        known.perDimension.set(dimension, list);
        const mine = offsets.get(key) ?? [];
        mine.push(offset);
        offsets.set(key, mine);
      }
    }
    for (const [key, mine] of offsets) evaluators.get(key)?.perApplicant.push(mean(mine));
  }
  return [...evaluators.values()].map((known) => ({
    evaluator: known.name,
    ...figures(known.perApplicant, settings),
    dimensions: settings.dimensions
      .filter((dimension) => known.perDimension.has(dimension))
      .map((dimension) => ({
        dimension,
        ...figures(known.perDimension.get(dimension) ?? [], settings),
      })),
  }));
}

function figures(offsets: readonly number[], settings: CalibrationSettings): OffsetFigures {
  if (offsets.length === 0)
    return { applicants: 0, meanOffset: null, spread: null, exceeds: false };
  const centre = mean(offsets);
  const meanOffset = toPersonDecimal(centre);
  const spread =
    offsets.length < 2
      ? null
      : toPersonDecimal(
          Math.sqrt(
            offsets.reduce((sum, offset) => sum + (offset - centre) ** 2, 0) / (offsets.length - 1)
          )
        );
  return {
    applicants: offsets.length,
    meanOffset,
    spread,
    exceeds:
      offsets.length >= settings.minApplicants && Math.abs(meanOffset) > settings.offsetPoints,
  };
}

function isScore(value: number | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

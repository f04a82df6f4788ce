import type { CompiledBand } from "./compiled-rules";
import type { AnyOutcome } from "./evaluation-result";

/** The facts of one evaluation that a band's `when` is checked against. */
export interface BandFacts {
  overallPercent: number | null;
  /** The lowest percent of a proposed dimension; Infinity when none is proposed. */
  lowestPercent: number;
  proposedCount: number;
  /** No answered requirement group (the preliminary one included) has an item that failed. */
  requirementsMet: boolean;
}

/**
 * The outcome band: the first exactly when every rule holds (`eligible`); else the first later
 * band whose `when` holds, every condition an absolute figure; else the last, which catches the
 * rest. The schema guarantees the first and last bands take no `when` (structure-checks.ts).
 */
export function chooseOutcome(
  bands: readonly CompiledBand[],
  eligible: boolean,
  facts: BandFacts
): AnyOutcome {
  if (eligible) return bands[0].outcome;
  const last = bands.length - 1;
  for (let index = 1; index < last; index++) {
    const when = bands[index].when;
    if (when !== undefined && holds(when, facts)) return bands[index].outcome;
  }
  return bands[last].outcome;
}

function holds(when: NonNullable<CompiledBand["when"]>, facts: BandFacts): boolean {
  if (
    when.overallMinPercent !== undefined &&
    (facts.overallPercent === null || facts.overallPercent < when.overallMinPercent)
  )
    return false;
  if (when.dimensionMinPercent !== undefined && facts.lowestPercent < when.dimensionMinPercent)
    return false;
  if (when.minDimensions !== undefined && facts.proposedCount < when.minDimensions) return false;
  if (when.requirementsMet !== undefined && facts.requirementsMet !== when.requirementsMet)
    return false;
  return true;
}

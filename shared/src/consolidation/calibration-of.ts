import type { Calibration } from "../contract/calibration-contract";
import type { Rules } from "../rules/ruleset-schema";
import type { EvaluatorEntry } from "../workbook-import/evaluator-entry";
import { CALIBRATION_DEFAULTS, calibrate } from "./calibration";
import { evaluatorOffsetMessage } from "./calibration-messages";

/**
 * The consolidation's calibration, from the entries that counted for each applicant (after
 * duplicates, copies and declared conflicts are kept out), under the ruleset's bar or the
 * defaults; evaluators furthest from their panel first, each beyond the bar flagged
 * `EVALUATOR_OFFSET` with a sentence that says nothing was adjusted.
 */
export function calibrationOf(
  countedByApplicant: readonly (readonly EvaluatorEntry[])[],
  rules: Rules
): Calibration {
  const offsetPoints =
    rules.consolidation.calibrationOffsetPoints ?? CALIBRATION_DEFAULTS.offsetPoints;
  const minApplicants =
    rules.consolidation.calibrationMinApplicants ?? CALIBRATION_DEFAULTS.minApplicants;
  const evaluators = calibrate(
    countedByApplicant.map((entries) => ({
      entries: entries.map((entry) => ({
        evaluator: entry.evaluator,
        scores: Object.fromEntries(
          Object.entries(entry.scores).map(([dimension, score]) => [dimension, score.value])
        ),
      })),
    })),
    { offsetPoints, minApplicants, dimensions: rules.dimensions.map((dimension) => dimension.id) }
  );
  const distance = (offset: number | null) => (offset === null ? -1 : Math.abs(offset));
  return {
    offsetPoints,
    minApplicants,
    evaluators: evaluators
      .map((entry) => ({
        ...entry,
        flags:
          entry.exceeds && entry.meanOffset !== null
            ? [
                {
                  code: "EVALUATOR_OFFSET" as const,
                  message: evaluatorOffsetMessage(
                    entry.evaluator,
                    entry.meanOffset,
                    entry.applicants,
                    offsetPoints
                  ),
                },
              ]
            : [],
      }))
      .sort((a, b) => distance(b.meanOffset) - distance(a.meanOffset)),
  };
}

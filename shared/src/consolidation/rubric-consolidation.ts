import type { ConsolidatedScore, Flag, FlagCode } from "../contract/consolidation-contract";
import { flagMessages } from "./consolidation-messages";
import type { ConsolidatedPoints } from "../contract/consolidation-contract";
import { qualifiedItemName } from "../workbook-import/evaluation-columns";
import type { EvaluationResult } from "../rules/evaluation-result";
import { evaluate } from "../rules/evaluate";
import { isApplicationError } from "../rules/evaluation-result";
import { toPersonDecimal } from "../text/person-decimal";
import type { EvaluatorEntry } from "../workbook-import/read-evaluation-sheet";
import type { Ruleset } from "../rules/ruleset-schema";
import { mean, median } from "./mean-median";

/**
 * A rubric dimension over its evaluators: each item's points consolidated, then the dimension's
 * percent as the engine computes it (the decisions are in consolidate.ts).
 */

/** Whether the evaluator scored the dimension by its rubric items. */
export function hasPoints(entry: EvaluatorEntry, dimension: string): boolean {
  const points = entry.points?.[dimension];
  return points !== undefined && Object.keys(points).length > 0;
}

export interface RubricConsolidation {
  /** `percent` is filled in from `evaluate`'s result. */
  score: ConsolidatedScore;
  /** The consolidated points of the items someone scored (the others count 0 in `evaluate`). */
  pointsForEvaluate: Record<string, number>;
}

export type RubricDimension = Ruleset["rules"]["dimensions"][number] & {
  items: NonNullable<Ruleset["rules"]["dimensions"][number]["items"]>;
};

/** A rubric dimension: each item over the evaluators, then the dimension (see the decisions). */
export function consolidateRubric(
  dimension: RubricDimension,
  entries: readonly EvaluatorEntry[],
  ruleset: Ruleset,
  flags: Flag[]
): RubricConsolidation {
  const { method, disagreementSpread } = ruleset.rules.consolidation;
  const givers = entries.filter((entry) => hasPoints(entry, dimension.id));
  const percentOnly = entries.filter(
    (entry) => !hasPoints(entry, dimension.id) && entry.scores[dimension.id] !== undefined
  );
  if (percentOnly.length > 0)
    flags.push({
      code: "PERCENT_INSTEAD_OF_POINTS",
      dimension: dimension.id,
      message: flagMessages.percentInsteadOfPoints(
        dimension.name,
        percentOnly.map((entry) => entry.evaluator)
      ),
    });
  const items: ConsolidatedPoints[] = [];
  const pointsForEvaluate: Record<string, number> = {};
  for (const item of dimension.items) {
    const given: number[] = [];
    const missing: string[] = [];
    for (const entry of entries) {
      const points = entry.points?.[dimension.id]?.[item.id];
      if (points === undefined) missing.push(entry.evaluator);
      else given.push(points.value);
    }
    const name = qualifiedItemName(ruleset.rules, `${dimension.id}.${item.id}`);
    const where = { dimension: dimension.id, item: item.id };
    const itemFlags: FlagCode[] = [];
    const consolidated: ConsolidatedPoints = {
      id: item.id,
      points: null,
      maxPoints: item.maxPoints,
      min: null,
      max: null,
      spread: null,
      scored: given.length,
      missing: missing.length,
      flags: itemFlags,
    };
    if (given.length > 0) {
      const min = Math.min(...given);
      const max = Math.max(...given);
      consolidated.min = min;
      consolidated.max = max;
      consolidated.spread = toPersonDecimal(max - min);
      consolidated.points = toPersonDecimal(method === "median" ? median(given) : mean(given));
      pointsForEvaluate[item.id] = consolidated.points;
      // The limit is in percentage points of a dimension: as a share of this item's maximum.
      if (((max - min) / item.maxPoints) * 100 > disagreementSpread + 1e-9) {
        itemFlags.push("DISAGREEMENT");
        flags.push({
          code: "DISAGREEMENT",
          ...where,
          message: flagMessages.pointsDisagreement(
            name,
            min,
            max,
            item.maxPoints,
            disagreementSpread
          ),
        });
      }
    }
    if (missing.length > 0) {
      itemFlags.push("MISSING_SCORE");
      flags.push({
        code: "MISSING_SCORE",
        ...where,
        message: flagMessages.missingPoints(name, missing, given.length),
      });
    }
    items.push(consolidated);
  }
  // The dimension's spread: of the percents of the evaluators who gave every item.
  const complete = givers
    .filter((entry) =>
      dimension.items.every((item) => entry.points?.[dimension.id]?.[item.id] !== undefined)
    )
    .map((entry) => evaluatorPercent(entry, dimension.id, ruleset));
  const min = complete.length > 0 ? Math.min(...complete) : 0;
  const max = complete.length > 0 ? Math.max(...complete) : 0;
  const spread = toPersonDecimal(max - min);
  const scoreFlags: FlagCode[] = [];
  if (spread > disagreementSpread) {
    scoreFlags.push("DISAGREEMENT");
    flags.push({
      code: "DISAGREEMENT",
      dimension: dimension.id,
      message: flagMessages.disagreement(dimension.name, min, max, disagreementSpread),
    });
  }
  const missing = entries.length - givers.length;
  if (missing > 0) scoreFlags.push("MISSING_SCORE");
  return {
    score: {
      id: dimension.id,
      percent: 0,
      min,
      max,
      spread,
      scored: givers.length,
      missing,
      flags: scoreFlags,
      items,
    },
    pointsForEvaluate,
  };
}

/** One evaluator's percent for a rubric dimension, as the engine computes it from their points. */
export function evaluatorPercent(
  entry: EvaluatorEntry,
  dimension: string,
  ruleset: Ruleset
): number {
  const points = Object.fromEntries(
    Object.entries(entry.points?.[dimension] ?? {}).map(([id, at]) => [id, at.value])
  );
  const result = evaluate({ scores: {}, points: { [dimension]: points } }, ruleset);
  if (isApplicationError(result))
    throw new Error(`an evaluator's points were not valid: ${result.error.message.en}`);
  const scored = (result as EvaluationResult).dimensions.find((entry) => entry.id === dimension);
  if (scored === undefined) throw new Error(`the dimension ${dimension} was not scored`);
  return scored.percent;
}

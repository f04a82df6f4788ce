import type { Reason } from "./evaluation-result";
import type { LocalizedText } from "./localized-text";
import { reasonMessages } from "./messages";
import { dimensionBar, type Ruleset } from "./ruleset-schema";

/**
 * A ruleset prepared for fast evaluation: lookups, and every reason that does
 * not depend on a score, built once rather than per application. Rulesets are
 * immutable once published, so the compiled form is cached per ruleset object;
 * the prepared reasons are frozen because every result that needs one shares it.
 */
export interface CompiledDimension {
  index: number;
  id: string;
  name: LocalizedText;
  weight: number;
  minPercent: number;
  mandatory: boolean;
  missingReason: Reason;
  belowMinMessage: (percent: number) => LocalizedText;
}

export interface CompiledCriterion {
  index: number;
  id: string;
  name: LocalizedText;
  answeredNoReason: Reason;
  unansweredReason: Reason;
}

export interface CompiledRules {
  version: string;
  dimensions: CompiledDimension[];
  dimensionsById: Map<string, CompiledDimension>;
  dimensionIds: string[];
  criteria: CompiledCriterion[];
  criteriaById: Map<string, CompiledCriterion>;
  criterionIds: string[];
  minDimensions: number;
  /** `tooFewReasons[n]`: the reason for n proposed dimensions, n < minDimensions. */
  tooFewReasons: Reason[];
  overallMinPercent: number;
  useSubcommitteeScore: boolean;
  overallBelowMinMessage: {
    subcommittee: (percent: number) => LocalizedText;
    computed: (percent: number) => LocalizedText;
  };
}

const compiledCache = new WeakMap<Ruleset, CompiledRules>();
// Nearly every call names the same ruleset as the one before: check it before the WeakMap.
let last: { ruleset: Ruleset; compiled: CompiledRules } | undefined;

export function compileRules(ruleset: Ruleset): CompiledRules {
  if (last?.ruleset === ruleset) return last.compiled;
  const cached = compiledCache.get(ruleset);
  if (cached) {
    last = { ruleset, compiled: cached };
    return cached;
  }
  const { rules } = ruleset;
  const dimensions = rules.dimensions.map((dimension, index): CompiledDimension => {
    const minPercent = dimensionBar(rules, dimension);
    return {
      index,
      id: dimension.id,
      name: dimension.name,
      weight: dimension.weight,
      minPercent,
      mandatory: dimension.mandatory,
      missingReason: deepFreeze({
        code: "MANDATORY_DIMENSION_MISSING",
        dimension: dimension.id,
        message: reasonMessages.mandatoryDimensionMissing(dimension.name),
      }),
      belowMinMessage: reasonMessages.dimensionBelowMin(dimension.name, minPercent),
    };
  });
  const criteria = rules.preliminaryCriteria.map((criterion, index): CompiledCriterion => ({
    index,
    id: criterion.id,
    name: criterion.name,
    answeredNoReason: deepFreeze({
      code: "PRELIMINARY_NOT_MET",
      criterion: criterion.id,
      message: reasonMessages.preliminaryNotMet(criterion.name, true),
    }),
    unansweredReason: deepFreeze({
      code: "PRELIMINARY_NOT_MET",
      criterion: criterion.id,
      message: reasonMessages.preliminaryNotMet(criterion.name, false),
    }),
  }));
  const tooFewReasons = Array.from({ length: rules.minDimensions }, (_, proposed) =>
    deepFreeze<Reason>({
      code: "TOO_FEW_DIMENSIONS",
      message: reasonMessages.tooFewDimensions(proposed, rules.minDimensions),
    })
  );
  const compiled: CompiledRules = {
    version: ruleset.version,
    dimensions,
    dimensionsById: new Map(dimensions.map((dimension) => [dimension.id, dimension])),
    dimensionIds: dimensions.map((dimension) => dimension.id),
    criteria,
    criteriaById: new Map(criteria.map((criterion) => [criterion.id, criterion])),
    criterionIds: criteria.map((criterion) => criterion.id),
    minDimensions: rules.minDimensions,
    tooFewReasons,
    overallMinPercent: rules.overallMinPercent,
    useSubcommitteeScore: rules.overallScore.useSubcommitteeScore,
    overallBelowMinMessage: {
      subcommittee: reasonMessages.overallBelowMin(rules.overallMinPercent, true),
      computed: reasonMessages.overallBelowMin(rules.overallMinPercent, false),
    },
  };
  compiledCache.set(ruleset, compiled);
  last = { ruleset, compiled };
  return compiled;
}

function deepFreeze<T extends Reason>(reason: T): T {
  Object.freeze(reason.message);
  return Object.freeze(reason);
}

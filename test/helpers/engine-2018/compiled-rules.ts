/**
 * A frozen copy of the engine as it was before the later criteria (shared/src at commit 0a467fd), kept
 * only for the property test that shows rulesets of the old shape evaluate exactly as before.
 * Never used outside the tests; never updated.
 */
import type { AnyReason, MessageLanguages } from "@smartcity/shared";
import type { LocalizedText } from "@smartcity/shared";
import { reasonMessages } from "@smartcity/shared";
import { dimensionBar, type Ruleset } from "@smartcity/shared";

/**
 * A ruleset prepared for fast evaluation: lookups, and every reason that does
 * not depend on a score, built once rather than per application. Rulesets are
 * immutable once published, so the compiled form is cached per ruleset object;
 * the prepared reasons are frozen because every result that needs one shares it.
 * Each `"messages"` choice (both languages, one, none) has its own compiled form, so
 * the hot path never asks which words to add: a reason carries the facts always, and
 * its `message` only when words were asked for.
 */
export interface CompiledDimension {
  index: number;
  id: string;
  name: LocalizedText;
  weight: number;
  minPercent: number;
  mandatory: boolean;
  missingReason: AnyReason;
  /** The words of DIMENSION_BELOW_MIN for a percent; undefined when no words are wanted. */
  belowMinMessage?: (percent: number) => Partial<LocalizedText>;
}

export interface CompiledCriterion {
  index: number;
  id: string;
  name: LocalizedText;
  answeredNoReason: AnyReason;
  unansweredReason: AnyReason;
}

export interface CompiledRules {
  version: string;
  messages: MessageLanguages;
  dimensions: CompiledDimension[];
  dimensionsById: Map<string, CompiledDimension>;
  dimensionIds: string[];
  criteria: CompiledCriterion[];
  criteriaById: Map<string, CompiledCriterion>;
  criterionIds: string[];
  minDimensions: number;
  /** `tooFewReasons[n]`: the reason for n proposed dimensions, n < minDimensions. */
  tooFewReasons: AnyReason[];
  overallMinPercent: number;
  useSubcommitteeScore: boolean;
  /** The words of OVERALL_BELOW_MIN; undefined when no words are wanted. */
  overallBelowMinMessage?: {
    subcommittee: (percent: number) => Partial<LocalizedText>;
    computed: (percent: number) => Partial<LocalizedText>;
  };
}

const compiledCache = new WeakMap<Ruleset, Partial<Record<MessageLanguages, CompiledRules>>>();
// Nearly every call names the same ruleset as the one before: check it before the WeakMap.
let last: { ruleset: Ruleset; compiled: CompiledRules } | undefined;

export function compileRules(ruleset: Ruleset, messages: MessageLanguages = "both"): CompiledRules {
  if (last?.ruleset === ruleset && last.compiled.messages === messages) return last.compiled;
  let byLanguages = compiledCache.get(ruleset);
  const cached = byLanguages?.[messages];
  if (cached) {
    last = { ruleset, compiled: cached };
    return cached;
  }
  const compiled = compile(ruleset, messages);
  if (byLanguages === undefined) {
    byLanguages = {};
    compiledCache.set(ruleset, byLanguages);
  }
  byLanguages[messages] = compiled;
  last = { ruleset, compiled };
  return compiled;
}

function compile(ruleset: Ruleset, messages: MessageLanguages): CompiledRules {
  const pick = pickerFor(messages);
  const words = (text: LocalizedText) => pick?.(text);
  const wordsOf =
    pick &&
    ((text: (percent: number) => LocalizedText) => (percent: number) => pick(text(percent)));
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
      missingReason: prepared(
        { code: "MANDATORY_DIMENSION_MISSING", dimension: dimension.id },
        words(reasonMessages.mandatoryDimensionMissing(dimension.name))
      ),
      belowMinMessage: wordsOf?.(reasonMessages.dimensionBelowMin(dimension.name, minPercent)),
    };
  });
  const criteria = rules.preliminaryCriteria.map((criterion, index): CompiledCriterion => ({
    index,
    id: criterion.id,
    name: criterion.name,
    answeredNoReason: prepared(
      { code: "PRELIMINARY_NOT_MET", criterion: criterion.id, answered: true },
      words(reasonMessages.preliminaryNotMet(criterion.name, true))
    ),
    unansweredReason: prepared(
      { code: "PRELIMINARY_NOT_MET", criterion: criterion.id, answered: false },
      words(reasonMessages.preliminaryNotMet(criterion.name, false))
    ),
  }));
  const tooFewReasons = Array.from({ length: rules.minDimensions }, (_, proposed) =>
    prepared(
      { code: "TOO_FEW_DIMENSIONS", proposed, required: rules.minDimensions },
      words(reasonMessages.tooFewDimensions(proposed, rules.minDimensions))
    )
  );
  return {
    version: ruleset.version,
    messages,
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
    overallBelowMinMessage: wordsOf && {
      subcommittee: wordsOf(reasonMessages.overallBelowMin(rules.overallMinPercent, true)),
      computed: wordsOf(reasonMessages.overallBelowMin(rules.overallMinPercent, false)),
    },
  };
}

/** The words a reason carries under each `"messages"` choice; none for "none". */
function pickerFor(
  messages: MessageLanguages
): ((text: LocalizedText) => Partial<LocalizedText>) | undefined {
  switch (messages) {
    case "both":
      return (text) => text;
    case "th":
      return (text) => ({ th: text.th });
    case "en":
      return (text) => ({ en: text.en });
    case "none":
      return undefined;
  }
}

/** A reason shared by every result that needs it, so frozen; `message` only when words are wanted. */
function prepared(facts: AnyReason, message: Partial<LocalizedText> | undefined): AnyReason {
  const reason: AnyReason = message === undefined ? facts : { ...facts, message };
  if (reason.message) Object.freeze(reason.message);
  return Object.freeze(reason);
}

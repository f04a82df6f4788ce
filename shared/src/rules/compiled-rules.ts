import type { AnyOutcome, AnyReason, MessageLanguages, Outcome } from "./evaluation-result";
import type { LocalizedText } from "../text/localized-text";
import { reasonMessages } from "./messages";
import { dimensionBar, type Rules, type Ruleset } from "./ruleset-schema";
import type { BandConditions } from "./structure-schema";
import { PRELIMINARY_GROUP } from "./structure-checks";

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
  /** The dimension's rubric, when it has one: points per item instead of a percent. */
  rubric?: CompiledRubric;
}

export interface CompiledRubric {
  items: { index: number; id: string; name: LocalizedText; maxPoints: number }[];
  itemsById: Map<string, CompiledRubric["items"][number]>;
  itemIds: string[];
  maxPointsTotal: number;
}

/** A requirement group other than `preliminary`; `index` counts over every group of the ruleset. */
export interface CompiledGroup {
  index: number;
  id: string;
  name: LocalizedText;
  items: CompiledCriterion[];
  itemsById: Map<string, CompiledCriterion>;
  itemIds: string[];
}

/** An outcome band: the outcome object every result in it shares (frozen), and its conditions. */
export interface CompiledBand {
  /** The band's name as `messages` asks (none for "none"); frozen, shared by every result. */
  outcome: Readonly<AnyOutcome>;
  when?: BandConditions;
}

/**
 * The rules an application is held to: the ruleset's own, or a track's (its overrides applied).
 * Dimension indices are the ruleset's in every track, so one checked application fits all.
 */
export interface CompiledTrack {
  /** The track's id; undefined for the ruleset's own rules. */
  trackId?: string;
  dimensions: CompiledDimension[];
  minDimensions: number;
  /** `tooFewReasons[n]`: the reason for n proposed dimensions, n < minDimensions. */
  tooFewReasons: AnyReason[];
  overallMinPercent: number;
  /** The words of OVERALL_BELOW_MIN; undefined when no words are wanted. */
  overallBelowMinMessage?: {
    subcommittee: (percent: number) => Partial<LocalizedText>;
    computed: (percent: number) => Partial<LocalizedText>;
  };
  /** Whether the preliminary group is in force. */
  checksPreliminary: boolean;
  /** The other requirement groups in force. */
  groups: CompiledGroup[];
}

export interface CompiledCriterion {
  index: number;
  id: string;
  name: LocalizedText;
  answeredNoReason: AnyReason;
  unansweredReason: AnyReason;
}

export interface CompiledRules extends CompiledTrack {
  version: string;
  messages: MessageLanguages;
  dimensionsById: Map<string, CompiledDimension>;
  dimensionIds: string[];
  criteria: CompiledCriterion[];
  criteriaById: Map<string, CompiledCriterion>;
  criterionIds: string[];
  useSubcommitteeScore: boolean;
  /** Every requirement group other than `preliminary`, in the ruleset's order. */
  allGroups: CompiledGroup[];
  groupsById: Map<string, CompiledGroup>;
  groupIds: string[];
  tracksById: Map<string, CompiledTrack>;
  trackIds: string[];
  /** The tracks' ids and names, in the ruleset's order (what an unknown track's message lists). */
  tracks: { id: string; name: LocalizedText }[];
  /** The rules of an application that names no track: the default track's, else the ruleset's own. */
  defaultTrack: CompiledTrack;
  bands: CompiledBand[];
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

type Words = (text: LocalizedText) => Partial<LocalizedText> | undefined;
type WordsOf =
  | ((text: (percent: number) => LocalizedText) => (percent: number) => Partial<LocalizedText>)
  | undefined;

function compile(ruleset: Ruleset, messages: MessageLanguages): CompiledRules {
  const pick = pickerFor(messages);
  const words: Words = (text) => pick?.(text);
  const wordsOf: WordsOf =
    pick &&
    ((text: (percent: number) => LocalizedText) => (percent: number) => pick(text(percent)));
  const { rules } = ruleset;
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
  const allGroups = (rules.requirementGroups ?? []).map((group, index): CompiledGroup => {
    const items = group.items.map((item, at): CompiledCriterion => ({
      index: at,
      id: item.id,
      name: item.name,
      answeredNoReason: prepared(
        { code: "REQUIREMENT_NOT_MET", group: group.id, item: item.id, answered: true },
        words(reasonMessages.requirementNotMet(group.name, item.name, true))
      ),
      unansweredReason: prepared(
        { code: "REQUIREMENT_NOT_MET", group: group.id, item: item.id, answered: false },
        words(reasonMessages.requirementNotMet(group.name, item.name, false))
      ),
    }));
    return {
      index,
      id: group.id,
      name: group.name,
      items,
      itemsById: new Map(items.map((item) => [item.id, item])),
      itemIds: items.map((item) => item.id),
    };
  });
  const own = compileTrack(rules, undefined, allGroups, words, wordsOf);
  const tracksById = new Map<string, CompiledTrack>();
  for (const track of rules.tracks ?? [])
    tracksById.set(track.id, compileTrack(rules, track, allGroups, words, wordsOf));
  return {
    ...own,
    version: ruleset.version,
    messages,
    dimensionsById: new Map(own.dimensions.map((dimension) => [dimension.id, dimension])),
    dimensionIds: own.dimensions.map((dimension) => dimension.id),
    criteria,
    criteriaById: new Map(criteria.map((criterion) => [criterion.id, criterion])),
    criterionIds: criteria.map((criterion) => criterion.id),
    useSubcommitteeScore: rules.overallScore.useSubcommitteeScore,
    allGroups,
    groupsById: new Map(allGroups.map((group) => [group.id, group])),
    groupIds: allGroups.map((group) => group.id),
    tracksById,
    trackIds: [...tracksById.keys()],
    tracks: (rules.tracks ?? []).map((track) => ({ id: track.id, name: track.name })),
    defaultTrack: (rules.defaultTrack && tracksById.get(rules.defaultTrack)) || own,
    bands: compileBands(rules, pick),
  };
}

/** The ruleset's own rules (no track) or a track's, with its overrides applied. */
function compileTrack(
  rules: Rules,
  track: NonNullable<Rules["tracks"]>[number] | undefined,
  allGroups: CompiledGroup[],
  words: Words,
  wordsOf: WordsOf
): CompiledTrack {
  const overrides = track?.overrides ?? {};
  const dimensionMinPercent = overrides.dimensionMinPercent ?? rules.dimensionMinPercent;
  const overallMinPercent = overrides.overallMinPercent ?? rules.overallMinPercent;
  const minDimensions = overrides.minDimensions ?? rules.minDimensions;
  const dimensions = rules.dimensions.map((dimension, index): CompiledDimension => {
    const override = overrides.dimensions?.find((entry) => entry.id === dimension.id);
    const minPercent = override?.minPercent ?? dimensionBar({ dimensionMinPercent }, dimension);
    const compiled: CompiledDimension = {
      index,
      id: dimension.id,
      name: dimension.name,
      weight: override?.weight ?? dimension.weight,
      minPercent,
      mandatory: override?.mandatory ?? dimension.mandatory,
      missingReason: prepared(
        { code: "MANDATORY_DIMENSION_MISSING", dimension: dimension.id },
        words(reasonMessages.mandatoryDimensionMissing(dimension.name))
      ),
      belowMinMessage: wordsOf?.(reasonMessages.dimensionBelowMin(dimension.name, minPercent)),
    };
    if (dimension.items !== undefined) compiled.rubric = compileRubric(dimension.items);
    return compiled;
  });
  const inForce = overrides.requirementGroups;
  return {
    trackId: track?.id,
    dimensions,
    minDimensions,
    tooFewReasons: Array.from({ length: minDimensions }, (_, proposed) =>
      prepared(
        { code: "TOO_FEW_DIMENSIONS", proposed, required: minDimensions },
        words(reasonMessages.tooFewDimensions(proposed, minDimensions))
      )
    ),
    overallMinPercent,
    overallBelowMinMessage: wordsOf && {
      subcommittee: wordsOf(reasonMessages.overallBelowMin(overallMinPercent, true)),
      computed: wordsOf(reasonMessages.overallBelowMin(overallMinPercent, false)),
    },
    checksPreliminary: inForce === undefined || inForce.includes(PRELIMINARY_GROUP),
    groups: inForce === undefined ? allGroups : allGroups.filter((g) => inForce.includes(g.id)),
  };
}

function compileRubric(
  items: { id: string; name: LocalizedText; maxPoints: number }[]
): CompiledRubric {
  const compiled = items.map((item, index) => ({ index, ...item }));
  return {
    items: compiled,
    itemsById: new Map(compiled.map((item) => [item.id, item])),
    itemIds: compiled.map((item) => item.id),
    maxPointsTotal: compiled.reduce((sum, item) => sum + item.maxPoints, 0),
  };
}

/** Without `outcomes`, the two implicit bands: eligible, and not eligible. */
export const IMPLICIT_BANDS = [
  { id: "eligible", name: { th: "ผ่านเกณฑ์", en: "Eligible" } },
  { id: "notEligible", name: { th: "ไม่ผ่านเกณฑ์", en: "Not eligible" } },
] as const;

/** The bands in force, in order, named in both languages (what an answer's `outcomes` lists). */
export function outcomeBands(rules: Rules): Outcome[] {
  return (rules.outcomes ?? IMPLICIT_BANDS).map((band) => ({
    id: band.id,
    name: { th: band.name.th, en: band.name.en },
  }));
}

function compileBands(
  rules: Rules,
  pick: ((text: LocalizedText) => Partial<LocalizedText>) | undefined
): CompiledBand[] {
  const bands = rules.outcomes ?? IMPLICIT_BANDS;
  return bands.map((band) => ({
    outcome: Object.freeze(
      pick === undefined
        ? { id: band.id }
        : { id: band.id, name: Object.freeze({ ...pick(band.name) }) }
    ),
    when: "when" in band ? band.when : undefined,
  }));
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

import { type CompiledGroup, type CompiledRules, compileRules } from "./compiled-rules";
import type {
  AnyReason,
  ApplicationOutcome,
  DimensionResult,
  EvaluationResult,
  MessageLanguages,
  PreliminaryStatus,
  RequirementStatus,
} from "./evaluation-result";
import { chooseOutcome } from "./outcome-band";
import { toPersonDecimal } from "../text/person-decimal";
import type { CheckedApplication } from "./checked-application";
import { readApplication } from "./read-application";
import type { Ruleset } from "./ruleset-schema";

/**
 * Evaluates one application under a ruleset: checks the input, then applies
 * every rule and reports every reason that applies (none is skipped because an
 * earlier one failed). `basePath` prefixes the path of an input error, e.g.
 * `applications[3]` inside a batch.
 */
export function evaluate(
  application: unknown,
  ruleset: Ruleset,
  basePath = ""
): ApplicationOutcome {
  return evaluateCompiled(application, compileRules(ruleset), basePath) as ApplicationOutcome;
}

/** Evaluates a batch in order; a bad application gets its own error and never stops the rest. */
export function evaluateBatch(
  applications: readonly unknown[],
  ruleset: Ruleset,
  basePath = "applications"
): ApplicationOutcome[] {
  const rules = compileRules(ruleset);
  const results = new Array<ApplicationOutcome>(applications.length);
  for (let index = 0; index < applications.length; index++) {
    results[index] = evaluateCompiled(
      applications[index],
      rules,
      basePath,
      index
    ) as ApplicationOutcome;
  }
  return results;
}

/**
 * Evaluates a batch a chunk at a time, for a caller that writes each chunk's
 * results out before evaluating the next (the service streams big responses
 * this way, so results die young instead of all living until the end).
 * Paths still count from the start of the whole batch: `firstIndex` is the batch's index of
 * `applications[0]`, for a caller that evaluates a batch in parts. `messages` says which words
 * the reasons carry (application errors always carry both languages).
 */
export function* evaluateInChunks(
  applications: readonly unknown[],
  ruleset: Ruleset,
  chunkSize: number,
  basePath = "applications",
  messages: MessageLanguages = "both",
  firstIndex = 0
): Generator<ApplicationOutcome<AnyReason>[]> {
  const rules = compileRules(ruleset, messages);
  for (let start = 0; start < applications.length; start += chunkSize) {
    const end = Math.min(start + chunkSize, applications.length);
    const chunk = new Array<ApplicationOutcome<AnyReason>>(end - start);
    for (let index = start; index < end; index++) {
      chunk[index - start] = evaluateCompiled(
        applications[index],
        rules,
        basePath,
        firstIndex + index
      );
    }
    yield chunk;
  }
}

function evaluateCompiled(
  application: unknown,
  rules: CompiledRules,
  basePath: string,
  index?: number
): ApplicationOutcome<AnyReason> {
  const checked = readApplication(application, rules, basePath, index);
  if ("error" in checked) return checked;
  return applyRules(checked, rules);
}

/**
 * Applies the rules to a checked application, under its track (or the default). Reasons come
 * in a fixed order: preliminary criteria, other requirement groups, the number of dimensions,
 * then each dimension in the ruleset's order (missing mandatory, or below its bar), then the
 * overall score. Each reason carries its facts; its words only when `rules` were compiled with
 * them. The outcome band follows from the same facts (outcome-band.ts).
 */
export function applyRules(
  application: CheckedApplication,
  rules: CompiledRules
): EvaluationResult<AnyReason> {
  const track = application.track ?? rules.defaultTrack;
  const reasons: AnyReason[] = [];
  const preliminary = track.checksPreliminary
    ? checkPreliminary(application.preliminary, rules, reasons)
    : "notAssessed";
  let requirementsMet = preliminary !== "notMet";
  let requirements: Record<string, RequirementStatus> | undefined;
  if (track.groups.length > 0) {
    requirements = {};
    for (const group of track.groups) {
      const status = checkGroup(application.requirements?.[group.index], group, reasons);
      if (status === "notMet") requirementsMet = false;
      requirements[group.id] = status;
    }
  }
  if (application.proposedCount < track.minDimensions)
    reasons.push(track.tooFewReasons[application.proposedCount]);

  const dimensions: DimensionResult[] = [];
  let weightedSum = 0;
  let weightTotal = 0;
  let lowestPercent = Infinity;
  for (const dimension of track.dimensions) {
    const percent = application.scores[dimension.index];
    if (percent === undefined) {
      if (dimension.mandatory) reasons.push(dimension.missingReason);
      continue;
    }
    const passed = percent >= dimension.minPercent;
    const points = application.points?.[dimension.index];
    const rubric = dimension.rubric;
    dimensions.push(
      points === undefined || rubric === undefined
        ? { id: dimension.id, percent, minPercent: dimension.minPercent, passed }
        : {
            id: dimension.id,
            percent,
            minPercent: dimension.minPercent,
            passed,
            points: pointsById(points, rubric.itemIds),
          }
    );
    if (percent < lowestPercent) lowestPercent = percent;
    weightedSum += percent * dimension.weight;
    weightTotal += dimension.weight;
    if (!passed) {
      const minPercent = dimension.minPercent;
      reasons.push(
        dimension.belowMinMessage
          ? {
              code: "DIMENSION_BELOW_MIN",
              dimension: dimension.id,
              percent,
              minPercent,
              message: dimension.belowMinMessage(percent),
            }
          : { code: "DIMENSION_BELOW_MIN", dimension: dimension.id, percent, minPercent }
      );
    }
  }

  let overallPercent: number | null = null;
  let overallSource: EvaluationResult["overallSource"] = null;
  if (application.overall !== undefined && rules.useSubcommitteeScore) {
    overallPercent = application.overall;
    overallSource = "subcommittee";
  } else if (weightTotal > 0) {
    overallPercent = toPersonDecimal(weightedSum / weightTotal);
    overallSource = "computed";
  }
  if (overallPercent !== null && overallPercent < track.overallMinPercent) {
    const source = overallSource ?? "computed";
    const words = track.overallBelowMinMessage?.[source];
    const minPercent = track.overallMinPercent;
    reasons.push(
      words
        ? {
            code: "OVERALL_BELOW_MIN",
            percent: overallPercent,
            minPercent,
            source,
            message: words(overallPercent),
          }
        : { code: "OVERALL_BELOW_MIN", percent: overallPercent, minPercent, source }
    );
  }

  const eligible = reasons.length === 0;
  const outcome = chooseOutcome(rules.bands, eligible, {
    overallPercent,
    lowestPercent,
    proposedCount: application.proposedCount,
    requirementsMet,
  });
  // `id` first so that it leads each result in JSON; JSON.stringify drops it when undefined.
  // outcome-json.ts writes the same keys in the same order.
  // `track` and `requirements` are undefined (so absent from JSON) unless they apply.
  return {
    id: application.id,
    eligible,
    outcome,
    track: track.trackId,
    overallPercent,
    overallSource,
    overallMinPercent: track.overallMinPercent,
    preliminary,
    requirements,
    dimensions,
    reasons,
  };
}

function pointsById(points: readonly number[], itemIds: readonly string[]): Record<string, number> {
  const byId: Record<string, number> = {};
  for (let index = 0; index < itemIds.length; index++) byId[itemIds[index]] = points[index];
  return byId;
}

/** A requirement group in force: every item `true`; a `false` or missing answer fails it. */
function checkGroup(
  answers: (boolean | undefined)[] | undefined,
  group: CompiledGroup,
  reasons: AnyReason[]
): RequirementStatus {
  if (answers === undefined) return "notAssessed";
  let met = true;
  for (const item of group.items) {
    const answer = answers[item.index];
    if (answer !== true) {
      met = false;
      reasons.push(answer === false ? item.answeredNoReason : item.unansweredReason);
    }
  }
  return met ? "met" : "notMet";
}

/** Every criterion in force must be answered `true`; a `false` or a missing answer fails it. */
function checkPreliminary(
  answers: (boolean | undefined)[] | undefined,
  rules: CompiledRules,
  reasons: AnyReason[]
): PreliminaryStatus {
  if (answers === undefined) return "notAssessed";
  let met = true;
  for (const criterion of rules.criteria) {
    const answer = answers[criterion.index];
    if (answer !== true) {
      met = false;
      reasons.push(answer === false ? criterion.answeredNoReason : criterion.unansweredReason);
    }
  }
  return met ? "met" : "notMet";
}

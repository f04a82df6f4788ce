/**
 * A frozen copy of the engine as it was before the later criteria (shared/src at commit 0a467fd), kept
 * only for the property test that shows rulesets of the old shape evaluate exactly as before.
 * Never used outside the tests; never updated.
 */
import { type CompiledRules, compileRules } from "./compiled-rules";
import type {
  AnyReason,
  ApplicationError,
  DimensionResult,
  EvaluationResult as CurrentResult,
  MessageLanguages,
  PreliminaryStatus,
  Reason,
  ReasonFacts,
} from "@smartcity/shared";

// The result as it was: without the later criteria's outcome, track and requirements.
type EvaluationResult<R extends ReasonFacts = Reason> = Omit<
  CurrentResult<R>,
  "outcome" | "track" | "requirements"
>;
type ApplicationOutcome<R extends ReasonFacts = Reason> = EvaluationResult<R> | ApplicationError;
import { toPersonDecimal } from "@smartcity/shared";
import { type CheckedApplication, readApplication } from "./read-application";
import type { Ruleset } from "@smartcity/shared";

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
 * Paths still count from the start of the whole batch. `messages` says which words
 * the reasons carry (application errors always carry both languages).
 */
export function* evaluateInChunks(
  applications: readonly unknown[],
  ruleset: Ruleset,
  chunkSize: number,
  basePath = "applications",
  messages: MessageLanguages = "both"
): Generator<ApplicationOutcome<AnyReason>[]> {
  const rules = compileRules(ruleset, messages);
  for (let start = 0; start < applications.length; start += chunkSize) {
    const end = Math.min(start + chunkSize, applications.length);
    const chunk = new Array<ApplicationOutcome<AnyReason>>(end - start);
    for (let index = start; index < end; index++) {
      chunk[index - start] = evaluateCompiled(applications[index], rules, basePath, index);
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
 * Applies the rules to a checked application. Reasons come in a fixed order:
 * preliminary criteria, the number of dimensions, then each dimension in the
 * ruleset's order (missing mandatory, or below its bar), then the overall score.
 * Each reason carries its facts; its words only when `rules` were compiled with them.
 */
export function applyRules(
  application: CheckedApplication,
  rules: CompiledRules
): EvaluationResult<AnyReason> {
  const reasons: AnyReason[] = [];
  const preliminary = checkPreliminary(application.preliminary, rules, reasons);
  if (application.proposedCount < rules.minDimensions)
    reasons.push(rules.tooFewReasons[application.proposedCount]);

  const dimensions: DimensionResult[] = [];
  let weightedSum = 0;
  let weightTotal = 0;
  for (const dimension of rules.dimensions) {
    const percent = application.scores[dimension.index];
    if (percent === undefined) {
      if (dimension.mandatory) reasons.push(dimension.missingReason);
      continue;
    }
    const passed = percent >= dimension.minPercent;
    dimensions.push({ id: dimension.id, percent, minPercent: dimension.minPercent, passed });
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
  if (overallPercent !== null && overallPercent < rules.overallMinPercent) {
    const source = overallSource ?? "computed";
    const words = rules.overallBelowMinMessage?.[source];
    const minPercent = rules.overallMinPercent;
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

  // `id` first so that it leads each result in JSON; JSON.stringify drops it when undefined.
  return {
    id: application.id,
    eligible: reasons.length === 0,
    overallPercent,
    overallSource,
    overallMinPercent: rules.overallMinPercent,
    preliminary,
    dimensions,
    reasons,
  };
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

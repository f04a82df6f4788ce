import type { AnyReason, ApplicationOutcome, EvaluationResult } from "../rules/evaluation-result";

/**
 * The JSON text of evaluation outcomes, exactly as `JSON.stringify` writes them, but faster for
 * the service's big answers (10,000 results are several MB): the parts that repeat are written
 * once and remembered — a reason prepared with the ruleset (shared, frozen) by its object, a
 * dimension's result by its id, percent, bar and verdict — and the rest is concatenated in the
 * fixed key order of `applyRules`. Anything else (an application's error, a reason built for one
 * score) goes through JSON.stringify. A property test keeps it equal to JSON.stringify.
 */
const preparedReasons = new WeakMap<object, string>();
// By dimension id, bar, then percent (the verdict follows from the last two): no key string per
// dimension of every result. Percents repeat (one decimal, 0–100), so this stays small; it is
// emptied if a stream of odd values ever grows it past MAX_DIMENSION_TEXTS.
let dimensionTexts = new Map<string, Map<number, Map<number, string>>>();
let remembered = 0;
const MAX_DIMENSION_TEXTS = 100_000;

export function outcomesJson(outcomes: readonly ApplicationOutcome<AnyReason>[]): string {
  return `[${outcomesJsonItems(outcomes)}]`;
}

/**
 * The inside of `outcomesJson`'s array: the outcomes' JSON joined by commas, for a writer that
 * streams one array in chunks. Written for it rather than cut from `outcomesJson`'s text:
 * slicing a string built by concatenation copies it flat first, which cost as much as
 * writing it.
 */
export function outcomesJsonItems(outcomes: readonly ApplicationOutcome<AnyReason>[]): string {
  let text = "";
  for (let index = 0; index < outcomes.length; index++) {
    if (index > 0) text += ",";
    text += outcomeJson(outcomes[index]);
  }
  return text;
}

export function outcomeJson(outcome: ApplicationOutcome<AnyReason>): string {
  if ("error" in outcome) return JSON.stringify(outcome);
  return resultJson(outcome);
}

function resultJson(result: EvaluationResult<AnyReason>): string {
  let text = "{";
  if (result.id !== undefined) text += `"id":${JSON.stringify(result.id)},`;
  text += `"eligible":${result.eligible},"outcome":${sharedJson(result.outcome)},`;
  if (result.track !== undefined) text += `"track":${JSON.stringify(result.track)},`;
  text += `"overallPercent":${numberJson(result.overallPercent)},"overallSource":${
    result.overallSource === null ? "null" : `"${result.overallSource}"`
  },"overallMinPercent":${numberJson(result.overallMinPercent)},"preliminary":"${result.preliminary}",`;
  if (result.requirements !== undefined)
    text += `"requirements":${JSON.stringify(result.requirements)},`;
  text += `"dimensions":[`;
  const dimensions = result.dimensions;
  for (let index = 0; index < dimensions.length; index++) {
    const part = dimensionJson(dimensions[index]);
    text += index > 0 ? `,${part}` : part;
  }
  text += `],"reasons":[`;
  const reasons = result.reasons;
  for (let index = 0; index < reasons.length; index++) {
    if (index > 0) text += ",";
    text += reasonJson(reasons[index]);
  }
  return `${text}]}`;
}

function dimensionJson(dimension: EvaluationResult["dimensions"][number]): string {
  if (dimension.points !== undefined) return JSON.stringify(dimension); // per application
  let byBar = dimensionTexts.get(dimension.id);
  if (byBar === undefined) {
    byBar = new Map();
    dimensionTexts.set(dimension.id, byBar);
  }
  let byPercent = byBar.get(dimension.minPercent);
  if (byPercent === undefined) {
    byPercent = new Map();
    byBar.set(dimension.minPercent, byPercent);
  }
  let text = byPercent.get(dimension.percent);
  if (text === undefined || dimension.passed !== dimension.percent >= dimension.minPercent) {
    text = JSON.stringify(dimension);
    if (dimension.passed !== dimension.percent >= dimension.minPercent) return text; // not the rule
    if (++remembered > MAX_DIMENSION_TEXTS) {
      dimensionTexts = new Map();
      remembered = 0;
    }
    byPercent.set(dimension.percent, text);
  }
  return text;
}

function reasonJson(reason: AnyReason): string {
  return sharedJson(reason);
}

/** A frozen object (a prepared reason, an outcome band) is shared by every result that has it. */
function sharedJson(value: object): string {
  const reason = value;
  if (!Object.isFrozen(reason)) return JSON.stringify(reason);
  let text = preparedReasons.get(reason);
  if (text === undefined) {
    text = JSON.stringify(reason);
    preparedReasons.set(reason, text);
  }
  return text;
}

function numberJson(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "null" : String(value);
}

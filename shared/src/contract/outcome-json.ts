import type { AnyReason, ApplicationOutcome, EvaluationResult } from "../rules/evaluation-result";
import { textOfUtf8, utf8Of, Utf8Writer } from "../text/utf8-writer";

/**
 * The JSON of evaluation outcomes, exactly as `JSON.stringify` writes them, written as UTF-8
 * bytes for the service's big answers (10,000 results are several MB): no string is built for
 * the whole and then flattened and encoded by the socket. The parts that repeat are encoded once
 * and remembered — a reason prepared with the ruleset (shared, frozen) by its object, a
 * dimension's result by its id, percent, bar and verdict — and the rest is written in the fixed
 * key order of `applyRules`. Anything else (an application's error, a reason built for one
 * score) goes through JSON.stringify. A property test keeps it equal to JSON.stringify.
 */
const preparedParts = new WeakMap<object, Uint8Array>();
// By dimension id, bar, then percent (the verdict follows from the last two): no key string per
// dimension of every result. Percents repeat (one decimal, 0–100), so this stays small; it is
// emptied if a stream of odd values ever grows it past MAX_DIMENSION_TEXTS.
let dimensionTexts = new Map<string, Map<number, Map<number, Uint8Array>>>();
let remembered = 0;
const MAX_DIMENSION_TEXTS = 100_000;

/**
 * About what one result's JSON takes with no words (500–750 bytes under the baseline ruleset):
 * a writer's first buffer for a chunk of results; after one chunk it starts at that chunk's size.
 */
export const RESULT_JSON_BYTES = 768;

/** `JSON.stringify(outcomes)`, written by `writeOutcomesJson`. */
export function outcomesJson(outcomes: readonly ApplicationOutcome<AnyReason>[]): string {
  const out = new Utf8Writer(RESULT_JSON_BYTES * outcomes.length + 2);
  out.text("[");
  writeOutcomesJson(out, outcomes);
  out.text("]");
  return textOfUtf8(out.take());
}

/**
 * The inside of `outcomesJson`'s array: the outcomes' JSON joined by commas, for a writer that
 * streams one array in chunks (the caller writes the comma between two chunks).
 */
export function writeOutcomesJson(
  out: Utf8Writer,
  outcomes: readonly ApplicationOutcome<AnyReason>[]
): void {
  for (let index = 0; index < outcomes.length; index++) {
    if (index > 0) out.bytes(COMMA);
    const outcome = outcomes[index];
    if ("error" in outcome) out.text(JSON.stringify(outcome));
    else writeResult(out, outcome);
  }
}

// The keys and fixed values of a result, encoded once, in applyRules' key order.
const ID = utf8Of(`{"id":`);
const ELIGIBLE_AFTER_ID = utf8Of(`,"eligible":`);
const ELIGIBLE_FIRST = utf8Of(`{"eligible":`);
const OUTCOME_IF = { true: utf8Of(`true,"outcome":`), false: utf8Of(`false,"outcome":`) };
const TRACK = utf8Of(`,"track":`);
const OVERALL_PERCENT = utf8Of(`,"overallPercent":`);
const OVERALL_SOURCE = utf8Of(`,"overallSource":`);
const OVERALL_MIN_PERCENT = utf8Of(`,"overallMinPercent":`);
const PRELIMINARY = utf8Of(`,"preliminary":`);
const REQUIREMENTS = utf8Of(`,"requirements":`);
const DIMENSIONS = utf8Of(`,"dimensions":[`);
const REASONS = utf8Of(`],"reasons":[`);
const CLOSE = utf8Of(`]}`);
const COMMA = utf8Of(`,`);

function writeResult(out: Utf8Writer, result: EvaluationResult<AnyReason>): void {
  if (result.id !== undefined) {
    out.bytes(ID);
    out.jsonString(result.id);
    out.bytes(ELIGIBLE_AFTER_ID);
  } else out.bytes(ELIGIBLE_FIRST);
  out.bytes(result.eligible ? OUTCOME_IF.true : OUTCOME_IF.false);
  writeShared(out, result.outcome);
  if (result.track !== undefined) {
    out.bytes(TRACK);
    out.jsonString(result.track);
  }
  out.bytes(OVERALL_PERCENT);
  if (result.overallPercent === null) out.text("null");
  else out.jsonNumber(result.overallPercent);
  out.bytes(OVERALL_SOURCE);
  if (result.overallSource === null) out.text("null");
  else out.jsonString(result.overallSource);
  out.bytes(OVERALL_MIN_PERCENT);
  out.jsonNumber(result.overallMinPercent);
  out.bytes(PRELIMINARY);
  out.jsonString(result.preliminary);
  if (result.requirements !== undefined) {
    out.bytes(REQUIREMENTS);
    out.json(result.requirements);
  }
  out.bytes(DIMENSIONS);
  const dimensions = result.dimensions;
  for (let index = 0; index < dimensions.length; index++) {
    if (index > 0) out.bytes(COMMA);
    writeDimension(out, dimensions[index]);
  }
  out.bytes(REASONS);
  const reasons = result.reasons;
  for (let index = 0; index < reasons.length; index++) {
    if (index > 0) out.bytes(COMMA);
    writeShared(out, reasons[index]);
  }
  out.bytes(CLOSE);
}

function writeDimension(out: Utf8Writer, dimension: EvaluationResult["dimensions"][number]): void {
  // Per application (rubric points), or not what the rule decides: written, not remembered.
  if (
    dimension.points !== undefined ||
    dimension.passed !== dimension.percent >= dimension.minPercent
  ) {
    out.json(dimension);
    return;
  }
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
  let bytes = byPercent.get(dimension.percent);
  if (bytes === undefined) {
    bytes = utf8Of(JSON.stringify(dimension));
    if (++remembered > MAX_DIMENSION_TEXTS) {
      dimensionTexts = new Map();
      remembered = 0;
    } else byPercent.set(dimension.percent, bytes);
  }
  out.bytes(bytes);
}

/** A frozen object (a prepared reason, an outcome band) is shared by every result that has it. */
function writeShared(out: Utf8Writer, value: object): void {
  if (!Object.isFrozen(value)) {
    out.json(value);
    return;
  }
  let bytes = preparedParts.get(value);
  if (bytes === undefined) {
    bytes = utf8Of(JSON.stringify(value));
    preparedParts.set(value, bytes);
  }
  out.bytes(bytes);
}

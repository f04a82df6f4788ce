import type { AnyReason, ApplicationOutcome } from "../rules/evaluation-result";
import {
  ApplicationErrorSchema,
  type EvaluateResponse,
  EvaluateResponseSchema,
  EvaluateReasonSchema,
  RulesetSummarySchema,
} from "./http-contract";

/**
 * Checks an answer of POST /api/evaluate against EvaluateResponseSchema, written out by hand for
 * speed: a client reads up to 10,000 results per answer (the add-in four answers of 5,000 per
 * recalculation), and the zod parse of each costs more than JSON.parse itself. It accepts
 * exactly what the schema accepts (a property test keeps the two in agreement); the ruleset
 * summary and the unconfirmed notice, one per answer, are parsed with zod. Returns undefined for
 * an answer the schema refuses.
 */
export interface ReadEvaluateResponse {
  ruleset: EvaluateResponse["ruleset"];
  outcomes: EvaluateResponse["outcomes"];
  /** Present when the service could not re-check the version in force (storage unavailable). */
  rulesetUnconfirmed?: EvaluateResponse["rulesetUnconfirmed"];
  results: ApplicationOutcome<AnyReason>[];
}

// The codes from the schema itself, so a code added there is read here too.
const REASON_CODES = new Set<string>(EvaluateReasonSchema.shape.code.options);
const ERROR_CODES = new Set<string>(ApplicationErrorSchema.shape.error.shape.code.options);
const OutcomesSchema = EvaluateResponseSchema.shape.outcomes;
const UnconfirmedSchema = EvaluateResponseSchema.shape.rulesetUnconfirmed;
const SOURCES = new Set(["subcommittee", "computed"]);
const PRELIMINARY = new Set(["met", "notMet", "notAssessed"]);

export function readEvaluateResponse(body: unknown): ReadEvaluateResponse | undefined {
  if (!isObject(body)) return undefined;
  const ruleset = RulesetSummarySchema.safeParse(body.ruleset);
  const outcomes = OutcomesSchema.safeParse(body.outcomes);
  const unconfirmed = UnconfirmedSchema.safeParse(body.rulesetUnconfirmed);
  if (!ruleset.success || !outcomes.success || !unconfirmed.success) return undefined;
  if (!Array.isArray(body.results)) return undefined;
  const results = body.results as unknown[];
  for (let index = 0; index < results.length; index++)
    if (!isOutcome(results[index])) return undefined;
  return {
    ruleset: ruleset.data,
    outcomes: outcomes.data,
    ...(unconfirmed.data === undefined ? {} : { rulesetUnconfirmed: unconfirmed.data }),
    results: results as ApplicationOutcome<AnyReason>[],
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const optional = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || check(value);
const isString = (value: unknown) => typeof value === "string";
// zod's z.number() takes finite numbers only (JSON has no others).
const isNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value);
const isInteger = (value: unknown) => Number.isSafeInteger(value);
// LocalizedTextSchema: each language a non-empty text once trimmed.
const isText = (value: unknown) => typeof value === "string" && value.trim() !== "";
const isBoolean = (value: unknown) => typeof value === "boolean";
const isWords = (value: unknown) =>
  isObject(value) && optional(value.th, isString) && optional(value.en, isString);
function isOutcome(value: unknown): boolean {
  if (!isObject(value)) return false;
  // z.union tries the result first, then the error: either shape is accepted.
  return isResult(value) || isApplicationError(value);
}

function isResult(value: Record<string, unknown>): boolean {
  if (!optional(value.id, isString)) return false;
  if (!isBoolean(value.eligible)) return false;
  const outcome = value.outcome;
  if (!isObject(outcome) || !isString(outcome.id) || !optional(outcome.name, isWords)) return false;
  if (!optional(value.track, isString)) return false;
  if (!(value.overallPercent === null || isNumber(value.overallPercent))) return false;
  if (!(value.overallSource === null || SOURCES.has(value.overallSource as string))) return false;
  if (!isNumber(value.overallMinPercent)) return false;
  if (!PRELIMINARY.has(value.preliminary as string)) return false;
  if (!optional(value.requirements, (groups) => isRecordOf(groups, isStatus))) return false;
  const { dimensions, reasons } = value;
  if (!Array.isArray(dimensions) || !Array.isArray(reasons)) return false;
  for (const dimension of dimensions) {
    if (!isObject(dimension)) return false;
    if (!isString(dimension.id) || !isNumber(dimension.percent)) return false;
    if (!isNumber(dimension.minPercent) || !isBoolean(dimension.passed)) return false;
    if (!optional(dimension.points, (points) => isRecordOf(points, isNumber))) return false;
  }
  for (const reason of reasons) if (!isReason(reason)) return false;
  return true;
}

function isReason(value: unknown): boolean {
  if (!isObject(value) || !REASON_CODES.has(value.code as string)) return false;
  return (
    optional(value.dimension, isString) &&
    optional(value.criterion, isString) &&
    optional(value.group, isString) &&
    optional(value.item, isString) &&
    optional(value.answered, isBoolean) &&
    optional(value.proposed, isInteger) &&
    optional(value.required, isInteger) &&
    optional(value.percent, isNumber) &&
    optional(value.minPercent, isNumber) &&
    optional(value.source, (source) => SOURCES.has(source as string)) &&
    optional(value.message, isWords)
  );
}

function isApplicationError(value: Record<string, unknown>): boolean {
  if (!optional(value.id, isString)) return false;
  const error = value.error;
  if (!isObject(error) || !ERROR_CODES.has(error.code as string) || !isString(error.path))
    return false;
  return isLocalized(error.message);
}

function isLocalized(message: unknown): boolean {
  return isObject(message) && isText(message.th) && isText(message.en);
}

const isStatus = (value: unknown) => PRELIMINARY.has(value as string);

function isRecordOf(value: unknown, check: (entry: unknown) => boolean): boolean {
  if (!isObject(value)) return false;
  for (const key in value) if (!check(value[key])) return false;
  return true;
}

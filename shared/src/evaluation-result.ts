import type { LocalizedText } from "./localized-text";
import type { ApplicationErrorCode, ReasonCode } from "./messages";

export interface Reason {
  code: ReasonCode;
  dimension?: string;
  criterion?: string;
  message: LocalizedText;
}

export interface DimensionResult {
  id: string;
  percent: number;
  /** The bar this dimension was held to. */
  minPercent: number;
  passed: boolean;
}

/** `notAssessed`: the application carried no preliminary answers at all. */
export type PreliminaryStatus = "met" | "notMet" | "notAssessed";

export interface EvaluationResult {
  id?: string;
  eligible: boolean;
  overallPercent: number | null;
  /** Where the overall percent came from; null when there is none. */
  overallSource: "subcommittee" | "computed" | null;
  overallMinPercent: number;
  preliminary: PreliminaryStatus;
  dimensions: DimensionResult[];
  reasons: Reason[];
}

export interface ApplicationError {
  id?: string;
  error: {
    code: ApplicationErrorCode;
    /** Where in the request the problem is, e.g. `applications[3].scores.environment`. */
    path: string;
    message: LocalizedText;
  };
}

export type ApplicationOutcome = EvaluationResult | ApplicationError;

/** The dimensions a result's reasons say are below their bar. */
export function dimensionsBelowBar(reasons: readonly Reason[]): Set<string> {
  const below = new Set<string>();
  for (const reason of reasons)
    if (reason.code === "DIMENSION_BELOW_MIN" && reason.dimension) below.add(reason.dimension);
  return below;
}

export function isApplicationError(outcome: ApplicationOutcome): outcome is ApplicationError {
  return "error" in outcome;
}

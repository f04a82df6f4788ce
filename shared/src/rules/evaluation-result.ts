import type { LocalizedText } from "../text/localized-text";
import type { ApplicationErrorCode, ReasonCode } from "./messages";

/**
 * What a reason says, as data: its code and the facts its words need, so a client that asked for
 * no words (`"messages": "none"`) renders the same sentence with `reasonText` (messages.ts).
 * - PRELIMINARY_NOT_MET: `criterion`, `answered` (true: answered no; false: not answered);
 * - TOO_FEW_DIMENSIONS: `proposed`, `required`;
 * - MANDATORY_DIMENSION_MISSING: `dimension`;
 * - DIMENSION_BELOW_MIN: `dimension`, `percent`, `minPercent`;
 * - OVERALL_BELOW_MIN: `percent`, `minPercent`, `source` ("subcommittee" or "computed");
 * - REQUIREMENT_NOT_MET: `group`, `item`, `answered` (as for PRELIMINARY_NOT_MET).
 */
export interface ReasonFacts {
  code: ReasonCode;
  dimension?: string;
  criterion?: string;
  group?: string;
  item?: string;
  answered?: boolean;
  proposed?: number;
  required?: number;
  percent?: number;
  minPercent?: number;
  source?: "subcommittee" | "computed";
}

/** A reason with its words in both languages (the default, `"messages": "both"`). */
export interface Reason extends ReasonFacts {
  message: LocalizedText;
}

/** A reason as `"messages"` asked for it: both languages, one, or none (`message` absent). */
export interface AnyReason extends ReasonFacts {
  message?: Partial<LocalizedText>;
}

/** Which words reasons carry: both languages (default), Thai only, English only, or none. */
export type MessageLanguages = "both" | "th" | "en" | "none";

export interface DimensionResult {
  id: string;
  percent: number;
  /** The bar this dimension was held to. */
  minPercent: number;
  passed: boolean;
  /** When the dimension was scored by its rubric: each item's points (items not given: 0). */
  points?: Record<string, number>;
}

/** The outcome band a result falls in (later criteria); without bands, `eligible` or `notEligible`. */
export interface Outcome {
  id: string;
  name: LocalizedText;
}

/**
 * An outcome band as `"messages"` asked for it: its name in both languages, one, or none (`name`
 * absent; the answer's `outcomes` names every band once, so a compact answer carries no words
 * per result).
 */
export interface AnyOutcome {
  id: string;
  name?: Partial<LocalizedText>;
}

/** A result with every word (`Reason`) names its band in both languages; otherwise as asked. */
export type OutcomeFor<R extends ReasonFacts> = R extends Reason ? Outcome : AnyOutcome;

/** Per requirement group in force (other than `preliminary`): met, not met, or not assessed. */
export type RequirementStatus = PreliminaryStatus;

/** `notAssessed`: the application carried no preliminary answers at all. */
export type PreliminaryStatus = "met" | "notMet" | "notAssessed";

export interface EvaluationResult<R extends ReasonFacts = Reason> {
  id?: string;
  eligible: boolean;
  outcome: OutcomeFor<R>;
  /** The track the application was held to; absent when the ruleset's own rules applied. */
  track?: string;
  overallPercent: number | null;
  /** Where the overall percent came from; null when there is none. */
  overallSource: "subcommittee" | "computed" | null;
  overallMinPercent: number;
  preliminary: PreliminaryStatus;
  /** Present when requirement groups other than `preliminary` are in force. */
  requirements?: Record<string, RequirementStatus>;
  dimensions: DimensionResult[];
  reasons: R[];
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

export type ApplicationOutcome<R extends ReasonFacts = Reason> =
  EvaluationResult<R> | ApplicationError;

/** The dimensions a result's reasons say are below their bar. */
export function dimensionsBelowBar(reasons: readonly ReasonFacts[]): Set<string> {
  const below = new Set<string>();
  for (const reason of reasons)
    if (reason.code === "DIMENSION_BELOW_MIN" && reason.dimension) below.add(reason.dimension);
  return below;
}

export function isApplicationError<R extends ReasonFacts>(
  outcome: ApplicationOutcome<R>
): outcome is ApplicationError {
  return "error" in outcome;
}

/* global CustomFunctions */
import type { Language } from "@smartcity/shared";
import { asServiceError } from "../client/ruleset-source";

/**
 * Runs a function's body; a ServiceError becomes #VALUE! (bad input) or #N/A (no answer), with
 * its message: in `language` when the function has one and the error has words in it (an item
 * error of the service, e.g. UNKNOWN_TRACK or INVALID_POINTS, comes in both), else English.
 */
// Written with .then rather than async/await: a recalculation runs this for every cell, and each
// await layer costs microtask turns that add up over 20,000 cells.
export function settle<T>(body: () => T | Promise<T>, language: Language = "en"): Promise<T> {
  try {
    const outcome = body();
    if (!(outcome instanceof Promise)) return Promise.resolve(outcome);
    return outcome.catch((error: unknown) => {
      throw cellError(error, language);
    });
  } catch (error) {
    return Promise.reject(cellError(error, language));
  }
}

export function cellError(error: unknown, language: Language): CustomFunctions.Error {
  const failure = asServiceError(error);
  const code =
    failure.kind === "invalid"
      ? CustomFunctions.ErrorCode.invalidValue
      : CustomFunctions.ErrorCode.notAvailable;
  const text = language === "th" && failure.worded ? failure.text.th : failure.message;
  return new CustomFunctions.Error(code, text.slice(0, 255));
}

import { failure, isPlainObject, pathOf } from "./application-failure";
import type { CompiledRules } from "./compiled-rules";
import type { CheckedApplication } from "./checked-application";
import type { ApplicationError } from "./evaluation-result";
import type { LocalizedText } from "../text/localized-text";
import {
  APPLICATION_FIELDS,
  applicationMessages,
  namedProblem,
  OVERALL_LABEL,
  scoreProblems,
  showValue,
} from "./messages";
import { toPersonDecimal } from "../text/person-decimal";
import { readLaterFields } from "./read-later-fields";

const ALLOWED_FIELDS = new Set<string>(APPLICATION_FIELDS);

/**
 * Checks one application of the HTTP contract (see `ApplicationSchema` in
 * http-contract.ts, which documents the same shape). This is hand-written rather
 * than a zod parse because it runs once per application on the hot path: zod
 * costs about 4 µs an item, which alone would exceed the latency budget of a
 * 10,000-application batch. A property test keeps the two in agreement.
 *
 * The first problem found is reported, with its path below `basePath`.
 */
export function readApplication(
  input: unknown,
  rules: CompiledRules,
  basePath = "",
  index?: number
): CheckedApplication | ApplicationError {
  if (!isPlainObject(input))
    return failure(
      undefined,
      "INVALID_APPLICATION",
      pathOf(basePath, index),
      applicationMessages.notAnObject()
    );
  const id = typeof input.id === "string" ? input.id : undefined;

  for (const field in input) {
    if (!ALLOWED_FIELDS.has(field)) {
      return failure(
        id,
        "INVALID_APPLICATION",
        pathOf(basePath, index, field),
        applicationMessages.unknownField(field)
      );
    }
  }
  if (input.id !== undefined && id === undefined) {
    return failure(
      id,
      "INVALID_APPLICATION",
      pathOf(basePath, index, "id"),
      applicationMessages.notText("id")
    );
  }
  if (input.name !== undefined && typeof input.name !== "string") {
    return failure(
      id,
      "INVALID_APPLICATION",
      pathOf(basePath, index, "name"),
      applicationMessages.notText("name")
    );
  }

  const scoresInput = input.scores;
  if (!isPlainObject(scoresInput)) {
    return failure(
      id,
      "INVALID_APPLICATION",
      pathOf(basePath, index, "scores"),
      applicationMessages.scoresMissing()
    );
  }
  const scores = new Array<number | undefined>(rules.dimensions.length);
  let proposedCount = 0;
  for (const key in scoresInput) {
    const dimension = rules.dimensionsById.get(key);
    if (dimension === undefined) {
      const message = applicationMessages.unknownDimension(key, rules.version, rules.dimensions);
      return failure(id, "UNKNOWN_DIMENSION", pathOf(basePath, index, "scores", key), message);
    }
    const value = scoresInput[key];
    if (value === null || value === undefined) continue;
    const problem = percentProblem(value);
    if (problem !== undefined)
      return failure(
        id,
        "INVALID_SCORE",
        pathOf(basePath, index, "scores", key),
        namedProblem(dimension.name, problem)
      );
    scores[dimension.index] = toPersonDecimal(value as number);
    proposedCount++;
  }

  let overall: number | undefined;
  if (input.overall !== undefined && input.overall !== null) {
    const problem = percentProblem(input.overall);
    if (problem !== undefined) {
      return failure(
        id,
        "INVALID_SCORE",
        pathOf(basePath, index, "overall"),
        namedProblem(OVERALL_LABEL, problem)
      );
    }
    overall = toPersonDecimal(input.overall as number);
  }

  let preliminary: (boolean | undefined)[] | undefined;
  const preliminaryInput = input.preliminary;
  if (preliminaryInput !== undefined && preliminaryInput !== null) {
    if (!isPlainObject(preliminaryInput)) {
      return failure(
        id,
        "INVALID_APPLICATION",
        pathOf(basePath, index, "preliminary"),
        applicationMessages.preliminaryNotObject()
      );
    }
    preliminary = new Array<boolean | undefined>(rules.criteria.length);
    for (const key in preliminaryInput) {
      const criterion = rules.criteriaById.get(key);
      if (criterion === undefined) {
        const message = applicationMessages.unknownCriterion(key, rules.version, rules.criteria);
        return failure(
          id,
          "INVALID_APPLICATION",
          pathOf(basePath, index, "preliminary", key),
          message
        );
      }
      const answer = preliminaryInput[key];
      if (typeof answer !== "boolean") {
        const message = applicationMessages.criterionNotBoolean(criterion.name, showValue(answer));
        return failure(
          id,
          "INVALID_APPLICATION",
          pathOf(basePath, index, "preliminary", key),
          message
        );
      }
      preliminary[criterion.index] = answer;
    }
  }

  const checked: CheckedApplication = { id, scores, proposedCount, overall, preliminary };
  // The later criteria's fields, read only when present so that the 2018 shape pays nothing for them.
  if (input.track !== undefined || input.requirements !== undefined || input.points !== undefined) {
    const problem = readLaterFields(input, checked, rules, basePath, index);
    if (problem !== undefined) return problem;
  }
  return checked;
}

/** What is wrong with a value meant as a percent 0–100, or undefined when nothing is. */
export function percentProblem(value: unknown): LocalizedText | undefined {
  if (typeof value !== "number" || Number.isNaN(value))
    return scoreProblems.notANumber(showValue(value));
  if (!Number.isFinite(value)) return scoreProblems.beyondRange(showValue(value), 100);
  if (value > 100) return scoreProblems.aboveMax(showValue(value));
  if (value < 0) return scoreProblems.belowMin(showValue(value));
  return undefined;
}

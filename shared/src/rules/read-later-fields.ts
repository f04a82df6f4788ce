import { failure, isPlainObject, pathOf } from "./application-failure";
import type { CompiledCriterion, CompiledRules } from "./compiled-rules";
import type { ApplicationError } from "./evaluation-result";
import type { LocalizedText } from "../text/localized-text";
import { applicationMessages, laterFieldMessages as says, showValue } from "./messages";
import { toPersonDecimal } from "../text/person-decimal";
import type { CheckedApplication } from "./read-application";
import { PRELIMINARY_GROUP } from "./structure-checks";

const PRELIMINARY_NAME: LocalizedText = { th: "เกณฑ์เบื้องต้น", en: "the preliminary criteria" };

/**
 * Reads issue 13's fields of an application into `checked`: `track`, `requirements`
 * (`preliminary` inside it is the preliminary group) and `points` (a rubric dimension's
 * percent from its items). Returns the first problem, or undefined.
 */
export function readLaterFields(
  input: Record<string, unknown>,
  checked: CheckedApplication,
  rules: CompiledRules,
  basePath: string,
  index: number | undefined
): ApplicationError | undefined {
  const id = checked.id;
  const fail = (code: Parameters<typeof failure>[1], message: LocalizedText, ...at: string[]) =>
    failure(id, code, pathOf(basePath, index, ...at), message);

  if (input.track !== undefined && input.track !== null) {
    const name = input.track;
    const track = typeof name === "string" ? rules.tracksById.get(name) : undefined;
    if (track === undefined)
      return fail(
        "UNKNOWN_TRACK",
        says.unknownTrack(showValue(name).replace(/^"|"$/g, ""), rules.version, rules.trackIds),
        "track"
      );
    checked.track = track;
  }

  const requirements = input.requirements;
  if (requirements !== undefined && requirements !== null) {
    if (!isPlainObject(requirements))
      return fail(
        "INVALID_APPLICATION",
        says.notAnObject("requirements", '{"components": {"cityDataPlatform": true}}'),
        "requirements"
      );
    checked.requirements = new Array(rules.allGroups.length);
    for (const key in requirements) {
      const answers = requirements[key];
      if (answers === null || answers === undefined) continue;
      if (key === PRELIMINARY_GROUP) {
        if (checked.preliminary !== undefined)
          return fail("INVALID_APPLICATION", says.preliminaryTwice(), "requirements", key);
        const read = readAnswers(answers, rules.criteriaById, rules.criterionIds, PRELIMINARY_NAME);
        if (typeof read === "string" || !Array.isArray(read)) return problem(read, key);
        checked.preliminary = read;
        continue;
      }
      const group = rules.groupsById.get(key);
      if (group === undefined)
        return fail(
          "INVALID_APPLICATION",
          says.unknownGroup(key, rules.version, [PRELIMINARY_GROUP, ...rules.groupIds]),
          "requirements",
          key
        );
      const read = readAnswers(answers, group.itemsById, group.itemIds, group.name);
      if (!Array.isArray(read)) return problem(read, key);
      checked.requirements[group.index] = read;
    }
  }

  const points = input.points;
  if (points !== undefined && points !== null) {
    if (!isPlainObject(points))
      return fail(
        "INVALID_APPLICATION",
        says.notAnObject("points", '{"environment": {"airQuality": 8}}'),
        "points"
      );
    checked.points = new Array(rules.dimensions.length);
    for (const key in points) {
      const dimension = rules.dimensionsById.get(key);
      if (dimension === undefined)
        return fail(
          "UNKNOWN_DIMENSION",
          applicationMessages.unknownDimension(key, rules.version, rules.dimensionIds),
          "points",
          key
        );
      const given = points[key];
      if (given === null || given === undefined) continue;
      const rubric = dimension.rubric;
      if (rubric === undefined)
        return fail("INVALID_POINTS", says.noRubric(dimension.name), "points", key);
      if (checked.scores[dimension.index] !== undefined)
        return fail("SCORE_AND_POINTS", says.scoreAndPoints(dimension.name), "points", key);
      if (!isPlainObject(given))
        return fail(
          "INVALID_POINTS",
          says.notAnObject(
            `points.${key}`,
            `{"${rubric.itemIds[0]}": ${rubric.items[0].maxPoints}}`
          ),
          "points",
          key
        );
      // An item left out (or null) has 0 points: the rubric's percent is over every item.
      const itemPoints = new Array<number>(rubric.items.length).fill(0);
      let sum = 0;
      for (const itemKey in given) {
        const item = rubric.itemsById.get(itemKey);
        if (item === undefined)
          return fail(
            "INVALID_POINTS",
            says.unknownItem(itemKey, dimension.name, rubric.itemIds),
            "points",
            key,
            itemKey
          );
        const value = given[itemKey];
        if (value === null || value === undefined) continue;
        if (
          typeof value !== "number" ||
          !Number.isFinite(value) ||
          value < 0 ||
          value > item.maxPoints
        )
          return fail(
            "INVALID_POINTS",
            says.pointsProblem(item.name, showValue(value), item.maxPoints),
            "points",
            key,
            itemKey
          );
        itemPoints[item.index] = value;
        sum += value;
      }
      checked.points[dimension.index] = itemPoints;
      checked.scores[dimension.index] = rubricPercent(sum, rubric.maxPointsTotal);
      checked.proposedCount++;
    }
  }
  return undefined;

  function problem(read: AnswerProblem, group: string): ApplicationError {
    return fail(
      "INVALID_APPLICATION",
      read.message,
      "requirements",
      group,
      ...(read.item === undefined ? [] : [read.item])
    );
  }
}

/** A rubric dimension's percent: its points over their maximum, rounded as a person writes decimals. */
export function rubricPercent(points: number, maxPointsTotal: number): number {
  return toPersonDecimal((points / maxPointsTotal) * 100);
}

interface AnswerProblem {
  item?: string;
  message: LocalizedText;
}

/** One group's answers by item id: each must be a known item and a boolean. */
function readAnswers(
  answers: unknown,
  itemsById: Map<string, CompiledCriterion>,
  itemIds: readonly string[],
  of: LocalizedText
): (boolean | undefined)[] | AnswerProblem {
  if (!isPlainObject(answers))
    return { message: says.notAnObject("requirements.<group>", `{"${itemIds[0]}": true}`) };
  const read = new Array<boolean | undefined>(itemIds.length);
  for (const key in answers) {
    const item = itemsById.get(key);
    if (item === undefined) return { item: key, message: says.unknownItem(key, of, itemIds) };
    const answer = answers[key];
    if (typeof answer !== "boolean")
      return {
        item: key,
        message: applicationMessages.criterionNotBoolean(item.name, showValue(answer)),
      };
    read[item.index] = answer;
  }
  return read;
}

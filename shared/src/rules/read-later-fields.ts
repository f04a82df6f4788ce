import { failure, isPlainObject, pathOf } from "./application-failure";
import type { CompiledCriterion, CompiledRules } from "./compiled-rules";
import type { ApplicationError } from "./evaluation-result";
import type { LocalizedText } from "../text/localized-text";
import {
  applicationMessages,
  laterFieldMessages as says,
  namedProblem,
  rubricItemName,
  scoreProblems,
  showValue,
} from "./messages";
import { toPersonDecimal } from "../text/person-decimal";
import type { CheckedApplication } from "./checked-application";
import { PRELIMINARY_GROUP } from "./structure-checks";
import { trackOfLabel } from "./track-label";

const PRELIMINARY_NAME: LocalizedText = { th: "เกณฑ์เบื้องต้น", en: "the preliminary criteria" };
const PRELIMINARY_ENTRY = { id: PRELIMINARY_GROUP, name: PRELIMINARY_NAME };

/**
 * Reads the later criteria's fields of an application into `checked`: `track`, `requirements`
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

  // An empty track (a blank cell, an empty form field) names no track: the default one applies,
  // as it does when `track` is left out. Any other text must name a track, or it is an error.
  const namesTrack =
    input.track !== undefined &&
    input.track !== null &&
    !(typeof input.track === "string" && input.track.trim() === "");
  if (namesTrack) {
    const name = input.track;
    // A track's id, or its English or Thai name as the label resolver reads it (as a cell does).
    const id = trackOfLabel(name, rules.tracks);
    const track = id === undefined ? undefined : rules.tracksById.get(id);
    if (track === undefined)
      return fail(
        "UNKNOWN_TRACK",
        says.unknownTrack(showValue(name), rules.version, rules.tracks),
        "track"
      );
    checked.track = track;
  }

  const requirements = input.requirements;
  if (requirements !== undefined && requirements !== null) {
    if (!isPlainObject(requirements))
      return fail(
        "INVALID_APPLICATION",
        says.notAnObject(
          { th: "ผลข้อกำหนด", en: "requirements" },
          '{"components": {"cityDataPlatform": true}}'
        ),
        "requirements"
      );
    checked.requirements = new Array(rules.allGroups.length);
    for (const key in requirements) {
      const answers = requirements[key];
      if (answers === null || answers === undefined) continue;
      if (key === PRELIMINARY_GROUP) {
        if (checked.preliminary !== undefined)
          return fail("INVALID_APPLICATION", says.preliminaryTwice(), "requirements", key);
        const read = readAnswers(answers, rules.criteriaById, rules.criteria, PRELIMINARY_NAME);
        if (typeof read === "string" || !Array.isArray(read)) return problem(read, key);
        checked.preliminary = read;
        continue;
      }
      const group = rules.groupsById.get(key);
      if (group === undefined)
        return fail(
          "INVALID_APPLICATION",
          says.unknownGroup(key, rules.version, [PRELIMINARY_ENTRY, ...rules.allGroups]),
          "requirements",
          key
        );
      const read = readAnswers(answers, group.itemsById, group.items, group.name);
      if (!Array.isArray(read)) return problem(read, key);
      checked.requirements[group.index] = read;
    }
  }

  const points = input.points;
  if (points !== undefined && points !== null) {
    if (!isPlainObject(points))
      return fail(
        "INVALID_APPLICATION",
        says.notAnObject({ th: "คะแนนรายการ", en: "points" }, '{"environment": {"airQuality": 8}}'),
        "points"
      );
    checked.points = new Array(rules.dimensions.length);
    for (const key in points) {
      const dimension = rules.dimensionsById.get(key);
      if (dimension === undefined)
        return fail(
          "UNKNOWN_DIMENSION",
          applicationMessages.unknownDimension(key, rules.version, rules.dimensions),
          "points",
          key
        );
      const given = points[key];
      if (given === null || given === undefined) continue;
      const rubric = dimension.rubric;
      if (rubric === undefined)
        return fail("INVALID_POINTS", says.noRubric(dimension.name), "points", key);
      if (!isPlainObject(given))
        return fail(
          "INVALID_POINTS",
          says.notAnObject(
            { th: `คะแนนรายการของ${dimension.name.th}`, en: `points.${key}` },
            `{"${rubric.itemIds[0]}": ${rubric.items[0].maxPoints}}`
          ),
          "points",
          key
        );
      // An item left out (or null) has 0 points: the rubric's percent is over every item.
      const itemPoints = new Array<number>(rubric.items.length).fill(0);
      let sum = 0;
      let answered = 0;
      for (const itemKey in given) {
        const item = rubric.itemsById.get(itemKey);
        if (item === undefined)
          return fail(
            "INVALID_POINTS",
            says.unknownItem(itemKey, dimension.name, rubric.items),
            "points",
            key,
            itemKey
          );
        const value = given[itemKey];
        if (value === null || value === undefined) continue;
        const wrong = pointsProblem(value, item.maxPoints);
        if (wrong !== undefined)
          return fail(
            "INVALID_POINTS",
            namedProblem(rubricItemName(dimension.name, item.name), wrong),
            "points",
            key,
            itemKey
          );
        // pointsProblem found nothing: a finite number from 0 to the item's maximum.
        itemPoints[item.index] = value as number;
        sum += value as number;
        answered++;
      }
      // No item given points ({} or every item null, as a row of blank cells sends): the
      // dimension is not scored by points, exactly as a blank percent is not proposed (never 0%).
      if (answered === 0) continue;
      if (checked.scores[dimension.index] !== undefined)
        return fail("SCORE_AND_POINTS", says.scoreAndPoints(dimension.name), "points", key);
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

/** What is wrong with a rubric item's points (a number from 0 to its maximum), or undefined. */
export function pointsProblem(value: unknown, maxPoints: number): LocalizedText | undefined {
  // The valid case first and without words: this runs for every item of every application.
  if (typeof value === "number" && value >= 0 && value <= maxPoints) return undefined;
  const shown = showValue(value);
  if (typeof value === "string") return scoreProblems.pointsAsText(shown, maxPoints);
  if (typeof value !== "number" || Number.isNaN(value))
    return scoreProblems.notPoints(shown, maxPoints);
  if (!Number.isFinite(value)) return scoreProblems.beyondRange(shown, maxPoints);
  if (value > maxPoints) return scoreProblems.pointsAboveMax(shown, maxPoints);
  return scoreProblems.belowMin(shown);
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
  items: readonly CompiledCriterion[],
  of: LocalizedText
): (boolean | undefined)[] | AnswerProblem {
  if (!isPlainObject(answers))
    return {
      message: says.notAnObject(
        { th: `ผลของ${of.th}`, en: "requirements.<group>" },
        `{"${items[0]?.id ?? "item"}": true}`
      ),
    };
  const read = new Array<boolean | undefined>(items.length);
  for (const key in answers) {
    const item = itemsById.get(key);
    if (item === undefined) return { item: key, message: says.unknownItem(key, of, items) };
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

/* global CustomFunctions */
/* eslint-disable @typescript-eslint/no-explicit-any --
   custom-functions-metadata reads parameter types from these signatures; "any" is how it is told
   that a cell may hold any type. Each value is checked by toApplication and the shared readers. */
import { dimensionBar, type Language, labelKey, reasonText } from "@smartcity/shared";
import { ServiceError } from "../client/service-error";
import { displayLanguageNow } from "../office/host";
import { versionText } from "../offline/version-text";
import { connection, getChosenLanguage, onChosenLanguage, rulesets } from "../runtime";
import {
  evaluateCells,
  FULL_ARGUMENTS,
  OUTCOME_ARGUMENTS,
  REASONS_ARGUMENTS,
  SCORE_ARGUMENTS,
  withRuleset,
} from "./cell-evaluation";
import { settle } from "./cell-errors";
import { watchAssociations } from "./metadata-seen";

// The metadata plugin appends CustomFunctions.associate calls to this module. Excel's shared
// runtime provides CustomFunctions; a plain browser opening the pane has none, and those calls
// would throw "CustomFunctions is not defined" there: they are then given a no-op to call.
watchAssociations(); // before the no-op: the pane's health check says which it was
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: Pick<typeof CustomFunctions, "associate"> }).CustomFunctions =
    {
      associate: () => undefined,
    };
}

/*
 * The SMARTCITY custom functions. Each is a short wrapper: read the cells,
 * ask the scoring service (through the batching client), return a value or a
 * CustomFunctions.Error. custom-functions-metadata-plugin generates
 * functions.json from the JSDoc below and appends the CustomFunctions.associate
 * calls to this file.
 *
 * Every function that reads cells declares @requiresParameterAddresses, so it
 * can tell a blank cell from a typed 0 on Excel desktop (cell-arguments.ts).
 * Microsoft's metadata reference (custom-functions-json.md, "options") says that
 * option works only with a result whose `dimensionality` is `matrix`: so these
 * functions return a matrix, 1×1 for their one value (`number[][]` in the
 * signature is what makes the plugin write "dimensionality": "matrix"), and a
 * 1×1 matrix shows in its cell as the plain value.
 */

/**
 * The overall percent of an applicant's plan under the committee's rules.
 * @customfunction SCORE
 * @requiresParameterAddresses
 * @param scores One row or column of dimension scores: 85, 85%, "85%" or Thai digits. A blank cell is a dimension not proposed; 0 is a score of zero.
 * @param [labels] Header cells naming each score's dimension (Thai, English or id), or a rubric item as dimension.item (its cell then holds points), the same shape as scores. Without it, scores follow the ruleset's dimension order.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param [track] City type (track) by id, English or Thai name. A blank cell is the ruleset's default track.
 * @param invocation Invocation (parameter addresses).
 * @returns The overall percent (one cell).
 */
export function score(
  scores: any[][],
  labels?: any[][],
  version?: any,
  track?: any,
  invocation?: CustomFunctions.Invocation
): Promise<number[][]> {
  [track, invocation] = appendedArgument(track, invocation);
  return settle(() =>
    evaluateCells({ scores, labels, version, track }, SCORE_ARGUMENTS, invocation, (result) => {
      if (result.overallPercent === null)
        throw new ServiceError("invalid", "no dimension is scored");
      return [[result.overallPercent]];
    })
  );
}

/**
 * Whether the plan meets every rule: requirements, number of dimensions, mandatory dimensions, each dimension's bar and the overall bar, under its track.
 * @customfunction ELIGIBLE
 * @requiresParameterAddresses
 * @param scores One row or column of dimension scores. A blank cell is a dimension not proposed.
 * @param [labels] Header cells naming each score's dimension (or rubric item), the same shape as scores.
 * @param [preliminary] One cell per preliminary criterion, in the ruleset's order: TRUE/FALSE, Yes/No, ใช่/ไม่ใช่, ผ่าน/ไม่ผ่าน… Or one per requirement item: the preliminary criteria, then each requirement group's items. A blank cell is not answered; all blank (or omitted) is not assessed.
 * @param [overall] The subcommittee's own overall score, used instead of the mean. A blank cell is no score.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param [track] City type (track) by id, English or Thai name. A blank cell is the ruleset's default track.
 * @param invocation Invocation (parameter addresses).
 * @returns TRUE when eligible (one cell).
 */
export function eligible(
  scores: any[][],
  labels?: any[][],
  preliminary?: any[][],
  overall?: any,
  version?: any,
  track?: any,
  invocation?: CustomFunctions.Invocation
): Promise<boolean[][]> {
  [track, invocation] = appendedArgument(track, invocation);
  return settle(() =>
    evaluateCells(
      { scores, labels, preliminary, overall, version, track },
      FULL_ARGUMENTS,
      invocation,
      (result) => [[result.eligible]]
    )
  );
}

/**
 * Every reason the plan is not eligible, in Thai or English; empty when eligible.
 * @customfunction REASONS
 * @requiresParameterAddresses
 * @param scores One row or column of dimension scores. A blank cell is a dimension not proposed.
 * @param [labels] Header cells naming each score's dimension (or rubric item), the same shape as scores.
 * @param [preliminary] One cell per preliminary criterion, in the ruleset's order, or one per requirement item (as in ELIGIBLE). A blank cell is not answered; all blank is not assessed.
 * @param [overall] The subcommittee's own overall score. A blank cell is no score.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param [language] "en" (default) or "th".
 * @param [track] City type (track) by id, English or Thai name. A blank cell is the ruleset's default track.
 * @param invocation Invocation (parameter addresses).
 * @returns The reasons, separated by "; " (one cell).
 */
export function reasons(
  scores: any[][],
  labels?: any[][],
  preliminary?: any[][],
  overall?: any,
  version?: any,
  language?: any,
  track?: any,
  invocation?: CustomFunctions.Invocation
): Promise<string[][]> {
  [track, invocation] = appendedArgument(track, invocation);
  const lang = languageOf(language);
  return settle(
    () =>
      // The service sends codes and facts only ("messages": "none"); the words are shared's.
      evaluateCells(
        { scores, labels, preliminary, overall, version, track },
        REASONS_ARGUMENTS,
        invocation,
        (result, ruleset) => [
          [result.reasons.map((reason) => reasonText(reason, ruleset.rules)[lang]).join("; ")],
        ]
      ),
    lang
  );
}

/**
 * The outcome the plan falls in (e.g. approved, approved in principle, not approved), in Thai or English.
 * @customfunction OUTCOME
 * @requiresParameterAddresses
 * @param scores One row or column of dimension scores. A blank cell is a dimension not proposed.
 * @param [labels] Header cells naming each score's dimension (or rubric item as dimension.item), the same shape as scores.
 * @param [requirements] One cell per requirement item: the preliminary criteria, then each requirement group's items, in the ruleset's order (or the preliminary criteria alone). A group whose cells are all blank is not assessed.
 * @param [overall] The subcommittee's own overall score, used instead of the mean. A blank cell is no score.
 * @param [track] City type (track) by id, English or Thai name. A blank cell is the ruleset's default track.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param [language] "en" (default) or "th".
 * @param invocation Invocation (parameter addresses).
 * @returns The outcome's name (one cell).
 */
export function outcome(
  scores: any[][],
  labels?: any[][],
  requirements?: any[][],
  overall?: any,
  track?: any,
  version?: any,
  language?: any,
  invocation?: CustomFunctions.Invocation
): Promise<string[][]> {
  const lang = languageOf(language);
  return settle(
    () =>
      evaluateCells(
        { scores, labels, requirements, overall, track, version },
        OUTCOME_ARGUMENTS,
        invocation,
        (result) => [[result.outcome.name[lang]]]
      ),
    lang
  );
}

/**
 * A threshold of the ruleset: "overall", "dimension", "minimum dimensions", or a dimension's name for its own bar.
 * @customfunction THRESHOLD
 * @requiresParameterAddresses
 * @param name Which threshold.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param invocation Invocation (parameter addresses).
 * @returns The threshold's value (one cell).
 */
export function threshold(
  name: string,
  version?: any,
  invocation?: CustomFunctions.Invocation
): Promise<number[][]> {
  return settle(() =>
    withRuleset(version, invocation, ({ rules, version: resolved }) => {
      const key = labelKey(String(name ?? ""));
      if (["overall", "overallminpercent", "ภาพรวม"].includes(key))
        return [[rules.overallMinPercent]];
      if (["dimension", "dimensionminpercent", "ด้าน"].includes(key))
        return [[rules.dimensionMinPercent]];
      if (["minimumdimensions", "mindimensions", "dimensions", "จำนวนด้าน"].includes(key))
        return [[rules.minDimensions]];
      const dimension = rules.dimensions.find((candidate) =>
        [candidate.id, candidate.name.en, candidate.name.th].map(labelKey).includes(key)
      );
      if (dimension) return [[dimensionBar(rules, dimension)]];
      throw new ServiceError(
        "invalid",
        `"${String(name)}" is not a threshold of ruleset ${resolved}: use overall, dimension, minimum dimensions or a dimension's name`
      );
    })
  );
}

/**
 * The names of the ruleset's dimensions, spilled across a row (for a header row).
 * @customfunction DIMENSIONS
 * @requiresParameterAddresses
 * @param [language] "en" (default), "th" or "id".
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param invocation Invocation (parameter addresses).
 * @returns One row of names.
 */
export function dimensions(
  language?: string,
  version?: any,
  invocation?: CustomFunctions.Invocation
): Promise<string[][]> {
  return settle(() =>
    withRuleset(version, invocation, ({ rules }) => {
      const wanted =
        typeof language === "string" && language.trim().toLowerCase() === "id"
          ? "id"
          : languageOf(language);
      return [
        rules.dimensions.map((dimension) =>
          wanted === "id" ? dimension.id : dimension.name[wanted]
        ),
      ];
    })
  );
}

/**
 * The ruleset version in force, updated when the committee publishes a new one; while the service cannot be reached, the version the functions compute with, followed by " · offline".
 * @customfunction VERSION
 * @streaming
 * @param invocation Streaming invocation.
 */
export function version(invocation: CustomFunctions.StreamingInvocation<string>): void {
  let heard: string | undefined;
  // Each change of the version, of the connection or of the pane's language shows anew.
  const show = () => {
    if (heard !== undefined)
      invocation.setResult(versionText(heard, connection.isOffline(), cellLanguage()));
  };
  const unsubscribers = [
    rulesets.subscribe(
      (ruleset) => {
        heard = ruleset.version;
        show();
      },
      (error) => {
        // No version is known now (signed out, another service): nothing may bring the old one
        // back (a language switch, a change of connection).
        heard = undefined;
        invocation.setResult(
          new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, error.message) as never
        );
      }
    ),
    connection.subscribe(show),
    onChosenLanguage(show),
  ];
  invocation.onCanceled = () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

/** The language of words a function shows by itself: the pane's choice, else Office's. */
function cellLanguage(): Language {
  return (getChosenLanguage() ?? displayLanguageNow() ?? "en").toLowerCase().startsWith("th")
    ? "th"
    : "en";
}

/**
 * An argument appended in a later release (`track`, manifest 1.2.0.0), called by an Excel that
 * still holds the earlier functions.json (it caches metadata for up to a day, office-js #2777):
 * that Excel passes one parameter fewer, so the invocation arrives in the appended argument's
 * place. A cell's value is never such an object (Excel passes primitives and 2-D arrays), so it
 * is taken back as the invocation and the argument as omitted, and the formula answers as before.
 */
function appendedArgument(
  value: unknown,
  invocation: CustomFunctions.Invocation | undefined
): [unknown, CustomFunctions.Invocation | undefined] {
  if (invocation !== undefined || !isInvocation(value)) return [value, invocation];
  return [null, value];
}

function isInvocation(value: unknown): value is CustomFunctions.Invocation {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    ["parameterAddresses", "address", "functionName", "isInValuePreview"].some(
      (key) => key in value
    )
  );
}

function languageOf(value: unknown): Language {
  const key = typeof value === "string" ? labelKey(value) : "";
  return ["th", "thai", "ไทย", "ภาษาไทย"].includes(key) ? "th" : "en";
}

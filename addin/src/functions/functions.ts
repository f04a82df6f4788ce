/* global CustomFunctions */
/* eslint-disable @typescript-eslint/no-explicit-any --
   custom-functions-metadata reads parameter types from these signatures; "any" is how it is told
   that a cell may hold any type. Each value is checked by toApplication and the shared readers. */
import { dimensionBar, type Language, labelKey, reasonText, type Ruleset } from "@smartcity/shared";
import { asServiceError } from "../client/ruleset-source";
import type { CellResult } from "../client/scoring-client";
import { ServiceError } from "../client/service-error";
import { canReadCells } from "../office/cell-facts";
import { officeIsReady, whenOfficeReady } from "../office/host";
import { cellFacts, rulesets, scoring, workbookPin } from "../runtime";
import {
  type ArgumentFacts,
  type ArgumentName,
  type Grid,
  toApplication,
  versionArgument,
} from "./cell-arguments";

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
 * The ruleset version in force, updated when the committee publishes a new one.
 * @customfunction VERSION
 * @streaming
 * @param invocation Streaming invocation.
 */
export function version(invocation: CustomFunctions.StreamingInvocation<string>): void {
  const unsubscribe = rulesets.subscribe(
    (ruleset) => invocation.setResult(ruleset.version),
    (error) =>
      invocation.setResult(
        new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, error.message) as never
      )
  );
  invocation.onCanceled = unsubscribe;
}

interface Cells {
  scores: Grid;
  labels?: Grid;
  preliminary?: Grid;
  requirements?: Grid;
  overall?: unknown;
  track?: unknown;
  version?: unknown;
}

/** Which argument each parameter position holds (the order of parameterAddresses). */
type Positions = readonly (ArgumentName | undefined)[];
// New arguments are appended (track), so formulas written before them keep their meaning.
const SCORE_ARGUMENTS: Positions = ["scores", "labels", "version", "track"];
const FULL_ARGUMENTS: Positions = [
  "scores",
  "labels",
  "preliminary",
  "overall",
  "version",
  "track",
];
const REASONS_ARGUMENTS: Positions = [
  "scores",
  "labels",
  "preliminary",
  "overall",
  "version",
  undefined, // language: not a cell the reading depends on
  "track",
];
const OUTCOME_ARGUMENTS: Positions = [
  "scores",
  "labels",
  "requirements",
  "overall",
  "track",
  "version",
  undefined, // language
];
const VERSION_ONLY: Positions = [undefined, "version"];
/** Shared by every cell whose cells could not be read (one object, not one per cell). */
const NO_FACTS: ArgumentFacts = Object.freeze({});

/**
 * What Excel can say about the cells behind the arguments: read (in one batched Excel.run per
 * recalculation) for every argument given as a reference, when Excel gave the addresses. An
 * argument without facts is read by the values alone (cell-arguments.ts says what that means).
 */
function factsFor(
  cells: Partial<Cells>,
  positions: Positions,
  invocation: CustomFunctions.Invocation | undefined
): ArgumentFacts | Promise<ArgumentFacts> {
  const addresses = invocation?.parameterAddresses;
  if (!addresses || !canReadCells()) return NO_FACTS;
  const names: ArgumentName[] = [];
  const reads: ReturnType<typeof cellFacts>[] = [];
  positions.forEach((name, index) => {
    const address = addresses[index];
    if (name === undefined || !address) return;
    const value = cells[name];
    if (value === null || value === undefined) return; // omitted: nothing to read
    names.push(name);
    reads.push(cellFacts(address));
  });
  if (reads.length === 0) return NO_FACTS;
  return Promise.all(reads).then((all) => {
    const facts: ArgumentFacts = {};
    all.forEach((known, index) => {
      if (known !== undefined) facts[names[index]] = known;
    });
    return facts;
  });
}

/**
 * The version a formula asks for: its version argument, else the workbook's pin. The pin is in
 * Office.context, which is usable only once Office has initialised (initialize-add-in.md).
 */
function wantedVersion(
  cells: Partial<Cells>,
  facts: ArgumentFacts
): string | undefined | Promise<string | undefined> {
  const named = versionArgument(cells.version, facts.version);
  if (named !== undefined) return named;
  return officeIsReady() ? workbookPin() : whenOfficeReady().then(() => workbookPin());
}

function withRuleset<T>(
  version: unknown,
  invocation: CustomFunctions.Invocation | undefined,
  use: (ruleset: Ruleset) => T
): Promise<T> {
  return Promise.resolve(factsFor({ version }, VERSION_ONLY, invocation))
    .then((facts) => wantedVersion({ version }, facts))
    .then((wanted) => rulesets.resolve(wanted))
    .then(use);
}

/**
 * The value of a cell that evaluates its arguments: at once (no promise) when this recalculation
 * repeats inputs already answered, else when the service answers.
 */
function evaluateCells<T>(
  cells: Cells,
  positions: Positions,
  invocation: CustomFunctions.Invocation | undefined,
  use: (result: CellResult, ruleset: Ruleset) => T
): T | Promise<T> {
  const facts = factsFor(cells, positions, invocation);
  return facts instanceof Promise
    ? facts.then((known) => evaluateWithFacts(cells, known, use))
    : evaluateWithFacts(cells, facts, use);
}

function evaluateWithFacts<T>(
  cells: Cells,
  facts: ArgumentFacts,
  use: (result: CellResult, ruleset: Ruleset) => T
): T | Promise<T> {
  const wanted = wantedVersion(cells, facts);
  // The common case, every cell of a recalculation: the ruleset is at hand, no promise per cell.
  const ruleset = wanted instanceof Promise ? undefined : rulesets.peek(wanted);
  if (ruleset !== undefined) return evaluateWith(cells, facts, ruleset, use);
  return Promise.resolve(wanted)
    .then((version) => rulesets.resolve(version))
    .then((resolved) => evaluateWith(cells, facts, resolved, use));
}

function evaluateWith<T>(
  cells: Cells,
  facts: ArgumentFacts,
  ruleset: Ruleset,
  use: (result: CellResult, ruleset: Ruleset) => T
): T | Promise<T> {
  // Every input of the application is in the key (track and requirements too): a kept answer
  // for one track or one set of answers must never answer another.
  const cellsKey = JSON.stringify([
    cells.scores,
    cells.labels,
    cells.preliminary,
    cells.requirements,
    cells.overall,
    cells.track,
    facts,
  ]);
  // An identical recalculation: the answer is known, so no promise is made for it here.
  const known = scoring.knownForCells(cellsKey, ruleset.version);
  if (known !== undefined) return use(known, ruleset);
  return scoring
    .evaluateCells(cellsKey, ruleset.version, () => toApplication(cells, ruleset, facts))
    .then((result) => use(result, ruleset));
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

/**
 * Runs a function's body; a ServiceError becomes #VALUE! (bad input) or #N/A (no answer), with
 * its message: in `language` when the function has one and the error has words in it (an item
 * error of the service, e.g. UNKNOWN_TRACK or INVALID_POINTS, comes in both), else English.
 */
// Written with .then rather than async/await: a recalculation runs this for every cell, and each
// await layer costs microtask turns that add up over 20,000 cells.
function settle<T>(body: () => T | Promise<T>, language: Language = "en"): Promise<T> {
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

function cellError(error: unknown, language: Language): CustomFunctions.Error {
  const failure = asServiceError(error);
  const code =
    failure.kind === "invalid"
      ? CustomFunctions.ErrorCode.invalidValue
      : CustomFunctions.ErrorCode.notAvailable;
  const text = language === "th" && failure.worded ? failure.text.th : failure.message;
  return new CustomFunctions.Error(code, text.slice(0, 255));
}

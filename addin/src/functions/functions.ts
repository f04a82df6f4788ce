/* global CustomFunctions */
/* eslint-disable @typescript-eslint/no-explicit-any --
   custom-functions-metadata reads parameter types from these signatures; "any" is how it is told
   that a cell may hold any type. Each value is checked by toApplication and the shared readers. */
import {
  dimensionBar,
  type EvaluationResult,
  type Language,
  labelKey,
  type Ruleset,
} from "@smartcity/shared";
import { asServiceError } from "../client/ruleset-source";
import { ServiceError } from "../client/service-error";
import { canReadCells } from "../office/cell-facts";
import { cellFacts, rulesets, scoring, workbookPin } from "../runtime";
import { type CellFacts, type Grid, toApplication } from "./cell-arguments";

/*
 * The SMARTCITY custom functions. Each is a short wrapper: read the cells,
 * ask the scoring service (through the batching client), return a value or a
 * CustomFunctions.Error. custom-functions-metadata-plugin generates
 * functions.json from the JSDoc below and appends the CustomFunctions.associate
 * calls to this file.
 */

/**
 * The overall percent of an applicant's plan under the committee's rules.
 * @customfunction SCORE
 * @requiresParameterAddresses
 * @param scores One row or column of dimension scores: 85, 85%, "85%" or Thai digits. A blank cell is a dimension not proposed; 0 is a score of zero.
 * @param [labels] Header cells naming each score's dimension (Thai, English or id), the same shape as scores. Without it, scores follow the ruleset's dimension order.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param invocation Invocation (parameter addresses).
 * @returns The overall percent.
 */
export function score(
  scores: any[][],
  labels?: any[][],
  version?: any,
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return settle(() =>
    evaluateCells({ scores, labels }, version, invocation).then((result) => {
      if (result.overallPercent === null)
        throw new ServiceError("invalid", "no dimension is scored");
      return result.overallPercent;
    })
  );
}

/**
 * Whether the plan meets every rule: preliminary criteria, number of dimensions, mandatory dimensions, each dimension's bar and the overall bar.
 * @customfunction ELIGIBLE
 * @requiresParameterAddresses
 * @param scores One row or column of dimension scores. A blank cell is a dimension not proposed.
 * @param [labels] Header cells naming each score's dimension, the same shape as scores.
 * @param [preliminary] One cell per preliminary criterion, in the ruleset's order: TRUE/FALSE, Yes/No, ใช่/ไม่ใช่, ผ่าน/ไม่ผ่าน… Omit it when not assessed.
 * @param [overall] The subcommittee's own overall score, used instead of the mean.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param invocation Invocation (parameter addresses).
 * @returns TRUE when eligible.
 */
export function eligible(
  scores: any[][],
  labels?: any[][],
  preliminary?: any[][],
  overall?: any,
  version?: any,
  invocation?: CustomFunctions.Invocation
): Promise<boolean> {
  return settle(() =>
    evaluateCells({ scores, labels, preliminary, overall }, version, invocation).then(
      (result) => result.eligible
    )
  );
}

/**
 * Every reason the plan is not eligible, in Thai or English; empty when eligible.
 * @customfunction REASONS
 * @requiresParameterAddresses
 * @param scores One row or column of dimension scores. A blank cell is a dimension not proposed.
 * @param [labels] Header cells naming each score's dimension, the same shape as scores.
 * @param [preliminary] One cell per preliminary criterion, in the ruleset's order.
 * @param [overall] The subcommittee's own overall score.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @param [language] "en" (default) or "th".
 * @param invocation Invocation (parameter addresses).
 * @returns The reasons, separated by "; ".
 */
export function reasons(
  scores: any[][],
  labels?: any[][],
  preliminary?: any[][],
  overall?: any,
  version?: any,
  language?: any,
  invocation?: CustomFunctions.Invocation
): Promise<string> {
  return settle(() => {
    const lang = languageOf(language);
    return evaluateCells({ scores, labels, preliminary, overall }, version, invocation).then(
      (result) => result.reasons.map((reason) => reason.message[lang]).join("; ")
    );
  });
}

/**
 * A threshold of the ruleset: "overall", "dimension", "minimum dimensions", or a dimension's name for its own bar.
 * @customfunction THRESHOLD
 * @param name Which threshold.
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @returns The threshold's value.
 */
export async function threshold(name: string, version?: any): Promise<number> {
  return settle(async () => {
    const { rules, version: resolved } = await rulesets.resolve(versionOf(version));
    const key = labelKey(String(name ?? ""));
    if (["overall", "overallminpercent", "ภาพรวม"].includes(key)) return rules.overallMinPercent;
    if (["dimension", "dimensionminpercent", "ด้าน"].includes(key)) return rules.dimensionMinPercent;
    if (["minimumdimensions", "mindimensions", "dimensions", "จำนวนด้าน"].includes(key))
      return rules.minDimensions;
    const dimension = rules.dimensions.find((candidate) =>
      [candidate.id, candidate.name.en, candidate.name.th].map(labelKey).includes(key)
    );
    if (dimension) return dimensionBar(rules, dimension);
    throw new ServiceError(
      "invalid",
      `"${String(name)}" is not a threshold of ruleset ${resolved}: use overall, dimension, minimum dimensions or a dimension's name`
    );
  });
}

/**
 * The names of the ruleset's dimensions, spilled across a row (for a header row).
 * @customfunction DIMENSIONS
 * @param [language] "en" (default), "th" or "id".
 * @param [version] Ruleset version. Default: the workbook's pinned version, else the version in force.
 * @returns One row of names.
 */
export async function dimensions(language?: string, version?: any): Promise<string[][]> {
  return settle(async () => {
    const { rules } = await rulesets.resolve(versionOf(version));
    const wanted =
      typeof language === "string" && language.trim().toLowerCase() === "id"
        ? "id"
        : languageOf(language);
    return [
      rules.dimensions.map((dimension) =>
        wanted === "id" ? dimension.id : dimension.name[wanted]
      ),
    ];
  });
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

function evaluateCells(
  args: { scores: Grid; labels?: Grid; preliminary?: Grid; overall?: unknown },
  version: unknown,
  invocation?: CustomFunctions.Invocation
): Promise<EvaluationResult> {
  const wanted = versionOf(version) ?? workbookPin();
  const scoresAddress = canReadCells() ? invocation?.parameterAddresses?.[0] : undefined;
  const ruleset = rulesets.peek(wanted);
  if (ruleset !== undefined && scoresAddress === undefined) return evaluateWith(args, ruleset);
  return Promise.all([
    ruleset ?? rulesets.resolve(wanted),
    scoresAddress ? cellFacts(scoresAddress) : undefined,
  ]).then(([resolved, facts]) => evaluateWith(args, resolved, facts));
}

function evaluateWith(
  args: { scores: Grid; labels?: Grid; preliminary?: Grid; overall?: unknown },
  ruleset: Ruleset,
  facts?: CellFacts
): Promise<EvaluationResult> {
  const cellsKey = JSON.stringify([
    args.scores,
    args.labels,
    args.preliminary,
    args.overall,
    facts,
  ]);
  return scoring.evaluateCells(cellsKey, ruleset.version, () =>
    toApplication(args, ruleset, facts)
  );
}

function versionOf(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return String(value).trim();
}

function languageOf(value: unknown): Language {
  const key = typeof value === "string" ? labelKey(value) : "";
  return ["th", "thai", "ไทย", "ภาษาไทย"].includes(key) ? "th" : "en";
}

/** Runs a function's body; a ServiceError becomes #VALUE! (bad input) or #N/A (no answer), with its message. */
// Written with .then rather than async/await: a recalculation runs this for every cell, and each
// await layer costs microtask turns that add up over 20,000 cells.
function settle<T>(body: () => Promise<T>): Promise<T> {
  try {
    return body().catch((error: unknown) => {
      throw cellError(error);
    });
  } catch (error) {
    return Promise.reject(cellError(error));
  }
}

function cellError(error: unknown): CustomFunctions.Error {
  const failure = asServiceError(error);
  const code =
    failure.kind === "invalid"
      ? CustomFunctions.ErrorCode.invalidValue
      : CustomFunctions.ErrorCode.notAvailable;
  return new CustomFunctions.Error(code, failure.message.slice(0, 255));
}

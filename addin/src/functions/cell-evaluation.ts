import type { Ruleset } from "@smartcity/shared";
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
import { seenInvocation } from "./metadata-seen";

/**
 * From a formula's cells to its answer: which argument each parameter position holds, what Excel
 * can say about the cells behind them, which ruleset version the formula asks for, and the
 * batched call to the service (or the answer this recalculation already has).
 */
export interface Cells {
  scores: Grid;
  labels?: Grid;
  preliminary?: Grid;
  requirements?: Grid;
  overall?: unknown;
  track?: unknown;
  version?: unknown;
}

/** Which argument each parameter position holds (the order of parameterAddresses). */
export type Positions = readonly (ArgumentName | undefined)[];
// New arguments are appended (track), so formulas written before them keep their meaning.
export const SCORE_ARGUMENTS: Positions = ["scores", "labels", "version", "track"];
export const FULL_ARGUMENTS: Positions = [
  "scores",
  "labels",
  "preliminary",
  "overall",
  "version",
  "track",
];
export const REASONS_ARGUMENTS: Positions = [
  "scores",
  "labels",
  "preliminary",
  "overall",
  "version",
  undefined, // language: not a cell the reading depends on
  "track",
];
export const OUTCOME_ARGUMENTS: Positions = [
  "scores",
  "labels",
  "requirements",
  "overall",
  "track",
  "version",
  undefined, // language
];
export const VERSION_ONLY: Positions = [undefined, "version"];
/** Shared by every cell whose cells could not be read (one object, not one per cell). */
export const NO_FACTS: ArgumentFacts = Object.freeze({});

/**
 * What Excel can say about the cells behind the arguments: read (in one batched Excel.run per
 * recalculation) for every argument given as a reference, when Excel gave the addresses. An
 * argument without facts is read by the values alone (cell-arguments.ts says what that means).
 */
export function factsFor(
  cells: Partial<Cells>,
  positions: Positions,
  invocation: CustomFunctions.Invocation | undefined
): ArgumentFacts | Promise<ArgumentFacts> {
  seenInvocation(positions.length, invocation); // which metadata Excel holds (metadata-seen.ts)
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
export function wantedVersion(
  cells: Partial<Cells>,
  facts: ArgumentFacts
): string | undefined | Promise<string | undefined> {
  const named = versionArgument(cells.version, facts.version);
  if (named !== undefined) return named;
  return officeIsReady() ? workbookPin() : whenOfficeReady().then(() => workbookPin());
}

export function withRuleset<T>(
  version: unknown,
  invocation: CustomFunctions.Invocation | undefined,
  use: (ruleset: Ruleset) => T
): Promise<T> {
  if (isValuePreview(invocation)) return inPreview({ version }, use);
  return Promise.resolve(factsFor({ version }, VERSION_ONLY, invocation))
    .then((facts) => wantedVersion({ version }, facts))
    .then((wanted) => rulesets.resolve(wanted))
    .then(use);
}

/**
 * A formula's value preview: Excel runs the function while the person is still typing it
 * (`invocation.isInValuePreview`, CustomFunctionsRuntime 1.5), so nothing is asked of the
 * service. The ruleset is one the add-in holds (a known or kept version, or the version in force
 * as last heard), and the value is computed here by the shared engine; with no ruleset held, the
 * preview says the value comes once the formula is entered. Excel gives a preview no parameter
 * addresses, so the cells are read by their values alone.
 */
function inPreview<T>(cells: Partial<Cells>, use: (ruleset: Ruleset) => T): Promise<T> {
  return Promise.resolve(wantedVersion(cells, NO_FACTS))
    .then((wanted) => rulesets.withoutRequest(wanted))
    .then((ruleset) => {
      if (ruleset === undefined) throw notHeldForPreview();
      return use(ruleset);
    });
}

/**
 * The reference says `isInValuePreview` is true in a preview and false otherwise, while its
 * typings (@types/custom-functions-runtime) declare a string: "false" must not count as true.
 */
export function isValuePreview(invocation: CustomFunctions.Invocation | undefined): boolean {
  const flag: unknown = invocation?.isInValuePreview;
  return flag === true || flag === "true";
}

function notHeldForPreview(): ServiceError {
  return new ServiceError("unavailable", {
    en: "the value shows once the formula is entered (no ruleset is loaded yet)",
    th: "ค่าจะแสดงเมื่อใส่สูตรเสร็จ (ยังไม่ได้โหลดชุดเกณฑ์)",
  });
}

/**
 * The value of a cell that evaluates its arguments: at once (no promise) when this recalculation
 * repeats inputs already answered, else when the service answers.
 */
export function evaluateCells<T>(
  cells: Cells,
  positions: Positions,
  invocation: CustomFunctions.Invocation | undefined,
  use: (result: CellResult, ruleset: Ruleset) => T
): T | Promise<T> {
  if (isValuePreview(invocation))
    return inPreview(cells, (ruleset) =>
      use(
        scoring.evaluateHere(cellsKeyOf(cells, NO_FACTS), ruleset, () =>
          toApplication(cells, ruleset, NO_FACTS)
        ),
        ruleset
      )
    );
  const facts = factsFor(cells, positions, invocation);
  return facts instanceof Promise
    ? facts.then((known) => evaluateWithFacts(cells, known, use))
    : evaluateWithFacts(cells, facts, use);
}

export function evaluateWithFacts<T>(
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

export function evaluateWith<T>(
  cells: Cells,
  facts: ArgumentFacts,
  ruleset: Ruleset,
  use: (result: CellResult, ruleset: Ruleset) => T
): T | Promise<T> {
  const cellsKey = cellsKeyOf(cells, facts);
  // An identical recalculation: the answer is known, so no promise is made for it here.
  const known = scoring.knownForCells(cellsKey, ruleset.version);
  if (known !== undefined) return use(known, ruleset);
  return scoring
    .evaluateCells(cellsKey, ruleset.version, () => toApplication(cells, ruleset, facts))
    .then((result) => use(result, ruleset));
}

/**
 * Every input of the application is in the key (track and requirements too): a kept answer for
 * one track or one set of answers must never answer another.
 */
function cellsKeyOf(cells: Cells, facts: ArgumentFacts): string {
  return JSON.stringify([
    cells.scores,
    cells.labels,
    cells.preliminary,
    cells.requirements,
    cells.overall,
    cells.track,
    facts,
  ]);
}

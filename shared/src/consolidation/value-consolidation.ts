import type {
  ConsolidatedAnswer,
  ConsolidatedScore,
  Flag,
  FlagCode,
} from "../contract/consolidation-contract";
import { flagMessages, location } from "./consolidation-messages";
import { itemName, qualifiedItemName } from "../workbook-import/evaluation-columns";
import { toPersonDecimal } from "../text/person-decimal";
import type { CellValueAt, EvaluatorEntry } from "../workbook-import/read-evaluation-sheet";
import type { Ruleset } from "../rules/ruleset-schema";
import { normaliseName } from "./normalise-name";
import { mean, median } from "./mean-median";

/**
 * One score or one answer over the evaluators who gave it: the consolidated value, the spread
 * and the flags (the decisions are in consolidate.ts).
 */
export function consolidateScore(
  id: string,
  entries: readonly EvaluatorEntry[],
  scoreOf: (entry: EvaluatorEntry) => CellValueAt<number> | undefined,
  ruleset: Ruleset,
  flags: Flag[]
): ConsolidatedScore | null {
  const given: number[] = [];
  const missing: string[] = [];
  for (const entry of entries) {
    const score = scoreOf(entry);
    if (score === undefined) missing.push(entry.evaluator);
    else given.push(score.value);
  }
  if (given.length === 0) return null;
  const { method, disagreementSpread } = ruleset.rules.consolidation;
  let min = Infinity;
  let max = -Infinity;
  for (const value of given) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const spread = toPersonDecimal(max - min);
  const scoreFlags: FlagCode[] = [];
  const name = itemName(ruleset.rules, id);
  const where = itemField(ruleset, id);
  if (spread > disagreementSpread) {
    scoreFlags.push("DISAGREEMENT");
    flags.push({
      code: "DISAGREEMENT",
      ...where,
      message: flagMessages.disagreement(name, min, max, disagreementSpread),
    });
  }
  if (missing.length > 0) {
    scoreFlags.push("MISSING_SCORE");
    flags.push({
      code: "MISSING_SCORE",
      ...where,
      message: flagMessages.missingScore(name, missing, given.length),
    });
  }
  return {
    id,
    percent: toPersonDecimal(method === "median" ? median(given) : mean(given)),
    min,
    max,
    spread,
    scored: given.length,
    missing: missing.length,
    flags: scoreFlags,
  };
}

export function consolidateAnswer(
  id: string,
  entries: readonly EvaluatorEntry[],
  ruleset: Ruleset,
  flags: Flag[],
  answerOf: (entry: EvaluatorEntry) => CellValueAt<boolean> | undefined = (entry) =>
    entry.answers[id],
  where: { criterion: string } | { group: string; item: string } = { criterion: id },
  missingCode: FlagCode = "MISSING_ANSWER"
): ConsolidatedAnswer {
  let yes = 0;
  let no = 0;
  const unanswered: string[] = [];
  for (const entry of entries) {
    const answer = answerOf(entry);
    if (answer === undefined) unanswered.push(entry.evaluator);
    else if (answer.value) yes++;
    else no++;
  }
  const answerFlags: FlagCode[] = [];
  const name = qualifiedItemName(ruleset.rules, id);
  if (yes > 0 && no > 0) {
    answerFlags.push("DISAGREEMENT");
    flags.push({
      code: "DISAGREEMENT",
      ...where,
      message: flagMessages.answerDisagreement(name, yes, no),
    });
  }
  if (yes + no > 0 && unanswered.length > 0) {
    answerFlags.push(missingCode);
    flags.push({
      code: missingCode,
      ...where,
      message: flagMessages.missingAnswer(name, unanswered),
    });
  }
  return {
    id,
    holds: yes + no === 0 ? null : no === 0,
    yes,
    no,
    unanswered: unanswered.length,
    flags: answerFlags,
  };
}

/** The flag fields of an item keyed as the import keys it (see `qualifiedItemName`). */
export function itemField(
  ruleset: Ruleset,
  item: string
): { dimension?: string; criterion?: string; group?: string; item?: string } {
  if (item === "track") return {};
  const dot = item.indexOf(".");
  if (dot >= 0) {
    const owner = item.slice(0, dot);
    const id = item.slice(dot + 1);
    return ruleset.rules.requirementGroups?.some((group) => group.id === owner)
      ? { group: owner, item: id }
      : { dimension: owner, item: id };
  }
  return ruleset.rules.preliminaryCriteria.some((criterion) => criterion.id === item)
    ? { criterion: item }
    : { dimension: item };
}

export function rowLocation(entry: EvaluatorEntry): string {
  return location(entry.file, entry.sheet, `${entry.row}:${entry.row}`);
}

export function distinct(values: ReadonlyArray<string | null>): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    if (value === null || seen.has(normaliseName(value))) continue;
    seen.add(normaliseName(value));
    result.push(value);
  }
  return result;
}

import type { Flag } from "../contract/consolidation-contract";
import type { EvaluatorEntry } from "../workbook-import/evaluator-entry";
import type { Rules } from "../rules/ruleset-schema";
import { conflictMessages } from "./conflict-messages";
import { normaliseName } from "./normalise-name";
import { rowLocation } from "./value-consolidation";

/**
 * Keeping a conflicted evaluator's rows out of an applicant's consolidation. Decisions:
 * - A row whose conflict-of-interest cell says yes does not count, and neither does any other
 *   row of the same evaluator (by normalised name) for the same applicant: a declared conflict
 *   must not leak back through a second row. The applicant is flagged `CONFLICT_OF_INTEREST`,
 *   or `CONFLICT_CONTRADICTED` when another of those rows declares nothing or says no (both
 *   rows named; the committee asks the evaluator, nothing is guessed).
 * - A conflict cell that could not be read counts as declared (flagged so): never as "no".
 * - Blank, or no column at all (sheets made before it), declares nothing.
 */
export function withoutConflicts(
  entries: readonly EvaluatorEntry[],
  flags: Flag[],
  conflicted: Set<EvaluatorEntry>
): { kept: EvaluatorEntry[]; conflictedEvaluators: string[] } {
  const byEvaluator = new Map<string, EvaluatorEntry[]>();
  for (const entry of entries) {
    const key = normaliseName(entry.evaluator);
    byEvaluator.set(key, [...(byEvaluator.get(key) ?? []), entry]);
  }
  const out = new Set<EvaluatorEntry>();
  const conflictedEvaluators: string[] = [];
  for (const rows of byEvaluator.values()) {
    const declaring = rows.filter((entry) => declares(entry));
    if (declaring.length === 0) continue;
    const others = rows.filter((entry) => !declares(entry));
    const evaluator = declaring[0].evaluator;
    conflictedEvaluators.push(evaluator);
    for (const entry of rows) out.add(entry);
    const declaredAt = declaring.map(rowLocation);
    let message;
    if (others.length > 0)
      message = conflictMessages.contradicted(evaluator, declaredAt, others.map(rowLocation));
    else if (declaring.some((entry) => entry.conflict?.value === true))
      message = conflictMessages.declared(evaluator, declaredAt);
    else message = conflictMessages.unread(evaluator, declaredAt);
    flags.push({
      code: others.length > 0 ? "CONFLICT_CONTRADICTED" : "CONFLICT_OF_INTEREST",
      message,
    });
  }
  for (const entry of out) conflicted.add(entry);
  return { kept: entries.filter((entry) => !out.has(entry)), conflictedEvaluators };
}

/** Yes, or a cell that could not be read (which is never taken as "no"). */
function declares(entry: EvaluatorEntry): boolean {
  return entry.conflict !== undefined && entry.conflict.value !== false;
}

/** The evaluators an applicant needs counted: the ruleset's `consolidation.minEvaluators`, else 1. */
export function minEvaluators(rules: Pick<Rules, "consolidation">): number {
  // The default lives here, not in the schema: a zod default would add the field to every
  // stored ruleset as it is parsed, and change the bytes (and hash) of the versions before it.
  return rules.consolidation.minEvaluators ?? 1;
}

/** `TOO_FEW_EVALUATORS` when fewer evaluators count than the ruleset asks for. */
export function checkEvaluatorCount(
  counted: number,
  rules: Pick<Rules, "consolidation">,
  conflictedEvaluators: readonly string[],
  flags: Flag[]
): void {
  const minimum = minEvaluators(rules);
  if (counted >= minimum) return;
  flags.push({
    code: "TOO_FEW_EVALUATORS",
    message: conflictMessages.tooFewEvaluators(counted, minimum, conflictedEvaluators),
  });
}

import type { Application } from "../contract/http-contract";
import type { CellValueAt, EvaluatorEntry } from "./read-evaluation-sheet";

/**
 * One evaluator's row (as readEvaluationSheet read it) as the application the engine evaluates,
 * under the rules the consolidation applies to a row (consolidate.ts), so that a preview of one
 * sheet says what the consolidation of that sheet alone would:
 * - a rubric dimension with points is scored by its points (the reader has already set the
 *   sheet's percent beside them aside, or made the dimension unreadable when the two differ);
 * - criteria, or a requirement group, with no answer at all are not assessed (left out);
 * - the track, the subcommittee's overall score and every readable cell as read. A cell the
 *   reader could not read is not given (the reading's warnings say which).
 */
export function entryApplication(entry: EvaluatorEntry): Application {
  const values = <T>(cells: Record<string, CellValueAt<T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(cells).map(([key, cell]) => [key, cell.value]));
  const points = Object.fromEntries(
    Object.entries(entry.points ?? {})
      .filter(([, items]) => Object.keys(items).length > 0)
      .map(([dimension, items]) => [dimension, values(items)])
  );
  const scores = values(entry.scores);
  const requirements = Object.fromEntries(
    Object.entries(entry.requirements ?? {})
      .filter(([, items]) => Object.keys(items).length > 0)
      .map(([group, items]) => [group, values(items)])
  );
  return {
    ...(entry.applicantId !== null ? { id: entry.applicantId } : {}),
    ...(entry.applicantName !== null ? { name: entry.applicantName } : {}),
    ...(entry.track !== undefined ? { track: entry.track.value } : {}),
    scores,
    ...(Object.keys(points).length > 0 ? { points } : {}),
    ...(entry.overall !== null ? { overall: entry.overall.value } : {}),
    ...(Object.keys(entry.answers).length > 0 ? { preliminary: values(entry.answers) } : {}),
    ...(Object.keys(requirements).length > 0 ? { requirements } : {}),
  };
}

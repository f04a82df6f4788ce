import type { ConsolidateResponse } from "../contract/consolidation-contract";
import { summariseRuleset } from "../contract/http-contract";
import type { Ruleset } from "../rules/ruleset-schema";
import type { EvaluatorEntry } from "../workbook-import/evaluator-entry";
import type { WorkbookReading } from "../workbook-import/read-evaluation-workbook";
import { withNameNotes } from "./applicant-names";
import { consolidate } from "./consolidate";
import { findIdenticalSubmissions } from "./identical-submissions";

/**
 * From the workbooks as read to the consolidation's answer, in the one order every caller needs:
 * copies of another file set aside, the entries consolidated, each evaluator's differently
 * written names noted on their file. The entries and the ones that did not count go with it, for
 * the workbook's Details.
 */
export function consolidateReadings(
  readings: readonly WorkbookReading[],
  ruleset: Ruleset,
  consolidatedAt: string
): {
  response: ConsolidateResponse;
  entries: EvaluatorEntry[];
  superseded: ReadonlySet<EvaluatorEntry>;
} {
  const { reports, entries, setAside } = findIdenticalSubmissions(readings);
  const { applicants, superseded, nameNotes, calibration } = consolidate(
    entries,
    ruleset,
    setAside
  );
  return {
    response: {
      ruleset: summariseRuleset(ruleset),
      consolidatedAt,
      applicants,
      files: withNameNotes(reports, nameNotes),
      calibration,
    },
    entries,
    superseded,
  };
}

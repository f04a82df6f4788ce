import type { FileReport, Flag } from "../contract/consolidation-contract";
import { at, identicalSubmissionMessages } from "./consolidation-messages";
import type { LocalizedText } from "../text/localized-text";
import type { EvaluatorEntry } from "../workbook-import/read-evaluation-sheet";
import type { WorkbookReading } from "../workbook-import/read-evaluation-workbook";
import { normaliseApplicantId, normaliseName } from "./normalise-name";

/**
 * Files whose evaluation entries are the same, value for value: the same
 * workbook saved again under another name (`somchai (1).xlsx`, a browser's
 * copy name), or re-sent. Counted as many times as they were sent, one
 * evaluator's scores would weigh double in every mean, silently.
 *
 * Decisions:
 * - Two files are identical submissions when they hold the same applicants
 *   (by normalised id and name) with the same scores, overall and answers.
 *   Where those sit (sheet, row, cell) and whom the file names as evaluator
 *   are not compared: the evaluator often comes from the file name, which is
 *   exactly what a copy changes. Files that read no entries are never alike.
 * - The first of them in upload order counts; the later ones' entries are
 *   set aside (shown as not counted in the Details sheet) and every file of
 *   the group and every applicant they evaluated gets `IDENTICAL_SUBMISSIONS`
 *   saying which file counted. If they really were different evaluators, the
 *   flag says to check with them.
 * - A file whose bytes equal an earlier file's never gets here: it is not
 *   read at all (`DUPLICATE_FILE`, in the service).
 */
export interface IdenticalSubmission {
  /** The file whose entries count. */
  counted: string;
  /** The files set aside as copies of it. */
  others: string[];
}

export interface IdenticalSubmissionsOutcome {
  /** The reports, in the same order, with an `IDENTICAL_SUBMISSIONS` warning where it applies. */
  reports: FileReport[];
  /** Every entry of every file, in upload order (the set-aside ones included). */
  entries: EvaluatorEntry[];
  /** Entries not to count, each with its group. */
  setAside: ReadonlyMap<EvaluatorEntry, IdenticalSubmission>;
}

export function findIdenticalSubmissions(
  readings: readonly WorkbookReading[]
): IdenticalSubmissionsOutcome {
  const groups = new Map<string, number[]>();
  readings.forEach((reading, index) => {
    if (reading.entries.length === 0) return;
    const key = fingerprint(reading.entries);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  });

  const reports = readings.map((reading) => reading.report);
  const setAside = new Map<EvaluatorEntry, IdenticalSubmission>();
  for (const indexes of groups.values()) {
    if (indexes.length < 2) continue;
    const [first, ...rest] = indexes;
    const group: IdenticalSubmission = {
      counted: readings[first].report.name,
      others: rest.map((index) => readings[index].report.name),
    };
    const message = identicalSubmissionMessages.file(group.counted, group.others);
    for (const index of indexes) reports[index] = withWarning(reports[index], message);
    for (const index of rest)
      for (const entry of readings[index].entries) setAside.set(entry, group);
  }

  const entries: EvaluatorEntry[] = [];
  for (const reading of readings) for (const entry of reading.entries) entries.push(entry);
  return { reports, entries, setAside };
}

/**
 * One applicant's entries without the set-aside copies (added to `superseded`, so the Details
 * sheet marks them not counted), and one `IDENTICAL_SUBMISSIONS` flag per group they came from.
 */
export function withoutCopies(
  entries: readonly EvaluatorEntry[],
  setAside: ReadonlyMap<EvaluatorEntry, IdenticalSubmission>,
  superseded: Set<EvaluatorEntry>,
  flags: Flag[]
): EvaluatorEntry[] {
  const copies = new Set<IdenticalSubmission>();
  const kept: EvaluatorEntry[] = [];
  for (const entry of entries) {
    const copyOf = setAside.get(entry);
    if (copyOf === undefined) kept.push(entry);
    else {
      superseded.add(entry);
      copies.add(copyOf);
    }
  }
  for (const copy of copies)
    flags.push({
      code: "IDENTICAL_SUBMISSIONS",
      message: identicalSubmissionMessages.applicant(copy.counted, copy.others),
    });
  return kept;
}

function withWarning(report: FileReport, message: LocalizedText): FileReport {
  return {
    ...report,
    warnings: [
      ...report.warnings,
      { code: "IDENTICAL_SUBMISSIONS", sheet: null, cell: null, message: at(report.name, message) },
    ],
  };
}

/** The file's entries as one text that ignores where each value sits and who the file says scored it. */
function fingerprint(entries: readonly EvaluatorEntry[]): string {
  const lines = entries.map((entry) =>
    JSON.stringify([
      entry.applicantId === null ? null : normaliseApplicantId(entry.applicantId),
      entry.applicantName === null ? null : normaliseName(entry.applicantName),
      sortedValues(entry.scores),
      entry.overall?.value ?? null,
      sortedValues(entry.answers),
      entry.unreadable.map((item) => item.item).sort(),
      // The later criteria's columns, only when the sheet has them (a 2018 fingerprint is unchanged).
      ...(entry.track !== undefined || entry.requirements || entry.points
        ? [
            entry.track?.value ?? null,
            nestedValues(entry.requirements ?? {}),
            nestedValues(entry.points ?? {}),
          ]
        : []),
    ])
  );
  return lines.sort().join("\n");
}

function nestedValues<T>(
  values: Record<string, Record<string, { value: T }>>
): Array<[string, Array<[string, T]>]> {
  return Object.keys(values)
    .sort()
    .map((key) => [key, sortedValues(values[key])]);
}

function sortedValues<T>(values: Record<string, { value: T }>): Array<[string, T]> {
  return Object.keys(values)
    .sort()
    .map((key) => [key, values[key].value]);
}

import type { FileReport, Flag } from "../contract/consolidation-contract";
import type { EvaluatorEntry } from "../workbook-import/evaluator-entry";
import { at, location } from "./consolidation-messages";
import { nameMessages } from "./name-messages";
import { normaliseApplicantId, normaliseName } from "./normalise-name";

/**
 * How the evaluators wrote the applicants' names, when the ids already match them.
 *
 * Decisions:
 * - Under one id, the applicant's name is the one most evaluators wrote (normalised). A tie goes
 *   to the first written that is not clearly another id's name, then to the first written. An evaluator who wrote it differently — the English name where the
 *   others wrote Thai, an abbreviation — is matched by the id all the same, so this is not a
 *   problem of the applicant: it is one note on that evaluator's file, listing the names, so the
 *   committee's flags keep to what needs discussing.
 * - When the name written under an id is the name of *another* applicant of the round, the row
 *   probably carries the wrong id: its scores may count for the wrong city. That is the
 *   applicant's `NAME_MISMATCH` flag, naming the evaluator and both ids.
 */
export interface NameDifference {
  id: string;
  written: string;
  usual: string;
}

/** One evaluator's names that differ from the others', in one file. */
export interface NameNote {
  file: string;
  evaluator: string;
  /** The sheet of the first such row. */
  sheet: string;
  differences: NameDifference[];
}

/** The usual name of each id, and which id each usual name belongs to. */
export interface RoundNames {
  usualById: ReadonlyMap<string, string>;
  /** Normalised usual name → the one id (as written) it is usual for; names usual for two ids are left out. */
  idByName: ReadonlyMap<string, string>;
}

export function roundNames(
  groups: ReadonlyArray<{ id: string | null; entries: readonly EvaluatorEntry[] }>
): RoundNames {
  const named = groups.flatMap((group) =>
    group.id === null
      ? []
      : [
          {
            id: normaliseApplicantId(group.id),
            shown: group.id,
            names: namesWritten(group.entries),
          },
        ]
  );
  // A name most evaluators of one id wrote, with no tie, is that id's: a tie under another id
  // does not go to it (one evaluator who put another applicant's name on a row of two must not
  // make that name the row's, and the right evaluator the one noted).
  const clearlyOf = new Map<string, string>();
  for (const { id, names } of named)
    if (names.length > 0 && (names.length === 1 || names[0].count > names[1].count))
      clearlyOf.set(names[0].key, clearlyOf.has(names[0].key) ? "" : id);
  const usualById = new Map<string, string>();
  // Normalised usual name → the ids (as written, keyed normalised) it is usual for.
  const owners = new Map<string, Map<string, string>>();
  for (const { id, shown, names } of named) {
    if (names.length === 0) continue;
    const tied = names.filter((name) => name.count === names[0].count);
    const usual = tied.find((name) => (clearlyOf.get(name.key) ?? id) === id) ?? tied[0];
    usualById.set(id, usual.name);
    owners.set(usual.key, (owners.get(usual.key) ?? new Map()).set(id, shown));
  }
  const idByName = new Map<string, string>();
  for (const [name, ids] of owners) if (ids.size === 1) idByName.set(name, [...ids.values()][0]);
  return { usualById, idByName };
}

/** The applicant's name as shown: its id's usual name, else (no id) the name most entries give. */
export function applicantName(
  group: { id: string | null; entries: readonly EvaluatorEntry[] },
  round: RoundNames
): string | null {
  const usual = group.id === null ? undefined : round.usualById.get(normaliseApplicantId(group.id));
  return usual ?? namesWritten(group.entries)[0]?.name ?? null;
}

/**
 * Each name the entries give (normalised for counting, as first written for showing), with how
 * many gave it, most first; names given as often keep the order they were first written in.
 */
function namesWritten(
  entries: readonly EvaluatorEntry[]
): Array<{ key: string; name: string; count: number }> {
  const counts = new Map<string, { key: string; name: string; count: number }>();
  for (const entry of entries) {
    if (entry.applicantName === null) continue;
    const key = normaliseName(entry.applicantName);
    const seen = counts.get(key);
    if (seen !== undefined) seen.count += 1;
    else counts.set(key, { key, name: entry.applicantName, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

/** Collects the notes of one consolidation, one per file and evaluator. */
export class NameNotes {
  private readonly notes = new Map<string, NameNote>();

  /**
   * Checks the counted entries of the applicant with `id` against its usual name: a name that is
   * another applicant's is flagged on this applicant; any other difference becomes a note.
   */
  check(id: string, entries: readonly EvaluatorEntry[], round: RoundNames, flags: Flag[]): void {
    const key = normaliseApplicantId(id);
    const usual = round.usualById.get(key);
    if (usual === undefined) return;
    const usualKey = normaliseName(usual);
    for (const entry of entries) {
      if (entry.applicantName === null) continue;
      const written = normaliseName(entry.applicantName);
      if (written === usualKey) continue;
      const otherId = round.idByName.get(written);
      if (otherId !== undefined && normaliseApplicantId(otherId) !== key) {
        flags.push({
          code: "NAME_MISMATCH",
          message: nameMessages.nameOfAnotherApplicant(
            entry.evaluator,
            id,
            entry.applicantName,
            otherId
          ),
        });
        continue;
      }
      this.add(entry, { id, written: entry.applicantName, usual });
    }
  }

  list(): NameNote[] {
    return [...this.notes.values()];
  }

  private add(entry: EvaluatorEntry, difference: NameDifference): void {
    const key = `${entry.file}\u0000${entry.evaluator}`;
    const note = this.notes.get(key) ?? {
      file: entry.file,
      evaluator: entry.evaluator,
      sheet: entry.sheet,
      differences: [],
    };
    note.differences.push(difference);
    this.notes.set(key, note);
  }
}

/**
 * The file reports with each note as one `APPLICANT_NAMES_DIFFER` warning of its file (a note
 * of a file that is not among the reports is dropped: every entry comes from a report). Two
 * uploads may share a file name (from two folders): a note goes to the one of that name that
 * read its evaluator on its sheet, so neither carries the other's.
 */
export function withNameNotes(
  files: readonly FileReport[],
  notes: readonly NameNote[]
): FileReport[] {
  const read = (report: FileReport, note: NameNote) =>
    report.name === note.file &&
    report.error === undefined &&
    report.evaluators.includes(note.evaluator) &&
    report.sheets.includes(note.sheet);
  const owner = new Map(notes.map((note) => [note, files.find((report) => read(report, note))]));
  return files.map((report) => {
    const own = notes.filter((note) => owner.get(note) === report);
    if (own.length === 0) return report;
    return {
      ...report,
      warnings: [
        ...report.warnings,
        ...own.map((note) => ({
          code: "APPLICANT_NAMES_DIFFER" as const,
          sheet: note.sheet,
          cell: null,
          message: at(
            location(note.file, note.sheet),
            nameMessages.applicantNamesDiffer(note.evaluator, note.differences)
          ),
        })),
      ],
    };
  });
}

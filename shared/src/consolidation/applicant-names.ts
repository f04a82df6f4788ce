import type { FileReport, Flag } from "../contract/consolidation-contract";
import type { EvaluatorEntry } from "../workbook-import/evaluator-entry";
import { at, flagMessages, importMessages, location } from "./consolidation-messages";
import { normaliseApplicantId, normaliseName } from "./normalise-name";

/**
 * How the evaluators wrote the applicants' names, when the ids already match them.
 *
 * Decisions:
 * - Under one id, the applicant's name is the one most evaluators wrote (normalised; a tie goes
 *   to the first written). An evaluator who wrote it differently — the English name where the
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
  const usualById = new Map<string, string>();
  // Normalised usual name → the ids (as written, keyed normalised) it is usual for.
  const owners = new Map<string, Map<string, string>>();
  for (const group of groups) {
    if (group.id === null) continue;
    const usual = usualName(group.entries);
    if (usual === null) continue;
    const id = normaliseApplicantId(group.id);
    usualById.set(id, usual);
    const key = normaliseName(usual);
    owners.set(key, (owners.get(key) ?? new Map()).set(id, group.id));
  }
  const idByName = new Map<string, string>();
  for (const [name, ids] of owners) if (ids.size === 1) idByName.set(name, [...ids.values()][0]);
  return { usualById, idByName };
}

/** The name most entries give (normalised for counting, as first written for showing). */
export function usualName(entries: readonly EvaluatorEntry[]): string | null {
  const counts = new Map<string, { name: string; count: number }>();
  for (const entry of entries) {
    if (entry.applicantName === null) continue;
    const key = normaliseName(entry.applicantName);
    const seen = counts.get(key);
    if (seen !== undefined) seen.count += 1;
    else counts.set(key, { name: entry.applicantName, count: 1 });
  }
  let best: { name: string; count: number } | null = null;
  for (const candidate of counts.values())
    if (best === null || candidate.count > best.count) best = candidate;
  return best?.name ?? null;
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
          message: flagMessages.nameOfAnotherApplicant(
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
 * of a file that is not among the reports is dropped: every entry comes from a report).
 */
export function withNameNotes(
  files: readonly FileReport[],
  notes: readonly NameNote[]
): FileReport[] {
  return files.map((report) => {
    const own = notes.filter((note) => note.file === report.name && report.error === undefined);
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
            importMessages.applicantNamesDiffer(note.evaluator, note.differences)
          ),
        })),
      ],
    };
  });
}

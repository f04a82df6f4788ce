/**
 * Which version applies on a date, and how each version of the history stands today. History
 * is append-only in time: a version takes effect on its `effectiveFrom` (a date in the
 * committee's time zone) and is never dated before the day it is published, so the answer for
 * a past date never changes when versions are added.
 */
export interface DatedVersion {
  version: string;
  effectiveFrom: string;
}

export type HistoryStatus = "inForce" | "scheduled" | "superseded";

/**
 * The version in force on `asOf` (YYYY-MM-DD): the newest (highest version number) whose
 * effectiveFrom is on or before it; undefined before the first took effect. A later version
 * effective earlier than a scheduled one therefore replaces that schedule.
 */
export function versionInForce<T extends DatedVersion>(
  history: readonly T[],
  asOf: string
): T | undefined {
  let found: T | undefined;
  for (const entry of history) {
    if (entry.effectiveFrom > asOf) continue;
    if (found === undefined || Number(entry.version) > Number(found.version)) found = entry;
  }
  return found;
}

/** The newest version published (in force or scheduled), or undefined for an empty history. */
export function newestVersion<T extends DatedVersion>(history: readonly T[]): T | undefined {
  let found: T | undefined;
  for (const entry of history)
    if (found === undefined || Number(entry.version) > Number(found.version)) found = entry;
  return found;
}

/** Each version with its status on `today`: in force, scheduled (takes effect later) or superseded. */
export function historyWithStatus<T extends DatedVersion>(
  history: readonly T[],
  today: string
): (T & { status: HistoryStatus })[] {
  const inForce = versionInForce(history, today);
  return history.map((entry) => ({
    ...entry,
    status:
      entry.version === inForce?.version
        ? "inForce"
        : entry.effectiveFrom > today
          ? "scheduled"
          : "superseded",
  }));
}

import type {
  ConsolidatedAnswer,
  ConsolidatedApplicant,
  ConsolidatedScore,
  Flag,
  FlagCode,
} from "./consolidation-contract";
import { flagMessages, location } from "./consolidation-messages";
import { itemName } from "./evaluation-columns";
import { evaluate } from "./evaluate";
import { isApplicationError } from "./evaluation-result";
import { type IdenticalSubmission, withoutCopies } from "./identical-submissions";
import { toPersonDecimal } from "./person-decimal";
import type { CellValueAt, EvaluatorEntry } from "./read-evaluation-sheet";
import type { Ruleset } from "./ruleset-schema";
import { normaliseApplicantId, normaliseName } from "./normalise-name";

/**
 * Consolidating the evaluators' entries into one result per applicant.
 *
 * Decisions (beyond the domain brief's):
 * - Applicants are matched by id; a row without an id joins the applicant
 *   whose id rows carry the same name, else the applicants named alike.
 *   Ids and names are compared normalised: Unicode NFC, trimmed, runs of
 *   spaces as one, case-folded (and Thai digits as ASCII in ids).
 * - The same evaluator (by normalised name) twice for one applicant: the
 *   **last** entry counts — files in upload order, sheets in workbook order,
 *   rows top to bottom — since a later row is usually the correction; the
 *   others are named in a `DUPLICATE_EVALUATOR` flag and kept out.
 * - Entries set aside as copies of another file (identical-submissions.ts)
 *   are kept out too, and each applicant they concern gets one
 *   `IDENTICAL_SUBMISSIONS` flag per group naming the file that counted.
 * - A dimension is proposed if any evaluator scored it. Its percent is the
 *   mean or median (of the two middle scores' mean, for an even count) of
 *   the scores given, rounded as a person writes decimals (person-decimal.ts);
 *   `missing` counts this applicant's evaluators who left it blank or
 *   unreadable. `DISAGREEMENT` when max − min is above the ruleset's limit
 *   (a spread exactly at the limit is not flagged), `MISSING_SCORE` when any
 *   evaluator of the applicant did not score it.
 * - The subcommittee overall consolidates the same way, when anyone gave one.
 * - A preliminary criterion holds only if every evaluator who answered it
 *   said yes; nobody answering leaves it unanswered. When no evaluator
 *   answered any criterion the preliminary criteria are "not assessed", as
 *   in `evaluate`.
 * - Eligibility and reasons are `evaluate` on the consolidated figures.
 */
export interface ConsolidationOutcome {
  applicants: ConsolidatedApplicant[];
  /** Entries that did not count: the same evaluator had a later one, or they copy another file. */
  superseded: ReadonlySet<EvaluatorEntry>;
}

interface ApplicantGroup {
  id: string | null;
  entries: EvaluatorEntry[];
}

export function consolidate(
  entries: readonly EvaluatorEntry[],
  ruleset: Ruleset,
  setAside: ReadonlyMap<EvaluatorEntry, IdenticalSubmission> = new Map()
): ConsolidationOutcome {
  const superseded = new Set<EvaluatorEntry>();
  const applicants = groupByApplicant(entries).map((group) =>
    consolidateApplicant(group, ruleset, superseded, setAside)
  );
  return { applicants, superseded };
}

/**
 * The entries of each applicant, in the order `consolidate` lists the
 * applicants (for a report that names where each applicant's values came from).
 */
export function entriesByApplicant(entries: readonly EvaluatorEntry[]): EvaluatorEntry[][] {
  return groupByApplicant(entries).map((group) => group.entries);
}

function groupByApplicant(entries: readonly EvaluatorEntry[]): ApplicantGroup[] {
  const groups = new Map<string, ApplicantGroup>();
  const idsByName = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (entry.applicantId === null || entry.applicantName === null) continue;
    const name = normaliseName(entry.applicantName);
    const ids = idsByName.get(name) ?? new Set<string>();
    ids.add(normaliseApplicantId(entry.applicantId));
    idsByName.set(name, ids);
  }
  for (const entry of entries) {
    let key: string;
    let id: string | null = entry.applicantId;
    if (entry.applicantId !== null) {
      key = `id:${normaliseApplicantId(entry.applicantId)}`;
    } else {
      const name = normaliseName(entry.applicantName ?? "");
      const ids = idsByName.get(name);
      if (ids !== undefined && ids.size === 1) {
        key = `id:${[...ids][0]}`;
        id = null;
      } else key = `name:${name}`;
    }
    const group = groups.get(key) ?? { id: null, entries: [] };
    group.id ??= id;
    group.entries.push(entry);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function consolidateApplicant(
  group: ApplicantGroup,
  ruleset: Ruleset,
  superseded: Set<EvaluatorEntry>,
  setAside: ReadonlyMap<EvaluatorEntry, IdenticalSubmission>
): ConsolidatedApplicant {
  const { rules } = ruleset;
  const flags: Flag[] = [];
  const candidates = withoutCopies(group.entries, setAside, superseded, flags);
  const counted = countedEntries(candidates, flags, superseded);
  const names = distinct(group.entries.map((entry) => entry.applicantName));
  if (group.id !== null && new Set(names.map(normaliseName)).size > 1)
    flags.push({ code: "NAME_MISMATCH", message: flagMessages.nameMismatch(group.id, names) });
  for (const entry of counted)
    for (const { item, message } of entry.unreadable)
      flags.push({ code: "UNREADABLE_CELL", ...itemField(ruleset, item), message });

  const evaluators = counted.map((entry) => entry.evaluator);
  const dimensions: ConsolidatedScore[] = [];
  for (const dimension of rules.dimensions) {
    const score = consolidateScore(
      dimension.id,
      counted,
      (entry) => entry.scores[dimension.id],
      ruleset,
      flags
    );
    if (score !== null) dimensions.push(score);
  }
  const subcommitteeOverall = consolidateScore(
    "overall",
    counted,
    (entry) => entry.overall ?? undefined,
    ruleset,
    flags
  );
  const preliminary = rules.preliminaryCriteria.map((criterion) =>
    consolidateAnswer(criterion.id, counted, ruleset, flags)
  );

  const assessed = preliminary.some((answer) => answer.holds !== null);
  const outcome = evaluate(
    {
      ...(group.id !== null ? { id: group.id } : {}),
      scores: Object.fromEntries(dimensions.map((score) => [score.id, score.percent])),
      ...(subcommitteeOverall !== null ? { overall: subcommitteeOverall.percent } : {}),
      ...(assessed
        ? {
            preliminary: Object.fromEntries(
              preliminary
                .filter((answer) => answer.holds !== null)
                .map((answer) => [answer.id, answer.holds])
            ),
          }
        : {}),
    },
    ruleset
  );
  // Consolidated figures are means of readable percents: an input error here is a bug.
  if (isApplicationError(outcome))
    throw new Error(`consolidation produced an invalid application: ${outcome.error.message.en}`);

  return {
    id: group.id,
    name: names[0] ?? null,
    evaluators,
    dimensions,
    subcommitteeOverall,
    preliminary,
    overallPercent: outcome.overallPercent,
    eligible: outcome.eligible,
    reasons: outcome.reasons,
    flags,
  };
}

/** Keeps the last entry of each evaluator, flagging the ones it supersedes. */
function countedEntries(
  entries: readonly EvaluatorEntry[],
  flags: Flag[],
  superseded: Set<EvaluatorEntry>
): EvaluatorEntry[] {
  const byEvaluator = new Map<string, EvaluatorEntry[]>();
  for (const entry of entries) {
    const key = normaliseName(entry.evaluator);
    const list = byEvaluator.get(key);
    if (list === undefined) byEvaluator.set(key, [entry]);
    else list.push(entry);
  }
  const counted: EvaluatorEntry[] = [];
  for (const list of byEvaluator.values()) {
    const last = list[list.length - 1];
    counted.push(last);
    if (list.length === 1) continue;
    const earlier = list.slice(0, -1);
    for (const entry of earlier) superseded.add(entry);
    flags.push({
      code: "DUPLICATE_EVALUATOR",
      message: flagMessages.duplicateEvaluator(
        last.evaluator,
        rowLocation(last),
        earlier.map(rowLocation)
      ),
    });
  }
  return counted;
}

function consolidateScore(
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

function consolidateAnswer(
  id: string,
  entries: readonly EvaluatorEntry[],
  ruleset: Ruleset,
  flags: Flag[]
): ConsolidatedAnswer {
  let yes = 0;
  let no = 0;
  const unanswered: string[] = [];
  for (const entry of entries) {
    const answer = entry.answers[id];
    if (answer === undefined) unanswered.push(entry.evaluator);
    else if (answer.value) yes++;
    else no++;
  }
  const answerFlags: FlagCode[] = [];
  const name = itemName(ruleset.rules, id);
  if (yes > 0 && no > 0) {
    answerFlags.push("DISAGREEMENT");
    flags.push({
      code: "DISAGREEMENT",
      criterion: id,
      message: flagMessages.answerDisagreement(name, yes, no),
    });
  }
  if (yes + no > 0 && unanswered.length > 0) {
    answerFlags.push("MISSING_ANSWER");
    flags.push({
      code: "MISSING_ANSWER",
      criterion: id,
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

function itemField(ruleset: Ruleset, item: string): { dimension?: string; criterion?: string } {
  return ruleset.rules.preliminaryCriteria.some((criterion) => criterion.id === item)
    ? { criterion: item }
    : { dimension: item };
}

function rowLocation(entry: EvaluatorEntry): string {
  return location(entry.file, entry.sheet, `${entry.row}:${entry.row}`);
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function distinct(values: ReadonlyArray<string | null>): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    if (value === null || seen.has(normaliseName(value))) continue;
    seen.add(normaliseName(value));
    result.push(value);
  }
  return result;
}

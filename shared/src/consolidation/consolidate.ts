import type { Calibration } from "../contract/calibration-contract";
import type {
  ConsolidatedApplicant,
  ConsolidatedScore,
  Flag,
} from "../contract/consolidation-contract";
import { flagMessages } from "./consolidation-messages";
import type {
  ConsolidatedRequirementGroup,
  ConsolidatedTrack,
} from "../contract/consolidation-contract";
import { hasLaterStructure } from "../workbook-import/evaluation-sheet-layout";
import { evaluate } from "../rules/evaluate";
import { isApplicationError } from "../rules/evaluation-result";
import { type IdenticalSubmission, withoutCopies } from "./identical-submissions";
import type { EvaluatorEntry } from "../workbook-import/read-evaluation-sheet";
import type { Ruleset } from "../rules/ruleset-schema";
import { normaliseApplicantId, normaliseName } from "./normalise-name";
import {
  applicantName,
  type NameNote,
  NameNotes,
  roundNames,
  type RoundNames,
} from "./applicant-names";
import { rankedFlags } from "./flag-rank";
import { calibrationOf } from "./calibration-of";
import { consolidateRubric, hasPoints, type RubricConsolidation } from "./rubric-consolidation";
import { consolidateAnswer, consolidateScore, itemField, rowLocation } from "./value-consolidation";

/**
 * Consolidating the evaluators' entries into one result per applicant.
 *
 * Decisions (beyond the domain brief's):
 * - Applicants are matched by id; a row without an id joins the applicant
 *   whose id rows carry the same name, else the applicants named alike.
 *   Ids and names are compared normalised: Unicode NFC, trimmed, runs of
 *   spaces as one, case-folded (and Thai digits as ASCII in ids). A name
 *   written differently under a matching id is a note on the evaluator's
 *   file, not a flag of the applicant, unless it is another applicant's name
 *   (applicant-names.ts).
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
 *
 * The later criteria's constructs (only under a ruleset that has them; a 2018 answer is unchanged):
 * - A rubric dimension that any evaluator scored by points is consolidated per item, by the
 *   rule for scores (mean or median of the points given, `MISSING_SCORE` for an evaluator who
 *   left an item blank, never a silent 0); `DISAGREEMENT` when an item's spread is above the
 *   ruleset's limit taken as a share of the item's maximum (20 points of 100% → 5 of 25).
 *   The dimension's percent is then the engine's, from the consolidated points (an item
 *   nobody scored counts 0, as in `evaluate`, and is flagged). An evaluator who gave that
 *   dimension a percent instead is flagged `PERCENT_INSTEAD_OF_POINTS` and not counted.
 * - A requirement group's item holds as a preliminary criterion does: only if every
 *   evaluator who answered said yes; blank is not answered (`MISSING_REQUIREMENT` when others
 *   answered). A group nobody answered is not assessed.
 * - The track is the one the evaluators named. Nobody naming one: the ruleset's default.
 *   Different tracks: `TRACK_DISAGREEMENT`, and the figures are the default track's, the
 *   flag and `track.source: "disputed"` saying so (no majority or first-come guess). Some
 *   blank while others named one: that one, flagged `MISSING_TRACK`.
 * - The outcome band is `evaluate`'s on the consolidated figures.
 * - An applicant's flags are ranked (flag-rank.ts): disagreements and missing scores first.
 */
export interface ConsolidationOutcome {
  applicants: ConsolidatedApplicant[];
  /** Entries that did not count: the same evaluator had a later one, or they copy another file. */
  superseded: ReadonlySet<EvaluatorEntry>;
  /** Names written differently under matching ids, one note per file and evaluator (applicant-names.ts). */
  nameNotes: NameNote[];
  /** Each evaluator's offset from the panel, over the entries that counted: shown, never applied. */
  calibration: Calibration;
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
  const groups = groupByApplicant(entries);
  const names = { round: roundNames(groups), notes: new NameNotes() };
  const counted: EvaluatorEntry[][] = [];
  const applicants = groups.map((group) =>
    consolidateApplicant(group, ruleset, superseded, setAside, names, counted)
  );
  return {
    applicants,
    superseded,
    nameNotes: names.notes.list(),
    calibration: calibrationOf(counted, ruleset.rules),
  };
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
  setAside: ReadonlyMap<EvaluatorEntry, IdenticalSubmission>,
  names: { round: RoundNames; notes: NameNotes },
  countedByApplicant: EvaluatorEntry[][]
): ConsolidatedApplicant {
  const { rules } = ruleset;
  const flags: Flag[] = [];
  const candidates = withoutCopies(group.entries, setAside, superseded, flags);
  const counted = countedEntries(candidates, flags, superseded);
  countedByApplicant.push(counted);
  if (group.id !== null) names.notes.check(group.id, counted, names.round, flags);
  for (const entry of counted)
    for (const { item, message } of entry.unreadable)
      flags.push({ code: "UNREADABLE_CELL", ...itemField(ruleset, item), message });

  const evaluators = counted.map((entry) => entry.evaluator);
  const later = hasLaterStructure(rules);
  const track = rules.tracks !== undefined ? consolidateTrack(counted, ruleset, flags) : undefined;
  const dimensions: ConsolidatedScore[] = [];
  const rubrics = new Map<string, RubricConsolidation>();
  for (const dimension of rules.dimensions) {
    if (dimension.items !== undefined && counted.some((entry) => hasPoints(entry, dimension.id))) {
      const { items } = dimension;
      const rubric = consolidateRubric({ ...dimension, items }, counted, ruleset, flags);
      rubrics.set(dimension.id, rubric);
      dimensions.push(rubric.score);
      continue;
    }
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

  const groups = (rules.requirementGroups ?? []).map((requirementGroup) => ({
    id: requirementGroup.id,
    items: requirementGroup.items.map((item) =>
      consolidateAnswer(
        `${requirementGroup.id}.${item.id}`,
        counted,
        ruleset,
        flags,
        (entry) => entry.requirements?.[requirementGroup.id]?.[item.id],
        { group: requirementGroup.id, item: item.id },
        "MISSING_REQUIREMENT"
      )
    ),
  }));
  const answeredGroups = groups.filter((entry) => entry.items.some((item) => item.holds !== null));

  const assessed = preliminary.some((answer) => answer.holds !== null);
  const outcome = evaluate(
    {
      ...(group.id !== null ? { id: group.id } : {}),
      scores: Object.fromEntries(
        dimensions
          .filter((score) => !rubrics.has(score.id))
          .map((score) => [score.id, score.percent])
      ),
      ...(rubrics.size > 0
        ? {
            points: Object.fromEntries(
              [...rubrics].map(([id, rubric]) => [id, rubric.pointsForEvaluate])
            ),
          }
        : {}),
      ...(track?.source === "evaluators" ? { track: track.id } : {}),
      ...(answeredGroups.length > 0
        ? {
            requirements: Object.fromEntries(
              answeredGroups.map((entry) => [
                entry.id,
                Object.fromEntries(
                  entry.items
                    .filter((item) => item.holds !== null)
                    .map((item) => [item.id.slice(entry.id.length + 1), item.holds])
                ),
              ])
            ),
          }
        : {}),
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
  for (const [id, rubric] of rubrics) {
    const result = outcome.dimensions.find((dimension) => dimension.id === id);
    if (result !== undefined) rubric.score.percent = result.percent;
  }

  const applicant: ConsolidatedApplicant = {
    id: group.id,
    name: applicantName(group, names.round),
    evaluators,
    dimensions,
    subcommitteeOverall,
    preliminary,
    overallPercent: outcome.overallPercent,
    eligible: outcome.eligible,
    reasons: outcome.reasons,
    // Every reader lists them so: the ones the committee must discuss first first.
    flags: rankedFlags(flags),
  };
  if (!later) return applicant;
  applicant.outcome = outcome.outcome;
  if (track !== undefined) {
    const id = outcome.track ?? track.id;
    applicant.track = { ...track, id, name: trackName(ruleset, id) };
  }
  if (rules.requirementGroups !== undefined)
    applicant.requirements = groups.map((entry): ConsolidatedRequirementGroup => ({
      id: entry.id,
      status: outcome.requirements?.[entry.id] ?? null,
      items: entry.items.map((item) => ({ ...item, id: item.id.slice(entry.id.length + 1) })),
    }));
  return applicant;
}

function trackName(ruleset: Ruleset, id: string): ConsolidatedTrack["name"] {
  return ruleset.rules.tracks?.find((track) => track.id === id)?.name ?? { th: id, en: id };
}

/** The track the counted evaluators named (see the decisions above). */
function consolidateTrack(
  entries: readonly EvaluatorEntry[],
  ruleset: Ruleset,
  flags: Flag[]
): ConsolidatedTrack {
  const byTrack = new Map<string, string[]>();
  const blank: string[] = [];
  for (const entry of entries) {
    const id = entry.track?.value;
    if (id === undefined) {
      blank.push(entry.evaluator);
      continue;
    }
    const list = byTrack.get(id) ?? [];
    list.push(entry.evaluator);
    byTrack.set(id, list);
  }
  const fallback = ruleset.rules.defaultTrack ?? ruleset.rules.tracks?.[0]?.id ?? "";
  const named = [...byTrack].map(([id, evaluators]) => ({ id, evaluators: evaluators.length }));
  const base = { name: trackName(ruleset, fallback), named };
  if (byTrack.size === 0) return { id: fallback, source: "default", ...base };
  if (byTrack.size > 1) {
    flags.push({
      code: "TRACK_DISAGREEMENT",
      message: flagMessages.trackDisagreement(
        [...byTrack].map(([id, evaluators]) => ({ track: trackName(ruleset, id), evaluators })),
        trackName(ruleset, fallback)
      ),
    });
    return { id: fallback, source: "disputed", ...base };
  }
  const [id] = byTrack.keys();
  if (blank.length > 0)
    flags.push({
      code: "MISSING_TRACK",
      message: flagMessages.missingTrack(trackName(ruleset, id), blank),
    });
  return { id, source: "evaluators", name: trackName(ruleset, id), named };
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

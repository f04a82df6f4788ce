import type {
  ConsolidatedAnswer,
  ConsolidatedApplicant,
  ConsolidatedScore,
  Flag,
  FlagCode,
} from "../contract/consolidation-contract";
import { flagMessages, location } from "./consolidation-messages";
import type {
  ConsolidatedPoints,
  ConsolidatedRequirementGroup,
  ConsolidatedTrack,
} from "../contract/consolidation-contract";
import { itemName, qualifiedItemName } from "../workbook-import/evaluation-columns";
import { hasLaterStructure } from "../workbook-import/evaluation-sheet-layout";
import type { EvaluationResult } from "../rules/evaluation-result";
import { evaluate } from "../rules/evaluate";
import { isApplicationError } from "../rules/evaluation-result";
import { type IdenticalSubmission, withoutCopies } from "./identical-submissions";
import { toPersonDecimal } from "../text/person-decimal";
import type { CellValueAt, EvaluatorEntry } from "../workbook-import/read-evaluation-sheet";
import type { Ruleset } from "../rules/ruleset-schema";
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

function hasPoints(entry: EvaluatorEntry, dimension: string): boolean {
  const points = entry.points?.[dimension];
  return points !== undefined && Object.keys(points).length > 0;
}

interface RubricConsolidation {
  /** `percent` is filled in from `evaluate`'s result. */
  score: ConsolidatedScore;
  /** The consolidated points of the items someone scored (the others count 0 in `evaluate`). */
  pointsForEvaluate: Record<string, number>;
}

type RubricDimension = Ruleset["rules"]["dimensions"][number] & {
  items: NonNullable<Ruleset["rules"]["dimensions"][number]["items"]>;
};

/** A rubric dimension: each item over the evaluators, then the dimension (see the decisions). */
function consolidateRubric(
  dimension: RubricDimension,
  entries: readonly EvaluatorEntry[],
  ruleset: Ruleset,
  flags: Flag[]
): RubricConsolidation {
  const { method, disagreementSpread } = ruleset.rules.consolidation;
  const givers = entries.filter((entry) => hasPoints(entry, dimension.id));
  const percentOnly = entries.filter(
    (entry) => !hasPoints(entry, dimension.id) && entry.scores[dimension.id] !== undefined
  );
  if (percentOnly.length > 0)
    flags.push({
      code: "PERCENT_INSTEAD_OF_POINTS",
      dimension: dimension.id,
      message: flagMessages.percentInsteadOfPoints(
        dimension.name,
        percentOnly.map((entry) => entry.evaluator)
      ),
    });
  const items: ConsolidatedPoints[] = [];
  const pointsForEvaluate: Record<string, number> = {};
  for (const item of dimension.items) {
    const given: number[] = [];
    const missing: string[] = [];
    for (const entry of entries) {
      const points = entry.points?.[dimension.id]?.[item.id];
      if (points === undefined) missing.push(entry.evaluator);
      else given.push(points.value);
    }
    const name = qualifiedItemName(ruleset.rules, `${dimension.id}.${item.id}`);
    const where = { dimension: dimension.id, item: item.id };
    const itemFlags: FlagCode[] = [];
    const consolidated: ConsolidatedPoints = {
      id: item.id,
      points: null,
      maxPoints: item.maxPoints,
      min: null,
      max: null,
      spread: null,
      scored: given.length,
      missing: missing.length,
      flags: itemFlags,
    };
    if (given.length > 0) {
      const min = Math.min(...given);
      const max = Math.max(...given);
      consolidated.min = min;
      consolidated.max = max;
      consolidated.spread = toPersonDecimal(max - min);
      consolidated.points = toPersonDecimal(method === "median" ? median(given) : mean(given));
      pointsForEvaluate[item.id] = consolidated.points;
      // The limit is in percentage points of a dimension: as a share of this item's maximum.
      if (((max - min) / item.maxPoints) * 100 > disagreementSpread + 1e-9) {
        itemFlags.push("DISAGREEMENT");
        flags.push({
          code: "DISAGREEMENT",
          ...where,
          message: flagMessages.pointsDisagreement(
            name,
            min,
            max,
            item.maxPoints,
            disagreementSpread
          ),
        });
      }
    }
    if (missing.length > 0) {
      itemFlags.push("MISSING_SCORE");
      flags.push({
        code: "MISSING_SCORE",
        ...where,
        message: flagMessages.missingPoints(name, missing, given.length),
      });
    }
    items.push(consolidated);
  }
  // The dimension's spread: of the percents of the evaluators who gave every item.
  const complete = givers
    .filter((entry) =>
      dimension.items.every((item) => entry.points?.[dimension.id]?.[item.id] !== undefined)
    )
    .map((entry) => evaluatorPercent(entry, dimension.id, ruleset));
  const min = complete.length > 0 ? Math.min(...complete) : 0;
  const max = complete.length > 0 ? Math.max(...complete) : 0;
  const spread = toPersonDecimal(max - min);
  const scoreFlags: FlagCode[] = [];
  if (spread > disagreementSpread) {
    scoreFlags.push("DISAGREEMENT");
    flags.push({
      code: "DISAGREEMENT",
      dimension: dimension.id,
      message: flagMessages.disagreement(dimension.name, min, max, disagreementSpread),
    });
  }
  const missing = entries.length - givers.length;
  if (missing > 0) scoreFlags.push("MISSING_SCORE");
  return {
    score: {
      id: dimension.id,
      percent: 0,
      min,
      max,
      spread,
      scored: givers.length,
      missing,
      flags: scoreFlags,
      items,
    },
    pointsForEvaluate,
  };
}

/** One evaluator's percent for a rubric dimension, as the engine computes it from their points. */
function evaluatorPercent(entry: EvaluatorEntry, dimension: string, ruleset: Ruleset): number {
  const points = Object.fromEntries(
    Object.entries(entry.points?.[dimension] ?? {}).map(([id, at]) => [id, at.value])
  );
  const result = evaluate({ scores: {}, points: { [dimension]: points } }, ruleset);
  if (isApplicationError(result))
    throw new Error(`an evaluator's points were not valid: ${result.error.message.en}`);
  const scored = (result as EvaluationResult).dimensions.find((entry) => entry.id === dimension);
  if (scored === undefined) throw new Error(`the dimension ${dimension} was not scored`);
  return scored.percent;
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
function itemField(
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

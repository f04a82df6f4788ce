import type { Flag, FlagCode } from "../contract/consolidation-contract";

/**
 * Which of an applicant's flags the committee must discuss first. An evaluator who declared a
 * conflict and evaluated anyway, and figures resting on fewer evaluators than the ruleset asks,
 * put the whole result in question; scores that disagree or are missing change the figures the
 * committee decides on; a row that may carry the wrong id may
 * count for the wrong city; then what changes which rules apply (the track), then the answers
 * and requirements left blank, then what the consolidation already settled by itself (a
 * declared conflict kept out, a duplicate evaluator, a copy counted once) and cells it could not read. Lower comes first;
 * every code has a rank (the compiler checks it).
 */
const FLAG_RANK = {
  CONFLICT_CONTRADICTED: 0,
  TOO_FEW_EVALUATORS: 1,
  DISAGREEMENT: 2,
  MISSING_SCORE: 3,
  NAME_MISMATCH: 4,
  TRACK_DISAGREEMENT: 5,
  PERCENT_INSTEAD_OF_POINTS: 6,
  MISSING_ANSWER: 7,
  MISSING_REQUIREMENT: 8,
  MISSING_TRACK: 9,
  CONFLICT_OF_INTEREST: 10,
  UNREADABLE_CELL: 11,
  DUPLICATE_EVALUATOR: 12,
  IDENTICAL_SUBMISSIONS: 13,
} satisfies Record<FlagCode, number>;

export function flagRank(code: FlagCode): number {
  return FLAG_RANK[code];
}

/** The flags, the ones to discuss first first; flags of one rank keep their order. */
export function rankedFlags<T extends Pick<Flag, "code">>(flags: readonly T[]): T[] {
  return [...flags].sort((a, b) => flagRank(a.code) - flagRank(b.code));
}

import type { Flag, FlagCode } from "../contract/consolidation-contract";

/**
 * Which of an applicant's flags the committee must discuss first. Scores that disagree or are
 * missing change the figures the committee decides on; a row that may carry the wrong id may
 * count for the wrong city; then what changes which rules apply (the track), then the answers
 * and requirements left blank, then what the consolidation already settled by itself (a
 * duplicate evaluator, a copy counted once) and cells it could not read. Lower comes first;
 * every code has a rank (the compiler checks it).
 */
const FLAG_RANK = {
  DISAGREEMENT: 0,
  MISSING_SCORE: 1,
  NAME_MISMATCH: 2,
  TRACK_DISAGREEMENT: 3,
  PERCENT_INSTEAD_OF_POINTS: 4,
  MISSING_ANSWER: 5,
  MISSING_REQUIREMENT: 6,
  MISSING_TRACK: 7,
  UNREADABLE_CELL: 8,
  DUPLICATE_EVALUATOR: 9,
  IDENTICAL_SUBMISSIONS: 10,
} satisfies Record<FlagCode, number>;

export function flagRank(code: FlagCode): number {
  return FLAG_RANK[code];
}

/** The flags, the ones to discuss first first; flags of one rank keep their order. */
export function rankedFlags<T extends Pick<Flag, "code">>(flags: readonly T[]): T[] {
  return [...flags].sort((a, b) => flagRank(a.code) - flagRank(b.code));
}

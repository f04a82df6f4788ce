import type { CompiledTrack } from "./compiled-rules";

/**
 * An application checked against a ruleset: `scores[i]` is the percent of the
 * ruleset's i-th dimension, or undefined when that dimension is not proposed.
 */
export interface CheckedApplication {
  id?: string;
  scores: (number | undefined)[];
  /** How many dimensions have a score. */
  proposedCount: number;
  overall?: number;
  /** `preliminary[i]` answers the ruleset's i-th criterion; undefined when no answers were given at all. */
  preliminary?: (boolean | undefined)[];
  /** The track named by the application; undefined: the ruleset's default. */
  track?: CompiledTrack;
  /** `requirements[g]` answers the ruleset's g-th requirement group; undefined: not assessed. */
  requirements?: ((boolean | undefined)[] | undefined)[];
  /** `points[i]`: the points of the i-th dimension's rubric items, when it was scored by them. */
  points?: (number[] | undefined)[];
}

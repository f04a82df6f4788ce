import { type CompiledTrack, compileRules } from "./compiled-rules";
import type { Ruleset } from "./ruleset-schema";

/** The bars an application is held to: the overall one, and each dimension's by id. */
export interface Bars {
  overallMinPercent: number;
  dimensionMinPercent: ReadonlyMap<string, number>;
}

/**
 * The bars of a track, its overrides applied (the engine's own compiled rules, so a sheet
 * coloured by them shows what evaluate decided): `trackId` undefined, or one the ruleset does
 * not have, is the default track (else the ruleset's own figures), as for an application that
 * names none.
 */
export function trackBars(ruleset: Ruleset, trackId?: string): Bars {
  const rules = compileRules(ruleset, "none");
  const track =
    (trackId !== undefined ? rules.tracksById.get(trackId) : undefined) ?? rules.defaultTrack;
  // Asked once per row of a consolidated workbook (10,000 Details rows): one Bars per track.
  let bars = barsByTrack.get(track);
  if (bars === undefined) {
    bars = {
      overallMinPercent: track.overallMinPercent,
      dimensionMinPercent: new Map(
        track.dimensions.map((dimension) => [dimension.id, dimension.minPercent])
      ),
    };
    barsByTrack.set(track, bars);
  }
  return bars;
}

const barsByTrack = new WeakMap<CompiledTrack, Bars>();

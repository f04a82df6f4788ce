import type { z } from "zod";
import type { LocalizedText } from "../text/localized-text";
import type { CriterionRule } from "./rule-primitives";
import type { BandConditions } from "./structure-schema";
import { structureMessages as says, WHAT } from "./structure-messages";
import { labelKey } from "../text/label-key";

/** The id of the requirement group that `preliminaryCriteria` is the shorthand for. */
export const PRELIMINARY_GROUP = "preliminary";

/** The preliminary group's name, for the Thai list of groups (its id stays in the English). */
const PRELIMINARY_ENTRY = {
  id: PRELIMINARY_GROUP,
  name: { th: "เกณฑ์เบื้องต้น", en: "preliminary criteria" },
};

interface StructureFields {
  dimensions: { id: string; name: LocalizedText; items?: { id: string }[] }[];
  preliminaryCriteria?: CriterionRule[];
  requirementGroups?: { id: string; name: LocalizedText; items: CriterionRule[] }[];
  tracks?: {
    id: string;
    name: LocalizedText;
    overrides?: {
      minDimensions?: number;
      dimensions?: { id: string }[];
      requirementGroups?: string[];
    };
  }[];
  defaultTrack?: string;
  outcomes?: { id: string; name: LocalizedText; when?: BandConditions }[];
}

type Path = (string | number)[];

/** A schema issue in both languages: English in `message` (as every schema issue), Thai in params. */
function report(ctx: z.RefinementCtx, path: Path, text: LocalizedText): void {
  ctx.addIssue({ code: "custom", path, message: text.en, params: { th: text.th } });
}

/**
 * A track is named in cells and requests by its id or either name, read as labels are
 * (labelKey: case, spaces and Thai digits aside): a label of one track that reads as a label of
 * another would name two, so it is refused here rather than read as neither later.
 */
function collidingTrackLabels(
  tracks: readonly { id: string; name: LocalizedText }[],
  ctx: z.RefinementCtx
): void {
  const owners = new Map<string, number>();
  tracks.forEach((track, index) => {
    const labels: [Path, string][] = [
      [["tracks", index, "name", "en"], track.name.en],
      [["tracks", index, "name", "th"], track.name.th],
      [["tracks", index, "id"], track.id],
    ];
    for (const [path, label] of labels) {
      const key = labelKey(label);
      if (key === "") continue;
      const owner = owners.get(key);
      // The same id twice is already reported as a duplicate id.
      const sameId = owner !== undefined && tracks[owner].id === track.id;
      if (owner !== undefined && owner !== index && !sameId)
        report(ctx, path, says.trackLabelTaken(label, tracks[owner].name));
      else owners.set(key, index);
    }
  });
}

function duplicates(
  entries: readonly { id: string }[],
  path: Path,
  what: LocalizedText,
  ctx: z.RefinementCtx
): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) report(ctx, [...path, index, "id"], says.duplicate(what, entry.id));
    seen.add(entry.id);
  });
}

/** Cross-references of groups, tracks, bands and rubrics: every id named exists, every band is reachable. */
export function checkStructure(rules: StructureFields, ctx: z.RefinementCtx): void {
  const groups = rules.requirementGroups ?? [];
  const hasPreliminaryGroup = groups.some((group) => group.id === PRELIMINARY_GROUP);
  if (hasPreliminaryGroup && rules.preliminaryCriteria !== undefined)
    report(ctx, ["requirementGroups"], says.preliminaryTwice());
  if (!hasPreliminaryGroup && rules.preliminaryCriteria === undefined)
    report(ctx, ["preliminaryCriteria"], says.preliminaryMissing());
  duplicates(groups, ["requirementGroups"], WHAT.group, ctx);
  groups.forEach((group, index) =>
    duplicates(group.items, ["requirementGroups", index, "items"], WHAT.item, ctx)
  );
  rules.dimensions.forEach((dimension, index) =>
    duplicates(dimension.items ?? [], ["dimensions", index, "items"], WHAT.item, ctx)
  );

  const dimensionIds = rules.dimensions.map((dimension) => dimension.id);
  const knownGroups = [PRELIMINARY_ENTRY, ...groups].filter(
    (group, index, all) => all.findIndex((other) => other.id === group.id) === index
  );
  const groupIds = knownGroups.map((group) => group.id);
  const tracks = rules.tracks ?? [];
  duplicates(tracks, ["tracks"], WHAT.track, ctx);
  collidingTrackLabels(tracks, ctx);
  tracks.forEach((track, index) => {
    const path: Path = ["tracks", index, "overrides"];
    const overrides = track.overrides ?? {};
    const listed = overrides.dimensions ?? [];
    duplicates(listed, [...path, "dimensions"], WHAT.dimension, ctx);
    listed.forEach((dimension, at) => {
      if (!dimensionIds.includes(dimension.id))
        report(
          ctx,
          [...path, "dimensions", at, "id"],
          says.unknownDimension(dimension.id, rules.dimensions)
        );
    });
    (overrides.requirementGroups ?? []).forEach((id, at) => {
      if (!groupIds.includes(id))
        report(ctx, [...path, "requirementGroups", at], says.unknownGroup(id, knownGroups));
    });
    if (overrides.minDimensions !== undefined && overrides.minDimensions > dimensionIds.length)
      report(
        ctx,
        [...path, "minDimensions"],
        says.tooManyRequired(overrides.minDimensions, dimensionIds.length)
      );
  });
  if (rules.defaultTrack !== undefined && !tracks.some((track) => track.id === rules.defaultTrack))
    report(ctx, ["defaultTrack"], says.unknownTrack(rules.defaultTrack, tracks));
  if (rules.outcomes !== undefined) checkBands(rules.outcomes, ctx);
}

function checkBands(
  bands: readonly { id: string; name: LocalizedText; when?: BandConditions }[],
  ctx: z.RefinementCtx
): void {
  duplicates(bands, ["outcomes"], WHAT.band, ctx);
  if (bands.length < 2) {
    report(ctx, ["outcomes"], says.tooFewBands());
    return;
  }
  if (bands[0].when !== undefined)
    report(ctx, ["outcomes", 0, "when"], says.firstBandTakesNoWhen());
  const last = bands.length - 1;
  if (bands[last].when !== undefined)
    report(ctx, ["outcomes", last, "when"], says.missingFallback());
  for (let index = 1; index < last; index++) {
    const when = bands[index].when;
    if (when === undefined || Object.keys(when).length === 0) {
      report(ctx, ["outcomes", index], says.bandWithoutConditions());
      continue;
    }
    const earlier = bands.slice(1, index).find((band) => band.when && admitsAll(band.when, when));
    if (earlier)
      report(ctx, ["outcomes", index, "id"], says.unreachableBand(bands[index], earlier));
  }
}

/**
 * Whether every case that `later` admits is admitted by `earlier` too (then `later` is never
 * reached): each condition of `earlier` is one `later` also has, at least as strict.
 */
function admitsAll(earlier: BandConditions, later: BandConditions): boolean {
  if (Object.keys(earlier).length === 0) return true;
  const atLeast = (mine: number | undefined, theirs: number | undefined) =>
    mine === undefined || (theirs !== undefined && theirs >= mine);
  return (
    atLeast(earlier.overallMinPercent, later.overallMinPercent) &&
    atLeast(earlier.dimensionMinPercent, later.dimensionMinPercent) &&
    atLeast(earlier.minDimensions, later.minDimensions) &&
    (earlier.requirementsMet === undefined || earlier.requirementsMet === later.requirementsMet)
  );
}

/**
 * The one stored form: the `preliminary` group is kept as `preliminaryCriteria` (the 2018
 * field every reader knows). Rules without that group come back as the same object, so a
 * ruleset written before the later criteria keeps its exact bytes.
 */
export function liftPreliminaryGroup<R extends StructureFields>(
  rules: R
): Omit<R, "preliminaryCriteria"> & { preliminaryCriteria: CriterionRule[] } {
  const groups = rules.requirementGroups ?? [];
  const group = groups.find((entry) => entry.id === PRELIMINARY_GROUP);
  if (group === undefined)
    return rules as Omit<R, "preliminaryCriteria"> & { preliminaryCriteria: CriterionRule[] };
  const rest = groups.filter((entry) => entry !== group);
  const lifted: Record<string, unknown> = {
    ...(rules as object),
    preliminaryCriteria: group.items,
  };
  if (rest.length > 0) lifted.requirementGroups = rest;
  else delete lifted.requirementGroups;
  return lifted as Omit<R, "preliminaryCriteria"> & { preliminaryCriteria: CriterionRule[] };
}

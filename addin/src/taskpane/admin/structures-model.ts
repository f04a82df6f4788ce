import {
  type CriterionRule,
  IMPLICIT_BANDS,
  type OutcomeBand,
  PRELIMINARY_GROUP,
  type RequirementGroup,
  type Rules,
  type Track,
} from "@smartcity/shared";

/**
 * The admin form's model of the later criteria's structures: requirement groups, tracks (city types),
 * outcome bands and each dimension's rubric, as the admin types them (numbers as the text in
 * their field). `modelOf` fills it from a ruleset's rules; `rulesOf` turns it back into rules
 * for shared's PublishRequestSchema to check: no check is made here. Each row keeps the entry it
 * came from (`source`), so fields the form does not show (an item's description, aliases)
 * survive, and an unchanged form gives exactly the rules it was filled from.
 *
 * Field keys are the schema's own paths under `rules`, dot-joined ("tracks.1.overrides.
 * minDimensions", "outcomes.1.when.overallMinPercent"), so a schema issue finds its field.
 */
export interface NamedRow {
  id: string;
  th: string;
  en: string;
}
export interface ItemRow extends NamedRow {
  source?: CriterionRule;
}
export interface GroupRow extends NamedRow {
  items: ItemRow[];
  source?: RequirementGroup;
}
/** "" inherits the ruleset's own rule; "yes"/"no" override it. */
export type Tristate = "" | "yes" | "no";
export interface DimensionOverrideRow {
  id: string;
  minPercent: string;
  weight: string;
  mandatory: Tristate;
  source?: NonNullable<NonNullable<Track["overrides"]>["dimensions"]>[number];
}
export interface TrackRow extends NamedRow {
  overall: string;
  dimension: string;
  minDimensions: string;
  dimensions: DimensionOverrideRow[];
  /** Every requirement group applies (no `requirementGroups` override). */
  allGroups: boolean;
  /** The groups that apply when not all do. */
  groups: string[];
  source?: Track;
}
export interface BandRow extends NamedRow {
  overall: string;
  dimension: string;
  minDimensions: string;
  requirementsMet: Tristate;
  source?: OutcomeBand;
}
export interface RubricRow extends NamedRow {
  maxPoints: string;
  source?: NonNullable<Rules["dimensions"][number]["items"]>[number];
}
export interface StructuresModel {
  groups: GroupRow[];
  tracks: TrackRow[];
  defaultTrack: string;
  bands: BandRow[];
  /** One per dimension, in the ruleset's order (a field key names the dimension by index). */
  rubrics: { dimension: string; items: RubricRow[] }[];
}

const text = (value: number | undefined) => (value === undefined ? "" : String(value));
const tristate = (value: boolean | undefined): Tristate =>
  value === undefined ? "" : value ? "yes" : "no";

export function modelOf(rules: Rules): StructuresModel {
  return {
    groups: (rules.requirementGroups ?? []).map((group) => ({
      id: group.id,
      th: group.name.th,
      en: group.name.en,
      items: group.items.map((item) => ({
        id: item.id,
        th: item.name.th,
        en: item.name.en,
        source: item,
      })),
      source: group,
    })),
    tracks: (rules.tracks ?? []).map((track) => {
      const overrides = track.overrides ?? {};
      return {
        id: track.id,
        th: track.name.th,
        en: track.name.en,
        overall: text(overrides.overallMinPercent),
        dimension: text(overrides.dimensionMinPercent),
        minDimensions: text(overrides.minDimensions),
        dimensions: (overrides.dimensions ?? []).map((dimension) => ({
          id: dimension.id,
          minPercent: text(dimension.minPercent),
          weight: text(dimension.weight),
          mandatory: tristate(dimension.mandatory),
          source: dimension,
        })),
        allGroups: overrides.requirementGroups === undefined,
        groups: [...(overrides.requirementGroups ?? [])],
        source: track,
      };
    }),
    defaultTrack: rules.defaultTrack ?? "",
    bands: (rules.outcomes ?? []).map((band) => ({
      id: band.id,
      th: band.name.th,
      en: band.name.en,
      overall: text(band.when?.overallMinPercent),
      dimension: text(band.when?.dimensionMinPercent),
      minDimensions: text(band.when?.minDimensions),
      requirementsMet:
        band.when?.requirementsMet === undefined ? "" : band.when.requirementsMet ? "yes" : "no",
      source: band,
    })),
    rubrics: rules.dimensions.map((dimension) => ({
      dimension: dimension.id,
      items: (dimension.items ?? []).map((item) => ({
        id: item.id,
        th: item.name.th,
        en: item.name.en,
        maxPoints: String(item.maxPoints),
        source: item,
      })),
    })),
  };
}

/** An empty field is no number (Number("") would be a silent 0); other text the schema refuses. */
const numberOf = (typed: string): number => (typed.trim() === "" ? Number.NaN : Number(typed));

/** Sets `key` to the typed number, or removes it when the field is empty (the rule is inherited). */
function setOptional(target: Record<string, unknown>, key: string, typed: string): void {
  if (typed.trim() === "") delete target[key];
  else target[key] = Number(typed);
}

function setTristate(target: Record<string, unknown>, key: string, value: Tristate): void {
  if (value === "") delete target[key];
  else target[key] = value === "yes";
}

/**
 * A list field from its rows: left out when there are none and the rules had none (or had
 * some, which the admin removed); an empty list kept only where the rules had one.
 */
function listField(
  target: Record<string, unknown>,
  key: string,
  entries: unknown[],
  had: unknown[] | undefined
): void {
  if (entries.length > 0 || (had !== undefined && had.length === 0)) target[key] = entries;
  else delete target[key];
}

const named = (row: NamedRow) => ({ id: row.id, name: { th: row.th, en: row.en } });

/** The rules the form says: `base` with its structures replaced by the model's (not yet checked). */
export function rulesOf(base: Rules, model: StructuresModel): Record<string, unknown> {
  const rules = structuredClone(base) as unknown as Record<string, unknown>;
  listField(
    rules,
    "requirementGroups",
    model.groups.map((group) => ({
      ...structuredClone(group.source ?? {}),
      ...named(group),
      items: group.items.map((item) => ({ ...structuredClone(item.source ?? {}), ...named(item) })),
    })),
    base.requirementGroups
  );
  listField(rules, "tracks", model.tracks.map(trackOf), base.tracks);
  if (model.defaultTrack === "") delete rules.defaultTrack;
  else rules.defaultTrack = model.defaultTrack;
  listField(
    rules,
    "outcomes",
    model.bands.map((band, index) => bandOf(band, index === 0 || index === model.bands.length - 1)),
    base.outcomes
  );
  rules.dimensions = base.dimensions.map((dimension, index) => {
    const copy = structuredClone(dimension) as Record<string, unknown>;
    const rows = model.rubrics[index]?.items ?? [];
    listField(
      copy,
      "items",
      rows.map((row) => ({
        ...structuredClone(row.source ?? {}),
        ...named(row),
        maxPoints: numberOf(row.maxPoints),
      })),
      dimension.items
    );
    return copy;
  });
  return rules;
}

function trackOf(row: TrackRow): Record<string, unknown> {
  const track: Record<string, unknown> = { ...structuredClone(row.source ?? {}), ...named(row) };
  const had = row.source?.overrides;
  const overrides = structuredClone(had ?? {}) as Record<string, unknown>;
  setOptional(overrides, "overallMinPercent", row.overall);
  setOptional(overrides, "dimensionMinPercent", row.dimension);
  setOptional(overrides, "minDimensions", row.minDimensions);
  listField(
    overrides,
    "dimensions",
    row.dimensions.map((dimension) => {
      const entry: Record<string, unknown> = {
        ...structuredClone(dimension.source ?? {}),
        id: dimension.id,
      };
      setOptional(entry, "minPercent", dimension.minPercent);
      setOptional(entry, "weight", dimension.weight);
      setTristate(entry, "mandatory", dimension.mandatory);
      return entry;
    }),
    had?.dimensions
  );
  if (row.allGroups) delete overrides.requirementGroups;
  else overrides.requirementGroups = [...row.groups];
  // No override at all: left out, unless the ruleset wrote an empty one.
  if (Object.keys(overrides).length === 0 && had === undefined) delete track.overrides;
  else track.overrides = overrides;
  return track;
}

/** The first and last bands take no `when` (the form shows no conditions for them). */
function bandOf(row: BandRow, end: boolean): Record<string, unknown> {
  const band: Record<string, unknown> = { ...structuredClone(row.source ?? {}), ...named(row) };
  if (end) {
    delete band.when;
    return band;
  }
  const when = structuredClone(row.source?.when ?? {}) as Record<string, unknown>;
  setOptional(when, "overallMinPercent", row.overall);
  setOptional(when, "dimensionMinPercent", row.dimension);
  setOptional(when, "minDimensions", row.minDimensions);
  setTristate(when, "requirementsMet", row.requirementsMet);
  band.when = when;
  return band;
}

// Edits the form's buttons make. Each returns nothing: the model is changed in place.

export const blankItem = (): ItemRow => ({ id: "", th: "", en: "" });

export function addGroup(model: StructuresModel): void {
  model.groups.push({ id: "", th: "", en: "", items: [blankItem()] });
}

export function addTrack(model: StructuresModel): void {
  model.tracks.push({
    id: "",
    th: "",
    en: "",
    overall: "",
    dimension: "",
    minDimensions: "",
    dimensions: [],
    allGroups: true,
    groups: [],
  });
}

export function addDimensionOverride(track: TrackRow, dimensionId: string): void {
  track.dimensions.push({ id: dimensionId, minPercent: "", weight: "", mandatory: "" });
}

const blankBand = (id = "", th = "", en = ""): BandRow => ({
  id,
  th,
  en,
  overall: "",
  dimension: "",
  minDimensions: "",
  requirementsMet: "",
});

/**
 * Outcome bands for rules that had none: the two implicit ones made explicit (the engine's
 * `eligible` and `notEligible`), for the admin to rename and put bands between.
 */
export function startBands(model: StructuresModel): void {
  if (model.bands.length > 0) return;
  model.bands.push(...IMPLICIT_BANDS.map((band) => blankBand(band.id, band.name.th, band.name.en)));
}

/** A band with conditions, just before the last (the fallback stays last). */
export function addMiddleBand(model: StructuresModel): void {
  if (model.bands.length < 2) startBands(model);
  model.bands.splice(model.bands.length - 1, 0, blankBand());
}

/** Moves a middle band up or down among the middle bands (the first and last stay put). */
export function moveBand(model: StructuresModel, index: number, by: -1 | 1): void {
  const to = index + by;
  const middle = (at: number) => at > 0 && at < model.bands.length - 1;
  if (!middle(index) || !middle(to)) return;
  const [band] = model.bands.splice(index, 1);
  model.bands.splice(to, 0, band);
}

export function addRubricItem(model: StructuresModel, dimensionIndex: number): void {
  model.rubrics[dimensionIndex]?.items.push({ id: "", th: "", en: "", maxPoints: "" });
}

/**
 * Sets the model's value at a field key (as the form's inputs carry it). Unknown keys are a
 * programming error, said loudly.
 */
export function setField(model: StructuresModel, key: string, value: string | boolean): void {
  const parts = key.split(".");
  const at = (index: string) => Number(index);
  const fail = () => {
    throw new Error(`the admin form has no field "${key}"`);
  };
  const put = (row: object, field: string) => {
    if (!(field in row)) fail();
    (row as Record<string, unknown>)[field] = value;
  };
  const nameField = (row: NamedRow, rest: string[]) => {
    if (rest.length === 1 && rest[0] === "id") return put(row, "id");
    if (rest.length === 2 && rest[0] === "name" && (rest[1] === "th" || rest[1] === "en"))
      return put(row, rest[1]);
    fail();
  };
  const [head, ...rest] = parts;
  if (head === "defaultTrack") return put(model, "defaultTrack");
  if (head === "requirementGroups") {
    const group = model.groups[at(rest[0])] ?? fail();
    if (rest[1] === "items") {
      const item = group.items[at(rest[2])] ?? fail();
      return nameField(item, rest.slice(3));
    }
    return nameField(group, rest.slice(1));
  }
  if (head === "tracks") {
    const track = model.tracks[at(rest[0])] ?? fail();
    if (rest[1] !== "overrides") return nameField(track, rest.slice(1));
    const field = rest[2];
    const simple: Record<string, keyof TrackRow> = {
      overallMinPercent: "overall",
      dimensionMinPercent: "dimension",
      minDimensions: "minDimensions",
    };
    if (simple[field] && rest.length === 3) return put(track, simple[field]);
    if (field === "allGroups") {
      put(track, "allGroups");
      // Choosing groups starts from every group ticked: the admin unticks the ones that do not apply.
      if (value === false && track.groups.length === 0)
        track.groups = [PRELIMINARY_GROUP, ...model.groups.map((group) => group.id)].filter(
          (id, index, all) => id !== "" && all.indexOf(id) === index
        );
      return;
    }
    if (field === "requirementGroups" && rest.length === 4) {
      const id = rest[3];
      const on = value === true;
      track.groups = on
        ? [...track.groups.filter((entry) => entry !== id), id]
        : track.groups.filter((entry) => entry !== id);
      return;
    }
    if (field === "dimensions") {
      const row = track.dimensions[at(rest[3])] ?? fail();
      return put(row, rest[4] ?? fail());
    }
    fail();
  }
  if (head === "outcomes") {
    const band = model.bands[at(rest[0])] ?? fail();
    if (rest[1] !== "when") return nameField(band, rest.slice(1));
    const simple: Record<string, keyof BandRow> = {
      overallMinPercent: "overall",
      dimensionMinPercent: "dimension",
      minDimensions: "minDimensions",
      requirementsMet: "requirementsMet",
    };
    return simple[rest[2]] ? put(band, simple[rest[2]]) : fail();
  }
  if (head === "dimensions" && rest[1] === "items") {
    const rows = model.rubrics[at(rest[0])] ?? fail();
    const row = rows.items[at(rest[2])] ?? fail();
    if (rest[3] === "maxPoints") return put(row, "maxPoints");
    return nameField(row, rest.slice(3));
  }
  fail();
}

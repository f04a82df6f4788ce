import { PRELIMINARY_GROUP, type Rules } from "@smartcity/shared";
import type { PaneLanguage } from "../texts";
import {
  button,
  checkbox,
  choice,
  element,
  field,
  fields,
  nameFields,
  row,
  section,
  slot,
  tristateOptions,
} from "./structures-controls";
import type { StructuresModel } from "./structures-model";
import { STRUCTURE_TEXTS, type StructureTexts } from "./structures-texts";

/**
 * The four parts of the structures form, drawn from the model: requirement groups, city types
 * (tracks), outcome bands and rubrics; and the pickers that name groups and tracks.
 */
export function groupsPart(
  model: StructuresModel,
  t: StructureTexts,
  language: PaneLanguage
): HTMLElement {
  const rows = model.groups.map((group, i) => {
    const key = `requirementGroups.${i}`;
    const items = group.items.map((item, j) => {
      const itemKey = `${key}.items.${j}`;
      const line = element("div", "structure-item");
      line.dataset.row = itemKey;
      line.append(
        fields(
          field(`${itemKey}.id`, `${t.item(j + 1)}: ${t.itemId}`, item.id, "id"),
          ...nameFields(itemKey, item.th, item.en, t)
        ),
        button("remove-item", t.removeItem, [i, j], item[language] || item.id),
        slot(itemKey)
      );
      return line;
    });
    const list = element("div", "structure-items");
    list.append(...items, slot(`${key}.items`));
    return row(
      key,
      group[language] || t.group(i + 1),
      fields(
        field(`${key}.id`, t.groupId, group.id, "id"),
        ...nameFields(key, group.th, group.en, t)
      ),
      list,
      button("add-item", t.addItem, [i]),
      button("remove-group", t.removeGroup, [i], group[language] || group.id)
    );
  });
  return section(
    "requirementGroups",
    t.groups,
    t.groupsHelp,
    ...rows,
    button("add-group", t.addGroup)
  );
}

export function tracksPart(
  model: StructuresModel,
  t: StructureTexts,
  language: PaneLanguage,
  base: Rules | undefined
): HTMLElement {
  const dimensions = base?.dimensions ?? [];
  const rows = model.tracks.map((track, i) => {
    const key = `tracks.${i}`;
    const o = `${key}.overrides`;
    const rules = track.dimensions.map((rule, j) => {
      const ruleKey = `${o}.dimensions.${j}`;
      const own = dimensions.find((dimension) => dimension.id === rule.id);
      const line = element("div", "structure-item");
      line.dataset.row = ruleKey;
      line.append(
        fields(
          choice(
            `${ruleKey}.id`,
            t.dimensionPicker,
            rule.id,
            dimensions.map((dimension) => [dimension.id, dimension.name[language]])
          ),
          field(
            `${ruleKey}.minPercent`,
            t.ownBar,
            rule.minPercent,
            "number",
            own ? t.inherited(String(own.minPercent ?? base?.dimensionMinPercent ?? "")) : undefined
          ),
          field(
            `${ruleKey}.weight`,
            t.weight,
            rule.weight,
            "number",
            own ? t.inherited(String(own.weight)) : undefined
          ),
          choice(`${ruleKey}.mandatory`, t.mandatory, rule.mandatory, tristateOptions(t))
        ),
        button(
          "remove-dimension-rule",
          t.removeDimensionRule,
          [i, j],
          dimensions.find((dimension) => dimension.id === rule.id)?.name[language] ?? rule.id
        ),
        slot(ruleKey)
      );
      return line;
    });
    const dimensionRules = element("div", "structure-items");
    dimensionRules.append(
      element("h5", undefined, t.dimensionRules),
      ...rules,
      slot(`${o}.dimensions`)
    );
    const groups = element("div", "structure-groups");
    groups.dataset.picker = `groups:${i}`;
    return row(
      key,
      track[language] || t.track(i + 1),
      fields(
        field(`${key}.id`, t.trackId, track.id, "id"),
        ...nameFields(key, track.th, track.en, t)
      ),
      fields(
        field(
          `${o}.overallMinPercent`,
          t.overall,
          track.overall,
          "number",
          t.inherited(String(base?.overallMinPercent ?? ""))
        ),
        field(
          `${o}.dimensionMinPercent`,
          t.dimension,
          track.dimension,
          "number",
          t.inherited(String(base?.dimensionMinPercent ?? ""))
        ),
        field(
          `${o}.minDimensions`,
          t.minDimensions,
          track.minDimensions,
          "number",
          t.inherited(String(base?.minDimensions ?? ""))
        )
      ),
      dimensionRules,
      button("add-dimension-rule", t.addDimensionRule, [i]),
      groups,
      slot(o),
      button("remove-track", t.removeTrack, [i], track[language] || track.id)
    );
  });
  const defaultTrack = element("div");
  defaultTrack.dataset.picker = "defaultTrack";
  return section(
    "tracks",
    t.tracks,
    t.tracksHelp,
    ...rows,
    button("add-track", t.addTrack),
    defaultTrack
  );
}

/** The pickers that list groups and tracks by name: redrawn when one is renamed. */
export function drawPickers(model: StructuresModel, language: PaneLanguage): void {
  const t = STRUCTURE_TEXTS[language];
  const picker = document.querySelector<HTMLElement>('[data-picker="defaultTrack"]');
  picker?.replaceChildren(
    choice("defaultTrack", t.defaultTrack, model.defaultTrack, [
      ["", t.noDefault],
      ...model.tracks
        .filter((track) => track.id !== "")
        .map((track): [string, string] => [track.id, track[language] || track.id]),
    ])
  );
  const groupNames: [string, string][] = [
    [PRELIMINARY_GROUP, t.preliminary],
    ...model.groups
      .filter((group) => group.id !== "" && group.id !== PRELIMINARY_GROUP)
      .map((group): [string, string] => [group.id, group[language] || group.id]),
  ];
  model.tracks.forEach((track, i) => {
    const box = document.querySelector<HTMLElement>(`[data-picker="groups:${i}"]`);
    if (!box) return;
    const key = `tracks.${i}.overrides`;
    const list = element("div", "structure-checks");
    if (!track.allGroups) {
      // A group the track names that the rules no longer have stays listed (and is flagged).
      const ids = [
        ...groupNames.map(([id]) => id),
        ...track.groups.filter((id) => !groupNames.some(([known]) => known === id)),
      ];
      list.append(
        ...ids.map((id) =>
          checkbox(
            `${key}.requirementGroups.${id}`,
            groupNames.find(([known]) => known === id)?.[1] ?? id,
            track.groups.includes(id)
          )
        )
      );
    }
    box.replaceChildren(
      element("h5", undefined, t.groupsApply),
      checkbox(`${key}.allGroups`, t.allGroups, track.allGroups),
      list,
      slot(`${key}.requirementGroups`)
    );
  });
}

export function bandsPart(
  model: StructuresModel,
  t: StructureTexts,
  language: PaneLanguage
): HTMLElement {
  if (model.bands.length === 0)
    return section(
      "outcomes",
      t.bands,
      t.bandsHelp,
      element("p", undefined, t.noBands),
      button("start-bands", t.startBands)
    );
  const last = model.bands.length - 1;
  const rows = model.bands.map((band, i) => {
    const key = `outcomes.${i}`;
    const parts: HTMLElement[] = [
      fields(field(`${key}.id`, t.bandId, band.id, "id"), ...nameFields(key, band.th, band.en, t)),
    ];
    if (i === 0) parts.push(element("p", "help", t.firstBand));
    else if (i === last) parts.push(element("p", "help", t.lastBand));
    else {
      const w = `${key}.when`;
      parts.push(
        fields(
          field(`${w}.overallMinPercent`, t.whenOverall, band.overall, "number"),
          field(`${w}.dimensionMinPercent`, t.whenDimension, band.dimension, "number"),
          field(`${w}.minDimensions`, t.whenMinDimensions, band.minDimensions, "number"),
          choice(`${w}.requirementsMet`, t.requirementsMet, band.requirementsMet, [
            ["", t.requirementsAny],
            ["yes", t.requirementsYes],
            ["no", t.requirementsNo],
          ])
        ),
        slot(w)
      );
      const name = band[language] || band.id;
      if (i > 1) parts.push(button("band-up", t.up, [i], name));
      if (i < last - 1) parts.push(button("band-down", t.down, [i], name));
      parts.push(button("remove-band", t.removeBand, [i], name));
    }
    return row(key, `${t.band(i + 1)}: ${band[language] || band.id}`, ...parts);
  });
  return section(
    "outcomes",
    t.bands,
    t.bandsHelp,
    ...rows,
    button("add-band", t.addBand),
    button("drop-bands", t.dropBands)
  );
}

export function rubricsPart(
  model: StructuresModel,
  rules: Rules,
  t: StructureTexts,
  language: PaneLanguage
): HTMLElement {
  const rows = model.rubrics.map((rubric, i) => {
    const key = `dimensions.${i}.items`;
    const name = rules.dimensions[i]?.name[language] ?? rubric.dimension;
    const items = rubric.items.map((item, j) => {
      const itemKey = `${key}.${j}`;
      const line = element("div", "structure-item");
      line.dataset.row = itemKey;
      line.append(
        fields(
          field(`${itemKey}.id`, `${t.item(j + 1)}: ${t.itemId}`, item.id, "id"),
          ...nameFields(itemKey, item.th, item.en, t),
          field(`${itemKey}.maxPoints`, t.maxPoints, item.maxPoints, "number")
        ),
        button("remove-rubric-item", t.removeRubricItem, [i, j], item[language] || item.id),
        slot(itemKey)
      );
      return line;
    });
    const box = element("details", "structure-rubric");
    box.open = rubric.items.length > 0;
    box.dataset.row = key;
    box.append(
      element("summary", undefined, `${t.rubricFor(name)} (${rubric.items.length})`),
      ...(items.length ? items : [element("p", "help", t.noRubric)]),
      button("add-rubric-item", t.addRubricItem, [i], name),
      slot(key)
    );
    return box;
  });
  return section("rubrics", t.rubrics, t.rubricsHelp, ...rows);
}

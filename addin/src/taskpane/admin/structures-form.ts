import { PRELIMINARY_GROUP, type Rules } from "@smartcity/shared";
import {
  addDimensionOverride,
  addGroup,
  addMiddleBand,
  addRubricItem,
  addTrack,
  blankItem,
  modelOf,
  moveBand,
  setField,
  startBands,
  type StructuresModel,
  type Tristate,
} from "./structures-model";
import { STRUCTURE_TEXTS, type StructureTexts } from "./structures-texts";
import type { PaneLanguage } from "../texts";

/**
 * The structures part of the admin form, drawn from the model (structures-model.ts) into
 * #edit-structures: requirement groups, city types, outcome bands, rubrics. Every input carries
 * its field key (`data-key`, the schema path under rules) and has an error line under it
 * (`data-slot`); rows and lists have one too, for problems about a whole row (a band without
 * conditions). Typing changes the model; the buttons add, remove and move rows and redraw.
 */
let model: StructuresModel | undefined;
let base: Rules | undefined;
let language: PaneLanguage = "en";

const container = () => document.getElementById("edit-structures") as HTMLElement;
const domId = (key: string) => `s-${key.replace(/\./g, "-")}`;

export function structures(): StructuresModel | undefined {
  return model;
}

export function fillStructures(rules: Rules): void {
  base = rules;
  model = modelOf(rules);
  drawStructures(language);
}

/** `onChange(key)`: a field (or, for "*", the rows) changed; the form checks itself again. */
export function wireStructures(onChange: (key: string) => void): void {
  const box = container();
  box.addEventListener("input", (event) => {
    const input = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const key = input.dataset.key;
    if (!model || !key) return;
    // A name is one line: a pasted line break becomes a space.
    if (input instanceof HTMLTextAreaElement && /\n/.test(input.value))
      input.value = input.value.replace(/\s*\n\s*/g, " ");
    setField(
      model,
      key,
      input instanceof HTMLInputElement && input.type === "checkbox" ? input.checked : input.value
    );
    // Ids and names of groups and tracks are shown elsewhere (the pickers): redraw those only,
    // so the field being typed in keeps its focus and caret.
    if (/^(requirementGroups|tracks)\.\d+\.(id|name\.\w+)$/.test(key)) drawPickers();
    if (key.endsWith(".allGroups")) drawPickers();
    onChange(key);
  });
  box.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
    if (!model || !button) return;
    const focus = act(
      model,
      button.dataset.action ?? "",
      (button.dataset.at ?? "").split(".").map(Number)
    );
    drawStructures(language);
    const next = focus ? document.querySelector<HTMLElement>(`[data-key="${focus}"]`) : null;
    (
      next ?? document.querySelector<HTMLElement>(`[data-action="${button.dataset.action}"]`)
    )?.focus();
    onChange("*");
  });
}

/** Does a button's action; returns the key of the field to focus after it, if any. */
function act(model: StructuresModel, action: string, at: number[]): string | undefined {
  const [i, j] = at;
  switch (action) {
    case "add-group":
      addGroup(model);
      return `requirementGroups.${model.groups.length - 1}.id`;
    case "remove-group":
      model.groups.splice(i, 1);
      return undefined;
    case "add-item":
      model.groups[i].items.push(blankItem());
      return `requirementGroups.${i}.items.${model.groups[i].items.length - 1}.id`;
    case "remove-item":
      model.groups[i].items.splice(j, 1);
      return undefined;
    case "add-track":
      addTrack(model);
      return `tracks.${model.tracks.length - 1}.id`;
    case "remove-track":
      model.tracks.splice(i, 1);
      return undefined;
    case "add-dimension-rule": {
      const track = model.tracks[i];
      const free = (base?.dimensions ?? []).find(
        (dimension) => !track.dimensions.some((row) => row.id === dimension.id)
      );
      addDimensionOverride(track, free?.id ?? base?.dimensions[0]?.id ?? "");
      return `tracks.${i}.overrides.dimensions.${track.dimensions.length - 1}.id`;
    }
    case "remove-dimension-rule":
      model.tracks[i].dimensions.splice(j, 1);
      return undefined;
    case "start-bands":
      startBands(model);
      return "outcomes.0.name.th";
    case "drop-bands":
      model.bands = [];
      return undefined;
    case "add-band":
      addMiddleBand(model);
      return `outcomes.${model.bands.length - 2}.id`;
    case "remove-band":
      model.bands.splice(i, 1);
      return undefined;
    case "band-up":
      moveBand(model, i, -1);
      return undefined;
    case "band-down":
      moveBand(model, i, 1);
      return undefined;
    case "add-rubric-item":
      addRubricItem(model, i);
      return `dimensions.${i}.items.${model.rubrics[i].items.length - 1}.id`;
    case "remove-rubric-item":
      model.rubrics[i].items.splice(j, 1);
      return undefined;
    default:
      throw new Error(`the admin form has no action "${action}"`);
  }
}

// Building blocks ---------------------------------------------------------------------------

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The error line of a field, a row or a list. */
function slot(key: string): HTMLElement {
  const line = element("p", "field-error");
  line.id = `${domId(key)}-error`;
  line.dataset.slot = key;
  return line;
}

/**
 * A labelled field. Names are text areas that wrap (a Thai name is often longer than a line at
 * a pane's width, and an input would clip it); Enter does not start a new line in them.
 * `placeholder`: what an empty field means (the ruleset's own value, which it keeps).
 */
function field(
  key: string,
  label: string,
  value: string,
  kind: "text" | "number" | "id" | "name" = "text",
  placeholder?: string
): HTMLElement {
  const box = element("div", `field field-${kind}`);
  const input = kind === "name" ? element("textarea") : element("input");
  if (input instanceof HTMLTextAreaElement) {
    input.rows = 2;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  } else {
    input.type = kind === "number" ? "number" : "text";
    if (kind === "number") input.step = "any";
  }
  input.id = domId(key);
  input.dataset.key = key;
  if (kind === "id") {
    input.spellcheck = false;
    input.autocapitalize = "off";
  }
  if (placeholder !== undefined) input.placeholder = placeholder;
  input.value = value;
  input.setAttribute("aria-describedby", `${input.id}-error`);
  const caption = element("label", undefined, label);
  caption.htmlFor = input.id;
  box.append(caption, input, slot(key));
  return box;
}

function checkbox(key: string, label: string, checked: boolean): HTMLElement {
  const box = element("div", "check");
  const input = element("input");
  input.type = "checkbox";
  input.id = domId(key);
  input.dataset.key = key;
  input.checked = checked;
  const caption = element("label", undefined, label);
  caption.htmlFor = input.id;
  box.append(input, caption);
  return box;
}

function choice(
  key: string,
  label: string,
  value: string,
  options: [string, string][]
): HTMLElement {
  const box = element("div", "field field-choice");
  const select = element("select");
  select.id = domId(key);
  select.dataset.key = key;
  select.setAttribute("aria-describedby", `${select.id}-error`);
  select.append(...options.map(([option, text]) => new Option(text, option)));
  select.value = value;
  const caption = element("label", undefined, label);
  caption.htmlFor = select.id;
  box.append(caption, select, slot(key));
  return box;
}

function button(action: string, label: string, at: number[] = [], name?: string): HTMLElement {
  const node = element("button", "structure-button", label);
  node.type = "button";
  node.dataset.action = action;
  node.dataset.at = at.join(".");
  // A row's own name in the accessible name: "Remove this city type: New City".
  if (name) node.setAttribute("aria-label", `${label}: ${name}`);
  return node;
}

function fields(...children: HTMLElement[]): HTMLElement {
  const box = element("div", "fields");
  box.append(...children);
  return box;
}

function row(key: string, heading: string, ...children: HTMLElement[]): HTMLElement {
  const box = element("div", "structure-row");
  box.dataset.row = key;
  box.append(element("h4", undefined, heading), ...children, slot(key));
  return box;
}

function section(
  key: string,
  title: string,
  help: string,
  ...children: HTMLElement[]
): HTMLElement {
  const box = element("fieldset", "structure");
  box.dataset.section = key;
  box.append(
    element("legend", undefined, title),
    element("p", "help", help),
    ...children,
    slot(key)
  );
  return box;
}

const nameFields = (key: string, th: string, en: string, t: StructureTexts) => [
  field(`${key}.name.th`, t.nameTh, th, "name"),
  field(`${key}.name.en`, t.nameEn, en, "name"),
];

const tristateOptions = (t: StructureTexts): [Tristate, string][] => [
  ["", t.inherit],
  ["yes", t.yes],
  ["no", t.no],
];

// The four parts --------------------------------------------------------------------------

/** Redraws in `paneLanguage` if it was drawn in the other (a re-render keeps focus and caret). */
export function labelStructures(paneLanguage: PaneLanguage): void {
  if (paneLanguage !== language) drawStructures(paneLanguage);
}

/** Draws the whole structures part in `paneLanguage` (values from the model). */
export function drawStructures(paneLanguage: PaneLanguage): void {
  language = paneLanguage;
  const box = container();
  if (!box) return;
  if (!model || !base) {
    box.replaceChildren();
    return;
  }
  const t = STRUCTURE_TEXTS[language];
  box.replaceChildren(
    groupsPart(model, t),
    tracksPart(model, t),
    bandsPart(model, t),
    rubricsPart(model, base, t)
  );
  drawPickers();
}

function groupsPart(model: StructuresModel, t: StructureTexts): HTMLElement {
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

function tracksPart(model: StructuresModel, t: StructureTexts): HTMLElement {
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
function drawPickers(): void {
  if (!model) return;
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

function bandsPart(model: StructuresModel, t: StructureTexts): HTMLElement {
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

function rubricsPart(model: StructuresModel, rules: Rules, t: StructureTexts): HTMLElement {
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

// Problems ----------------------------------------------------------------------------------

/** The keys of every field, row and list the structures part shows a problem under. */
export function structureSlots(): Set<string> {
  return new Set(
    [...container().querySelectorAll<HTMLElement>("[data-slot]")].map(
      (line) => line.dataset.slot ?? ""
    )
  );
}

/** Each problem under its slot; the field of a slot is marked aria-invalid. */
export function showStructureProblems(byKey: ReadonlyMap<string, string[]>): void {
  for (const line of container().querySelectorAll<HTMLElement>("[data-slot]")) {
    const key = line.dataset.slot ?? "";
    const messages = byKey.get(key);
    line.textContent = messages?.join(" ") ?? "";
    const input = container().querySelector<HTMLElement>(`[data-key="${key}"]`);
    if (messages) input?.setAttribute("aria-invalid", "true");
    else input?.removeAttribute("aria-invalid");
  }
}

/** The first field (else row) with a problem, to focus when publish is refused. */
export function firstStructureProblem(keys: readonly string[]): HTMLElement | undefined {
  for (const key of keys) {
    const target =
      container().querySelector<HTMLElement>(`[data-key="${key}"]`) ??
      container().querySelector<HTMLElement>(`[data-key^="${key}."]`);
    if (target) return target;
  }
  return undefined;
}

import type { Rules } from "@smartcity/shared";
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
} from "./structures-model";
import { STRUCTURE_TEXTS } from "./structures-texts";
import { bandsPart, drawPickers, groupsPart, rubricsPart, tracksPart } from "./structures-parts";
import type { PaneLanguage } from "../texts";

/**
 * The structures part of the admin form, drawn from the model (structures-model.ts) into
 * #edit-structures: requirement groups, city types, outcome bands, rubrics. Every input carries
 * its field key (`data-key`, the schema path under rules) and has an error line under it
 * (`data-slot`); rows and lists have one too, for problems about a whole row (a band without
 * conditions). Typing changes the model; the buttons add, remove and move rows and redraw. The
 * parts are drawn by structures-parts.ts from the blocks in structures-controls.ts.
 */
let model: StructuresModel | undefined;
let base: Rules | undefined;
let language: PaneLanguage = "en";

const container = () => document.getElementById("edit-structures") as HTMLElement;

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
    if (/^(requirementGroups|tracks)\.\d+\.(id|name\.\w+)$/.test(key))
      if (model) drawPickers(model, language);
    if (key.endsWith(".allGroups")) if (model) drawPickers(model, language);
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
    groupsPart(model, t, language),
    tracksPart(model, t, language, base),
    bandsPart(model, t, language),
    rubricsPart(model, base, t, language)
  );
  drawPickers(model, language);
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

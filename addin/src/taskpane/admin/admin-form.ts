import {
  dateInTimeZone,
  DEFAULT_TIME_ZONE,
  type LocalizedText,
  publishDateProblems,
  PublishRequestSchema,
  readApprovalDate,
  RulesSchema,
  type Rules,
  type Ruleset,
} from "@smartcity/shared";
import {
  type FieldKey,
  fieldOf,
  problemText,
  structureProblemText,
  structureSlot,
} from "./admin-form-messages";
import {
  fillStructures,
  labelStructures,
  firstStructureProblem,
  showStructureProblems,
  structures,
  structureSlots,
  wireStructures,
} from "./structures-form";
import { rulesOf } from "./structures-model";
import type { PaneLanguage, TEXTS } from "../texts";

/**
 * The admin's form for a new ruleset version: its fields, what the admin typed read back as a
 * publish request, and each problem shown under the field it concerns (the field marked
 * aria-invalid and highlighted, the sentence tied to it by aria-describedby). A field shows its
 * problems only once the admin has typed in it, or has asked to publish: an untouched form
 * shows no errors. The checks are shared's PublishRequestSchema, as the service's. The
 * structures of the later criteria (requirement groups, city types, outcomes, rubrics) are drawn and
 * read by structures-form.ts; their problems come from the same parse.
 */
type Texts = (typeof TEXTS)[PaneLanguage];

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const FIXED: Record<string, string> = {
  overall: "edit-overall",
  dimension: "edit-dimension",
  minDimensions: "edit-min-dimensions",
  reference: "edit-reference",
  date: "edit-date",
  effective: "edit-effective",
  note: "edit-note",
};

const touched = new Set<FieldKey>();
let everything = false;

function inputOf(field: FieldKey): HTMLInputElement | null {
  if (FIXED[field]) return $<HTMLInputElement>(FIXED[field]);
  const [kind, id] = field.split(":");
  return document.querySelector<HTMLInputElement>(
    kind === "weight" ? `[data-weight="${id}"]` : `[data-min="${id}"]`
  );
}

function errorOf(field: FieldKey): HTMLElement | null {
  const input = inputOf(field);
  return input ? document.getElementById(`${input.id}-error`) : null;
}

export function wireForm(onChange: () => void): void {
  for (const [field, id] of Object.entries(FIXED)) {
    $(id).addEventListener("input", () => {
      touched.add(field as FieldKey);
      onChange();
    });
  }
  // The dimension rows are rebuilt per ruleset: one listener on their table.
  $("edit-dimensions").addEventListener("input", (event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.weight) touched.add(`weight:${input.dataset.weight}`);
    if (input.dataset.min) touched.add(`min:${input.dataset.min}`);
    onChange();
  });
  wireStructures((key) => {
    if (key !== "*") touched.add(`s:${key}`);
    onChange();
  });
}

/** Show every field's problems from now on (the admin asked to publish). */
export function touchAll(): void {
  everything = true;
}

/** The form filled from a ruleset's rules; nothing is shown as a problem until typed in. */
/** Empties what belongs to one version only: its approval, its date in force and its note. */
export function clearApproval(): void {
  for (const id of ["edit-reference", "edit-date", "edit-effective", "edit-note"])
    $<HTMLInputElement>(id).value = "";
}

export function fillForm(rules: Rules): void {
  touched.clear();
  everything = false;
  $<HTMLInputElement>("edit-overall").value = String(rules.overallMinPercent);
  $<HTMLInputElement>("edit-dimension").value = String(rules.dimensionMinPercent);
  $<HTMLInputElement>("edit-min-dimensions").value = String(rules.minDimensions);
  fillStructures(rules);
  const table = $<HTMLTableElement>("edit-dimensions");
  table.replaceChildren();
  table.createCaption();
  const head = table.createTHead().insertRow();
  for (let i = 0; i < 4; i++) {
    const th = document.createElement("th");
    th.scope = "col";
    head.append(th);
  }
  const body = table.createTBody();
  for (const dimension of rules.dimensions) {
    const row = body.insertRow();
    row.dataset.dimension = dimension.id;
    const name = document.createElement("th");
    name.scope = "row";
    row.append(name);
    const number = (attribute: string, value: string, step: string, max?: string) => {
      const cell = row.insertCell();
      cell.dataset.column = attribute;
      const input = document.createElement("input");
      input.type = "number";
      input.step = step;
      input.min = "0";
      if (max) input.max = max;
      input.id = `edit-${attribute}-${dimension.id}`;
      input.setAttribute(`data-${attribute}`, dimension.id);
      input.value = value;
      input.setAttribute("aria-describedby", `${input.id}-error`);
      const error = document.createElement("p");
      error.id = `${input.id}-error`;
      error.className = "field-error";
      cell.append(input, error);
    };
    number("weight", String(dimension.weight), "0.1");
    number(
      "min",
      dimension.minPercent === undefined ? "" : String(dimension.minPercent),
      "0.01",
      "100"
    );
    const mandatory = document.createElement("input");
    mandatory.type = "checkbox";
    mandatory.id = `edit-mandatory-${dimension.id}`;
    mandatory.setAttribute("data-mandatory", dimension.id);
    mandatory.checked = dimension.mandatory;
    const cell = row.insertCell();
    cell.dataset.column = "mandatory";
    cell.append(mandatory);
  }
}

/** Headers, names and accessible names in the pane's language (values are kept). */
export function labelForm(rules: Rules, texts: Texts, language: PaneLanguage): void {
  labelStructures(language);
  const table = $<HTMLTableElement>("edit-dimensions");
  if (table.caption) table.caption.textContent = texts.dimensionsTable;
  const headers = table.tHead?.rows[0]?.cells;
  [texts.dimensionColumn, texts.weightColumn, texts.ownBarColumn, texts.mandatoryColumn].forEach(
    (label, i) => {
      if (headers?.[i]) headers[i].textContent = label;
    }
  );
  for (const dimension of rules.dimensions) {
    const name = dimension.name[language];
    const row = table.querySelector<HTMLTableRowElement>(`tr[data-dimension="${dimension.id}"]`);
    if (!row) continue;
    row.cells[0].textContent = name;
    // At pane width the table stacks; each cell then shows its column's name (data-label).
    const labels: Record<string, string> = {
      weight: texts.weight,
      min: texts.ownBar,
      mandatory: texts.mandatory,
    };
    for (const cell of row.querySelectorAll<HTMLElement>("td[data-column]")) {
      cell.dataset.label = labels[cell.dataset.column ?? ""] ?? "";
    }
    // The dimension's name is part of each input's accessible name: "Smart Energy: weight".
    row.querySelector(`[data-weight]`)?.setAttribute("aria-label", `${name}: ${texts.weight}`);
    row.querySelector(`[data-min]`)?.setAttribute("aria-label", `${name}: ${texts.ownBar}`);
    row
      .querySelector(`[data-mandatory]`)
      ?.setAttribute("aria-label", `${name}: ${texts.mandatory}`);
  }
}

export interface Problem {
  field: FieldKey;
  text: LocalizedText;
}
export type FormCheck =
  | { ok: true; body: unknown; rules: Rules; problems: Problem[] }
  | {
      ok: false;
      problems: Problem[];
      firstInvalid?: HTMLElement;
      /** The rules, when they alone are valid (the approval or note is not): enough to preview. */
      rules?: Rules;
    };

/** The form as a publish request, checked by the same schema the service uses. */
export function checkForm(base: Ruleset): FormCheck {
  // An empty number field is no number (Number("") would be a silent 0).
  const number = (input: HTMLInputElement) =>
    input.value.trim() === "" ? Number.NaN : Number(input.value);
  const rules = structuredClone(base.rules);
  rules.overallMinPercent = number($("edit-overall"));
  rules.dimensionMinPercent = number($("edit-dimension"));
  rules.minDimensions = number($("edit-min-dimensions"));
  for (const dimension of rules.dimensions) {
    const weight = inputOf(`weight:${dimension.id}`);
    const own = inputOf(`min:${dimension.id}`);
    const mandatory = document.querySelector<HTMLInputElement>(
      `[data-mandatory="${dimension.id}"]`
    );
    if (weight) dimension.weight = number(weight);
    if (own) dimension.minPercent = own.value.trim() === "" ? undefined : number(own);
    if (mandatory) dimension.mandatory = mandatory.checked;
  }
  const model = structures();
  const said = model ? rulesOf(rules, model) : rules;
  // "In force from" is written like the approval date (Buddhist Era or ISO), then sent as ISO.
  const effectiveText = $<HTMLInputElement>("edit-effective").value.trim();
  const effectiveReading = effectiveText === "" ? undefined : readApprovalDate(effectiveText);
  const effective =
    effectiveReading === undefined
      ? ""
      : effectiveReading.ok
        ? effectiveReading.iso
        : effectiveText;
  const date = $<HTMLInputElement>("edit-date").value;
  const body = {
    rules: said,
    approval: { reference: $<HTMLInputElement>("edit-reference").value, date },
    note: $<HTMLTextAreaElement>("edit-note").value,
    ...(effective ? { effectiveFrom: effective } : {}),
  };
  const parsed = PublishRequestSchema.safeParse(body);
  // The dates against the committee's today (shared's rule, the one the service applies), shown
  // under their fields before anything is sent; a date that does not read is the schema's to say.
  const approvalReading = readApprovalDate(date);
  const dateProblems = publishDateProblems(
    {
      approval: { date: approvalReading.ok ? approvalReading.iso : "" },
      ...(effectiveReading?.ok ? { effectiveFrom: effectiveReading.iso } : {}),
    },
    dateInTimeZone(new Date(), DEFAULT_TIME_ZONE)
  ).map((problem): Problem => ({
    field: problem.path === "approval.date" ? "date" : "effective",
    text: problem.message,
  }));
  if (parsed.success && dateProblems.length === 0)
    return { ok: true, body, rules: parsed.data.rules, problems: [] };
  const ids = rules.dimensions.map((dimension) => dimension.id);
  const rulesAlone = RulesSchema.safeParse(said);
  const slots = structureSlots();
  const schemaProblems = (parsed.success ? [] : parsed.error.issues).map((issue): Problem => {
    const field = fieldOf(issue.path, ids);
    const slot = field === "general" ? structureSlot(issue.path, slots) : undefined;
    if (slot !== undefined) return { field: `s:${slot}`, text: structureProblemText(issue) };
    const typed = {
      date: field === "effective" ? effectiveText : date,
      dimensionCount: ids.length,
    };
    return { field, text: problemText(field === "effective" ? "date" : field, issue, typed) };
  });
  const problems = [...schemaProblems, ...dateProblems];
  const first = problems.find((problem) => problem.field !== "general");
  return {
    ok: false,
    problems,
    rules: rulesAlone.success ? rulesAlone.data : undefined,
    firstInvalid: !first
      ? undefined
      : first.field.startsWith("s:")
        ? firstStructureProblem([first.field.slice(2)])
        : (inputOf(first.field) ?? undefined),
  };
}

/** Each problem under its field (only touched fields, unless publish was asked for). */
export function showProblems(check: FormCheck, language: PaneLanguage): void {
  // A structure's problem shows once a field inside it was typed in (a row's, after its fields).
  const shown = (field: FieldKey) =>
    everything ||
    touched.has(field) ||
    (field.startsWith("s:") && [...touched].some((key) => key.startsWith(`${field}.`)));
  const byField = new Map<FieldKey, string[]>();
  for (const problem of check.problems) {
    if (!shown(problem.field) && problem.field !== "general") continue;
    if (problem.field === "general" && !everything && touched.size === 0) continue;
    const list = byField.get(problem.field) ?? [];
    if (!list.includes(problem.text[language])) list.push(problem.text[language]);
    byField.set(problem.field, list);
  }
  const fields: FieldKey[] = [
    ...(Object.keys(FIXED) as FieldKey[]),
    ...[...document.querySelectorAll<HTMLInputElement>("[data-weight]")].map(
      (input): FieldKey => `weight:${input.dataset.weight}`
    ),
    ...[...document.querySelectorAll<HTMLInputElement>("[data-min]")].map(
      (input): FieldKey => `min:${input.dataset.min}`
    ),
  ];
  for (const field of fields) {
    const messages = byField.get(field);
    const input = inputOf(field);
    const error = errorOf(field);
    if (messages) input?.setAttribute("aria-invalid", "true");
    else input?.removeAttribute("aria-invalid");
    if (error) error.textContent = messages?.join(" ") ?? "";
  }
  const structureMessages = new Map<string, string[]>();
  for (const [field, messages] of byField)
    if (field.startsWith("s:")) structureMessages.set(field.slice(2), messages);
  showStructureProblems(structureMessages);
  $("edit-problems").replaceChildren(
    ...(byField.get("general") ?? []).map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    })
  );
}

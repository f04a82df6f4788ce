import {
  diffRules,
  dimensionLabelResolver,
  formatIssuePath,
  PublishRequestSchema,
  type RuleChange,
  type Rules,
  type Ruleset,
  RulesetSchema,
} from "@smartcity/shared";
import { asServiceError } from "../client/ruleset-source";
import { toApplication } from "../functions/cell-arguments";
import { readActiveSheetValues } from "../office/evaluation-table";
import { api, rulesets } from "../runtime";
import { sendNewVersion } from "./proposals-pane";
import type { TEXTS } from "./texts";

/**
 * The admin part of the pane: history, the diff of any two versions, a form for a new
 * version with inline validation (the same PublishRequestSchema the service parses with),
 * an impact preview on the open workbook's evaluation table, and publish after a
 * confirmation that shows the diff (computed by shared's diffRules). Works in a plain
 * browser too, except the preview, which needs the workbook.
 */
type Texts = (typeof TEXTS)["en" | "th"];
interface History {
  version: string;
  effectiveFrom: string;
  approval: { reference: string };
  note: string;
  status: "inForce" | "scheduled" | "superseded";
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
let base: Ruleset | undefined;
let etag: string | null = null;
let pending: { body: unknown; changes: RuleChange[] } | undefined;
let loaded = false;
let paneLanguage: "en" | "th" = "en";

/** Forget what was loaded (sign-in, service or rulesets changed): the next render reloads. */
export function resetAdminPane(): void {
  loaded = false;
}

export function wireAdminPane(texts: () => Texts, done: () => Promise<void>): void {
  $("diff-show").addEventListener("click", () => void showDiff(texts()));
  $("edit-publish").addEventListener("click", () => confirmPublish(texts()));
  $("confirm-no").addEventListener("click", () => ($("confirm").hidden = true));
  $("confirm-yes").addEventListener("click", () => void publish(texts(), done));
  $("edit-preview").addEventListener("click", () => void preview(texts()));
  for (const id of [
    "edit-overall",
    "edit-dimension",
    "edit-min-dimensions",
    "edit-reference",
    "edit-date",
    "edit-note",
    "edit-effective",
  ]) {
    $(id).addEventListener("input", () => validate());
  }
}

export async function renderAdminPane(
  visible: boolean,
  texts: Texts,
  language: "en" | "th",
  inExcel: boolean
): Promise<void> {
  const section = $("admin");
  section.hidden = !visible;
  paneLanguage = language;
  if (!visible) return;
  for (const [id, key] of [
    ["admin-heading", "admin"],
    ["diff-show", "showDiff"],
    ["edit-heading", "edit"],
    ["edit-overall-label", "overallBar"],
    ["edit-dimension-label", "dimensionBarLabel"],
    ["edit-min-dimensions-label", "minDimensionsLabel"],
    ["edit-reference-label", "approvalReference"],
    ["edit-date-label", "approvalDate"],
    ["edit-effective-label", "effective"],
    ["edit-note-label", "note"],
    ["edit-preview", "previewOnWorkbook"],
    ["edit-publish", "publish"],
    ["confirm-text", "confirm"],
    ["confirm-yes", "yes"],
    ["confirm-no", "no"],
  ] as const) {
    $(id).textContent = texts[key];
  }
  $("edit-preview").hidden = !inExcel;
  if (loaded) return; // a re-render (e.g. the language switch) keeps what the admin typed
  loaded = true;
  try {
    const history = ((await api.request("/api/rulesets")).body as { rulesets: History[] }).rulesets;
    renderHistory(history, texts);
    const current = await api.request("/api/rulesets/current", {
      headers: { "cache-control": "no-cache" },
    });
    etag = current.etag;
    const inForce = RulesetSchema.parse(current.body);
    // The form starts from the newest version (which may be scheduled), so a publish builds on it.
    base = await rulesets.version(history[0]?.version ?? inForce.version);
    fillForm(base.rules, language, texts);
  } catch (error) {
    $("admin-message").textContent = asServiceError(error).message;
  }
}

function renderHistory(history: History[], texts: Texts): void {
  const table = $("history") as HTMLTableElement;
  table.replaceChildren();
  for (const entry of history) {
    const row = table.insertRow();
    for (const text of [
      entry.version,
      entry.approval.reference,
      entry.effectiveFrom,
      texts[entry.status],
      entry.note,
    ])
      row.insertCell().textContent = text;
  }
  for (const id of ["diff-a", "diff-b"]) {
    const select = $(id) as HTMLSelectElement;
    select.replaceChildren(...history.map((entry) => new Option(entry.version, entry.version)));
  }
  if (history.length > 1) ($("diff-a") as HTMLSelectElement).value = history[1].version;
}

async function showDiff(texts: Texts): Promise<void> {
  const a = ($("diff-a") as HTMLSelectElement).value;
  const b = ($("diff-b") as HTMLSelectElement).value;
  try {
    const { changes } = (await api.request(`/api/rulesets/${a}/diff/${b}`)).body as {
      changes: RuleChange[];
    };
    $("diff-out").textContent = describeChanges(changes, texts);
  } catch (error) {
    $("diff-out").textContent = asServiceError(error).message;
  }
}

function fillForm(rules: Rules, language: "en" | "th", texts: Texts): void {
  ($("edit-overall") as HTMLInputElement).value = String(rules.overallMinPercent);
  ($("edit-dimension") as HTMLInputElement).value = String(rules.dimensionMinPercent);
  ($("edit-min-dimensions") as HTMLInputElement).value = String(rules.minDimensions);
  const table = $("edit-dimensions") as HTMLTableElement;
  table.replaceChildren();
  for (const dimension of rules.dimensions) {
    const row = table.insertRow();
    row.insertCell().textContent = dimension.name[language];
    row.insertCell().innerHTML = `<input type="number" step="0.1" min="0" data-weight="${dimension.id}" title="${texts.weight}" value="${dimension.weight}" style="width:4em">`;
    row.insertCell().innerHTML = `<input type="number" step="0.01" min="0" max="100" data-min="${dimension.id}" title="${texts.ownBar}" value="${dimension.minPercent ?? ""}" style="width:4em">`;
    row.insertCell().innerHTML = `<label><input type="checkbox" data-mandatory="${dimension.id}" ${dimension.mandatory ? "checked" : ""}> ${texts.mandatory}</label>`;
  }
  table
    .querySelectorAll("input")
    .forEach((input) => input.addEventListener("input", () => validate()));
  validate();
}

/** The form as a publish request, checked by the same schema the service uses; problems are shown inline. */
function validate(): { ok: true; body: unknown; rules: Rules } | { ok: false } {
  if (!base) return { ok: false };
  const number = (id: string) => Number(($(id) as HTMLInputElement).value);
  const rules = structuredClone(base.rules);
  rules.overallMinPercent = number("edit-overall");
  rules.dimensionMinPercent = number("edit-dimension");
  rules.minDimensions = number("edit-min-dimensions");
  for (const dimension of rules.dimensions) {
    const weight = document.querySelector<HTMLInputElement>(`[data-weight="${dimension.id}"]`);
    const own = document.querySelector<HTMLInputElement>(`[data-min="${dimension.id}"]`);
    const mandatory = document.querySelector<HTMLInputElement>(
      `[data-mandatory="${dimension.id}"]`
    );
    if (weight) dimension.weight = Number(weight.value);
    if (own) dimension.minPercent = own.value === "" ? undefined : Number(own.value);
    if (mandatory) dimension.mandatory = mandatory.checked;
  }
  const effective = ($("edit-effective") as HTMLInputElement).value;
  const body = {
    rules,
    approval: {
      reference: ($("edit-reference") as HTMLInputElement).value,
      date: ($("edit-date") as HTMLInputElement).value,
    },
    note: ($("edit-note") as HTMLTextAreaElement).value,
    ...(effective ? { effectiveFrom: effective } : {}),
  };
  const parsed = PublishRequestSchema.safeParse(body);
  const problems = $("edit-problems");
  problems.replaceChildren(
    ...(parsed.success ? [] : parsed.error.issues).map((issue) => {
      const item = document.createElement("li");
      item.textContent = `${formatIssuePath(issue.path)}: ${issue.message}`;
      return item;
    })
  );
  ($("edit-publish") as HTMLButtonElement).disabled = !parsed.success;
  return parsed.success ? { ok: true, body, rules: parsed.data.rules } : { ok: false };
}

function confirmPublish(texts: Texts): void {
  const checked = validate();
  if (!checked.ok || !base) return;
  const changes = diffRules(base.rules, checked.rules);
  pending = { body: checked.body, changes };
  $("confirm-diff").textContent = describeChanges(changes, texts);
  $("confirm").hidden = false;
}

async function publish(texts: Texts, done: () => Promise<void>): Promise<void> {
  if (!pending) return;
  $("confirm").hidden = true;
  try {
    // A proposal for other admins to approve, or a direct publish (proposals-pane.ts decides).
    $("admin-message").textContent = await sendNewVersion(pending.body, etag, paneLanguage);
    rulesets.reset();
    await done();
  } catch (error) {
    $("admin-message").textContent = asServiceError(error).message;
  }
}

/** The impact of the form's rules on the active sheet's evaluation table (header row + one row per applicant). */
async function preview(texts: Texts): Promise<void> {
  const checked = validate();
  if (!checked.ok || !base) return;
  try {
    const [header, ...rows] = await readActiveSheetValues();
    const dimensionOf = dimensionLabelResolver(base.rules);
    const columns = header
      .map((label, index) => ({ index, id: dimensionOf(label) }))
      .filter((column) => column.id !== undefined);
    const labels = [columns.map((column) => header[column.index])];
    const applications = rows
      .filter((row) => row.some((cell) => cell !== "" && cell !== null))
      .map((row) =>
        toApplication(
          {
            scores: [
              columns.map((column) => (row[column.index] === "" ? null : row[column.index])),
            ],
            labels,
          },
          base as Ruleset
        )
      );
    const response = await api.request("/api/rulesets/preview", {
      body: { rules: checked.rules, applications },
    });
    const { flips } = response.body as { flips: { index: number; from: boolean; to: boolean }[] };
    $("preview-out").textContent = `${flips.length} / ${applications.length} ${texts.flips}\n${flips
      .map((flip) => `row ${flip.index + 2}: ${flip.from} → ${flip.to}`)
      .join("\n")}`;
  } catch (error) {
    $("preview-out").textContent = asServiceError(error).message;
  }
}

function describeChanges(changes: RuleChange[], texts: Texts): string {
  if (changes.length === 0) return texts.noDifferences;
  const show = (value: unknown) =>
    value === null || value === undefined
      ? "—"
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return changes
    .map((change) => `${change.path}: ${show(change.old)} → ${show(change.new)}`)
    .join("\n");
}

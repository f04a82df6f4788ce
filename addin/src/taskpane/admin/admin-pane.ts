import { appendColumnHeads } from "../column-heads";
import {
  type Application,
  canonicalJson,
  describeRuleChanges,
  diffRules,
  entryApplication,
  formatDate,
  type LocalizedText,
  noChange,
  type RuleChange,
  type Rules,
  readEvaluationSheet,
  type Ruleset,
} from "@smartcity/shared";
import type { RulesetHistoryEntry } from "../../client/service-client";
import { asServiceError } from "../../client/service-error";
import { readActiveSheetSnapshot } from "../../office/evaluation-table";
import { rulesets, service } from "../../runtime";
import {
  checkForm,
  clearApproval,
  fillForm,
  labelForm,
  showProblems,
  touchAll,
  wireForm,
} from "./admin-form";
import {
  bandName,
  changeCount,
  moves,
  type OutcomeChange,
  readingWarnings,
  rowChange,
} from "./impact-words";
import { renderAuditView, resetAuditView, wireAuditView } from "./audit-view";
import { sendNewVersion } from "./proposals-pane";
import { noteText, type PaneLanguage, type TEXTS } from "../texts";

/**
 * The admin part of the pane: history, the diff of any two versions in words, a form for a new
 * version with its problems under each field (admin-form.ts: the same PublishRequestSchema the
 * service parses with), an impact preview on the open workbook's evaluation table, and publish
 * after a confirmation that shows the diff (shared's diffRules, worded by describeRuleChanges).
 * Works in a plain browser too, except the preview, which needs the workbook. Every call goes
 * through the typed service client. Further admin sections (e.g. proposals) sit beside this as
 * their own modules, wired from taskpane.ts like this one.
 */
type Texts = (typeof TEXTS)[PaneLanguage];

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
let base: Ruleset | undefined;
let etag: string | null = null;
let pending:
  { body: unknown; changes: RuleChange[]; rules: Rules; applications?: Application[] } | undefined;
/** The applications last previewed, and on which rules: a proposal of those rules stores the impact. */
let previewed: { rules: string; applications: Application[] } | undefined;
let loaded = false;
/** Counts loads and resets: a load whose number is no longer the last is stale, its answer dropped. */
let loadNumber = 0;
/** What the last failed load said, while it may still be the message shown. */
let loadFailure: ((texts: Texts) => string) | undefined;
/** The pane's words in the language shown now (a load may end after a language switch). */
let textsNow: () => Texts;
let language: PaneLanguage = "en";
let history: RulesetHistoryEntry[] = [];
/** What each output says, kept as data so that a language switch re-words it. */
let diffShown: LocalizedText[] | LocalizedText | undefined;
let previewShown: ((texts: Texts) => string) | undefined;
let message: ((texts: Texts) => string) | undefined;

/** Forget what was loaded (sign-in, service or rulesets changed): the next render reloads. */
export function resetAdminPane(): void {
  loaded = false;
  loadNumber++;
  resetAuditView(); // every reset follows a sign-in or a step the log records
}

export function wireAdminPane(texts: () => Texts, done: () => Promise<void>): void {
  textsNow = texts;
  $("diff-show").addEventListener("click", () => void showDiff(texts));
  $("edit-publish").addEventListener("click", () => confirmPublish(texts()));
  $("confirm-no").addEventListener("click", () => ($("confirm").hidden = true));
  $("confirm-yes").addEventListener("click", () => void publish(texts, done));
  $("edit-preview").addEventListener("click", () => void preview(texts));
  $("admin-retry").addEventListener("click", () => void loadForm(true));
  wireForm(() => refreshProblems());
  wireAuditView();
}

function refreshProblems(): void {
  if (base) showProblems(checkForm(base), language);
}

export async function renderAdminPane(
  visible: boolean,
  texts: Texts,
  paneLanguage: PaneLanguage,
  inExcel: boolean
): Promise<void> {
  language = paneLanguage;
  const section = $("admin");
  section.hidden = !visible;
  paneLanguage = language;
  if (!visible) return;
  for (const [id, key] of [
    ["admin-heading", "admin"],
    ["diff-a-label", "diffFrom"],
    ["diff-b-label", "diffTo"],
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
    ["admin-retry", "retryLoad"],
  ] as const) {
    $(id).textContent = texts[key];
  }
  $("edit-preview").hidden = !inExcel;
  renderHistory(texts);
  renderDiff($("diff-out"), diffShown, texts);
  if (pending)
    renderDiff(
      $("confirm-diff"),
      describeRuleChanges(pending.changes, base?.rules ?? pending.rules, pending.rules),
      texts
    );
  $("preview-out").textContent = previewShown?.(texts) ?? "";
  $("admin-message").textContent = message?.(texts) ?? "";
  if (base) {
    labelForm(base.rules, texts, language);
    refreshProblems();
  }
  void renderAuditView(language);
  if (loaded) return; // a re-render (e.g. the language switch) keeps what the admin typed
  await loadForm();
}

/**
 * The history, and the newest version into the form. A load that fails says why, and may be
 * tried again (the button, or any later render): until it succeeds the form stays disabled.
 * `fromButton`: focus goes on to the form, or back to the button when it failed again.
 */
async function loadForm(fromButton = false): Promise<void> {
  loaded = true;
  const mine = ++loadNumber;
  const retry = $("admin-retry");
  retry.hidden = true;
  if (message !== undefined && message === loadFailure) {
    // Only the failed load's own message goes (another, e.g. "Published version 3", stays).
    message = undefined;
    $("admin-message").textContent = "";
  }
  loadFailure = undefined;
  // Until the form holds the version it builds on, nothing can be typed into it: fillForm would
  // overwrite it (an admin who typed 75 there would have proposed the old 80).
  const form = $<HTMLFieldSetElement>("edit-form");
  form.disabled = true;
  try {
    const versions = await service.history();
    const current = await service.current();
    // The form starts from the newest version (which may be scheduled), so a publish builds on it.
    const newest = await rulesets.version(versions[0]?.version ?? current.ruleset.version);
    if (mine !== loadNumber) return; // a later load, or a reset, has taken over
    history = versions;
    etag = current.etag;
    base = newest;
    const texts = textsNow();
    renderHistory(texts);
    fillForm(base.rules);
    labelForm(base.rules, texts, language);
    refreshProblems();
    form.disabled = false;
    if (fromButton) $("edit-overall").focus();
  } catch (error) {
    if (mine !== loadNumber) return; // stale: what it says is no longer so
    loaded = false;
    const failure = asServiceError(error);
    loadFailure = () => failure.text[language];
    message = loadFailure;
    $("admin-message").textContent = message(textsNow());
    retry.hidden = false;
    if (fromButton) retry.focus();
  }
}

function renderHistory(texts: Texts): void {
  const table = $<HTMLTableElement>("history");
  table.replaceChildren();
  if (history.length === 0) return;
  const columns = [
    texts.versionColumn,
    texts.meetingColumn,
    texts.effectiveColumn,
    texts.statusColumn,
    texts.noteColumn,
  ];
  appendColumnHeads(table, columns);
  const body = table.createTBody();
  for (const entry of history) {
    const row = body.insertRow();
    for (const [column, text] of [
      entry.version,
      `${entry.approval.reference} (${formatDate(entry.approval.date)[language]})`,
      formatDate(entry.effectiveFrom)[language],
      texts[entry.status],
      noteText(entry.note, language),
    ].entries()) {
      const cell = row.insertCell();
      cell.textContent = text;
      cell.dataset.label = columns[column]; // the column's name, shown before it at pane width
    }
  }
  for (const id of ["diff-a", "diff-b"]) {
    const select = $<HTMLSelectElement>(id);
    const chosen = select.value;
    select.replaceChildren(
      ...history.map((entry) => new Option(texts.versionOption(entry.version), entry.version))
    );
    if (chosen) select.value = chosen;
  }
  if (!$<HTMLSelectElement>("diff-a").dataset.set && history.length > 1) {
    $<HTMLSelectElement>("diff-a").value = history[1].version;
    $<HTMLSelectElement>("diff-a").dataset.set = "1";
  }
}

function renderDiff(
  list: HTMLElement,
  shown: LocalizedText[] | LocalizedText | undefined,
  texts: Texts
): void {
  if (shown === undefined) {
    list.replaceChildren();
    return;
  }
  const lines = Array.isArray(shown) ? shown.map((line) => line[language]) : [shown[language]];
  if (Array.isArray(shown) && shown.length === 0) lines.push(texts.noDifferences);
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    })
  );
}

async function showDiff(texts: () => Texts): Promise<void> {
  const a = $<HTMLSelectElement>("diff-a").value;
  const b = $<HTMLSelectElement>("diff-b").value;
  try {
    const [{ changes }, before, after] = await Promise.all([
      service.diff(a, b),
      rulesets.version(a),
      rulesets.version(b),
    ]);
    diffShown = describeRuleChanges(changes, before.rules, after.rules);
  } catch (error) {
    diffShown = asServiceError(error).text;
  }
  renderDiff($("diff-out"), diffShown, texts());
}

function confirmPublish(texts: Texts): void {
  if (!base) return;
  touchAll();
  const checked = checkForm(base);
  showProblems(checked, language);
  if (!checked.ok) {
    checked.firstInvalid?.focus();
    return;
  }
  const rules = canonicalJson(checked.rules);
  if (rules === canonicalJson(base.rules)) {
    // The service would refuse it (409 NO_CHANGE: the same hash as the newest version): say so
    // here, in the service's own words, and send nothing.
    const refusal = noChange(base).message;
    pending = undefined;
    $("confirm").hidden = true;
    message = () => refusal[language];
    $("admin-message").textContent = refusal[language];
    return;
  }
  const changes = diffRules(base.rules, checked.rules);
  const applications = previewed?.rules === rules ? previewed.applications : undefined;
  pending = { body: checked.body, changes, rules: checked.rules, applications };
  // A new step: what the last one said (e.g. that nothing had changed) is no longer the news.
  message = undefined;
  $("admin-message").textContent = "";
  renderDiff($("confirm-diff"), describeRuleChanges(changes, base.rules, checked.rules), texts);
  $("confirm").hidden = false;
  $("confirm-yes").focus();
}

async function publish(texts: () => Texts, done: () => Promise<void>): Promise<void> {
  if (!pending) return;
  $("confirm").hidden = true;
  try {
    // A proposal for other admins to approve, or a direct publish (proposals-pane.ts decides).
    const said = await sendNewVersion(pending.body, etag, pending.applications);
    pending = undefined;
    message = () => said[language];
    $("admin-message").textContent = said[language];
    // Sent: the form starts again from the newest version (the reload below refills the rules),
    // with no approval, date or note left to be sent twice, and no preview of the old rules.
    clearApproval();
    previewed = undefined;
    previewShown = undefined;
    $("preview-out").textContent = "";
    rulesets.reset();
    await done();
  } catch (error) {
    const failure = asServiceError(error);
    message = () => failure.text[language];
    $("admin-message").textContent = message(texts());
  }
}

/** The impact of the form's rules on the active sheet's evaluation table (header row + one row per applicant). */
async function preview(texts: () => Texts): Promise<void> {
  if (!base) return;
  const checked = checkForm(base);
  // The preview needs valid rules only (not yet the approval or the note): else say what is wrong.
  if (!checked.rules) {
    touchAll();
    showProblems(checked, language);
    if (!checked.ok) checked.firstInvalid?.focus();
    return;
  }
  const candidate = checked.rules;
  // Until this preview succeeds, a proposal carries no impact (never the last sheet's).
  previewed = undefined;
  try {
    // The sheet read as the consolidation reads an evaluator's sheet (shared's reader: every
    // column the rules imply, tracks, requirement items and rubric points included), each row
    // the application the consolidation of this sheet alone would evaluate.
    const { sheet, workbook } = await readActiveSheetSnapshot();
    const reading = readEvaluationSheet(sheet, base.rules, workbook, "");
    if (!reading.recognised) {
      // The reader's own words (SHEET_SKIPPED: where, and what a header row needs).
      const said = reading.warnings.map((warning) => warning.message);
      previewShown = () => said.map((line) => line[language]).join("\n");
      $("preview-out").textContent = previewShown(texts());
      return;
    }
    const entries = reading.entries;
    const applications = entries.map(entryApplication);
    const { flips, results } = await service.preview(candidate, applications);
    previewed = { rules: canonicalJson(candidate), applications };
    // Each change with its outcomes' names as the engine gave them (a flip is never an error).
    const changes = flips.map((flip): OutcomeChange => {
      const { inForce, candidate } = results[flip.index];
      const name = (result: typeof inForce, eligible: boolean) =>
        "outcome" in result ? result.outcome.name : bandName(undefined, undefined, eligible);
      return {
        row: entries[flip.index].row,
        id: flip.id,
        from: name(inForce, flip.from),
        to: name(candidate, flip.to),
      };
    });
    const lines = [
      changeCount(changes.length, applications.length),
      ...moves(changes),
      ...changes.map(rowChange),
      ...readingWarnings(reading.warnings),
    ];
    previewShown = () => lines.map((line) => line[language]).join("\n");
  } catch (error) {
    const failure = asServiceError(error);
    previewShown = () => failure.text[language];
  }
  $("preview-out").textContent = previewShown(texts());
}

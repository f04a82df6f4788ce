import { appendColumnHeads } from "../column-heads";
import type { AuditEntry } from "@smartcity/shared";
import { asServiceError, type ServiceError } from "../../client/service-error";
import { service } from "../../runtime";
import { type AuditRow, auditRows } from "./audit-rows";
import { AUDIT_TEXTS, type AuditLanguage, type AuditTexts } from "./audit-texts";

/**
 * The audit view of the admin section: who did what to the rulesets and when, newest first,
 * filtered by version and by person. GET /api/audit has no filters of its own, only pages
 * (newest first, `pageSize` at most 1,000): the view asks for one page of AUDIT_PAGE entries,
 * filters what it holds, and loads older pages only when the admin asks, so a long log is never
 * read whole. Its markup is `<section id="audit">` in taskpane.html; admin-pane.ts wires it.
 */
export const AUDIT_PAGE = 100;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
let language: AuditLanguage = "en";
let entries: AuditEntry[] = [];
let next: string | undefined;
let loaded = false;
let loading = false;
/** Counts loads and resets: an answer whose number is no longer the last is dropped. */
let loadNumber = 0;
/** The last failure, kept as the error so a language switch says it in the other language. */
let failure: ServiceError | undefined;

/** Forget what was loaded (sign-in, a proposal or decision made): the next render reloads. */
export function resetAuditView(): void {
  loaded = false;
  loadNumber++;
}

export function wireAuditView(): void {
  $("audit-version").addEventListener("change", () => renderRows());
  $("audit-person").addEventListener("change", () => renderRows());
  $("audit-more").addEventListener("click", () => {
    if (!loading) void load(next);
  });
}

export async function renderAuditView(paneLanguage: AuditLanguage): Promise<void> {
  language = paneLanguage;
  const texts = AUDIT_TEXTS[language];
  for (const [id, key] of [
    ["audit-heading", "heading"],
    ["audit-version-label", "versionFilter"],
    ["audit-person-label", "personFilter"],
    ["audit-more", "more"],
  ] as const) {
    $(id).textContent = texts[key];
  }
  renderRows();
  if (!loaded) await load(undefined);
}

/** The first page (no `continuation`), which replaces what was held, or the page after it. */
async function load(continuation: string | undefined): Promise<void> {
  loaded = true;
  loading = true;
  const mine = ++loadNumber;
  renderStatus(AUDIT_TEXTS[language], 0);
  try {
    const page = await service.audit(AUDIT_PAGE, continuation);
    if (mine !== loadNumber) return;
    entries = continuation === undefined ? page.entries : [...entries, ...page.entries];
    next = page.next;
    failure = undefined;
  } catch (error) {
    if (mine !== loadNumber) return;
    // A failed first page shows no stale rows; a failed older page keeps the newer ones.
    if (continuation === undefined) {
      entries = [];
      next = undefined;
      loaded = false; // any later render tries again
    }
    failure = asServiceError(error);
  }
  loading = false;
  renderRows();
}

function renderRows(): void {
  const texts = AUDIT_TEXTS[language];
  const rows = auditRows(entries);
  const version = fillFilter(
    $<HTMLSelectElement>("audit-version"),
    texts.allVersions,
    versionsOf(rows).map((v) => [v, texts.versionOption(v)])
  );
  const person = fillFilter($<HTMLSelectElement>("audit-person"), texts.everyone, peopleOf(rows));
  const shown = rows.filter(
    (row) =>
      (version === "" || row.version === version) && (person === "" || row.personKey === person)
  );
  const table = $<HTMLTableElement>("audit-table");
  table.replaceChildren();
  table.hidden = shown.length === 0;
  if (shown.length > 0) fillTable(table, shown, texts);
  renderStatus(texts, shown.length);
  const more = $("audit-more");
  const hadFocus = document.activeElement === more;
  more.hidden = next === undefined;
  // The last page read: the focus goes on to the rows rather than to nowhere.
  if (hadFocus && more.hidden) table.focus();
}

/** What the view says above its table: loading, a failure, an empty log or filter, or the count. */
function renderStatus(texts: AuditTexts, shown: number): void {
  const status = $("audit-status");
  status.className = failure ? "error" : "";
  status.textContent = failure
    ? texts.failed(failure.text[language])
    : loading && entries.length === 0
      ? texts.loading
      : entries.length === 0
        ? texts.empty
        : shown === 0
          ? texts.noMatch
          : texts.count(shown, entries.length, next !== undefined);
}

function fillTable(table: HTMLTableElement, rows: AuditRow[], texts: AuditTexts): void {
  table.createCaption().textContent = texts.caption;
  const columns = [texts.when, texts.who, texts.what, texts.version, texts.details];
  appendColumnHeads(table, columns);
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const [column, text] of [
      row.when[language],
      row.person[language],
      row.what[language],
      row.version ?? texts.noVersion,
      row.details[language],
    ].entries()) {
      const cell = tr.insertCell();
      cell.textContent = text;
      cell.dataset.label = columns[column]; // the column's name, shown before it at pane width
    }
  }
}

/**
 * Fills a filter's options, keeping the choice when it is still offered (a reload, a language
 * switch), else back to "all" (the empty value). Answers the value in force.
 */
function fillFilter(
  select: HTMLSelectElement,
  all: string,
  options: readonly (readonly [string, string])[]
): string {
  const chosen = select.value;
  select.replaceChildren(new Option(all, ""), ...options.map(([v, t]) => new Option(t, v)));
  select.value = options.some(([value]) => value === chosen) ? chosen : "";
  return select.value;
}

/** The versions the rows concern, newest first. */
function versionsOf(rows: readonly AuditRow[]): string[] {
  const versions = new Set(rows.flatMap((row) => (row.version === undefined ? [] : [row.version])));
  return [...versions].sort((a, b) => Number(b) - Number(a) || b.localeCompare(a));
}

/** The people of the rows, by name; two people of one name are told apart by their id. */
function peopleOf(rows: readonly AuditRow[]): [string, string][] {
  const names = new Map<string, string>();
  for (const row of rows) names.set(row.personKey, row.person[language]);
  const counts = new Map<string, number>();
  for (const name of names.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...names]
    .map(([key, name]): [string, string] => [
      key,
      (counts.get(name) ?? 0) > 1 && key.startsWith("id:") ? `${name} (${key.slice(3)})` : name,
    ])
    .sort((a, b) => a[1].localeCompare(b[1], language));
}

import { formatDate } from "@smartcity/shared";
import { asServiceError } from "../../client/service-error";
import {
  canInsertSheetsFromFile,
  insertConsolidatedSheets,
} from "../../office/consolidated-sheets";
import { rulesets, service } from "../../runtime";
import { addChosenFiles, type Refusal } from "./chosen-files";
import { foundNobody } from "./consolidation-view";
import {
  forgetResults,
  overviewChartData,
  renderResults,
  type ShownResult,
  wireResults,
} from "./results-view";
import {
  consolidatedLine,
  formatBytes,
  SECRETARY_TEXTS,
  type SecretaryTexts,
} from "./secretary-texts";
import type { PaneLanguage } from "../texts";
import { base64Of, saveBlob } from "./workbook-file";

/**
 * The secretary's part of the pane (Secretary or Admin): choose the evaluators' workbooks (picker
 * or drop), consolidate them with the service (upload progress shown), read the summary and the
 * issues, and put the consolidated workbook into the open workbook (in Excel) or save it as a
 * file. Works in a plain browser too, except "Write to workbook". All Office calls are in
 * ../office; every call to the service goes through ../client/service-client. The results are
 * drawn by results-view.ts.
 */

type Say = (texts: SecretaryTexts, language: PaneLanguage) => string;
interface Message {
  kind: "ok" | "error" | "busy";
  say: Say;
}
interface Result extends ShownResult {
  /** What was sent, so the workbook can be asked for with exactly the same input. */
  files: File[];
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

let language: PaneLanguage = "en";
let inExcel = false;
let files: File[] = [];
let refused: Refusal[] = [];
let history: { version: string; reference: string; effectiveFrom: string }[] = [];
let inForceVersion: string | undefined;
let historyLoaded = false;
let chosenVersion = "";
let busy = false;
let progress: number | undefined;
let consolidateMessage: Message | undefined;
let exportMessage: Message | undefined;
let result: Result | undefined;

const texts = () => SECRETARY_TEXTS[language];
const failure = (error: unknown): Message => ({
  kind: "error",
  say: (_, lang) => asServiceError(error).text[lang],
});

/** Forget the loaded history (sign-in or service changed): the next render reloads it. */
export function resetSecretaryPane(): void {
  historyLoaded = false;
}

export function wireSecretaryPane(): void {
  const input = $<HTMLInputElement>("choose-files");
  $("choose-files-button").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    addFiles(Array.from(input.files ?? []));
    input.value = ""; // so that choosing the same file again is a change too
  });
  const zone = $("drop-zone");
  const over = (on: boolean) => zone.classList.toggle("over", on);
  zone.addEventListener("dragenter", (event) => {
    event.preventDefault();
    over(true);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault(); // without it the zone is not a drop target
    if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
  });
  zone.addEventListener("dragleave", () => over(false));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    over(false);
    if (!busy) addFiles(Array.from(event.dataTransfer?.files ?? []));
  });
  // A file dropped beside the zone would otherwise replace the pane with the file.
  for (const type of ["dragover", "drop"]) {
    document.addEventListener(type, (event) => {
      if ((event as DragEvent).dataTransfer?.types.includes("Files")) event.preventDefault();
    });
  }
  $("clear-files").addEventListener("click", () => {
    files = [];
    refused = [];
    render();
  });
  $("consolidate-version").addEventListener("change", (event) => {
    chosenVersion = (event.target as HTMLSelectElement).value;
  });
  $("consolidate").addEventListener("click", () => void consolidate());
  $("write-workbook").addEventListener("click", () => void writeToWorkbook());
  $("download").addEventListener("click", () => void download());
  wireResults(() => renderResults(result, language));
}

export function renderSecretaryPane(
  visible: boolean,
  paneLanguage: PaneLanguage,
  paneInExcel: boolean
): void {
  language = paneLanguage;
  inExcel = paneInExcel;
  $("secretary").hidden = !visible;
  if (!visible) {
    // Signed out, or not a secretary: nothing of the last consolidation stays on screen.
    files = [];
    refused = [];
    result = undefined;
    forgetResults();
    progress = undefined;
    consolidateMessage = exportMessage = undefined;
    return;
  }
  if (!historyLoaded) {
    historyLoaded = true;
    void loadHistory();
  }
  render();
}

async function loadHistory(): Promise<void> {
  // Either may fail: then only "in force" is offered, and the consolidation reports its own errors.
  const [listed, current] = await Promise.allSettled([service.history(), rulesets.inForce()]);
  history =
    listed.status === "fulfilled"
      ? listed.value.map((entry) => ({
          version: entry.version,
          reference: entry.approval.reference,
          effectiveFrom: entry.effectiveFrom,
        }))
      : [];
  inForceVersion = current.status === "fulfilled" ? current.value.version : undefined;
  renderVersions();
}

function addFiles(added: File[]): void {
  const next = addChosenFiles(files, added);
  files = next.files;
  refused = next.refused;
  render();
}

function onProgress(percent: number): void {
  progress = percent;
  renderProgress();
}

async function consolidate(): Promise<void> {
  if (busy || files.length === 0) return;
  const chosen = [...files];
  setBusy(true);
  result = undefined;
  progress = 0;
  consolidateMessage = exportMessage = undefined;
  render();
  try {
    const response = await service.consolidate(chosen, chosenVersion || undefined, onProgress);
    const { rules } = await rulesets.version(response.ruleset.version);
    const nobody = foundNobody(response);
    result = { response, rules, files: chosen, nobody };
    consolidateMessage =
      nobody === undefined
        ? {
            kind: "ok",
            say: (t) => consolidatedLine(t, response),
          }
        : { kind: "error", say: (t) => t[nobody](response.files.length) };
  } catch (error) {
    consolidateMessage = failure(error);
  } finally {
    setBusy(false);
  }
}

/** The consolidated workbook for the shown result: the same files, the same ruleset version. */
async function fetchWorkbook(shown: Result): Promise<{ blob: Blob; fileName: string }> {
  const { ruleset, consolidatedAt } = shown.response;
  exportMessage = { kind: "busy", say: (t) => t.writing };
  progress = 0;
  render();
  return service.consolidatedWorkbook(
    shown.files,
    // The version the result was computed with, even if another has come into force since.
    ruleset.version,
    onProgress,
    `smartcity-consolidated-v${ruleset.version}-${consolidatedAt.slice(0, 10)}.xlsx`
  );
}

async function writeToWorkbook(): Promise<void> {
  const shown = result;
  if (busy || !shown || shown.nobody) return;
  if (!canInsertSheetsFromFile()) {
    exportMessage = { kind: "error", say: (t) => t.cannotInsert };
    render();
    return;
  }
  setBusy(true);
  try {
    const { blob } = await fetchWorkbook(shown);
    const names = await insertConsolidatedSheets(
      await base64Of(blob),
      overviewChartData(shown, language)
    );
    exportMessage = { kind: "ok", say: (t) => t.written(names) };
  } catch (error) {
    exportMessage = failure(error);
  } finally {
    setBusy(false);
  }
}

async function download(): Promise<void> {
  const shown = result;
  if (busy || !shown || shown.nobody) return;
  setBusy(true);
  try {
    const { blob, fileName } = await fetchWorkbook(shown);
    saveBlob(blob, fileName);
    exportMessage = { kind: "ok", say: (t) => t.downloaded(fileName) };
  } catch (error) {
    exportMessage = failure(error);
  } finally {
    setBusy(false);
  }
}

function setBusy(next: boolean): void {
  busy = next;
  render();
}

function render(): void {
  const t = texts();
  for (const [id, key] of [
    ["secretary-heading", "heading"],
    ["drop-hint", "dropHint"],
    ["choose-files-button", "chooseFiles"],
    ["clear-files", "clearFiles"],
    ["consolidate-version-label", "versionLabel"],
    ["consolidate", "consolidate"],
    ["write-workbook", "writeToWorkbook"],
    ["download", "download"],
    ["summary-heading", "summary"],
    ["issues-heading", "issues"],
    ["applicant-filter-label", "filterLabel"],
    ["applicant-sort-label", "sortLabel"],
  ] as const) {
    $(id).textContent = t[key];
  }
  for (const id of ["choose-files", "choose-files-button", "consolidate-version"]) {
    $<HTMLButtonElement>(id).disabled = busy;
  }
  $<HTMLButtonElement>("clear-files").disabled = busy || files.length === 0;
  $<HTMLButtonElement>("consolidate").disabled = busy || files.length === 0;
  $<HTMLButtonElement>("write-workbook").disabled = busy;
  $<HTMLButtonElement>("download").disabled = busy;
  $("write-workbook").hidden = !inExcel;
  renderFiles();
  renderVersions();
  renderProgress();
  showMessage("consolidate-message", consolidateMessage);
  showMessage("export-message", exportMessage);
  renderResults(result, language);
}

function renderFiles(): void {
  const t = texts();
  $("files-refused").replaceChildren(
    ...refused.map((refusal) => {
      const item = document.createElement("li");
      item.textContent =
        refusal.code === "TOO_MANY_FILES"
          ? t.tooManyFiles(refusal.chosen)
          : t.fileTooLarge(refusal.name, refusal.size);
      return item;
    })
  );
  const table = $<HTMLTableElement>("chosen-files");
  table.replaceChildren();
  if (files.length > 0) {
    addHeader(table, [
      [t.fileColumn, ""],
      [t.sizeColumn, "num"],
    ]);
    const body = table.createTBody();
    for (const file of files) {
      const row = body.insertRow();
      row.insertCell().textContent = file.name;
      const size = row.insertCell();
      size.textContent = formatBytes(file.size);
      size.className = "num";
    }
  }
  $("chosen-files-box").hidden = files.length === 0;
  $("chosen-total").textContent =
    files.length === 0
      ? t.noFiles
      : t.chosenTotal(
          files.length,
          files.reduce((sum, file) => sum + file.size, 0)
        );
}

function renderVersions(): void {
  const t = texts();
  const select = $<HTMLSelectElement>("consolidate-version");
  select.replaceChildren(
    new Option(inForceVersion ? t.inForceOption(inForceVersion) : t.inForceUnknown, ""),
    ...history.map(
      (entry) =>
        new Option(
          t.versionOption(
            entry.version,
            entry.reference,
            formatDate(entry.effectiveFrom)[language]
          ),
          entry.version
        )
    )
  );
  if (!history.some((entry) => entry.version === chosenVersion)) chosenVersion = "";
  select.value = chosenVersion;
}

function renderProgress(): void {
  const box = $("consolidate-progress-box");
  box.hidden = progress === undefined;
  if (progress === undefined) return;
  const t = texts();
  $<HTMLProgressElement>("consolidate-progress").value = progress;
  $("consolidate-progress-text").textContent = !busy
    ? `${progress} %`
    : progress < 100
      ? t.uploading(progress)
      : t.reading;
}

function showMessage(id: string, message: Message | undefined): void {
  const element = $(id);
  element.textContent = message ? message.say(texts(), language) : "";
  element.className = message?.kind === "error" ? "error" : message?.kind === "ok" ? "ok" : "";
}

/** A header row of labelled columns, each with its class ("num" right-aligns). */
function addHeader(
  table: HTMLTableElement,
  columns: ReadonlyArray<readonly [string, string]>
): void {
  const head = table.createTHead().insertRow();
  for (const [label, className] of columns) {
    const th = document.createElement("th");
    th.textContent = label;
    th.className = className;
    head.append(th);
  }
}

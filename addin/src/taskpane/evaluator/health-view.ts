import { metadataSeen, onMetadataSeen } from "../../functions/metadata-seen";
import {
  busyCount,
  recalculateSmartcityCells,
  type SheetCells,
} from "../../office/smartcity-cells";
import { REQUEST_TIMEOUT_MS } from "../../runtime";
import type { PaneLanguage } from "../texts";
import {
  builtFunctions,
  type FunctionsSignature,
  type Health,
  healthOf,
  servedFunctions,
} from "./functions-health";
import { HEALTH_TEXTS, type HealthTexts } from "./health-texts";

/**
 * The Evaluate tab's "Functions in Excel": whether Excel runs this version's functions
 * (functions-health.ts), how to reload them when it does not, and one button that recalculates
 * the workbook's SMARTCITY cells and then counts those still #BUSY!, so that a stuck cell is
 * seen rather than silent. Built here into the tab's #functions-health section.
 */

/**
 * How long to wait for the recalculated cells to settle: every call settles within the
 * request timeout (docs/excel-functions.md), so a cell busy after it is stuck.
 */
const SETTLE_MS = REQUEST_TIMEOUT_MS + 2_000;
const POLL_MS = 500;

/** Folder paths from Microsoft's "Clear the Office cache" (office-js-docs-pr, testing/clear-cache.md). */
const WINDOWS_FOLDER = "%LOCALAPPDATA%\\Microsoft\\Office\\16.0\\Wef\\";
const MAC_FOLDERS = [
  "~/Library/Containers/com.Microsoft.OsfWebHost/Data/",
  "~/Library/Containers/com.microsoft.Excel/Data/Library/Caches/",
  "~/Library/Containers/com.microsoft.Excel/Data/Library/Application Support/Microsoft/Office/16.0/Wef/",
];

type Recalc =
  | { phase: "idle" }
  | { phase: "running" }
  | { phase: "unsupported"; requirement: string }
  | { phase: "waiting" | "done"; count: number; busy: number }
  | { phase: "failed"; message: string };

let language: PaneLanguage = "en";
let inExcel = false;
let served: FunctionsSignature | undefined;
let checked = false;
let recalc: Recalc = { phase: "idle" };

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, id?: string) => {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (id) element.id = id;
  return element;
};

/** A folder path: not words in any language, so marked as none (lang="zxx"). */
const path = (text: string) => {
  const code = el("code", text);
  code.lang = "zxx";
  code.translate = false;
  return code;
};

/** Checks once at start and whenever the runtime sees something new. */
export function wireHealth(): void {
  // A recalculation invokes thousands of cells: drawn once for those of one moment.
  let drawing: ReturnType<typeof setTimeout> | undefined;
  onMetadataSeen(() => {
    drawing ??= setTimeout(() => {
      drawing = undefined;
      draw();
    }, 100);
  });
  void check();
}

async function check(): Promise<void> {
  served = await servedFunctions();
  checked = true;
  draw();
}

/** Draws the section in the pane's language; the pane calls it from its render. */
export function renderHealth(paneLanguage: PaneLanguage, paneInExcel: boolean): void {
  language = paneLanguage;
  inExcel = paneInExcel;
  draw();
}

/**
 * The section's elements, made once: redrawing replaces words and states, never the buttons, so
 * a button keeps the keyboard focus while it works.
 */
function skeleton(section: HTMLElement) {
  if (!section.firstChild) {
    const verdict = el("p", "", "health-verdict");
    verdict.setAttribute("role", "status");
    const again = el("button", "", "health-check");
    again.type = "button";
    again.addEventListener("click", () => void check());
    const button = el("button", "", "recalc-smartcity");
    button.type = "button";
    button.addEventListener("click", () => void recalculate());
    const buttons = el("div");
    buttons.className = "button-row";
    buttons.append(again, button);
    const message = el("p", "", "recalc-message");
    message.setAttribute("role", "status");
    section.append(
      el("h2", "", "health-heading"),
      verdict,
      el("ul", undefined, "health-details"),
      el("details", undefined, "health-reload"),
      buttons,
      message,
      el("p", "", "busy-message")
    );
  }
  const $ = <T extends HTMLElement>(id: string) => section.querySelector<T>(`#${id}`) as T;
  return {
    heading: $("health-heading"),
    verdict: $("health-verdict"),
    details: $<HTMLUListElement>("health-details"),
    steps: $<HTMLDetailsElement>("health-reload"),
    again: $<HTMLButtonElement>("health-check"),
    button: $<HTMLButtonElement>("recalc-smartcity"),
    message: $("recalc-message"),
    busy: $("busy-message"),
  };
}

function draw(): void {
  const section = document.getElementById("functions-health");
  if (!section) return;
  const parts = skeleton(section);
  const text = HEALTH_TEXTS[language];
  const health = healthOf(metadataSeen(), builtFunctions(), served, inExcel);
  const good = health.verdict === "upToDate";
  parts.heading.textContent = text.heading;
  parts.verdict.textContent = checked ? text[health.verdict] : "…";
  parts.verdict.className = checked ? (good ? "ok" : "error") : "";
  parts.verdict.dataset.verdict = checked ? health.verdict : "";
  parts.details.replaceChildren(...details(health, text));
  // Open by itself when something is wrong; what the person opened stays open.
  if (checked && !good && health.verdict !== "unknown") parts.steps.open = true;
  parts.steps.replaceChildren(el("summary", text.reloadSteps), ...reloadSteps(text));
  parts.again.textContent = text.checkAgain;
  parts.button.textContent = text.recalc;
  parts.button.hidden = !inExcel;
  parts.button.disabled = recalc.phase === "running" || recalc.phase === "waiting";
  drawRecalc(parts.message, parts.busy, text);
}

function details(health: Health, text: HealthTexts): HTMLLIElement[] {
  const { seen } = health;
  const lines: string[] = [];
  if (seen.runtime === "present")
    lines.push(text.registered(seen.associated.length, health.built.length));
  else lines.push(inExcel ? text.runtimeMissing : text.noRuntime);
  if (checked)
    lines.push(
      health.servedOther === undefined
        ? text.servedUnreadable
        : health.servedOther.length === 0
          ? text.servedSame
          : text.servedOther(health.servedOther)
    );
  if (seen.stale)
    lines.push(
      text.staleCall(seen.stale.functionName, seen.stale.addresses, seen.stale.parameters)
    );
  else if (seen.runtime === "present")
    lines.push(seen.calls > 0 ? text.callsMatch(seen.calls) : text.noCalls);
  return lines.map((line) => el("li", line));
}

/** Microsoft's steps to clear the Office cache ("Clear the Office cache", clear-cache.md). */
function reloadSteps(text: HealthTexts): HTMLElement[] {
  const windowsFolder = el("p", text.windowsManual + " ");
  windowsFolder.append(path(WINDOWS_FOLDER));
  const macFolders = el("ul");
  macFolders.append(
    ...MAC_FOLDERS.map((folder) => {
      const item = el("li");
      item.append(path(folder));
      return item;
    })
  );
  return [
    el("h3", text.windows),
    el("p", text.windowsAuto),
    windowsFolder,
    el("h3", text.mac),
    el("p", text.macManual),
    macFolders,
    el("h3", text.web),
    el("p", text.webSteps),
    el("p", text.afterReload),
  ];
}

function drawRecalc(message: HTMLElement, busy: HTMLElement, text: HealthTexts): void {
  message.hidden = busy.hidden = !inExcel;
  message.className = recalc.phase === "unsupported" || recalc.phase === "failed" ? "error" : "";
  busy.className = "";
  busy.textContent = "";
  busy.dataset.phase = recalc.phase;
  delete busy.dataset.busy;
  switch (recalc.phase) {
    case "idle":
      message.textContent = "";
      break;
    case "running":
      message.textContent = text.recalculating;
      break;
    case "unsupported":
      message.textContent = text.unsupported(recalc.requirement);
      break;
    case "failed":
      message.textContent = `${text.recalcFailed} ${recalc.message}`;
      break;
    case "waiting":
    case "done":
      message.textContent = text.recalculated(recalc.count);
      busy.dataset.busy = String(recalc.busy);
      if (recalc.phase === "waiting") busy.textContent = text.waiting(recalc.busy);
      else {
        busy.className = recalc.busy === 0 ? "ok" : "error";
        busy.textContent = recalc.busy === 0 ? text.allSettled : text.stillBusy(recalc.busy);
      }
      break;
  }
}

async function recalculate(): Promise<void> {
  recalc = { phase: "running" };
  draw();
  try {
    const outcome = await recalculateSmartcityCells();
    if (outcome.kind === "unsupported") {
      recalc = { phase: "unsupported", requirement: outcome.requirement };
      return;
    }
    await settle(outcome.cells, outcome.count);
  } catch (error) {
    recalc = { phase: "failed", message: error instanceof Error ? error.message : String(error) };
  } finally {
    draw();
  }
}

/** Counts the busy cells until none is left or the calls' time is up. */
async function settle(cells: SheetCells[], count: number): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  let busy = await busyCount(cells);
  while (busy > 0 && Date.now() < deadline) {
    recalc = { phase: "waiting", count, busy };
    draw();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    busy = await busyCount(cells);
  }
  recalc = { phase: "done", count, busy };
}

import type { ConsolidateResponse, Rules } from "@smartcity/shared";
import type { OverviewChart } from "../../office/consolidated-sheets";
import { calibrationFigure } from "./calibration-chart";
import { applicantCard, overviewFigure } from "./applicant-list";
import {
  type ApplicantCard,
  type ApplicantFilter,
  type ApplicantSort,
  applicantCards,
  arrangeCards,
  dimensionOverview,
  issueItems,
} from "./consolidation-view";
import { SECRETARY_TEXTS, type SecretaryTexts } from "./secretary-texts";
import type { PaneLanguage } from "../texts";

/**
 * The secretary's results: the overview chart, the applicant cards with their filter and sort,
 * and the issues; and the same overview as the data of the native Excel chart. A result is
 * drawn once per result, language, filter and sort (redrawing 200+ cards on every pane render
 * is waste); the cards' data is built once per result and language.
 */
export interface ShownResult {
  response: ConsolidateResponse;
  rules: Rules;
  /** Set when the consolidation found nobody (every file failed): an error, nothing to export. */
  nobody?: "allFilesFailed" | "noApplicants";
}

/** Issues listed in the pane; past this the downloaded workbook's Issues sheet has the rest. */
const MAX_ISSUES_SHOWN = 500;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

let drawn:
  { result: ShownResult; language: PaneLanguage; filter: string; sort: string } | undefined;
let cards: { result: ShownResult; language: PaneLanguage; cards: ApplicantCard[] } | undefined;
let filter: ApplicantFilter = "all";
let sort: ApplicantSort = "order";

export function wireResults(redraw: () => void): void {
  $("applicant-filter").addEventListener("change", (event) => {
    filter = (event.target as HTMLSelectElement).value as ApplicantFilter;
    redraw();
  });
  $("applicant-sort").addEventListener("change", (event) => {
    sort = (event.target as HTMLSelectElement).value as ApplicantSort;
    redraw();
  });
}

/** Nothing of the last result stays (signed out, or no longer a secretary). */
export function forgetResults(): void {
  drawn = undefined;
  cards = undefined;
}

/** The native Excel chart "Write to workbook" adds: the overview, in the pane's language. */
export function overviewChartData(shown: ShownResult, language: PaneLanguage): OverviewChart {
  const t = SECRETARY_TEXTS[language];
  const overview = dimensionOverview(cardsOf(shown, language), shown.rules, language);
  return {
    title: t.overviewHeading,
    sheetName: t.chartSheet,
    header: [t.dimensionColumn, t.passedColumn, t.belowColumn] as [string, string, string],
    rows: overview.map((entry): [string, number, number] => [
      entry.name,
      entry.passed,
      entry.proposed - entry.passed,
    ]),
  };
}

/** The cards of a result in the pane's language, built once per result and language. */
function cardsOf(shown: ShownResult, language: PaneLanguage): ApplicantCard[] {
  if (cards?.result !== shown || cards.language !== language) {
    cards = {
      result: shown,
      language,
      cards: applicantCards(shown.response, shown.rules, language),
    };
  }
  return cards.cards;
}

function renderControls(t: SecretaryTexts): void {
  const fill = (id: string, options: Record<string, string>, value: string) => {
    const select = $<HTMLSelectElement>(id);
    select.replaceChildren(
      ...Object.entries(options).map(([key, label]) => new Option(label, key))
    );
    select.value = value;
  };
  fill("applicant-filter", t.filters, filter);
  fill("applicant-sort", t.sorts, sort);
}

/** The result's cards, overview and issues (or nothing, when there is no result). */
export function renderResults(result: ShownResult | undefined, language: PaneLanguage): void {
  const usable = result !== undefined && result.nobody === undefined;
  $("consolidate-result").hidden = !usable;
  $("issues-box").hidden = result === undefined;
  if (
    result === undefined ||
    (drawn?.result === result &&
      drawn.language === language &&
      drawn.filter === filter &&
      drawn.sort === sort)
  )
    return;
  const redrawAll = drawn?.result !== result || drawn.language !== language;
  drawn = { result, language, filter, sort };
  const t = SECRETARY_TEXTS[language];
  if (usable) {
    const all = cardsOf(result, language);
    const shown = arrangeCards(all, filter, sort);
    $("applicant-list").replaceChildren(...shown.map((card) => applicantCard(card, t)));
    $("applicant-count").textContent = t.shown(shown.length, all.length);
    if (redrawAll) {
      renderControls(t);
      $("overview-box").replaceChildren(
        overviewFigure(dimensionOverview(all, result.rules, language), t)
      );
      $("calibration-box").replaceChildren(
        calibrationFigure(result.response.calibration, language)
      );
    }
  }
  if (!redrawAll) return;

  const { items, more } = issueItems(result.response, language, MAX_ISSUES_SHOWN);
  const kindLabel = { fileError: t.fileError, flag: t.flag, warning: t.warning };
  const list = $("issues-list");
  list.replaceChildren(
    ...items.map((issue) => {
      const item = document.createElement("li");
      item.className = `issue-${issue.kind}`;
      const kind = document.createElement("strong");
      kind.textContent = `${kindLabel[issue.kind]}: `;
      item.append(kind, issue.text);
      return item;
    })
  );
  if (items.length === 0) list.append(listItem(t.noIssues));
  if (more > 0) list.append(listItem(t.moreIssues(more)));
}

function listItem(text: string): HTMLLIElement {
  const item = document.createElement("li");
  item.textContent = text;
  return item;
}

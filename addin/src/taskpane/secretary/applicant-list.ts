import type { ApplicantCard, DimensionOverview } from "./consolidation-view";
import { type ChartWords, overviewChart, scoreChart } from "./score-charts";
import type { SecretaryTexts } from "./secretary-texts";

/**
 * The consolidation's applicants as a list of cards (a table with a column per dimension
 * scrolls sideways in a 350 px pane). Each card says, without a mouse: eligible or not (a word
 * and ✓/✗, not colour alone), the overall score against its bar, and how many issues; its
 * <details> — a native disclosure, reachable with Tab, opened with Enter or Space, announced as
 * expanded or collapsed — holds the reasons, the flags, the preliminary criteria and the chart.
 */
function node<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function section(title: string, items: string[], className: string): HTMLElement {
  const box = node("div", className);
  box.append(node("h5", undefined, title));
  const list = node("ul");
  list.append(...items.map((text) => node("li", undefined, text)));
  box.append(list);
  return box;
}

function chartWords(t: SecretaryTexts, title: string, legend = ""): ChartWords {
  return { title, bar: t.bar, pass: t.pass, fail: t.fail, passing: t.passing, legend };
}

export function applicantCard(card: ApplicantCard, t: SecretaryTexts): HTMLLIElement {
  const item = node("li", `applicant-card ${card.eligible ? "eligible" : "not-eligible"}`);
  item.dataset.applicant = card.id ?? "";
  const heading = node("h4", "applicant-label", card.label);
  const status = node(
    "p",
    `badge ${card.eligible ? "ok" : "error"}`,
    card.eligible ? t.eligibleBadge : t.notEligibleBadge
  );
  const overall = node("p", "overall");
  const mark = card.overall.passed === null ? "" : card.overall.passed ? "✓ " : "✗ ";
  overall.textContent = `${t.overall}: ${mark}${card.overall.text}${card.overall.percent === null ? "" : "%"} (${t.bar} ${card.overall.bar}%)`;
  if (card.overall.passed === false) overall.classList.add("below");
  const facts = node("div", "card-facts");
  facts.append(status, overall);
  if (card.flags.length > 0) facts.append(node("p", "flagged", t.flagsCount(card.flags.length)));

  const details = node("details");
  details.append(node("summary", undefined, t.details));
  const body = node("div", "card-details");
  body.append(
    card.reasons.length > 0
      ? section(t.reasonsHeading, card.reasons, "reasons")
      : node("p", "reasons ok", t.meetsEveryRule)
  );
  if (card.flags.length > 0) body.append(section(t.flagsHeading, card.flags, "flags"));
  if (card.preliminary.length > 0) {
    body.append(
      section(
        t.preliminaryHeading,
        card.preliminary.map(
          (criterion) =>
            `${criterion.holds === true ? t.met : criterion.holds === false ? t.notMet : t.notAnswered}: ${criterion.name}`
        ),
        "preliminary"
      )
    );
  }
  if (card.scores.length > 0) {
    const scores = node("div", "scores");
    scores.append(
      node("h5", undefined, t.scoresHeading),
      scoreChart(card.scores, chartWords(t, t.scoresChart(card.label), t.chartLegend))
    );
    body.append(scores);
  }
  if (card.evaluators.length > 0)
    body.append(node("p", "evaluators", t.evaluators(card.evaluators)));
  details.append(body);
  item.append(heading, facts, details);
  return item;
}

export function overviewFigure(overview: DimensionOverview[], t: SecretaryTexts): HTMLElement {
  const figure = node("figure", "overview");
  const caption = node("figcaption", undefined, t.overviewHeading);
  figure.append(caption, overviewChart(overview, chartWords(t, t.overviewHeading)));
  return figure;
}

import type { DimensionOverview, ScoreMark } from "./consolidation-view";

/**
 * Two small charts drawn as hand-written SVG (no chart library: a few rectangles and lines are
 * all they need, and the pane stays light). Each is an `role="img"` with a <title> and a
 * <desc> that say in words what the picture shows, so a screen reader gets the same facts.
 * Pass/fail is never colour alone: every value carries ✓ or ✗ as text, and the bar each score
 * is held to is a dashed line.
 */
const SVG = "http://www.w3.org/2000/svg";
/** Each row: a label line tall enough for Thai vowels and tone marks above it, then the bar. */
export const ROW = 40;
export const LABEL_H = 20;
const LEGEND_H = 22;
const WIDTH = 320;
const PLOT_X = 0;
export const PLOT_W = 260;

export interface ChartWords {
  title: string;
  bar: string;
  pass: string;
  fail: string;
  passing: (passed: number, proposed: number) => string;
  /** What the dashed line is, written under the chart (omitted when empty). */
  legend: string;
}

export function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

let chartCount = 0;
export function frame(
  rows: number,
  title: string,
  description: string,
  legend: string
): SVGSVGElement {
  const height = rows * ROW + (legend ? LEGEND_H : 4);
  const id = `chart-${++chartCount}`;
  const svg = el("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: "100%",
    role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`,
    class: "chart",
  });
  svg.append(
    el("title", { id: `${id}-title` }, title),
    el("desc", { id: `${id}-desc` }, description)
  );
  if (legend) {
    const y = rows * ROW + 12;
    svg.append(
      el("line", { x1: PLOT_X + 4, x2: PLOT_X + 4, y1: y - 10, y2: y + 4, class: "chart-bar" }),
      el("text", { x: PLOT_X + 12, y: y + 2, class: "chart-legend" }, legend)
    );
  }
  return svg;
}

/** One applicant: each proposed dimension's score as a bar, its own bar as a dashed line. */
export function scoreChart(scores: readonly ScoreMark[], words: ChartWords): SVGSVGElement {
  const description = scores
    .map(
      (score) =>
        `${score.name}: ${score.text}% (${words.bar} ${score.bar}%) ${score.passed ? words.pass : words.fail}`
    )
    .join("; ");
  const svg = frame(scores.length, words.title, description, words.legend);
  scores.forEach((score, row) => {
    const top = row * ROW + 2;
    const group = el("g", { class: score.passed ? "pass" : "fail", "data-dimension": score.id });
    group.append(
      el("text", { x: PLOT_X, y: top + LABEL_H - 4, class: "chart-label" }, score.name),
      el("rect", {
        x: PLOT_X,
        y: top + LABEL_H,
        width: PLOT_W,
        height: 12,
        class: "chart-track",
      }),
      el("rect", {
        x: PLOT_X,
        y: top + LABEL_H,
        width: (PLOT_W * Math.min(100, Math.max(0, score.percent))) / 100,
        height: 12,
        class: "chart-value",
      }),
      el("line", {
        x1: PLOT_X + (PLOT_W * score.bar) / 100,
        x2: PLOT_X + (PLOT_W * score.bar) / 100,
        y1: top + LABEL_H - 2,
        y2: top + LABEL_H + 14,
        class: "chart-bar",
      }),
      el(
        "text",
        { x: PLOT_X + PLOT_W + 6, y: top + LABEL_H + 10, class: "chart-number" },
        `${score.passed ? "✓" : "✗"} ${score.text}`
      )
    );
    svg.append(group);
  });
  return svg;
}

/** Every dimension anyone proposed: the share of its applicants at or above its bar. */
export function overviewChart(
  overview: readonly DimensionOverview[],
  words: ChartWords
): SVGSVGElement {
  const description = overview
    .map((entry) => `${entry.name}: ${words.passing(entry.passed, entry.proposed)}`)
    .join("; ");
  const svg = frame(overview.length, words.title, description, "");
  overview.forEach((entry, row) => {
    const top = row * ROW + 2;
    const share = entry.proposed === 0 ? 0 : entry.passed / entry.proposed;
    const group = el("g", { class: "overview", "data-dimension": entry.id });
    group.append(
      el("text", { x: PLOT_X, y: top + LABEL_H - 4, class: "chart-label" }, entry.name),
      el("rect", { x: PLOT_X, y: top + LABEL_H, width: PLOT_W, height: 12, class: "chart-track" }),
      el("rect", {
        x: PLOT_X,
        y: top + LABEL_H,
        width: PLOT_W * share,
        height: 12,
        class: "chart-value",
      }),
      el(
        "text",
        { x: PLOT_X + PLOT_W + 6, y: top + LABEL_H + 10, class: "chart-number" },
        `${entry.passed}/${entry.proposed}`
      )
    );
    svg.append(group);
  });
  return svg;
}

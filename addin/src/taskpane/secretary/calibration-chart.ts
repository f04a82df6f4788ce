import type { Calibration } from "@smartcity/shared";
import type { PaneLanguage } from "../texts";
import { el, frame, LABEL_H, PLOT_W, ROW } from "./score-charts";

/**
 * Each evaluator's mean offset from the rest of the panel (the consolidation's calibration):
 * shown, never applied. A bar from the zero line to the left (below the panel) or the right
 * (above it), the bar the committee set as dashed lines either side, and every value written as
 * a signed number, with ⚑ where it is beyond the bar over enough applicants: readable without
 * colour, and said in words to a screen reader (the chart's <desc>).
 */
const WORDS = {
  en: {
    heading: "Evaluators' offset from the panel: shown, not applied",
    note: (points: number, applicants: number) =>
      `Each evaluator's score minus the mean of the other evaluators of the same applicant. Dashed: ±${points} points; ⚑ beyond it over at least ${applicants} applicants. No score or eligibility is adjusted.`,
    row: (name: string, applicants: number) => `${name} · ${applicants} applicants`,
    beyond: "beyond the bar",
    none: "No evaluator could be compared: each applicant needs two evaluators of one dimension.",
  },
  th: {
    heading: "ส่วนต่างของผู้ประเมินจากผู้ประเมินคนอื่น แสดงไว้เพื่อทราบ ไม่ได้ปรับคะแนน",
    note: (points: number, applicants: number) =>
      `คะแนนของผู้ประเมินลบค่าเฉลี่ยของผู้ประเมินคนอื่นที่ประเมินผู้สมัครรายเดียวกัน เส้นประ คือ ±${points} คะแนน ⚑ คือ เกินเกณฑ์จากผู้สมัครอย่างน้อย ${applicants} ราย ไม่ได้ปรับคะแนนหรือผลการพิจารณาใด`,
    row: (name: string, applicants: number) => `${name} · ${applicants} ราย`,
    beyond: "เกินเกณฑ์",
    none: "ยังเทียบผู้ประเมินไม่ได้ ผู้สมัครแต่ละรายต้องมีผู้ประเมินอย่างน้อยสองคนในด้านเดียวกัน",
  },
} satisfies Record<PaneLanguage, unknown>;

const signed = (value: number) =>
  `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(2)}`;

export function calibrationFigure(calibration: Calibration, language: PaneLanguage): HTMLElement {
  const t = WORDS[language];
  const figure = document.createElement("figure");
  figure.className = "overview calibration";
  const caption = document.createElement("figcaption");
  caption.textContent = t.heading;
  const rows = calibration.evaluators.filter((entry) => entry.meanOffset !== null);
  const note = document.createElement("p");
  note.className = "note";
  note.textContent =
    rows.length === 0 ? t.none : t.note(calibration.offsetPoints, calibration.minApplicants);
  figure.append(caption);
  if (rows.length > 0) figure.append(calibrationChart(calibration, rows, t));
  figure.append(note);
  return figure;
}

function calibrationChart(
  calibration: Calibration,
  rows: Calibration["evaluators"],
  t: (typeof WORDS)[PaneLanguage]
): SVGSVGElement {
  const text = (entry: Calibration["evaluators"][number]) =>
    `${signed(entry.meanOffset ?? 0)}${entry.exceeds ? " ⚑" : ""}`;
  const description = rows
    .map(
      (entry) =>
        `${t.row(entry.evaluator, entry.applicants)}: ${text(entry)}${entry.exceeds ? ` (${t.beyond})` : ""}`
    )
    .join("; ");
  const svg = frame(rows.length, t.heading, description, "");
  // Half the plot each side of zero, scaled so the largest offset and the bar both fit.
  const reach = Math.max(
    calibration.offsetPoints * 1.25,
    ...rows.map((entry) => Math.abs(entry.meanOffset ?? 0))
  );
  const half = PLOT_W / 2;
  const x = (offset: number) => half + (half * offset) / reach;
  rows.forEach((entry, row) => {
    const top = row * ROW + 2;
    const offset = entry.meanOffset ?? 0;
    const group = el("g", {
      class: entry.exceeds ? "offset beyond" : "offset",
      "data-evaluator": entry.evaluator,
    });
    group.append(
      el(
        "text",
        { x: 0, y: top + LABEL_H - 4, class: "chart-label" },
        t.row(entry.evaluator, entry.applicants)
      ),
      el("rect", { x: 0, y: top + LABEL_H, width: PLOT_W, height: 12, class: "chart-track" }),
      el("rect", {
        x: Math.min(x(0), x(offset)),
        y: top + LABEL_H,
        width: Math.abs(x(offset) - x(0)),
        height: 12,
        class: "chart-value",
      }),
      el("line", {
        x1: x(0),
        x2: x(0),
        y1: top + LABEL_H - 3,
        y2: top + LABEL_H + 15,
        class: "chart-zero",
      }),
      ...[-1, 1].map((side) =>
        el("line", {
          x1: x(side * calibration.offsetPoints),
          x2: x(side * calibration.offsetPoints),
          y1: top + LABEL_H - 2,
          y2: top + LABEL_H + 14,
          class: "chart-bar",
        })
      ),
      el("text", { x: PLOT_W + 6, y: top + LABEL_H + 10, class: "chart-number" }, text(entry))
    );
    svg.append(group);
  });
  return svg;
}

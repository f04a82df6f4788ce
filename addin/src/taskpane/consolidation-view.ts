import {
  type ConsolidatedApplicant,
  type ConsolidateResponse,
  dimensionBar,
  formatPercent,
  type Rules,
} from "@smartcity/shared";
import type { PaneLanguage } from "./texts";

/**
 * What the secretary section shows of a consolidation, as plain data (the pane turns it into
 * table rows and list items): one row per applicant and the issues in the order a secretary
 * deals with them — files that could not be read, then each applicant's flags, then the
 * warnings about single cells. Every sentence is the service's, in the pane's language.
 */
export interface SummaryCell {
  text: string;
  /** The value is under its bar (shown in red). */
  below?: boolean;
  /** Shown on hover: e.g. why an applicant is not eligible. */
  title?: string;
}

export interface SummaryTable {
  /** Dimension ids with a column: those at least one applicant proposed, in the ruleset's order. */
  dimensions: { id: string; name: string }[];
  rows: {
    id: string;
    name: string;
    eligible: SummaryCell;
    overall: SummaryCell;
    dimensions: SummaryCell[];
    flags: number;
  }[];
}

export function summaryTable(
  response: ConsolidateResponse,
  rules: Rules,
  language: PaneLanguage
): SummaryTable {
  const proposed = new Set(
    response.applicants.flatMap((applicant) => applicant.dimensions.map((d) => d.id))
  );
  const dimensions = rules.dimensions.filter((dimension) => proposed.has(dimension.id));
  return {
    dimensions: dimensions.map((dimension) => ({
      id: dimension.id,
      name: dimension.name[language],
    })),
    rows: response.applicants.map((applicant) => {
      const scores = new Map(applicant.dimensions.map((score) => [score.id, score]));
      return {
        id: applicant.id ?? "—",
        name: applicant.name ?? "",
        eligible: {
          text: applicant.eligible ? "✓" : "✗",
          below: !applicant.eligible,
          title: applicant.reasons.map((reason) => reason.message[language]).join("\n"),
        },
        overall:
          applicant.overallPercent === null
            ? { text: "—" }
            : {
                text: formatPercent(applicant.overallPercent, rules.overallMinPercent),
                below: applicant.overallPercent < rules.overallMinPercent,
              },
        dimensions: dimensions.map((dimension): SummaryCell => {
          const score = scores.get(dimension.id);
          if (score === undefined) return { text: "" };
          const bar = dimensionBar(rules, dimension);
          return { text: formatPercent(score.percent, bar), below: score.percent < bar };
        }),
        flags: applicant.flags.length,
      };
    }),
  };
}

export interface IssueItem {
  kind: "fileError" | "flag" | "warning";
  text: string;
}

/** `phuket · Phuket City`, or whichever of the two the files gave. */
export function applicantLabel(applicant: ConsolidatedApplicant): string {
  return [applicant.id, applicant.name].filter((part) => part).join(" · ") || "?";
}

/**
 * The issues, at most `limit` of them (a hundred files may carry a thousand warnings each; the
 * downloaded workbook's Issues sheet has them all), and how many more there are.
 */
export function issueItems(
  response: ConsolidateResponse,
  language: PaneLanguage,
  limit: number
): { items: IssueItem[]; more: number } {
  const items: IssueItem[] = [];
  let total = 0;
  const add = (kind: IssueItem["kind"], text: () => string) => {
    total++;
    if (items.length < limit) items.push({ kind, text: text() });
  };
  // A file error's and a warning's sentences start with where they are (file, or file · sheet!cell);
  // a flag's names the dimension or criterion but not the applicant, so the pane adds it.
  for (const file of response.files) {
    if (file.error) add("fileError", () => file.error?.message[language] ?? "");
  }
  for (const applicant of response.applicants) {
    for (const flag of applicant.flags) {
      add("flag", () => `${applicantLabel(applicant)}: ${flag.message[language]}`);
    }
  }
  for (const file of response.files) {
    for (const warning of file.warnings) add("warning", () => warning.message[language]);
  }
  return { items, more: total - items.length };
}

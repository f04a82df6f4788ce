import {
  type ConsolidatedApplicant,
  type ConsolidateResponse,
  dimensionBar,
  formatPercent,
  rankedFlags,
  type Rules,
} from "@smartcity/shared";
import type { PaneLanguage } from "../texts";

/**
 * What the secretary section shows of a consolidation, as plain data (the pane turns it into
 * cards, charts and list items): one card per applicant — eligibility, the overall score and
 * each proposed dimension against its bar, the reasons, flags and preliminary criteria in words
 * — an overview of how many applicants pass each dimension, and the issues in the order a
 * secretary deals with them. Every sentence is the service's, in the pane's language; every
 * bar is the ruleset's (shared's dimensionBar), so the pane re-implements no rule.
 */
export interface ScoreMark {
  id: string;
  name: string;
  percent: number;
  bar: number;
  passed: boolean;
  /** The percent as a person writes it, to the bar's precision. */
  text: string;
}

export interface CriterionMark {
  name: string;
  /** true: met; false: not met; null: nobody answered. */
  holds: boolean | null;
}

export interface ApplicantCard {
  /** Position in the service's answer (the files' order): the default sort. */
  index: number;
  id: string | null;
  label: string;
  eligible: boolean;
  overall: { percent: number | null; bar: number; passed: boolean | null; text: string };
  scores: ScoreMark[];
  reasons: string[];
  flags: string[];
  preliminary: CriterionMark[];
  evaluators: string[];
}

export function applicantCards(
  response: ConsolidateResponse,
  rules: Rules,
  language: PaneLanguage
): ApplicantCard[] {
  const criteria = new Map(rules.preliminaryCriteria.map((c) => [c.id, c.name[language]]));
  return response.applicants.map((applicant, index) => {
    const bar = rules.overallMinPercent;
    const overall = applicant.overallPercent;
    return {
      index,
      id: applicant.id,
      label: applicantLabel(applicant),
      eligible: applicant.eligible,
      overall: {
        percent: overall,
        bar,
        passed: overall === null ? null : overall >= bar,
        text: overall === null ? "—" : formatPercent(overall, bar),
      },
      // In the ruleset's order, whatever order the files gave.
      scores: rules.dimensions.flatMap((dimension): ScoreMark[] => {
        const score = applicant.dimensions.find((candidate) => candidate.id === dimension.id);
        if (score === undefined) return [];
        const dimensionMin = dimensionBar(rules, dimension);
        return [
          {
            id: score.id,
            name: dimension.name[language],
            percent: score.percent,
            bar: dimensionMin,
            passed: score.percent >= dimensionMin,
            text: formatPercent(score.percent, dimensionMin),
          },
        ];
      }),
      reasons: applicant.reasons.map((reason) => reason.message[language]),
      flags: applicant.flags.map((flag) => flag.message[language]),
      preliminary: applicant.preliminary.map((answer) => ({
        name: criteria.get(answer.id) ?? answer.id,
        holds: answer.holds,
      })),
      evaluators: applicant.evaluators,
    };
  });
}

export interface DimensionOverview {
  id: string;
  name: string;
  bar: number;
  /** Applicants who proposed the dimension, and of them those at or above its bar. */
  proposed: number;
  passed: number;
}

/** Per dimension of the ruleset that anyone proposed: how many applicants pass its bar. */
export function dimensionOverview(
  cards: readonly ApplicantCard[],
  rules: Rules,
  language: PaneLanguage
): DimensionOverview[] {
  return rules.dimensions.flatMap((dimension): DimensionOverview[] => {
    const marks = cards.flatMap((card) => card.scores.filter((score) => score.id === dimension.id));
    if (marks.length === 0) return [];
    return [
      {
        id: dimension.id,
        name: dimension.name[language],
        bar: dimensionBar(rules, dimension),
        proposed: marks.length,
        passed: marks.filter((mark) => mark.passed).length,
      },
    ];
  });
}

export type ApplicantFilter = "all" | "eligible" | "notEligible" | "flagged";
export type ApplicantSort = "order" | "overallDesc" | "overallAsc" | "label";

/** The cards a filter keeps, in a sort's order (ties keep the files' order). */
export function arrangeCards(
  cards: readonly ApplicantCard[],
  filter: ApplicantFilter,
  sort: ApplicantSort
): ApplicantCard[] {
  const kept = cards.filter((card) =>
    filter === "eligible"
      ? card.eligible
      : filter === "notEligible"
        ? !card.eligible
        : filter === "flagged"
          ? card.flags.length > 0
          : true
  );
  const overall = (card: ApplicantCard) => card.overall.percent ?? -1;
  const compare: Record<ApplicantSort, (a: ApplicantCard, b: ApplicantCard) => number> = {
    order: (a, b) => a.index - b.index,
    overallDesc: (a, b) => overall(b) - overall(a) || a.index - b.index,
    overallAsc: (a, b) => overall(a) - overall(b) || a.index - b.index,
    label: (a, b) => a.label.localeCompare(b.label, "th") || a.index - b.index,
  };
  return kept.sort(compare[sort]);
}

/**
 * A consolidation that found nobody: every file failed (or none had an applicant row). It is an
 * error to show as one — there is nothing to download or write.
 */
export function foundNobody(
  response: ConsolidateResponse
): "allFilesFailed" | "noApplicants" | undefined {
  if (response.applicants.length > 0) return undefined;
  return response.files.length > 0 && response.files.every((file) => file.error)
    ? "allFilesFailed"
    : "noApplicants";
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
  // The applicants' flags, the ones to discuss first first over all applicants (a disagreement
  // on the last applicant comes before a duplicate evaluator on the first), so that a list cut
  // at its limit keeps them.
  const flags = response.applicants.flatMap((applicant) =>
    applicant.flags.map((flag) => ({ code: flag.code, applicant, flag }))
  );
  for (const { applicant, flag } of rankedFlags(flags)) {
    add("flag", () => `${applicantLabel(applicant)}: ${flag.message[language]}`);
  }
  for (const file of response.files) {
    for (const warning of file.warnings) add("warning", () => warning.message[language]);
  }
  return { items, more: total - items.length };
}

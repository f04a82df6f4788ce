import {
  APPLICANT_ID_HEADER,
  APPLICANT_NAME_HEADER,
  bilingualHeader,
  type ConsolidateResponse,
  dimensionBar,
  dimensionsBelowBar,
  ELIGIBILITY_TEXT,
  formatPercent,
  OVERALL_SOURCE_TEXT,
  type Rules,
  SUMMARY_HEADERS,
  workbookMessages,
} from "@smartcity/shared";
import type { Row, Worksheet } from "exceljs";
import {
  bilingualLines,
  type CellData,
  type Column,
  FONT,
  paint,
  restyle,
  type SheetPlan,
} from "./sheet-writer";

/**
 * Summary: the rules applied (ruleset, approval, requirements, counts, and the
 * bar of each score right above its column), then one row per applicant. Its
 * headers are ones the import reads (id, name, each dimension, the overall),
 * so the Summary can itself be consolidated again; the import skips the rows
 * above the header and the columns it computes (eligibility, flags, reasons).
 *
 * The overall appears once: the percent the eligibility rests on, with its
 * source (the subcommittee's, or the mean of the proposed dimensions) beside it.
 */
export const PASS = { fill: "FFDFF6DD", font: "FF107C10" };
export const FAIL = { fill: "FFFDE7E9", font: "FFA4262C" };
const BAR_COLOUR = "FF5B9BD5";

/** Two decimals, or as many as it takes not to show a failing value as its bar (79.999). */
export function percentFormat(value: number, bar: number): string {
  const shown = formatPercent(value, bar);
  const decimals = Math.max(2, shown.split(".")[1]?.length ?? 0);
  return `0.${"0".repeat(decimals)}`;
}

export function summaryPlan(
  response: ConsolidateResponse,
  rules: Rules,
  lines: { title: string; pageHeader: SheetPlan["pageHeader"] }
): SheetPlan {
  const { dimensions } = rules;
  const FIRST_DIMENSION = 7;
  const columns: Column[] = [
    { header: APPLICANT_ID_HEADER, width: 9 },
    { header: APPLICANT_NAME_HEADER, width: 17, wrap: true },
    { header: SUMMARY_HEADERS.evaluators, width: 11, align: "center" },
    { header: SUMMARY_HEADERS.eligible, width: 10, wrap: true, align: "center" },
    { header: SUMMARY_HEADERS.overall, width: 10, numFmt: "0.00" },
    { header: SUMMARY_HEADERS.overallSource, width: 12, wrap: true },
    ...dimensions.map((dimension) => ({
      header: `${bilingualHeader(dimension.name)} %`,
      width: 11,
      numFmt: "0.00",
    })),
    { header: SUMMARY_HEADERS.flags, width: 42, wrap: true },
    { header: SUMMARY_HEADERS.reasons, width: 42, wrap: true },
  ];
  const { version, approval, effectiveFrom } = response.ruleset;
  const eligible = response.applicants.filter((applicant) => applicant.eligible).length;
  const flagged = response.applicants.filter((applicant) => applicant.flags.length > 0).length;
  const requirements = workbookMessages.requirements(
    rules.minDimensions,
    dimensions.filter((dimension) => dimension.mandatory).map((dimension) => dimension.name),
    rules.preliminaryCriteria.length
  );
  const ruleset = workbookMessages.ruleset(
    version,
    effectiveFrom,
    approval.reference,
    approval.date
  );
  const counts = workbookMessages.counts(response.applicants.length, eligible, flagged);
  const barsLabel = workbookMessages.barsLabel();
  const bars: CellData[] = [
    null,
    null,
    null,
    workbookMessages.bar(rules.overallMinPercent),
    null,
    ...dimensions.map((dimension) => workbookMessages.bar(dimensionBar(rules, dimension))),
  ];

  const rows = response.applicants.map((applicant): CellData[] => {
    const percentOf = new Map(applicant.dimensions.map((score) => [score.id, score.percent]));
    const source = applicant.subcommitteeOverall
      ? OVERALL_SOURCE_TEXT.subcommittee
      : OVERALL_SOURCE_TEXT.computed;
    const verdict = applicant.eligible ? ELIGIBILITY_TEXT.eligible : ELIGIBILITY_TEXT.notEligible;
    return [
      applicant.id,
      applicant.name,
      applicant.evaluators.length,
      `${verdict.th} / ${verdict.en}`,
      applicant.overallPercent,
      applicant.overallPercent === null ? null : `${source.th} / ${source.en}`,
      ...dimensions.map((dimension) => percentOf.get(dimension.id) ?? null),
      bilingualLines(applicant.flags.map((flag) => flag.message)),
      bilingualLines(applicant.reasons.map((reason) => reason.message)),
    ];
  });

  return {
    name: "Summary",
    columns,
    above: [
      { text: lines.title, strong: true },
      { text: `${ruleset.th}\n${ruleset.en}` },
      { text: `${requirements.th}\n${requirements.en}` },
      { text: `${counts.th}\n${counts.en}` },
      { text: `${barsLabel.th} / ${barsLabel.en}`, cells: bars },
    ],
    rows,
    pageHeader: lines.pageHeader,
    format: (row: Row, index: number) => {
      const applicant = response.applicants[index];
      paint(row.getCell(4), applicant.eligible ? PASS : FAIL, true);
      const overall = row.getCell(5);
      if (typeof overall.value === "number") {
        const numFmt = percentFormat(overall.value, rules.overallMinPercent);
        if (numFmt !== "0.00") restyle(overall, numFmt, () => ({ numFmt }));
      }
      const below = dimensionsBelowBar(applicant.reasons);
      dimensions.forEach((dimension, offset) => {
        const cell = row.getCell(FIRST_DIMENSION + offset);
        if (typeof cell.value !== "number") return;
        const numFmt = percentFormat(cell.value, dimensionBar(rules, dimension));
        const failed = below.has(dimension.id);
        if (numFmt === "0.00" && !failed) return;
        restyle(cell, `${numFmt}:${failed}`, () => ({
          numFmt,
          ...(failed ? { font: { ...FONT, bold: true, color: { argb: FAIL.font } } } : {}),
        }));
      });
    },
    conditional: (sheet: Worksheet, first: number, last: number) => {
      const scoreColumns = [
        { column: 5, bar: rules.overallMinPercent },
        ...dimensions.map((dimension, offset) => ({
          column: FIRST_DIMENSION + offset,
          bar: dimensionBar(rules, dimension),
        })),
      ];
      for (const { column, bar } of scoreColumns) {
        const letter = String.fromCharCode(64 + column);
        addScoreFormats(sheet, `${letter}${first}:${letter}${last}`, bar);
      }
    },
  };
}

/**
 * A data bar from 0 to 100 (the downloaded workbook has no charts: exceljs writes
 * none, so the bars stand in), and red under the bar that applied. Conditional
 * rather than painted, so a score corrected by hand recolours itself.
 */
export function addScoreFormats(sheet: Worksheet, ref: string, bar: number): void {
  const topLeft = ref.split(":")[0];
  sheet.addConditionalFormatting({
    ref,
    rules: [
      {
        // Blank is "not proposed", not 0: only a number under the bar is red.
        type: "expression",
        formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}<${bar})`],
        priority: 1,
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: FAIL.fill } },
          font: { color: { argb: FAIL.font } },
        },
      },
      {
        type: "dataBar",
        priority: 2,
        cfvo: [
          { type: "num", value: 0 },
          { type: "num", value: 100 },
        ],
        color: { argb: BAR_COLOUR },
      } as never,
    ],
  });
}

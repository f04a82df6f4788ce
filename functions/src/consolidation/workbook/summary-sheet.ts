import {
  type Bars,
  APPLICANT_ID_HEADER,
  APPLICANT_NAME_HEADER,
  bilingualHeader,
  type ConsolidateResponse,
  type ConsolidatedApplicant,
  disputedTrackText,
  hasLaterStructure,
  type LocalizedText,
  OUTCOME_HEADER,
  REQUIREMENT_STATUS_TEXT,
  shortRubricItemHeader,
  rubricItems,
  TRACK_HEADER,
  dimensionBar,
  dimensionsBelowBar,
  ELIGIBILITY_TEXT,
  formatPercent,
  type Rules,
  SUMMARY_HEADERS,
  workbookMessages,
} from "@smartcity/shared";
import type { Row, Worksheet } from "exceljs";
import { MAX_UNITS_ONE_PAGE_WIDE } from "./page-setup";
import { addScoreFormatsByRow, BETWEEN, FAIL, PASS } from "./score-formats";
import {
  type CellData,
  type Column,
  FONT,
  issuesLink,
  paint,
  restyle,
  type SheetPlan,
} from "./sheet-writer";
import {
  FLAG_MARK,
  flagShortName,
  REASON_MARK,
  reasonShortName,
  shortLabel,
  summaryNote,
} from "./summary-labels";

/**
 * Summary: the rules applied (ruleset, approval, requirements, counts, and the
 * bar of each score right above its column), then one row per applicant. Its
 * headers are ones the import reads (id, name, each dimension, the overall),
 * so the Summary can itself be consolidated again; the import skips the rows
 * above the header and the columns it computes (eligibility, flags, reasons).
 *
 * The overall appears once: the percent the eligibility rests on, marked * when
 * it is the subcommittee's; the note above the header says once that the others
 * are the mean of the proposed dimensions. Flags and reasons are short labels
 * linking to the applicant's rows in Issues, which hold their sentences, so each
 * applicant is one short row and the sheet prints one page wide at 9 pt.
 */
/** The mark of an overall that is the subcommittee's (a number format: the cell stays a number). */
const SUBCOMMITTEE_MARK = '"*"';
/** The flags' and reasons' columns share what the other columns leave of a page, within these. */
const LABEL_WIDTH = { min: 14, max: 24 };

/** Two decimals, or as many as it takes not to show a failing value as its bar (79.999). */
export function percentFormat(value: number, bar: number): string {
  const shown = formatPercent(value, bar);
  const decimals = Math.max(2, shown.split(".")[1]?.length ?? 0);
  return `0.${"0".repeat(decimals)}`;
}

export function summaryPlan(
  response: ConsolidateResponse,
  rules: Rules,
  barsOf: (trackId?: string) => Bars,
  lines: { title: string; pageHeader: SheetPlan["pageHeader"] },
  /** Each applicant's first row in the Issues sheet (by the applicant's index), if it has one. */
  issuesRowOf: (index: number) => number | undefined = () => undefined
): SheetPlan {
  const { dimensions } = rules;
  // The later criteria's columns appear only under a ruleset with the constructs: the 2018 Summary is
  // unchanged. Column numbers below are 1-based, as exceljs counts them.
  const later = hasLaterStructure(rules);
  const tracks = rules.tracks !== undefined;
  const ELIGIBLE = tracks ? 5 : 4;
  const OUTCOME = later ? ELIGIBLE + 1 : undefined;
  const OVERALL = (OUTCOME ?? ELIGIBLE) + 1;
  const FIRST_DIMENSION = OVERALL + 1;
  const items = later ? rubricItems(rules) : [];
  const groups = later ? (rules.requirementGroups ?? []) : [];
  const FIRST_GROUP = FIRST_DIMENSION + dimensions.length + items.length;
  const columns: Column[] = [
    { header: APPLICANT_ID_HEADER, width: 7, rotate: true },
    { header: APPLICANT_NAME_HEADER, width: 12, wrap: true },
    { header: SUMMARY_HEADERS.evaluators, width: 4.5, align: "center", rotate: true },
    ...(tracks ? [{ header: TRACK_HEADER, width: 12, wrap: true }] : []),
    { header: SUMMARY_HEADERS.eligible, width: 11, wrap: true, align: "center" },
    ...(later ? [{ header: OUTCOME_HEADER, width: 14, wrap: true, align: "center" as const }] : []),
    { header: SUMMARY_HEADERS.overall, width: 7.5, numFmt: "0.00", rotate: true },
    ...dimensions.map((dimension) => ({
      header: `${bilingualHeader(dimension.name)} %`,
      width: 7,
      numFmt: "0.00",
      rotate: true,
    })),
    ...items.map(({ item }) => ({
      header: shortRubricItemHeader(item),
      width: 6,
      numFmt: "0.##",
      align: "right" as const,
      rotate: true,
    })),
    ...groups.map((group) => ({
      header: bilingualHeader(group.name),
      width: 10,
      wrap: true,
      align: "center" as const,
    })),
  ];
  // What the other columns leave of a page at 9 pt, shared by the flags and the reasons.
  const used = columns.reduce((sum, column) => sum + column.width, 0);
  const labelWidth = Math.min(
    LABEL_WIDTH.max,
    Math.max(LABEL_WIDTH.min, Math.floor((MAX_UNITS_ONE_PAGE_WIDE - used - 1) / 2))
  );
  columns.push(
    { header: SUMMARY_HEADERS.flags, width: labelWidth, wrap: true },
    { header: SUMMARY_HEADERS.reasons, width: labelWidth, wrap: true }
  );
  const { version, approval, effectiveFrom } = response.ruleset;
  const eligible = response.applicants.filter((applicant) => applicant.eligible).length;
  const flagged = response.applicants.filter((applicant) => applicant.flags.length > 0).length;
  const requirements = workbookMessages.requirements(
    rules.minDimensions,
    dimensions.filter((dimension) => dimension.mandatory).map((dimension) => dimension.name),
    rules.preliminaryCriteria.length,
    groups.map((group) => ({ name: group.name, items: group.items.length }))
  );
  const ruleset = workbookMessages.ruleset(
    version,
    effectiveFrom,
    approval.reference,
    approval.date
  );
  const counts = workbookMessages.counts(response.applicants.length, eligible, flagged);
  // The bars row shows the default track's bars; when another track has bars of its own, the
  // label says whose they are (each row is coloured by its own track's, below).
  const defaultBars = barsOf(undefined);
  const sameBars = (bars: Bars) =>
    bars.overallMinPercent === defaultBars.overallMinPercent &&
    dimensions.every(
      (dimension) =>
        bars.dimensionMinPercent.get(dimension.id) ===
        defaultBars.dimensionMinPercent.get(dimension.id)
    );
  const defaultTrack = rules.tracks?.find((track) => track.id === rules.defaultTrack);
  const barsLabel = workbookMessages.barsLabel();
  const trackBarsNote =
    defaultTrack !== undefined && !(rules.tracks ?? []).every((track) => sameBars(barsOf(track.id)))
      ? workbookMessages.trackBarsNote(defaultTrack.name)
      : undefined;
  // The bars row: its first cell is the label (column A), then one cell per column from B.
  const bars: CellData[] = new Array<CellData>(FIRST_DIMENSION - 2).fill(null);
  const note = summaryNote();
  bars[OVERALL - 2] = workbookMessages.bar(defaultBars.overallMinPercent);
  for (const dimension of dimensions)
    bars.push(
      workbookMessages.bar(
        defaultBars.dimensionMinPercent.get(dimension.id) ?? dimensionBar(rules, dimension)
      )
    );
  const bands = later ? outcomeBands(rules, response.applicants) : [];
  const outcomeCounts = later ? workbookMessages.outcomeCounts(bands) : undefined;

  // The bars each applicant was held to, as evaluate held it: the track its evaluators named;
  // else (nobody named one, or they disagreed) evaluate was given no track, so the default
  // track's, or the ruleset's own without one (consolidate.ts). The bars row shows those.
  const applicantBars = response.applicants.map((applicant) =>
    barsOf(applicant.track?.source === "evaluators" ? applicant.track.id : undefined)
  );
  const dimensionBarOf = (bars: Bars, dimension: Rules["dimensions"][number]) =>
    bars.dimensionMinPercent.get(dimension.id) ?? dimensionBar(rules, dimension);

  const rows = response.applicants.map((applicant, index): CellData[] => {
    const percentOf = new Map(applicant.dimensions.map((score) => [score.id, score.percent]));
    const issuesRow = issuesRowOf(index);
    const label = (text: { th: string; en: string } | null): CellData =>
      text === null ? null : issuesLink(`${text.th}\n${text.en}`, issuesRow);
    const verdict = applicant.eligible ? ELIGIBILITY_TEXT.eligible : ELIGIBILITY_TEXT.notEligible;
    const pointsOf = new Map(
      applicant.dimensions.flatMap((score) =>
        (score.items ?? []).map((item) => [`${score.id}.${item.id}`, item.points] as const)
      )
    );
    return [
      applicant.id,
      applicant.name,
      applicant.evaluators.length,
      ...(tracks ? [trackText(applicant)] : []),
      // Thai above English: "ไม่ผ่าน / Not eligible" on one line widened the column.
      `${verdict.th}\n${verdict.en}`,
      ...(later ? [applicant.outcome ? both(applicant.outcome.name) : null] : []),
      applicant.overallPercent,
      ...dimensions.map((dimension) => percentOf.get(dimension.id) ?? null),
      ...items.map(({ dimension, item }) => pointsOf.get(`${dimension.id}.${item.id}`) ?? null),
      ...groups.map((group) => {
        const status = applicant.requirements?.find((entry) => entry.id === group.id)?.status;
        return both(REQUIREMENT_STATUS_TEXT[status ?? "notInForce"]);
      }),
      label(
        shortLabel(
          FLAG_MARK,
          // Ranked by the consolidation, the ones to discuss first first: a cut label names them.
          applicant.flags.map((flag) => flagShortName(flag.code)),
          labelWidth
        )
      ),
      label(
        shortLabel(
          REASON_MARK,
          applicant.reasons.map((reason) => reasonShortName(reason.code)),
          labelWidth
        )
      ),
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
      ...(outcomeCounts ? [{ text: `${outcomeCounts.th}\n${outcomeCounts.en}` }] : []),
      ...(trackBarsNote ? [{ text: `${trackBarsNote.th}\n${trackBarsNote.en}` }] : []),
      { text: `${note.th}\n${note.en}` },
      { text: `${barsLabel.th} / ${barsLabel.en}`, cells: bars },
    ],
    rows,
    pageHeader: lines.pageHeader,
    format: (row: Row, index: number) => {
      const applicant = response.applicants[index];
      paint(row.getCell(ELIGIBLE), applicant.eligible ? PASS : FAIL, true);
      if (OUTCOME !== undefined) paint(row.getCell(OUTCOME), bandColours(applicant, bands), true);
      groups.forEach((group, offset) => {
        const status = applicant.requirements?.find((entry) => entry.id === group.id)?.status;
        if (status === "met" || status === "notMet")
          paint(row.getCell(FIRST_GROUP + offset), status === "met" ? PASS : FAIL);
      });
      const overall = row.getCell(OVERALL);
      if (typeof overall.value === "number") {
        const decimals = percentFormat(overall.value, applicantBars[index].overallMinPercent);
        const numFmt = applicant.subcommitteeOverall ? decimals + SUBCOMMITTEE_MARK : decimals;
        if (numFmt !== "0.00") restyle(overall, numFmt, () => ({ numFmt }));
      }
      const below = dimensionsBelowBar(applicant.reasons);
      dimensions.forEach((dimension, offset) => {
        const cell = row.getCell(FIRST_DIMENSION + offset);
        if (typeof cell.value !== "number") return;
        const numFmt = percentFormat(cell.value, dimensionBarOf(applicantBars[index], dimension));
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
        { column: OVERALL, bar: (bars: Bars) => bars.overallMinPercent },
        ...dimensions.map((dimension, offset) => ({
          column: FIRST_DIMENSION + offset,
          bar: (bars: Bars) => dimensionBarOf(bars, dimension),
        })),
      ];
      for (const { column, bar } of scoreColumns)
        addScoreFormatsByRow(sheet, column, first, last, applicantBars.map(bar), bar(defaultBars));
    },
  };
}

function both(text: LocalizedText): string {
  return `${text.th} / ${text.en}`;
}

function trackText(applicant: ConsolidatedApplicant): string | null {
  const track = applicant.track;
  if (track === undefined) return null;
  return both(track.source === "disputed" ? disputedTrackText(track.name) : track.name);
}

interface BandCount {
  id: string;
  name: LocalizedText;
  count: number;
}

/** The ruleset's bands (or the implicit two) with how many applicants fell in each. */
function outcomeBands(rules: Rules, applicants: readonly ConsolidatedApplicant[]): BandCount[] {
  const bands: BandCount[] = (
    rules.outcomes ?? [
      { id: "eligible", name: ELIGIBILITY_TEXT.eligible },
      { id: "notEligible", name: ELIGIBILITY_TEXT.notEligible },
    ]
  ).map((band) => ({ id: band.id, name: band.name, count: 0 }));
  for (const applicant of applicants) {
    const band = bands.find((entry) => entry.id === applicant.outcome?.id);
    if (band !== undefined) band.count++;
  }
  return bands;
}

/** Green for the first band, red for the last, amber between. */
function bandColours(
  applicant: ConsolidatedApplicant,
  bands: readonly BandCount[]
): { fill: string; font: string } {
  if (applicant.eligible) return PASS;
  return applicant.outcome?.id === bands[bands.length - 1]?.id ? FAIL : BETWEEN;
}

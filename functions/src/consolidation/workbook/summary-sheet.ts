import {
  type Bars,
  APPLICANT_ID_HEADER,
  APPLICANT_NAME_HEADER,
  bilingualHeader,
  columnLetter,
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
/** An outcome band between approval and the last one ("approved in principle"). */
export const BETWEEN = { fill: "FFFFF4CE", font: "FF8A5300" };
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
  barsOf: (trackId?: string) => Bars,
  lines: { title: string; pageHeader: SheetPlan["pageHeader"] }
): SheetPlan {
  const { dimensions } = rules;
  // The later criteria's columns appear only under a ruleset with the constructs: the 2018 Summary is
  // unchanged. Column numbers below are 1-based, as exceljs counts them.
  const later = hasLaterStructure(rules);
  const tracks = rules.tracks !== undefined;
  const ELIGIBLE = tracks ? 5 : 4;
  const OUTCOME = later ? ELIGIBLE + 1 : undefined;
  const OVERALL = (OUTCOME ?? ELIGIBLE) + 1;
  const FIRST_DIMENSION = OVERALL + 2;
  const items = later ? rubricItems(rules) : [];
  const groups = later ? (rules.requirementGroups ?? []) : [];
  const FIRST_GROUP = FIRST_DIMENSION + dimensions.length + items.length;
  const columns: Column[] = [
    { header: APPLICANT_ID_HEADER, width: 9 },
    { header: APPLICANT_NAME_HEADER, width: 17, wrap: true },
    { header: SUMMARY_HEADERS.evaluators, width: 11, align: "center" },
    ...(tracks ? [{ header: TRACK_HEADER, width: 12, wrap: true }] : []),
    { header: SUMMARY_HEADERS.eligible, width: 10, wrap: true, align: "center" },
    ...(later ? [{ header: OUTCOME_HEADER, width: 16, wrap: true, align: "center" as const }] : []),
    { header: SUMMARY_HEADERS.overall, width: 10, numFmt: "0.00" },
    { header: SUMMARY_HEADERS.overallSource, width: 12, wrap: true },
    ...dimensions.map((dimension) => ({
      header: `${bilingualHeader(dimension.name)} %`,
      width: 11,
      numFmt: "0.00",
    })),
    ...items.map(({ item }) => ({
      header: shortRubricItemHeader(item),
      width: 11,
      numFmt: "0.##",
      align: "right" as const,
    })),
    ...groups.map((group) => ({
      header: bilingualHeader(group.name),
      width: 12,
      wrap: true,
      align: "center" as const,
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

  const rows = response.applicants.map((applicant): CellData[] => {
    const percentOf = new Map(applicant.dimensions.map((score) => [score.id, score.percent]));
    const source = applicant.subcommitteeOverall
      ? OVERALL_SOURCE_TEXT.subcommittee
      : OVERALL_SOURCE_TEXT.computed;
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
      `${verdict.th} / ${verdict.en}`,
      ...(later ? [applicant.outcome ? both(applicant.outcome.name) : null] : []),
      applicant.overallPercent,
      applicant.overallPercent === null ? null : `${source.th} / ${source.en}`,
      ...dimensions.map((dimension) => percentOf.get(dimension.id) ?? null),
      ...items.map(({ dimension, item }) => pointsOf.get(`${dimension.id}.${item.id}`) ?? null),
      ...groups.map((group) => {
        const status = applicant.requirements?.find((entry) => entry.id === group.id)?.status;
        return both(REQUIREMENT_STATUS_TEXT[status ?? "notInForce"]);
      }),
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
      ...(outcomeCounts ? [{ text: `${outcomeCounts.th}\n${outcomeCounts.en}` }] : []),
      ...(trackBarsNote ? [{ text: `${trackBarsNote.th}\n${trackBarsNote.en}` }] : []),
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
        const numFmt = percentFormat(overall.value, applicantBars[index].overallMinPercent);
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

/**
 * Score formats down one column of the data rows from `first`, row i (0-based) against
 * `bars[i]`, the bar that applied to it; with no rows (`bars` empty), the range `first`..`last`
 * against `fallback`, so a sheet without applicants still carries its formats. One rule per
 * distinct bar, over every run of rows that have it (a multi-area range; the rule's formula is
 * relative to its first cell, as Excel reads it), so a ruleset's worth of tracks is a few rules
 * per column however the rows interleave.
 */
export function addScoreFormatsByRow(
  sheet: Worksheet,
  column: number,
  first: number,
  last: number,
  bars: readonly number[],
  fallback: number
): void {
  const letter = columnLetter(column - 1);
  if (bars.length === 0) {
    addScoreFormats(sheet, `${letter}${first}:${letter}${last}`, fallback);
    return;
  }
  const runs = new Map<number, string[]>();
  let start = 0;
  for (let i = 0; i < bars.length; i++) {
    if (i + 1 < bars.length && bars[i + 1] === bars[start]) continue;
    const list = runs.get(bars[start]) ?? [];
    list.push(`${letter}${first + start}:${letter}${first + i}`);
    runs.set(bars[start], list);
    start = i + 1;
  }
  for (const [bar, ranges] of runs) addScoreFormats(sheet, ranges.join(" "), bar);
}

/**
 * A data bar from 0 to 100 (the downloaded workbook has no charts: exceljs writes
 * none, so the bars stand in), and red under the bar that applied. Conditional
 * rather than painted, so a score corrected by hand recolours itself. `ref` may list several
 * ranges (space-separated); the formula is written for the first one's top-left cell.
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

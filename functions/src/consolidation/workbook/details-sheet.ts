import {
  ANSWER_TEXT,
  APPLICANT_ID_HEADER,
  APPLICANT_NAME_HEADER,
  bilingualHeader,
  COUNTED_TEXT,
  CONFLICT_HEADER,
  requirementItems,
  percentFromPoints,
  shortRubricItemHeader,
  rubricItems,
  TRACK_HEADER,
  DETAILS_HEADERS,
  dimensionBar,
  type EvaluatorEntry,
  type Bars,
  type Rules,
  SUBCOMMITTEE_OVERALL_HEADER,
} from "@smartcity/shared";
import type { Row, Worksheet } from "exceljs";
import { type CellData, type Column, FONT, restyle, type SheetPlan } from "./sheet-writer";
import { addScoreFormatsByRow, FAIL } from "./score-formats";

/**
 * Details: one row per evaluator's entry (an applicant's row in an evaluator's
 * sheet), every value as the evaluator gave it, whether it counted, and where
 * it came from (file, sheet, row, each value's own cell: "environment H7").
 * Laid out like an evaluation sheet, so the import reads it back as the
 * evaluators' scores; answers are written "ใช่ / Yes", which it reads.
 *
 * A row whose evaluator declared a conflict of interest for the applicant is kept, saying so,
 * with none of its values (they must show nowhere the committee reads) and only the cell of the
 * declaration. When any row answers the declaration, a column gives it, so the sheet read back
 * keeps those rows out again; without one the sheet is as before.
 */
export function detailsPlan(
  rules: Rules,
  barsOf: (trackId?: string) => Bars,
  entries: readonly EvaluatorEntry[],
  left: { superseded: ReadonlySet<EvaluatorEntry>; conflicted: ReadonlySet<EvaluatorEntry> },
  pageHeader: SheetPlan["pageHeader"],
  title: string
): SheetPlan {
  const { superseded, conflicted } = left;
  const { dimensions, preliminaryCriteria } = rules;
  // The later criteria's columns (track, rubric points, requirement items) only when the ruleset has them.
  const tracks = rules.tracks !== undefined;
  const FIRST_DIMENSION = tracks ? 6 : 5;
  // A column no entry fills (a dimension nobody proposed, criteria nobody answered) stays in
  // the sheet, which the import reads back, but is hidden: printed, it was a page of blanks.
  const filled = filledColumns(entries.filter((entry) => !conflicted.has(entry)));
  const declarations = entries.some((entry) => entry.conflict !== undefined);
  const columns: Column[] = [
    { header: APPLICANT_ID_HEADER, width: 7, rotate: true },
    { header: APPLICANT_NAME_HEADER, width: 14, wrap: true },
    { header: DETAILS_HEADERS.evaluator, width: 11, wrap: true },
    { header: DETAILS_HEADERS.counted, width: 10, wrap: true, align: "center" },
    ...(tracks
      ? [{ header: TRACK_HEADER, width: 12, wrap: true, hidden: !filled.has("track") }]
      : []),
    ...dimensions.map((dimension) => ({
      header: bilingualHeader(dimension.name),
      width: 7,
      numFmt: "0.00",
      rotate: true,
      hidden: !filled.has(dimension.id),
    })),
    {
      header: SUBCOMMITTEE_OVERALL_HEADER,
      width: 7,
      numFmt: "0.00",
      rotate: true,
      hidden: !filled.has("overall"),
    },
    ...rubricItems(rules).map(({ dimension, item }) => ({
      header: shortRubricItemHeader(item),
      width: 6,
      numFmt: "0.##",
      align: "right" as const,
      rotate: true,
      hidden: !filled.has(`${dimension.id}.${item.id}`),
    })),
    ...preliminaryCriteria.map((criterion) => ({
      header: bilingualHeader(criterion.name),
      width: 7,
      wrap: true,
      align: "center" as const,
      rotate: true,
      hidden: !filled.has(criterion.id),
    })),
    ...requirementItems(rules).map(({ group, item }) => ({
      header: bilingualHeader(item.name),
      width: 7,
      wrap: true,
      align: "center" as const,
      rotate: true,
      hidden: !filled.has(`${group.id}.${item.id}`),
    })),
    ...(declarations
      ? [{ header: CONFLICT_HEADER, width: 7, wrap: true, align: "center" as const, rotate: true }]
      : []),
    { header: DETAILS_HEADERS.file, width: 12, wrap: true },
    { header: DETAILS_HEADERS.sheet, width: 10.5, wrap: true },
    { header: DETAILS_HEADERS.row, width: 4.5, align: "center", rotate: true },
    // The widest: when the sheet is wider than a page it prints on the page across, beside the
    // repeated applicant, as a few long lines rather than many short ones.
    { header: DETAILS_HEADERS.cells, width: 70, wrap: true },
  ];
  const counted = (entry: EvaluatorEntry) =>
    conflicted.has(entry)
      ? COUNTED_TEXT.conflicted
      : superseded.has(entry)
        ? COUNTED_TEXT.superseded
        : COUNTED_TEXT.counted;
  return {
    name: "Details",
    columns,
    above: [{ text: title, strong: true }],
    rows: detailRows(
      rules,
      entries,
      (entry) => {
        const text = counted(entry);
        return `${text.th} / ${text.en}`;
      },
      { conflicted, declarations }
    ),
    pageHeader,
    format: (row: Row, index: number) => {
      if (superseded.has(entries[index]) || conflicted.has(entries[index]))
        restyle(row.getCell(4), "superseded", () => ({
          font: { ...FONT, italic: true, color: { argb: FAIL.font } },
        }));
    },
    conditional: (sheet: Worksheet, first: number, last: number) => {
      // Each evaluator's row against the bars of the track that evaluator named.
      const rowBars = entries.map((entry) => barsOf(entry.track?.value));
      const barOf = (bars: Bars, dimension: Rules["dimensions"][number]) =>
        bars.dimensionMinPercent.get(dimension.id) ?? dimensionBar(rules, dimension);
      dimensions.forEach((dimension, offset) => {
        addScoreFormatsByRow(
          sheet,
          FIRST_DIMENSION + offset,
          first,
          last,
          rowBars.map((bars) => barOf(bars, dimension)),
          barOf(barsOf(undefined), dimension)
        );
      });
    },
  };
}

/** The keys of the values some entry gives: dimension, criterion, `group.item`, `dimension.item`, overall, track. */
function filledColumns(entries: readonly EvaluatorEntry[]): Set<string> {
  const filled = new Set<string>();
  for (const entry of entries) {
    if (entry.track !== undefined) filled.add("track");
    if (entry.overall !== undefined) filled.add("overall");
    for (const id of Object.keys(entry.scores)) filled.add(id);
    for (const id of Object.keys(entry.answers)) filled.add(id);
    for (const [owner, items] of Object.entries(entry.points ?? {})) {
      filled.add(owner); // a dimension scored by points shows the percent they give
      for (const id of Object.keys(items)) filled.add(`${owner}.${id}`);
    }
    for (const [group, items] of Object.entries(entry.requirements ?? {}))
      for (const id of Object.keys(items)) filled.add(`${group}.${id}`);
  }
  return filled;
}

function* detailRows(
  rules: Rules,
  entries: readonly EvaluatorEntry[],
  counted: (entry: EvaluatorEntry) => string,
  conflicts: { conflicted: ReadonlySet<EvaluatorEntry>; declarations: boolean }
): Generator<CellData[]> {
  const yes = `${ANSWER_TEXT.yes.th} / ${ANSWER_TEXT.yes.en}`;
  const no = `${ANSWER_TEXT.no.th} / ${ANSWER_TEXT.no.en}`;
  const trackNames = new Map((rules.tracks ?? []).map((track) => [track.id, track.name]));
  // The declaration as given; one that could not be read stays unreadable when read back.
  const declaration = (entry: EvaluatorEntry): CellData[] => {
    if (!conflicts.declarations) return [];
    const value = entry.conflict?.value;
    return [value === undefined ? null : value === null ? UNREAD : value ? yes : no];
  };
  for (const entry of entries) {
    if (conflicts.conflicted.has(entry)) {
      yield conflictedRow(rules, entry, counted(entry), declaration(entry));
      continue;
    }
    const cells: string[] = [];
    const track: CellData[] = [];
    if (rules.tracks !== undefined) {
      const name = entry.track === undefined ? undefined : trackNames.get(entry.track.value);
      if (entry.track !== undefined) cells.push(`track ${entry.track.cell}`);
      track.push(name === undefined ? null : `${name.th} / ${name.en}`);
    }
    const scores = rules.dimensions.map((dimension) => {
      // A dimension scored by points shows the percent its points give (the import set the
      // sheet's own percent cell aside once it matched them).
      const points = entry.points?.[dimension.id];
      if (points !== undefined && dimension.items !== undefined)
        return percentFromPoints(points, dimension.items);
      const score = entry.scores[dimension.id];
      if (score !== undefined) cells.push(`${dimension.id} ${score.cell}`);
      return score?.value ?? null;
    });
    if (entry.overall) cells.push(`overall ${entry.overall.cell}`);
    const points = rubricItems(rules).map(({ dimension, item }) => {
      const given = entry.points?.[dimension.id]?.[item.id];
      if (given !== undefined) cells.push(`${dimension.id}.${item.id} ${given.cell}`);
      return given?.value ?? null;
    });
    const answers = rules.preliminaryCriteria.map((criterion) => {
      const answer = entry.answers[criterion.id];
      if (answer === undefined) return null;
      cells.push(`${criterion.id} ${answer.cell}`);
      return answer.value ? yes : no;
    });
    const requirements = requirementItems(rules).map(({ group, item }) => {
      const answer = entry.requirements?.[group.id]?.[item.id];
      if (answer === undefined) return null;
      cells.push(`${group.id}.${item.id} ${answer.cell}`);
      return answer.value ? yes : no;
    });
    yield [
      entry.applicantId,
      entry.applicantName,
      entry.evaluator,
      counted(entry),
      ...track,
      ...scores,
      entry.overall?.value ?? null,
      ...points,
      ...answers,
      ...requirements,
      ...declaration(entry),
      entry.file,
      entry.sheet,
      entry.row,
      cells.join(", "),
    ];
  }
}

const UNREAD = "อ่านไม่ได้ / Unreadable";

/** A conflicted evaluator's row: who, that it did not count, the declaration and where, no value. */
function conflictedRow(
  rules: Rules,
  entry: EvaluatorEntry,
  counted: string,
  declaration: CellData[]
): CellData[] {
  const blanks = (count: number): CellData[] => Array<CellData>(count).fill(null);
  return [
    entry.applicantId,
    entry.applicantName,
    entry.evaluator,
    counted,
    ...blanks(rules.tracks !== undefined ? 1 : 0),
    ...blanks(rules.dimensions.length + 1 + rubricItems(rules).length),
    ...blanks(rules.preliminaryCriteria.length + requirementItems(rules).length),
    ...declaration,
    entry.file,
    entry.sheet,
    entry.row,
    entry.conflict !== undefined ? `conflict ${entry.conflict.cell}` : "",
  ];
}

import { columnLetter, type LocalizedText } from "@smartcity/shared";
import type { Cell, Row, stream, Style, Worksheet } from "exceljs";
import {
  headerLines,
  languageParts,
  narrowestHeaderWidth,
  rotatedHeaderLength,
} from "./header-layout";
import { pageSetup } from "./page-setup";
import { hasThai, POINTS_PER_UNIT, unitsOf } from "./text-measure";

/**
 * One sheet of the consolidated workbook, as a committee secretary prints it:
 * A4 landscape (one page wide when that keeps the text at 9 pt or more:
 * page-setup.ts), the header row repeated on every page, and a header and
 * footer naming the ruleset, the approval and the date (Thai and English) with
 * "page x of y". Headers break between words (header-layout.ts). Rows get
 * heights from their wrapped text, since neither Excel nor LibreOffice refits a
 * row written with text that wraps.
 */
export type WorkbookWriter = InstanceType<typeof stream.xlsx.WorkbookWriter>;
/** A link's text with the formula that makes it one (see issuesLink). */
export interface LinkCell {
  formula: string;
  result: string;
}
export type CellData = string | number | boolean | null | LinkCell;

/**
 * A text that links to a row of the Issues sheet: a HYPERLINK formula, since exceljs's streaming
 * writer writes every hyperlink as an external address, which a link within the workbook is not.
 * Its text is the service's own words (never an applicant's), its line breaks CHAR(10).
 */
export function issuesLink(text: string, row: number | undefined): CellData {
  if (row === undefined) return text;
  const literal = text
    .split("\n")
    .map((line) => `"${line.replace(/"/g, '""')}"`)
    .join("&CHAR(10)&");
  return { formula: `HYPERLINK("#'Issues'!A${row}",${literal})`, result: text };
}

function textOf(value: CellData | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? value.result : String(value);
}

export interface Column {
  header: string;
  /** In characters of the default font. */
  width: number;
  /** Texts that wrap (names, flags, reasons, messages); other cells stay on one line. */
  wrap?: boolean;
  /** A number format, e.g. "0.00" for percents. */
  numFmt?: string;
  align?: "left" | "center" | "right";
  /**
   * The header printed upwards, its Thai on one line and its English on the next: a narrow
   * column of numbers (or answers) under a long name, which across would widen it to the
   * name's longest word ("Environment") and push the sheet past one page at 9 pt.
   */
  rotate?: boolean;
  /** Kept in the sheet (the import reads it back) but not shown or printed: a column no row fills. */
  hidden?: boolean;
}

export interface SheetPlan {
  name: string;
  columns: readonly Column[];
  /** Rows above the header: each a text across the whole width (bold when `strong`). */
  above: ReadonlyArray<{ text: string; strong?: boolean; cells?: ReadonlyArray<CellData> }>;
  rows: Iterable<CellData[]>;
  /** Printed at the top of each page (left) and beside it (right). */
  pageHeader: { left: LocalizedText; right: LocalizedText };
  /** Styles a data row after its values are set (0-based index among the data rows). */
  format?: (row: Row, index: number) => void;
  /** Conditional formats, given the data's first and last row numbers (1-based). */
  conditional?: (sheet: Worksheet, firstRow: number, lastRow: number) => void;
}

export const FONT = { name: "Tahoma", size: 10 };
const LINE_POINTS = 13;
const PAD_POINTS = 6;
const HEADER_FILL = "FF1F4E79";
/** A rotated header's two lines (Thai, English), side by side across its column. */
const ROTATED_LINES_UNITS = 4.5;

export function writeSheet(workbook: WorkbookWriter, plan: SheetPlan): void {
  const columns = plan.columns.map((column) => ({
    ...column,
    width: column.rotate
      ? Math.max(column.width, ROTATED_LINES_UNITS)
      : Math.max(column.width, narrowestHeaderWidth(column.header)),
  }));
  const headerRow = plan.above.length + 1;
  const lastColumn = columnLetter(columns.length - 1);
  const shown = columns.filter((column) => !column.hidden);
  const totalWidth = shown.reduce((sum, column) => sum + column.width, 0);
  const sheet: Worksheet = workbook.addWorksheet(plan.name, {
    views: [{ state: "frozen", ySplit: headerRow, xSplit: 0 }],
    pageSetup: pageSetup(totalWidth, headerRow, "A:B"),
    headerFooter: {
      oddHeader: `&L&8${escape(plan.pageHeader.left.th)}\n${escape(plan.pageHeader.left.en)}&R&8${escape(plan.pageHeader.right.th)}\n${escape(plan.pageHeader.right.en)}`,
      oddFooter: `&L&8&A&R&8หน้า &P จาก &N / Page &P of &N`,
    },
  });
  sheet.autoFilter = `A${headerRow}:${lastColumn}${headerRow}`;
  sheet.columns = columns.map((column) => ({ width: column.width, hidden: column.hidden }));

  plan.above.forEach((line, index) => {
    const row = sheet.addRow(line.cells ? [line.text, ...line.cells] : [line.text]);
    row.font = { ...FONT, bold: line.strong ?? false, size: line.strong ? 12 : FONT.size };
    row.alignment = { vertical: "top", wrapText: line.cells === undefined };
    if (line.cells === undefined) {
      sheet.mergeCells(index + 1, 1, index + 1, columns.length);
      row.height = heightOf([[line.text, totalWidth]], {
        scale: line.strong ? 1.2 : 1,
        bold: line.strong,
      });
    } else {
      line.cells.forEach((_, offset) => {
        row.getCell(offset + 2).alignment = { horizontal: "center", vertical: "top" };
      });
    }
    row.commit();
  });

  // The header's lines are chosen here and written as line breaks, so both programs wrap where
  // the words end; the import reads a header whose lines are joined again.
  const header = sheet.addRow(
    columns.map((column) =>
      (column.rotate
        ? languageParts(column.header)
        : headerLines(column.header, column.width)
      ).join("\n")
    )
  );
  header.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  columns.forEach((column, offset) => {
    if (column.rotate)
      header.getCell(offset + 1).alignment = {
        wrapText: true,
        vertical: "bottom",
        horizontal: "center",
        textRotation: 90,
      };
  });
  const across = Math.max(
    1,
    ...shown.filter((column) => !column.rotate).map((c) => headerLines(c.header, c.width).length)
  );
  const upwards = Math.max(
    0,
    ...shown.filter((c) => c.rotate).map((c) => rotatedHeaderLength(c.header))
  );
  header.height = Math.min(
    MAX_ROW_POINTS,
    Math.max(across * LINE_POINTS + PAD_POINTS, Math.ceil(upwards * POINTS_PER_UNIT + PAD_POINTS))
  );
  header.commit();

  // One style object per column (and per variant, see restyle), shared by its cells: exceljs
  // turns each distinct style object into XML to find its id, which per cell cost seconds.
  const columnStyles = columns.map((column) => ({
    text: { font: FONT, alignment: alignmentOf(column) } as Partial<Style>,
    number: { font: FONT, alignment: alignmentOf(column), numFmt: column.numFmt } as Partial<Style>,
  }));
  let index = 0;
  for (const values of plan.rows) {
    const row = sheet.addRow(values);
    columns.forEach((column, offset) => {
      const cell = row.getCell(offset + 1);
      const styles = columnStyles[offset];
      cell.style = column.numFmt && typeof cell.value === "number" ? styles.number : styles.text;
    });
    plan.format?.(row, index);
    row.height = heightOf(
      values.map((value, offset) => [
        columns[offset].wrap ? textOf(value) : "",
        columns[offset].width,
      ])
    );
    row.commit();
    index++;
  }
  plan.conditional?.(sheet, headerRow + 1, headerRow + Math.max(index, 1));
  sheet.commit();
}

function alignmentOf(column: Column): Partial<Style["alignment"]> {
  return { vertical: "top", wrapText: column.wrap ?? false, horizontal: column.align };
}

const variants = new WeakMap<object, Map<string, Partial<Style>>>();

/**
 * Gives a data cell a variant of its column's style (`key` names the variant), made once and
 * shared by every cell that gets it. Never set a cell's style properties (`cell.font = …`)
 * after writeSheet styled it: the style object is its column's.
 */
export function restyle(cell: Cell, key: string, patch: () => Partial<Style>): void {
  const base = cell.style;
  let known = variants.get(base);
  if (known === undefined) {
    known = new Map();
    variants.set(base, known);
  }
  let style = known.get(key);
  if (style === undefined) {
    style = { ...base, ...patch() };
    known.set(key, style);
  }
  cell.style = style;
}

export function paint(cell: Cell, colours: { fill: string; font: string }, bold = false): void {
  restyle(cell, `paint:${colours.fill}:${colours.font}:${bold}`, () => ({
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: colours.fill } },
    font: { ...FONT, bold, color: { argb: colours.font } },
  }));
}

/**
 * The height (points) of a row whose cells hold these texts in columns this
 * wide (text-measure.ts). A word that does
 * not fit moves to the next line whole; a Thai run (Thai has no spaces between
 * words) breaks at a word boundary the program finds, so a line of it holds
 * about 85% of the room.
 */
function heightOf(
  cells: ReadonlyArray<readonly [string, number]>,
  { scale = 1, bold = false }: { scale?: number; bold?: boolean } = {}
): number {
  let lines = 1;
  for (const [text, width] of cells) lines = Math.max(lines, linesOf(text, width, bold));
  return Math.min(MAX_ROW_POINTS, Math.ceil((lines * LINE_POINTS * scale + PAD_POINTS) * 2) / 2);
}

/**
 * Excel's tallest row (409 points, "Excel specifications and limits"): a taller one makes Excel
 * offer to repair the file. An evaluator's paragraph-long name gets a row this tall, cut there.
 */
const MAX_ROW_POINTS = 409;

function linesOf(text: string, width: number, bold: boolean): number {
  if (text === "") return 1;
  const room = Math.max(1, width - 0.8);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(/(?<=[\s/])/)) {
      const size = unitsOf(word, bold);
      if (used > 0 && used + size > room) {
        count++;
        used = 0;
      }
      if (size > room) {
        const perLine = hasThai(word) ? room * 0.85 : room;
        count += Math.ceil(size / perLine) - 1;
        used = size % perLine;
      } else used += size;
    }
    lines += count;
  }
  return lines;
}

/** `&` starts a code in Excel's header and footer text; a literal one is `&&`. */
function escape(text: string): string {
  return text.replace(/&/g, "&&");
}

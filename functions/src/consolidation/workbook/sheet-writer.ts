import { columnLetter, type LocalizedText } from "@smartcity/shared";
import type { Cell, Row, stream, Style, Worksheet } from "exceljs";

/**
 * One sheet of the consolidated workbook, as a committee secretary prints it:
 * A4 landscape, one page wide, the header row repeated on every page, and a
 * header and footer naming the ruleset, the approval and the date (Thai and
 * English) with "page x of y". Rows get heights from their wrapped text, since
 * neither Excel nor LibreOffice refits a row written with text that wraps.
 */
export type WorkbookWriter = InstanceType<typeof stream.xlsx.WorkbookWriter>;
export type CellData = string | number | boolean | null;

export interface Column {
  header: string;
  /** In characters of the default font. */
  width: number;
  /** Texts that wrap (names, flags, reasons, messages); other cells stay on one line. */
  wrap?: boolean;
  /** A number format, e.g. "0.00" for percents. */
  numFmt?: string;
  align?: "left" | "center" | "right";
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

export function writeSheet(workbook: WorkbookWriter, plan: SheetPlan): void {
  const { columns } = plan;
  const headerRow = plan.above.length + 1;
  const lastColumn = columnLetter(columns.length - 1);
  const sheet: Worksheet = workbook.addWorksheet(plan.name, {
    views: [{ state: "frozen", ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as the rows need
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L&8${escape(plan.pageHeader.left.th)}\n${escape(plan.pageHeader.left.en)}&R&8${escape(plan.pageHeader.right.th)}\n${escape(plan.pageHeader.right.en)}`,
      oddFooter: `&L&8&A&R&8หน้า &P จาก &N / Page &P of &N`,
    },
  });
  sheet.autoFilter = `A${headerRow}:${lastColumn}${headerRow}`;
  sheet.columns = columns.map((column) => ({ width: column.width }));
  const totalWidth = columns.reduce((sum, column) => sum + column.width, 0);

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

  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  header.height = heightOf(
    columns.map((column) => [column.header, column.width]),
    { bold: true }
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
        columns[offset].wrap ? String(value ?? "") : "",
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

/** `th` above `en` in one cell, for texts read in both languages. */
export function bilingualLines(texts: readonly LocalizedText[]): string {
  if (texts.length === 1) return `${texts[0].th}\n${texts[0].en}`;
  return texts.map((text) => `• ${text.th}\n  ${text.en}`).join("\n");
}

/**
 * The height (points) of a row whose cells hold these texts in columns this
 * wide. Widths are measured as LibreOffice prints Tahoma 10 (a column's width
 * unit is the default font's "0"): about 1.25 Latin characters per unit and
 * 1.55 Thai ones, whose vowels and tone marks above or below a consonant take
 * no width of their own (Unicode marks); bold is about 15% wider. A word that does
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
  return Math.ceil((lines * LINE_POINTS * scale + PAD_POINTS) * 2) / 2;
}

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

function unitsOf(text: string, bold: boolean): number {
  let latin = 0;
  let thai = 0;
  // A loop over char codes rather than a regex per character: this runs for every wrapped
  // cell of a Details sheet of 10,000 rows.
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x0e00 || code > 0x0e7f) {
      if (code < 0x0300 || code > 0x036f) latin++; // combining diacritics take no width
    } else if (!isThaiMark(code)) thai++;
  }
  const units = latin / 1.25 + thai / 1.55;
  return bold ? units * 1.15 : units;
}

function hasThai(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x0e00 && code <= 0x0e7f) return true;
  }
  return false;
}

/** Thai vowels and tone marks written above or below a consonant (Unicode category Mn). */
function isThaiMark(code: number): boolean {
  return (
    code === 0x0e31 || (code >= 0x0e34 && code <= 0x0e3a) || (code >= 0x0e47 && code <= 0x0e4e)
  );
}

/** `&` starts a code in Excel's header and footer text; a literal one is `&&`. */
function escape(text: string): string {
  return text.replace(/&/g, "&&");
}

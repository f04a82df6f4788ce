import {
  type CellSnapshot,
  type CellValue,
  cellAddress,
  fileErrorMessages,
  isPercentFormat,
  MAX_CELLS_PER_WORKBOOK,
  MAX_MERGED_RANGES_PER_WORKBOOK,
  MAX_ROWS_PER_SHEET,
  type SheetSnapshot,
} from "@smartcity/shared";
import type { XmlProblem } from "./workbook-xml-limits";
import { type CellObject, read, SSF, utils, type WorkSheet } from "@e965/xlsx";

/** The formats read with SheetJS; an .xlsx is read with exceljs (read-workbook.ts). */
export type SheetJsFormat = "xls" | "xlsb" | "ods";

/**
 * An .xls, .xlsb or .ods (already inspected: inspect-upload.ts checked its sizes, chains and,
 * for an .ods, its repeated rows before this parses anything) as the same sheet snapshots the
 * .xlsx path gives, so that the one import in shared/ reads every format alike.
 *
 * Values are mapped as exceljs gives them for the same cell of an .xlsx: numbers, text and
 * booleans as such; a number whose format is a date as `{ date }` (exceljs gives a Date for a
 * date-formatted number); errors as their text (`#DIV/0!`); a formula saved without a value as
 * `formulaWithoutValue`; a percent format flagged. Every cell of a merged range but its first
 * points at the first, as exceljs's merge cells do.
 *
 * The limits of the .xlsx path hold here too, counted on what SheetJS parsed and before
 * anything is expanded into snapshots: `sheetRows` stops it storing rows past one more than
 * MAX_ROWS_PER_SHEET (so a sheet of a million rows costs what one at the limit costs, and is
 * refused), then cells and merged ranges (SheetJS keeps a merge as one range; the snapshot
 * writes every cell it covers, so the covered cells are counted first).
 */
export type SheetJsReading = { ok: true; sheets: SheetSnapshot[] } | ({ ok: false } & XmlProblem);

export function readWithSheetJs(bytes: Buffer): SheetJsReading {
  const workbook = quietly(() =>
    read(bytes, {
      type: "buffer",
      cellNF: true,
      cellDates: false,
      cellFormula: true,
      cellHTML: false,
      cellStyles: false,
      sheetRows: MAX_ROWS_PER_SHEET + 1,
      dense: false,
    })
  );
  let cells = 0;
  let mergedRanges = 0;
  let mergedCells = 0;
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    if (sheet === undefined) continue;
    const rows = lastRow(sheet);
    if (rows > MAX_ROWS_PER_SHEET)
      return refuse("TOO_MANY_ROWS", fileErrorMessages.tooManyRows(name, rows, MAX_ROWS_PER_SHEET));
    cells += Object.keys(sheet).length;
    if (cells > MAX_CELLS_PER_WORKBOOK)
      return refuse(
        "TOO_MANY_CELLS",
        fileErrorMessages.tooManyCells(cells, MAX_CELLS_PER_WORKBOOK)
      );
    for (const merge of sheet["!merges"] ?? []) {
      mergedRanges++;
      mergedCells += (merge.e.r - merge.s.r + 1) * (merge.e.c - merge.s.c + 1);
      if (mergedRanges > MAX_MERGED_RANGES_PER_WORKBOOK)
        return refuse(
          "WORKBOOK_TOO_COMPLEX",
          fileErrorMessages.tooComplex(
            fileErrorMessages.tooManyMergedRanges(mergedRanges, MAX_MERGED_RANGES_PER_WORKBOOK)
          )
        );
      if (mergedCells > MAX_CELLS_PER_WORKBOOK)
        return refuse(
          "WORKBOOK_TOO_COMPLEX",
          fileErrorMessages.tooComplex(
            fileErrorMessages.mergedCellsTooMany(
              utils.encode_range(merge),
              mergedCells,
              MAX_CELLS_PER_WORKBOOK
            )
          )
        );
    }
  }
  const sheets = workbook.SheetNames.flatMap((name) => {
    const sheet = workbook.Sheets[name];
    return sheet === undefined ? [] : [{ name, rows: sheetRows(sheet) }];
  });
  return { ok: true, sheets };
}

/**
 * The last row holding a cell. SheetJS stores none past `sheetRows`; `!fullref` then says
 * how far the sheet went (its records, not a declared dimension).
 */
function lastRow(sheet: WorkSheet): number {
  const ref = sheet["!fullref"] ?? sheet["!ref"];
  return ref === undefined ? 0 : utils.decode_range(ref).e.r + 1;
}

function refuse(code: XmlProblem["code"], message: XmlProblem["message"]): SheetJsReading {
  return { ok: false, code, message };
}

function sheetRows(sheet: WorkSheet): Array<Array<CellSnapshot | undefined> | undefined> {
  const rows: Array<Array<CellSnapshot | undefined> | undefined> = [];
  const put = (rowIndex: number, columnIndex: number, cell: CellSnapshot) =>
    ((rows[rowIndex] ??= [])[columnIndex] = cell);
  for (const key of Object.keys(sheet)) {
    if (key.startsWith("!")) continue;
    const cell = sheet[key] as CellObject;
    const snapshot = cellSnapshot(cell);
    if (snapshot === undefined) continue;
    const { r, c } = utils.decode_cell(key);
    put(r, c, snapshot);
  }
  for (const merge of sheet["!merges"] ?? []) {
    const master = cellAddress(merge.s.r, merge.s.c);
    for (let r = merge.s.r; r <= merge.e.r; r++)
      for (let c = merge.s.c; c <= merge.e.c; c++)
        if (r !== merge.s.r || c !== merge.s.c) put(r, c, { value: null, mergedInto: master });
  }
  return rows;
}

function cellSnapshot(cell: CellObject): CellSnapshot | undefined {
  const value = cellValue(cell);
  if (value === undefined) return undefined;
  const format = typeof cell.z === "string" ? cell.z : undefined;
  return isPercentFormat(format) && typeof value === "number"
    ? { value, percentFormat: true }
    : { value };
}

/** undefined: nothing there (a blank cell SheetJS keeps only for its style). */
function cellValue(cell: CellObject): CellValue | undefined {
  switch (cell.t) {
    case "z":
      return undefined;
    case "s":
      return typeof cell.v === "string" ? cell.v : String(cell.v ?? "");
    case "b":
      return Boolean(cell.v);
    case "e":
      return { error: cell.w ?? errorText(cell.v) };
    case "d":
      return cell.v instanceof Date ? { date: cell.v.toISOString().slice(0, 10) } : String(cell.v);
    case "n": {
      if (typeof cell.v !== "number")
        return cell.f === undefined ? undefined : { formulaWithoutValue: cell.f };
      if (isOpenDocumentBoolean(cell)) return cell.v === 1;
      const format = typeof cell.z === "string" ? cell.z : undefined;
      return format !== undefined && SSF.is_date(format) ? serialDate(cell.v) : cell.v;
    }
    default:
      return cell.f === undefined ? undefined : { formulaWithoutValue: cell.f };
  }
}

/**
 * LibreOffice saves a TRUE/FALSE cell in an .ods as the number 1/0 under a boolean number
 * style, which SheetJS does not carry over; the text shown with it (the cell's `text:p`) and
 * the formula (`TRUE()`) still say it. Its .xlsx export of the same cell is a boolean, and so
 * is this snapshot. The shown words are those of the program's language.
 */
const BOOLEAN_WORDS = new Set(["TRUE", "FALSE", "จริง", "เท็จ"]);
function isOpenDocumentBoolean(cell: CellObject): boolean {
  if (cell.v !== 0 && cell.v !== 1) return false;
  const shown = (cell.w ?? "").trim().toUpperCase();
  const formula = (cell.f ?? "").replace(/\s/g, "").toUpperCase();
  return BOOLEAN_WORDS.has(shown) || formula === "TRUE()" || formula === "FALSE()";
}

/** SheetJS says on the console what it could not map (some .ods number formats); the file is still read. */
function quietly<T>(run: () => T): T {
  const error = console.error;
  console.error = () => undefined;
  try {
    return run();
  } finally {
    console.error = error;
  }
}

/** A 1900-system date serial as exceljs gives it: the UTC day (serial 25569 is 1970-01-01). */
function serialDate(serial: number): CellValue {
  const date = new Date(Math.round((serial - 25569) * 86_400_000));
  return Number.isNaN(date.getTime()) ? serial : { date: date.toISOString().slice(0, 10) };
}

const ERROR_TEXTS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

function errorText(code: unknown): string {
  return typeof code === "number" ? (ERROR_TEXTS[code] ?? "#N/A") : String(code ?? "#N/A");
}

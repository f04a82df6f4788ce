import {
  type FileErrorCode,
  fileErrorMessages,
  type LocalizedText,
  MAX_CELLS_PER_WORKBOOK,
  MAX_MERGED_RANGES_PER_WORKBOOK,
  MAX_ROWS_PER_SHEET,
  parseCellAddress,
} from "@smartcity/shared";
import { SaxesParser, type SaxesTagPlain } from "saxes";

/**
 * What a workbook's sheets declare, counted from their XML as it inflates,
 * before exceljs builds anything: exceljs expands a merged range cell by cell
 * and keeps every row and cell of every sheet, so a 2 KB file with
 * `<mergeCell ref="A5:XFD1048576"/>` or a 5 MB sheet of 200,000 rows would
 * fill the heap. The XML is read with saxes, the parser exceljs itself uses,
 * so both see the same tags (quotes, entities, namespace prefixes alike).
 *
 * Counted per workbook: cells (`<c>`), merged ranges and the cells they
 * cover; per sheet: rows, counted (`<row>`) and addressed (`<row r>`); columns
 * declared by `<col max>` (exceljs makes an object per column). The first
 * limit passed stops the count. A sheet's `<dimension ref>` is not a count:
 * some programs write `A1:XFD1048576` over a few rows, and exceljs keeps it as
 * a note and expands nothing from it, so a sheet is judged by the rows it has.
 */
export interface XmlProblem {
  code: FileErrorCode;
  message: LocalizedText;
}

/** Excel's own last column (XFD). */
const EXCEL_MAX_COLUMNS = 16_384;
const EXCEL_MAX_ROWS = 1_048_576;

export class WorkbookBudget {
  cells = 0;
  mergedRanges = 0;
  mergedCells = 0;
}

/** One sheet's XML, fed in pieces; `problem` is set at the first limit passed. */
export class SheetLimits {
  problem: XmlProblem | undefined;
  private readonly parser = new SaxesParser();
  private rows = 0;

  constructor(
    private readonly sheet: string,
    private readonly budget: WorkbookBudget
  ) {
    this.parser.on("opentag", (tag) => {
      if (this.problem === undefined) this.check(tag);
    });
  }

  write(text: string): void {
    if (this.problem === undefined) this.parser.write(text);
  }

  close(): void {
    if (this.problem === undefined) this.parser.close();
  }

  private check(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    const attribute = (wanted: string) => tag.attributes[wanted] as string | undefined;
    if (name === "c") {
      if (++this.budget.cells > MAX_CELLS_PER_WORKBOOK)
        this.fail(
          "TOO_MANY_CELLS",
          fileErrorMessages.tooManyCells(this.budget.cells, MAX_CELLS_PER_WORKBOOK)
        );
    } else if (name === "row") {
      this.rows++;
      this.checkRows(Math.max(this.rows, Number(attribute("r") ?? 0) || 0));
    } else if (name === "mergeCell") {
      this.checkMerge(attribute("ref") ?? "");
    } else if (name === "col") {
      const max = Number(attribute("max") ?? 0) || 0;
      if (max > EXCEL_MAX_COLUMNS)
        this.fail(
          "WORKBOOK_TOO_COMPLEX",
          fileErrorMessages.tooComplex(
            fileErrorMessages.tooManyColumns(this.sheet, max, EXCEL_MAX_COLUMNS)
          )
        );
    }
  }

  private checkRows(rows: number): void {
    if (rows > MAX_ROWS_PER_SHEET)
      this.fail(
        "TOO_MANY_ROWS",
        fileErrorMessages.tooManyRows(
          this.sheet,
          Math.min(rows, EXCEL_MAX_ROWS),
          MAX_ROWS_PER_SHEET
        )
      );
  }

  private checkMerge(ref: string): void {
    const budget = this.budget;
    if (++budget.mergedRanges > MAX_MERGED_RANGES_PER_WORKBOOK) {
      this.fail(
        "WORKBOOK_TOO_COMPLEX",
        fileErrorMessages.tooComplex(
          fileErrorMessages.tooManyMergedRanges(budget.mergedRanges, MAX_MERGED_RANGES_PER_WORKBOOK)
        )
      );
      return;
    }
    const range = parseRange(ref);
    // A range exceljs cannot read is its problem to report (as a damaged file); it expands nothing.
    if (range === undefined) return;
    budget.mergedCells += range.rows * range.columns;
    if (budget.mergedCells > MAX_CELLS_PER_WORKBOOK)
      this.fail(
        "WORKBOOK_TOO_COMPLEX",
        fileErrorMessages.tooComplex(
          fileErrorMessages.mergedCellsTooMany(ref, budget.mergedCells, MAX_CELLS_PER_WORKBOOK)
        )
      );
  }

  private fail(code: FileErrorCode, message: LocalizedText): void {
    this.problem = { code, message };
  }
}

/** `A5:XFD1048576` → its rows and columns; `B2` is one cell. */
export function parseRange(ref: string): { rows: number; columns: number } | undefined {
  const [from, to = from] = ref.replace(/\$/g, "").toUpperCase().split(":");
  const start = parseCellAddress(from);
  const end = parseCellAddress(to);
  if (start === undefined || end === undefined) return undefined;
  return {
    rows: Math.abs(end.rowIndex - start.rowIndex) + 1,
    columns: Math.abs(end.columnIndex - start.columnIndex) + 1,
  };
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

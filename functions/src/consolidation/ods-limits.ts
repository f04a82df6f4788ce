import {
  fileErrorMessages,
  MAX_CELLS_PER_WORKBOOK,
  MAX_MERGED_RANGES_PER_WORKBOOK,
  MAX_ROWS_PER_SHEET,
} from "@smartcity/shared";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { XmlProblem } from "./workbook-xml-limits";

/**
 * An .ods's `content.xml` counted as it inflates, before SheetJS builds anything: OpenDocument
 * compresses repetition into attributes (`table:number-rows-repeated`,
 * `table:number-columns-repeated`), and SheetJS writes out every repeated cell that holds a
 * value, so a few bytes can stand for millions of cells.
 *
 * LibreOffice ends every sheet with one empty row repeated to the last row (1,048,576) and
 * empty cells repeated to the last column: empty rows and cells are skipped (SheetJS skips them
 * too), so a sheet is judged by the last row holding something, as an .xlsx is by its rows.
 * Counted: that row per sheet, the cells holding something (repeats multiplied), merged ranges
 * and the cells they cover (`table:number-rows-spanned` × `table:number-columns-spanned`).
 */
export class OdsLimits {
  problem: XmlProblem | undefined;
  private readonly parser = new SaxesParser({ xmlns: false });
  private sheet = "";
  private row = 0;
  private rowRepeat = 1;
  private rowCells = 0;
  private cells = 0;
  private mergedRanges = 0;
  private mergedCells = 0;

  constructor() {
    this.parser.on("opentag", (tag) => {
      if (this.problem === undefined) this.open(tag);
    });
    this.parser.on("closetag", (tag) => {
      if (this.problem === undefined && tag.name === "table:table-row") this.closeRow();
    });
  }

  write(text: string): void {
    if (this.problem === undefined) this.parser.write(text);
  }

  close(): void {
    if (this.problem === undefined) this.parser.close();
  }

  private open(tag: SaxesTagPlain): void {
    const attribute = (name: string) => tag.attributes[name] as string | undefined;
    const count = (name: string) => Math.max(Number(attribute(name) ?? 1) || 1, 1);
    switch (tag.name) {
      case "table:table":
        this.sheet = attribute("table:name") ?? "";
        this.row = 0;
        return;
      case "table:table-row":
        this.rowRepeat = count("table:number-rows-repeated");
        this.rowCells = 0;
        return;
      case "table:table-cell":
      case "table:covered-table-cell": {
        const holds = attribute("office:value-type") !== undefined || !tag.isSelfClosing;
        if (holds) this.rowCells += count("table:number-columns-repeated");
        const rows = Number(attribute("table:number-rows-spanned") ?? 1) || 1;
        const columns = Number(attribute("table:number-columns-spanned") ?? 1) || 1;
        if (rows > 1 || columns > 1) this.merge(rows * columns);
        return;
      }
    }
  }

  private closeRow(): void {
    const start = this.row;
    this.row += this.rowRepeat;
    if (this.rowCells === 0) return;
    if (this.row > MAX_ROWS_PER_SHEET) {
      this.problem = {
        code: "TOO_MANY_ROWS",
        message: fileErrorMessages.tooManyRows(
          this.sheet,
          Math.min(Math.max(this.row, start + 1), 1_048_576),
          MAX_ROWS_PER_SHEET
        ),
      };
      return;
    }
    this.cells += this.rowCells * this.rowRepeat;
    if (this.cells > MAX_CELLS_PER_WORKBOOK)
      this.problem = {
        code: "TOO_MANY_CELLS",
        message: fileErrorMessages.tooManyCells(this.cells, MAX_CELLS_PER_WORKBOOK),
      };
  }

  private merge(cells: number): void {
    this.mergedRanges++;
    this.mergedCells += cells;
    if (this.mergedRanges > MAX_MERGED_RANGES_PER_WORKBOOK)
      this.problem = {
        code: "WORKBOOK_TOO_COMPLEX",
        message: fileErrorMessages.tooComplex(
          fileErrorMessages.tooManyMergedRanges(this.mergedRanges, MAX_MERGED_RANGES_PER_WORKBOOK)
        ),
      };
    else if (this.mergedCells > MAX_CELLS_PER_WORKBOOK)
      this.problem = {
        code: "WORKBOOK_TOO_COMPLEX",
        message: fileErrorMessages.tooComplex(
          fileErrorMessages.mergedCellsTooMany(
            `${this.sheet}`,
            this.mergedCells,
            MAX_CELLS_PER_WORKBOOK
          )
        ),
      };
  }
}

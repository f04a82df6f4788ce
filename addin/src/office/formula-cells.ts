import { columnLetter } from "@smartcity/shared";

/**
 * Which cells of a used range call a SMARTCITY function, and those cells as few A1 ranges: pure
 * functions over what Excel.Range.formulas gives (a formula as its text, "=…"; any other cell
 * its value), so the recalculation (smartcity-cells.ts) asks Excel for a small batch.
 */

/**
 * Whether a cell's formula calls a SMARTCITY function: a formula ("=…") naming `SMARTCITY.`
 * (any case) outside a string literal ("…", where "" is a quote) and outside a quoted sheet name
 * ('…'!A1). A value that only mentions SMARTCITY. (text, or a string inside another formula) is
 * not one, nor is a name that merely ends in SMARTCITY (MYSMARTCITY.X).
 */
export function callsSmartcity(formula: unknown): boolean {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
  return /(^|[^A-Za-z0-9_.])SMARTCITY\./i.test(code);
}

interface Block {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The marked cells of a grid as A1 ranges, the grid's first cell at (`row`, `column`) of the
 * sheet (zero-based, as Range.rowIndex and columnIndex are): each row's runs of marked cells,
 * and a run joined with the one of the same columns in the row above (a column of formulas
 * is one range).
 */
export function markedRanges(marked: boolean[][], row = 0, column = 0): string[] {
  const blocks: Block[] = [];
  let above: Block[] = [];
  marked.forEach((cells, r) => {
    const here: Block[] = [];
    for (let c = 0; c < cells.length; c++) {
      if (!cells[c]) continue;
      let end = c;
      while (end + 1 < cells.length && cells[end + 1]) end++;
      const same = above.find((block) => block.left === c && block.right === end);
      if (same) {
        same.bottom = r;
        here.push(same);
      } else {
        const block = { top: r, bottom: r, left: c, right: end };
        blocks.push(block);
        here.push(block);
      }
      c = end;
    }
    above = here;
  });
  return blocks.map((block) => {
    const first = `${columnLetter(column + block.left)}${row + block.top + 1}`;
    const last = `${columnLetter(column + block.right)}${row + block.bottom + 1}`;
    return first === last ? first : `${first}:${last}`;
  });
}

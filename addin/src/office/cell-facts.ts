/* global Excel */
import { isPercentFormat, splitSheetAddress } from "@smartcity/shared";

/** What Excel says of each cell of one argument's range, in reading order. */
export interface CellFacts {
  blank: boolean[];
  percentFormatted: boolean[];
}

/**
 * What the values alone cannot say about a formula's score cells: which are
 * really empty (desktop Excel passes them as 0) and which are percent-formatted.
 * Functions declared with @requiresParameterAddresses receive their ranges'
 * addresses; the addresses asked for within `windowMs` are read in ONE
 * Excel.run (possible because the shared runtime lets custom functions call
 * Excel APIs). Outside Excel, or if the read fails, the answer is undefined and
 * the caller falls back to the values (a typed 0 and a blank then look alike
 * on desktop, as docs/excel-functions.md says under "Blank cells").
 */
export type CellFactsReader = (address: string) => Promise<CellFacts | undefined>;

/** Whether Excel's API is here to read cells (not in a plain browser or in Node). */
export function canReadCells(): boolean {
  // A property of globalThis rather than the bare identifier: asked once per cell of a
  // recalculation, and an undeclared global's `typeof` is the slow path of a lookup.
  return typeof (globalThis as { Excel?: { run?: unknown } }).Excel?.run === "function";
}

export function createCellFactsReader(windowMs = 10): CellFactsReader {
  let pending = new Map<string, ((facts: CellFacts | undefined) => void)[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = new Map();
    timer = undefined;
    let facts = new Map<string, CellFacts>();
    try {
      facts = await readAll([...batch.keys()]);
    } catch {
      // Fall back to the values; the formula still gets an answer.
    }
    for (const [address, waiters] of batch)
      for (const settle of waiters) settle(facts.get(address));
  };

  return (address) => {
    if (typeof Excel === "undefined" || typeof Excel.run !== "function")
      return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiters = pending.get(address) ?? [];
      waiters.push(resolve);
      pending.set(address, waiters);
      timer ??= setTimeout(() => void flush(), windowMs);
    });
  };
}

async function readAll(addresses: string[]): Promise<Map<string, CellFacts>> {
  return Excel.run(async (context) => {
    const ranges = addresses.map((address) => {
      const { sheet, range: cells } = splitSheetAddress(address);
      const range = context.workbook.worksheets.getItem(sheet).getRange(cells);
      range.load(["valueTypes", "numberFormat"]);
      return range;
    });
    await context.sync();
    const facts = new Map<string, CellFacts>();
    ranges.forEach((range, index) => {
      const types = range.valueTypes.flat();
      const formats = range.numberFormat.flat().map(String);
      facts.set(addresses[index], {
        blank: types.map((type) => type === Excel.RangeValueType.empty),
        percentFormatted: formats.map(isPercentFormat),
      });
    });
    return facts;
  });
}

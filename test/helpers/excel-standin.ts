/**
 * A recording stand-in for the parts of the Excel JavaScript API this add-in calls, shaped as
 * Microsoft documents them (https://learn.microsoft.com/javascript/api/excel): `Excel.run(batch)`
 * hands `batch` a RequestContext whose proxies queue commands until `context.sync()`; ranges
 * expose `values`, `formulas`, `valueTypes`, `numberFormat`, `dataValidation`,
 * `conditionalFormats`; the enums carry the documented string values. It records what was set so
 * a test can check it; it does not emulate Excel's calculation.
 */
export interface RecordedRange {
  address: string;
  values?: unknown[][];
  formulas?: unknown[][];
  dataValidation: { rule?: unknown; errorAlert?: unknown };
  /** What conditionalFormats.add(...) created on this range. */
  addedFormats: {
    type: string;
    cellValue: { format: { fill: { color?: string }; font: { color?: string } }; rule?: unknown };
  }[];
  format: { wrapText?: boolean; rowHeight?: number; columnWidth?: number };
}

export interface ExcelStandIn {
  runs: number;
  sheets: {
    name: string;
    ranges: RecordedRange[];
    tables: { address: string; name?: string; style?: string; header: RecordedRange }[];
    frozenRows?: number;
    active?: boolean;
  }[];
  cells: Map<string, { valueTypes: string[][]; numberFormat: string[][] }>;
  calculations: string[];
}

export function installExcelStandIn(existingSheets: string[] = []): ExcelStandIn {
  const state: ExcelStandIn = {
    runs: 0,
    sheets: existingSheets.map((name) => ({ name, ranges: [], tables: [] })),
    cells: new Map(),
    calculations: [],
  };
  const newRange = (address: string): RecordedRange => ({
    address,
    dataValidation: {},
    addedFormats: [],
    format: {},
  });
  const sheetProxy = (sheet: ExcelStandIn["sheets"][number]) => ({
    tables: {
      add: (address: string) => {
        const table = {
          address,
          header: newRange(`${address}#header`),
        } as ExcelStandIn["sheets"][number]["tables"][number];
        sheet.tables.push(table);
        return Object.assign(table, { getHeaderRowRange: () => table.header });
      },
    },
    getRange: (address: string) => {
      const range = newRange(address);
      sheet.ranges.push(range);
      const known = state.cells.get(`${sheet.name}!${address}`);
      return Object.assign(range, {
        load: () => undefined,
        valueTypes: known?.valueTypes,
        numberFormat: known?.numberFormat,
        conditionalFormats: {
          add: (type: string) => {
            const format = { type, cellValue: { format: { fill: {}, font: {} } } };
            range.addedFormats.push(format as RecordedRange["addedFormats"][number]);
            return format;
          },
        },
      });
    },
    freezePanes: { freezeRows: (rows: number) => (sheet.frozenRows = rows) },
    activate: () => (sheet.active = true),
  });
  (globalThis as Record<string, unknown>).Excel = {
    run: async (batch: (context: unknown) => Promise<unknown>) => {
      state.runs++;
      const worksheets = {
        items: [] as { name: string }[],
        load: () => {
          worksheets.items = state.sheets.map((sheet) => ({ name: sheet.name }));
        },
        add: (name: string) => {
          const sheet = { name, ranges: [], tables: [] };
          state.sheets.push(sheet);
          return sheetProxy(sheet);
        },
        getItem: (name: string) => {
          const sheet = state.sheets.find((candidate) => candidate.name === name) ?? {
            name,
            ranges: [],
            tables: [],
          };
          return sheetProxy(sheet);
        },
      };
      const context = {
        workbook: {
          worksheets,
          application: { calculate: (type: string) => state.calculations.push(type) },
        },
        sync: async () => undefined,
      };
      return batch(context);
    },
    RangeValueType: {
      empty: "Empty",
      double: "Double",
      string: "String",
      boolean: "Boolean",
      error: "Error",
    },
    DataValidationOperator: { between: "Between" },
    DataValidationAlertStyle: { stop: "Stop" },
    ConditionalFormatType: { cellValue: "CellValue" },
    CalculationType: { full: "Full", recalculate: "Recalculate" },
  };
  return state;
}

export function removeExcelStandIn(): void {
  delete (globalThis as Record<string, unknown>).Excel;
}

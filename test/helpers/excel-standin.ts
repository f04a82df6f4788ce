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
    id?: string;
    ranges: RecordedRange[];
    tables: { address: string; name?: string; style?: string; header: RecordedRange }[];
    frozenRows?: number;
    /** Worksheet.getUsedRange()'s extent (ExcelApi 1.1: rowCount, columnCount of the used range). */
    used?: { rowCount: number; columnCount: number };
    /** Whether Worksheet.autoFilter.remove() (ExcelApi 1.9) was called. */
    autoFilterRemoved?: boolean;
    /** The 1-based row of the sheet's AutoFilter, if it has one (as the inserted file set it). */
    filterRow?: number;
    active?: boolean;
  }[];
  cells: Map<string, { valueTypes: string[][]; numberFormat: string[][] }>;
  calculations: string[];
  /** Each call of workbook.insertWorksheetsFromBase64(base64File, options). */
  inserted: { base64File: string; options?: { positionType?: string } }[];
  /** The sheet names inside any workbook file the test inserts (the stand-in does not unzip it). */
  fileSheets: string[];
  /** The used extent of those sheets (rows and columns from A1), by name. */
  fileSheetSizes: Record<string, { rowCount: number; columnCount: number }>;
  /** The 1-based row of each file sheet's AutoFilter (absent: the sheet has none). */
  fileSheetFilterRows: Record<string, number>;
}

/**
 * `excelApi`: the ExcelApi requirement set this Excel supports; when given, `Office.context
 * .requirements.isSetSupported(name, version)` is installed too, answering as documented
 * (https://learn.microsoft.com/javascript/api/office/office.requirementsetsupport: true when the
 * set is supported at that version or later).
 */
export function installExcelStandIn(
  existingSheets: string[] = [],
  options: { excelApi?: string } = {}
): ExcelStandIn {
  const state: ExcelStandIn = {
    runs: 0,
    sheets: existingSheets.map((name) => ({ name, ranges: [], tables: [] })),
    cells: new Map(),
    calculations: [],
    inserted: [],
    fileSheets: [],
    fileSheetSizes: {},
    fileSheetFilterRows: {},
  };
  if (options.excelApi !== undefined) installRequirements({ ExcelApi: options.excelApi });
  const newRange = (address: string): RecordedRange => ({
    address,
    dataValidation: {},
    addedFormats: [],
    format: {},
  });
  const sheetProxy = (sheet: ExcelStandIn["sheets"][number]) => ({
    get name() {
      return sheet.name;
    },
    id: sheet.id,
    load: () => undefined,
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
    getUsedRange: () => ({
      load: () => undefined,
      ...(sheet.used ?? { rowCount: 1, columnCount: 1 }),
    }),
    autoFilter: {
      remove: () => (sheet.autoFilterRemoved = true),
      // AutoFilter.getRangeOrNullObject (ExcelApi 1.9): the filtered range, or a null object
      // (isNullObject true) when the sheet has no AutoFilter; Range.rowIndex is 0-based (1.1).
      getRangeOrNullObject: () => ({
        load: () => undefined,
        isNullObject: sheet.filterRow === undefined,
        rowIndex: (sheet.filterRow ?? 1) - 1,
      }),
    },
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
        // "Gets a worksheet object using its name or ID."
        getItem: (name: string) => {
          const sheet = state.sheets.find(
            (candidate) => candidate.name === name || candidate.id === name
          ) ?? {
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
          insertWorksheetsFromBase64: (base64File: string, options?: { positionType?: string }) =>
            insertWorksheets(state, base64File, options),
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
    WorksheetPositionType: {
      none: "None",
      before: "Before",
      after: "After",
      beginning: "Beginning",
      end: "End",
    },
  };
  return state;
}

/**
 * Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13) as Microsoft documents it
 * (https://learn.microsoft.com/javascript/api/excel/excel.workbook, "insertWorksheetsFromBase64";
 * the same text is in @types/office-js): `base64File` is "the Base64-encoded string representing
 * the source workbook file" (so a `data:` URL is refused here, as an InvalidArgument), the sheets
 * go at the end by default, and the result is "an array of IDs corresponding to each newly
 * inserted worksheet" (a ClientResult, read after sync). The reference does not say what happens
 * to a name the workbook already has; this stand-in renames the incoming sheet "Name (2)", as
 * Excel does when a sheet is copied by hand, so a test can check that the add-in reports the
 * names Excel gave rather than the names it sent.
 */
let nextSheetId = 1;
function insertWorksheets(
  state: ExcelStandIn,
  base64File: string,
  options?: { positionType?: string }
): { value: string[] } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64File)) {
    throw Object.assign(
      new Error("The argument is invalid or missing or has an incorrect format."),
      {
        code: "InvalidArgument",
      }
    );
  }
  state.inserted.push({ base64File, options });
  const ids: string[] = [];
  for (const wanted of state.fileSheets) {
    let name = wanted;
    for (let n = 2; state.sheets.some((sheet) => sheet.name === name); n++)
      name = `${wanted} (${n})`;
    const id = `{00000000-0001-0000-0000-${String(nextSheetId++).padStart(12, "0")}}`;
    const sheet = {
      name,
      id,
      ranges: [],
      tables: [],
      used: state.fileSheetSizes[wanted],
      filterRow: state.fileSheetFilterRows[wanted],
    };
    if (options?.positionType === "Beginning") state.sheets.unshift(sheet);
    else state.sheets.push(sheet);
    ids.push(id);
  }
  return { value: ids };
}

let officeInstalled = false;
function installRequirements(supported: Record<string, string>): void {
  officeInstalled = true;
  const atLeast = (have: string, want: string) => {
    const [a, b] = [have, want].map((version) => version.split(".").map(Number));
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    }
    return true;
  };
  (globalThis as Record<string, unknown>).Office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          supported[name] !== undefined && atLeast(supported[name], version ?? "1.1"),
      },
    },
  };
}

export function removeExcelStandIn(): void {
  delete (globalThis as Record<string, unknown>).Excel;
  if (officeInstalled) delete (globalThis as Record<string, unknown>).Office;
  officeInstalled = false;
}

/**
 * A recording stand-in for the parts of the Excel JavaScript API this add-in calls, shaped as
 * Microsoft documents them (https://learn.microsoft.com/javascript/api/excel): `Excel.run(batch)`
 * hands `batch` a RequestContext whose proxies queue commands until `context.sync()`; ranges
 * expose `values`, `formulas`, `valueTypes`, `numberFormat`, `dataValidation`,
 * `conditionalFormats`; the enums carry the documented string values. It records what was set so
 * a test can check it; it does not emulate Excel's calculation.
 *
 * Reading follows "Using the application-specific API model" (office-js-docs-pr,
 * develop/application-specific-api-model.md, "load()" and "sync()"): a proxy's properties hold
 * nothing until `load(...)` has been called for them AND `context.sync()` has run since; reading
 * one earlier throws as office.js does (`PropertyNotLoaded`, "The property '…' is not available.
 * Before reading the property's value, call the load method on the containing object and call
 * "context.sync()" on the associated request context."). Enforced for range `valueTypes`,
 * `numberFormat` and `values` read back, worksheet `name`, a used range's `rowCount` /
 * `columnCount`, `worksheets.items` and a ClientResult's `value`.
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

export interface RecordedChart {
  type: string;
  /** The address of the Range passed as sourceData, and the values it held when added. */
  source: string;
  sourceValues?: unknown[][];
  seriesBy?: string;
  title: { text?: string };
  position?: { startCell: string; endCell?: string };
  /** Each series' fill, by index, as ChartFill.setSolidColor(color) set it. */
  seriesFill: Record<number, string>;
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
    /** What Worksheet.charts.add(...) created (ExcelApi 1.1), and what was set on each chart. */
    charts: RecordedChart[];
    /** Whether Worksheet.autoFilter.remove() (ExcelApi 1.9) was called. */
    autoFilterRemoved?: boolean;
    /** The 1-based row of the sheet's AutoFilter, if it has one (as the inserted file set it). */
    filterRow?: number;
    active?: boolean;
    /** What the used range's `values` reads back (default one empty cell). */
    usedValues?: unknown[][];
    /** The used range's `address` (default `<sheet>!A1`), `valueTypes` and `numberFormat`. */
    usedAddress?: string;
    usedValueTypes?: string[][];
    usedNumberFormat?: string[][];
  }[];
  cells: Map<string, { valueTypes: string[][]; numberFormat: string[][] }>;
  calculations: string[];
  /** Workbook.name. */
  workbookName: string;
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
/** One Excel.run's queue: what load() asked for becomes readable at the next sync(). */
interface LoadQueue {
  pending: (() => void)[];
}

function propertyNotLoaded(name: string): Error {
  return Object.assign(
    new Error(
      `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
    ),
    { code: "PropertyNotLoaded" }
  );
}

/** The property names a load(...) argument names: "a, b", ["a", "b"], "items/name", or all. */
function loadedNames(what: unknown, all: readonly string[]): string[] {
  if (what === undefined) return [...all];
  const names = Array.isArray(what)
    ? what.map(String)
    : typeof what === "string"
      ? what.split(",")
      : Object.keys(what as object);
  return names.map((name) => name.trim().split("/")[0]);
}

/**
 * Defines `props` on `target` as office.js proxy properties: `value()` gives each once it was
 * loaded and synced; before that, reading throws PropertyNotLoaded. Adds `load`.
 */
function loadable<T extends object>(
  target: T,
  queue: LoadQueue,
  props: Record<string, () => unknown>
): T & { load: (what?: unknown) => T } {
  const loaded = new Set<string>();
  for (const [name, value] of Object.entries(props)) {
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: true,
      get: () => {
        if (!loaded.has(name)) throw propertyNotLoaded(name);
        return value();
      },
    });
  }
  return Object.assign(target, {
    load: (what?: unknown) => {
      const names = loadedNames(what, Object.keys(props));
      queue.pending.push(() => names.forEach((name) => loaded.add(name)));
      return target;
    },
  });
}

export function installExcelStandIn(
  existingSheets: string[] = [],
  options: { excelApi?: string } = {}
): ExcelStandIn {
  const state: ExcelStandIn = {
    runs: 0,
    sheets: existingSheets.map((name) => ({ name, ranges: [], tables: [], charts: [] })),
    cells: new Map(),
    calculations: [],
    workbookName: "evaluation.xlsx",
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
  const sheetProxy = (sheet: ExcelStandIn["sheets"][number], queue: LoadQueue) =>
    loadable(
      {
        id: sheet.id,
        charts: {
          add: (type: string, sourceData: unknown, seriesBy?: string) =>
            addChart(sheet, type, sourceData, seriesBy),
        },
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
          const known = () => state.cells.get(`${sheet.name}!${address}`);
          const proxy = Object.assign(range, {
            conditionalFormats: {
              add: (type: string) => {
                const format = { type, cellValue: { format: { fill: {}, font: {} } } };
                range.addedFormats.push(format as RecordedRange["addedFormats"][number]);
                return format;
              },
            },
          });
          // What the add-in writes (values, formulas) stays a plain recorded field; what it reads
          // (the cells' value types and formats) must be loaded and synced first.
          return loadable(proxy, queue, {
            valueTypes: () => known()?.valueTypes,
            numberFormat: () => known()?.numberFormat,
          });
        },
        freezePanes: { freezeRows: (rows: number) => (sheet.frozenRows = rows) },
        getUsedRange: () => {
          const used = () => sheet.used ?? { rowCount: 1, columnCount: 1 };
          return loadable({}, queue, {
            rowCount: () => used().rowCount,
            columnCount: () => used().columnCount,
            values: () => sheet.usedValues ?? [[""]],
            address: () => sheet.usedAddress ?? `${sheet.name}!A1`,
            valueTypes: () => sheet.usedValueTypes ?? [["Empty"]],
            numberFormat: () => sheet.usedNumberFormat ?? [["General"]],
          });
        },
        autoFilter: {
          remove: () => (sheet.autoFilterRemoved = true),
          // AutoFilter.getRangeOrNullObject (ExcelApi 1.9): the filtered range, or a null
          // object when the sheet has no AutoFilter; isNullObject is known after a sync, and
          // Range.rowIndex (0-based, ExcelApi 1.1) once loaded.
          getRangeOrNullObject: () => {
            const range = loadable({}, queue, { rowIndex: () => (sheet.filterRow ?? 1) - 1 });
            let synced = false;
            const load = range.load;
            Object.defineProperty(range, "isNullObject", {
              get: () => {
                if (!synced) throw propertyNotLoaded("isNullObject");
                return sheet.filterRow === undefined;
              },
            });
            return Object.assign(range, {
              load: (what?: unknown) => {
                queue.pending.push(() => (synced = true));
                return load(what);
              },
            });
          },
        },
        activate: () => (sheet.active = true),
      },
      queue,
      { name: () => sheet.name }
    );
  (globalThis as Record<string, unknown>).Excel = {
    run: async (batch: (context: unknown) => Promise<unknown>) => {
      state.runs++;
      const queue: LoadQueue = { pending: [] };
      const worksheets = loadable(
        {
          add: (name: string) => {
            // "Adds a new worksheet to the workbook… If a worksheet with the same name already
            // exists, an error is thrown" is Excel's rule for names (ItemAlreadyExists).
            if (state.sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) {
              throw Object.assign(new Error("The resource already exists."), {
                code: "ItemAlreadyExists",
              });
            }
            const sheet = { name, ranges: [], tables: [], charts: [] };
            state.sheets.push(sheet);
            return sheetProxy(sheet, queue);
          },
          // "Gets a worksheet object using its name or ID."
          getItem: (name: string) => {
            const sheet = state.sheets.find(
              (candidate) => candidate.name === name || candidate.id === name
            ) ?? {
              name,
              ranges: [],
              tables: [],
              charts: [],
            };
            return sheetProxy(sheet, queue);
          },
          getActiveWorksheet: () =>
            sheetProxy(
              state.sheets.find((sheet) => sheet.active) ??
                state.sheets[0] ?? { name: "Sheet1", ranges: [], tables: [], charts: [] },
              queue
            ),
        },
        queue,
        { items: () => state.sheets.map((sheet) => ({ name: sheet.name })) }
      );
      const workbookName = loadable({}, queue, { name: () => state.workbookName });
      const context = {
        workbook: {
          // Workbook.name (ExcelApi 1.7): the file's name.
          load: (what?: unknown) => workbookName.load(what),
          get name() {
            return (workbookName as unknown as { name: string }).name;
          },
          worksheets,
          application: { calculate: (type: string) => state.calculations.push(type) },
          insertWorksheetsFromBase64: (base64File: string, options?: { positionType?: string }) => {
            // A ClientResult: its value is there after the next sync.
            const ids = insertWorksheets(state, base64File, options);
            const result = loadable({}, queue, { value: () => ids });
            result.load();
            return result;
          },
        },
        sync: async () => {
          for (const settle of queue.pending.splice(0)) settle();
        },
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
    ChartType: Object.fromEntries(
      CHART_TYPES.map((value) => [value.charAt(0).toLowerCase() + value.slice(1), value])
    ),
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
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
): string[] {
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
      charts: [],
      used: state.fileSheetSizes[wanted],
      filterRow: state.fileSheetFilterRows[wanted],
    };
    if (options?.positionType === "Beginning") state.sheets.unshift(sheet);
    else state.sheets.push(sheet);
    ids.push(id);
  }
  return ids;
}

/**
 * Worksheet.charts.add(type, sourceData, seriesBy) as Microsoft documents ChartCollection.add
 * (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection, ExcelApi 1.1; the
 * same text is in @types/office-js): `type` is an Excel.ChartType, `sourceData` is "the Range
 * object corresponding to the source data" (an address string is not a Range: refused here as
 * InvalidArgument), `seriesBy` is an Excel.ChartSeriesBy (optional). The Chart it returns has
 * `title.text`, `setPosition(startCell, endCell?)` (https://learn.microsoft.com/javascript/
 * api/excel/excel.chart, ExcelApi 1.1) and `series.getItemAt(i).format.fill.setSolidColor(c)`
 * (excel.chartseriescollection, excel.chartfill, ExcelApi 1.1). Nothing is drawn; what was
 * asked for is recorded.
 */
const CHART_TYPES = [
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "Line",
  "LineMarkers",
  "Pie",
  "Doughnut",
  "Area",
  "AreaStacked",
  "XYScatter",
  "Radar",
];
function addChart(
  sheet: ExcelStandIn["sheets"][number],
  type: string,
  sourceData: unknown,
  seriesBy?: string
) {
  const invalid = () =>
    Object.assign(new Error("The argument is invalid or missing or has an incorrect format."), {
      code: "InvalidArgument",
    });
  if (!CHART_TYPES.includes(type)) throw invalid();
  const range = sourceData as RecordedRange | undefined;
  if (typeof sourceData !== "object" || range === null || typeof range?.address !== "string") {
    throw invalid();
  }
  if (seriesBy !== undefined && !["Auto", "Columns", "Rows"].includes(seriesBy)) throw invalid();
  const chart: RecordedChart = {
    type,
    source: range.address,
    sourceValues: range.values,
    seriesBy,
    title: {},
    seriesFill: {},
  };
  // One series per data column after the first (series by columns) or per row after the first.
  const values = range.values ?? [];
  const seriesCount =
    seriesBy === "Rows"
      ? Math.max(0, values.length - 1)
      : Math.max(0, (values[0]?.length ?? 1) - 1);
  sheet.charts.push(chart);
  return {
    title: chart.title,
    setPosition: (startCell: string, endCell?: string) => {
      chart.position = { startCell, endCell };
    },
    series: {
      // "Retrieves a series based on its position in the collection" (ChartSeriesCollection);
      // past the last series Excel answers ItemNotFound.
      getItemAt: (index: number) => {
        if (!Number.isInteger(index) || index < 0 || index >= seriesCount) {
          throw Object.assign(new Error("The requested resource doesn't exist."), {
            code: "ItemNotFound",
          });
        }
        return {
          format: {
            fill: { setSolidColor: (color: string) => (chart.seriesFill[index] = color) },
          },
        };
      },
    },
  };
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

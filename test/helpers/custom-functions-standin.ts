import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * A stand-in for Excel's CustomFunctions runtime global, following Microsoft's
 * documentation of the custom-functions-runtime API
 * (https://learn.microsoft.com/javascript/api/custom-functions-runtime):
 * - `new CustomFunctions.Error(code, message?)`: `code` is a CustomFunctions.ErrorCode, whose
 *   values are the error texts Excel shows ("#VALUE!", "#N/A", …); only #VALUE! and #N/A show
 *   the message ("Create custom functions in Excel" › "Handle and return errors").
 * - `CustomFunctions.associate(id, fn)` maps a functions.json id to its JavaScript function.
 * Excel passes ranges as 2-D arrays (rows of cells) and omitted optional arguments as null
 * ("Options for Excel custom functions"); on desktop a blank cell arrives as 0, on the web as null
 * (office-js issues #1951, #4702, #5262).
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionsError extends Error {
  constructor(
    readonly code: (typeof ErrorCode)[keyof typeof ErrorCode],
    message?: string
  ) {
    super(message);
  }
}

export const associated = new Map<string, (...args: unknown[]) => unknown>();

export function installCustomFunctionsStandIn(
  target: Record<string, unknown> = globalThis as never
): void {
  target.CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode,
    associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
  };
}

/** What a cell shows for a function's outcome: its value, or "#N/A: message". */
export async function cellShows(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof CustomFunctionsError)
      return `${error.code}${error.message ? `: ${error.message}` : ""}`;
    throw error;
  }
}

/*
 * Excel calling a function as its metadata says (Microsoft: custom-functions-json.md,
 * "Manually create JSON metadata for custom functions", and custom-functions-parameter-options.md):
 * - the metadata is the BUILT addin/dist/functions.json (what Excel downloads), not the source;
 * - a parameter of `dimensionality` "matrix" gets a 2-D array of the range's values, a scalar
 *   parameter the cell's value; an omitted optional parameter gets null;
 * - a blank cell arrives as 0 on Excel desktop and as null on Excel on the web (office-js #1951,
 *   #4702, #5262);
 * - `invocation.parameterAddresses` is given only when the function's options ask for it
 *   (`requiresParameterAddresses`) AND its result's dimensionality is "matrix": the reference
 *   says the option "must be used in combination with the dimensionality property of the result
 *   object, and dimensionality must be set to matrix" — so a scalar function never gets them,
 *   and neither does a value preview (`isInValuePreview`). A parameter that is not a reference
 *   gets "" (the documents do not say; the add-in must not rely on it);
 * - a function whose result is a matrix must return a 2-D array; a 1×1 array shows as its value.
 */
export type Platform = "desktop" | "web";

export interface FunctionMetadata {
  id: string;
  name: string;
  parameters: { name: string; dimensionality?: "scalar" | "matrix"; optional?: boolean }[];
  result?: { dimensionality?: "scalar" | "matrix"; type?: string };
  options?: { requiresParameterAddresses?: boolean; stream?: boolean };
}

let metadata: FunctionMetadata[] | undefined;
/** The built functions.json (build the add-in first: `npm run build -w @smartcity/addin`). */
export function builtFunctionsJson(): FunctionMetadata[] {
  if (metadata === undefined) {
    const file = path.resolve(__dirname, "../../addin/dist/functions.json");
    metadata = (JSON.parse(readFileSync(file, "utf8")) as { functions: FunctionMetadata[] })
      .functions;
  }
  return metadata;
}

/** A sheet's cells by A1 address ("Sheet1!H2"); a cell not listed is blank. */
export class Workbook {
  constructor(
    readonly cells: Record<string, unknown> = {},
    /** Number formats by cell ("0%" makes 0.85 show as 85%); default "General". */
    readonly formats: Record<string, string> = {}
  ) {}

  /** The cells of a range such as "Sheet1!H2:N2", row by row, as addresses. */
  static addresses(range: string): string[][] {
    const bang = range.lastIndexOf("!");
    const sheet = range.slice(0, bang);
    const [from, to = from] = range
      .slice(bang + 1)
      .replace(/\$/g, "")
      .split(":");
    const [c1, r1] = cellPosition(from);
    const [c2, r2] = cellPosition(to);
    const rows: string[][] = [];
    for (let r = r1; r <= r2; r++) {
      const row: string[] = [];
      for (let c = c1; c <= c2; c++) row.push(`${sheet}!${columnName(c)}${r}`);
      rows.push(row);
    }
    return rows;
  }

  /** What Excel passes for the range on a platform: a blank is 0 on desktop, null on the web. */
  values(range: string, platform: Platform): unknown[][] {
    return Workbook.addresses(range).map((row) =>
      row.map((cell) => {
        const value = this.cells[cell];
        if (value === undefined || value === null) return platform === "desktop" ? 0 : null;
        return value;
      })
    );
  }

  /** Range.valueTypes as the Excel JavaScript API documents them (Excel.RangeValueType). */
  valueTypes(range: string): string[][] {
    return Workbook.addresses(range).map((row) =>
      row.map((cell) => {
        const value = this.cells[cell];
        if (value === undefined || value === null || value === "") return "Empty";
        return typeof value === "number"
          ? "Double"
          : typeof value === "boolean"
            ? "Boolean"
            : "String";
      })
    );
  }

  numberFormat(range: string): string[][] {
    return Workbook.addresses(range).map((row) =>
      row.map((cell) => this.formats[cell] ?? "General")
    );
  }

  /** Makes the Excel stand-in answer load(valueTypes, numberFormat) for `range` from these cells. */
  showTo(
    excel: { cells: Map<string, { valueTypes: string[][]; numberFormat: string[][] }> },
    range: string
  ): void {
    const bang = range.lastIndexOf("!");
    const sheet = range
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    excel.cells.set(`${sheet}!${range.slice(bang + 1)}`, {
      valueTypes: this.valueTypes(range),
      numberFormat: this.numberFormat(range),
    });
  }
}

function cellPosition(a1: string): [number, number] {
  const match = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!match) throw new Error(`not an A1 cell address: ${a1}`);
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return [column, Number(match[2])];
}

function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** An argument of a formula: a reference to cells, a typed value, or omitted. */
export type FormulaArgument = { ref: string } | { value: unknown } | null;

export interface Recalculation {
  platform: Platform;
  workbook: Workbook;
  /** The Excel stand-in to show the referenced cells to (for the add-in's load + sync). */
  excel?: { cells: Map<string, { valueTypes: string[][]; numberFormat: string[][] }> };
  valuePreview?: boolean;
}

/**
 * Calls the function `id` of `functions` (its exports, named as functions.json's ids in lower
 * case) as Excel would for a formula with these arguments, and gives what the cell shows.
 */
export function excelCalls(
  functions: Record<string, unknown>,
  id: string,
  args: FormulaArgument[],
  at: Recalculation
): Promise<unknown> {
  const meta = builtFunctionsJson().find((entry) => entry.id === id);
  if (!meta) throw new Error(`${id} is not in functions.json`);
  const fn = functions[id.toLowerCase()] as (...values: unknown[]) => Promise<unknown>;
  const values = meta.parameters.map((parameter, index) => {
    const arg = args[index] ?? null;
    if (arg === null) return null;
    if ("value" in arg) return arg.value;
    const grid = at.workbook.values(arg.ref, at.platform);
    return parameter.dimensionality === "matrix" ? grid : grid[0][0];
  });
  const matrixResult = meta.result?.dimensionality === "matrix";
  const invocation: Record<string, unknown> = {
    functionName: id,
    isInValuePreview: Boolean(at.valuePreview),
  };
  if (meta.options?.requiresParameterAddresses && matrixResult && !at.valuePreview) {
    invocation.parameterAddresses = meta.parameters.map((_parameter, index) => {
      const arg = args[index] ?? null;
      if (arg === null || !("ref" in arg)) return "";
      if (at.excel) at.workbook.showTo(at.excel, arg.ref);
      return arg.ref;
    });
  }
  return cellShows(
    fn(...values, invocation).then((result) => {
      if (!matrixResult) return result;
      if (!Array.isArray(result) || !result.every(Array.isArray))
        throw new Error(
          `${id} is declared with a matrix result but returned ${JSON.stringify(result)}`
        );
      return result.length === 1 && result[0].length === 1 ? result[0][0] : result;
    })
  );
}

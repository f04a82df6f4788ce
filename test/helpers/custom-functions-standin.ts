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

/**
 * What the page gets instead of https://appsforoffice.microsoft.com/lib/1/hosted/office.js
 * (no internet here, and no Excel): the documented surface this add-in uses, as office.js
 * behaves in a plain browser, plus the CustomFunctions runtime as Excel provides it to a shared
 * runtime (custom-functions-runtime API: associate, Error, ErrorCode). `window.__associated`
 * lets a test call each function by its functions.json id, the way Excel does.
 *
 * Initialisation follows "Initialize your Office Add-in" (office-js-docs-pr,
 * develop/initialize-add-in.md): Office initialises after the page's scripts start, and
 * `Office.onReady()` resolves then (with `host: null` in a plain browser; `displayLanguage` and
 * `platform` can be set to stand for Office on another platform). Office.context is not usable
 * before it: reading it earlier throws here, so code that reads the display language (or the
 * document's settings) too early fails a test instead of silently getting nothing.
 */
export interface OfficeStandInOptions {
  /** Office's UI language (Office.context.displayLanguage); default the browser's. */
  displayLanguage?: string;
  /** Office.onReady's `platform` ("PC", "Mac", "OfficeOnline"); default null (a plain browser). */
  platform?: string | null;
  /**
   * Whether the page has the CustomFunctions runtime (default true: Excel's shared runtime).
   * False is a plain browser opening the pane, where office.js brings none.
   */
  customFunctionsRuntime?: boolean;
}

export function officeStandInScript(options: OfficeStandInOptions = {}): string {
  return `
(() => {
  const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };
  class CustomFunctionsError extends Error { constructor(code, message) { super(message); this.code = code; } }
  window.__associated = {};
  if (${options.customFunctionsRuntime ?? true}) window.CustomFunctions = { ErrorCode, Error: CustomFunctionsError, associate: (id, fn) => { window.__associated[id] = fn; } };
  const info = { host: null, platform: ${JSON.stringify(options.platform ?? null)} };
  const context = { displayLanguage: ${options.displayLanguage ? JSON.stringify(options.displayLanguage) : "navigator.language"} };
  let initialised = false;
  const ready = new Promise((resolve) => setTimeout(() => { initialised = true; resolve(info); }, 30));
  window.__officeContextReadEarly = 0;
  window.Office = {
    onReady: (callback) => ready.then((value) => { if (callback) callback(value); return value; }),
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  };
  Object.defineProperty(window.Office, "context", {
    get() {
      if (!initialised) {
        window.__officeContextReadEarly++;
        throw new Error("Office.context was read before Office initialised: wait for Office.onReady (initialize-add-in.md)");
      }
      return context;
    },
  });
})();
`;
}

/** The stand-in as a plain browser gets it (no Office host, the browser's language). */
export const OFFICE_STANDIN_SCRIPT = officeStandInScript();

/**
 * Runs in the page: loads the BUILT functions.json (what Excel reads) once, so CELL_SHOWS can
 * call functions as their metadata says. `openPane` runs it before a test calls any function.
 */
export const LOAD_FUNCTIONS_JSON = `(async () => {
  const response = await fetch("functions.json");
  const { functions } = await response.json();
  window.__metadata = Object.fromEntries(functions.map((entry) => [entry.id, entry]));
  return functions.length;
})()`;

/**
 * Runs in the page: calls an associated function as Excel would and reports what the cell would
 * show. As the metadata reference says (custom-functions-json.md, "options"), Excel gives
 * `parameterAddresses` only to a function that asks for them AND returns a matrix: the stand-in
 * removes them otherwise. A matrix result must be a 2-D array; a 1×1 one shows as its value.
 */
export const CELL_SHOWS = `async (id, args) => {
  const meta = window.__metadata && window.__metadata[id];
  if (!meta) return "NO METADATA for " + id + " (run LOAD_FUNCTIONS_JSON first)";
  const matrix = Boolean(meta.result && meta.result.dimensionality === "matrix");
  const at = meta.parameters.length;
  if (args.length > at && args[at] && typeof args[at] === "object" && !(matrix && meta.options && meta.options.requiresParameterAddresses)) {
    const { parameterAddresses, ...rest } = args[at];
    args = [...args.slice(0, at), rest];
  }
  try {
    const value = await window.__associated[id](...args);
    if (!matrix) return value;
    if (!Array.isArray(value) || !value.every(Array.isArray)) return "NOT A MATRIX: " + JSON.stringify(value);
    return value.length === 1 && value[0].length === 1 ? value[0][0] : value;
  } catch (error) {
    return error && error.code ? error.code + (error.message ? ": " + error.message : "") : "THROWN " + String(error);
  }
}`;

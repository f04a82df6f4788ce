/**
 * What the page gets instead of https://appsforoffice.microsoft.com/lib/1/hosted/office.js
 * (no internet here, and no Excel): the documented surface this add-in uses, as office.js
 * behaves in a plain browser — `Office.onReady()` resolves with `host: null` ("Initialize your
 * Office Add-in") — plus the CustomFunctions runtime as Excel provides it to a shared runtime
 * (custom-functions-runtime API: associate, Error, ErrorCode). `window.__associated` lets a
 * test call each function by its functions.json id, the way Excel does.
 */
export const OFFICE_STANDIN_SCRIPT = `
(() => {
  const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };
  class CustomFunctionsError extends Error { constructor(code, message) { super(message); this.code = code; } }
  window.__associated = {};
  window.CustomFunctions = { ErrorCode, Error: CustomFunctionsError, associate: (id, fn) => { window.__associated[id] = fn; } };
  window.Office = {
    onReady: () => Promise.resolve({ host: null, platform: null }),
    context: { displayLanguage: navigator.language },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  };
})();
`;

/** Runs in the page: calls an associated function and reports what the cell would show. */
export const CELL_SHOWS = `async (id, args) => {
  try { return await window.__associated[id](...args); }
  catch (error) { return error && error.code ? error.code + (error.message ? ": " + error.message : "") : "THROWN " + String(error); }
}`;

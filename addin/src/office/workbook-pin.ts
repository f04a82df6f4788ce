/* global Office */

/**
 * The ruleset version a workbook is pinned to, kept in the workbook's own
 * settings (Office.context.document.settings, saved with the file) so that
 * the workbook is re-evaluated under the version it was scored with.
 */
const PIN_SETTING = "smartcity.rulesetVersion";

function settings(): Office.Settings | undefined {
  if (typeof Office === "undefined") return undefined;
  return Office.context?.document?.settings ?? undefined;
}

export function readPin(): string | undefined {
  const value = settings()?.get(PIN_SETTING) as unknown;
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function writePin(version: string | undefined): Promise<void> {
  const store = settings();
  if (store === undefined)
    return Promise.reject(new Error("Pinning needs a workbook: open the pane in Excel"));
  if (version === undefined) store.remove(PIN_SETTING);
  else store.set(PIN_SETTING, version);
  return new Promise((resolve, reject) =>
    store.saveAsync((result) =>
      result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error)
    )
  );
}

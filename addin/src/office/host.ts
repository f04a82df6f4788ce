/* global Office */

/** Which Office host the page runs in; null in a plain browser (or when office.js could not load). */
export async function officeHost(): Promise<string | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  const info = await Office.onReady();
  return info.host ? String(info.host) : null;
}

/** Office's display language ("th-TH", "en-US"…), or the browser's outside Office. */
export function displayLanguage(): string {
  if (typeof Office !== "undefined") {
    const language = Office.context?.displayLanguage;
    if (language) return language;
  }
  return typeof navigator === "undefined" ? "en" : navigator.language;
}

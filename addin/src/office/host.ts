/* global Office */

/*
 * Office's context (Office.context: display language, the document's settings) is usable only
 * after Office has initialised: "Initialize your Office Add-in" (office-js-docs-pr,
 * develop/initialize-add-in.md) says to wait for Office.onReady (or Office.initialize) before
 * calling Office APIs. Everything here that reads Office.context waits for it.
 */
type OfficeInfo = Awaited<ReturnType<typeof Office.onReady>>;
let ready: Promise<OfficeInfo | null> | undefined;
let isReady = false;

function hasOffice(): boolean {
  return typeof Office !== "undefined" && typeof Office.onReady === "function";
}

/** Resolves once Office has initialised (at once outside Office), with Office's host info. */
export function whenOfficeReady(): Promise<OfficeInfo | null> {
  ready ??= hasOffice()
    ? Office.onReady().then((info) => {
        isReady = true;
        return info;
      })
    : Promise.resolve(null).then((none) => {
        isReady = true;
        return none;
      });
  return ready;
}

/** Whether Office.context may be read now (always true outside Office). */
export function officeIsReady(): boolean {
  if (!hasOffice()) return true;
  if (!isReady) void whenOfficeReady();
  return isReady;
}

/** Which Office host the page runs in; null in a plain browser (or when office.js could not load). */
export async function officeHost(): Promise<string | null> {
  const info = await whenOfficeReady();
  return info?.host ? String(info.host) : null;
}

/**
 * Office's display language ("th-TH", "en-US"…), or the browser's outside Office. Read only
 * after Office.onReady: before it Office.context is not usable (initialize-add-in.md).
 */
export async function displayLanguage(): Promise<string> {
  await whenOfficeReady();
  const language = hasOffice() ? Office.context?.displayLanguage : undefined;
  if (language) return language;
  return typeof navigator === "undefined" ? "en" : navigator.language;
}

/**
 * Office's display language now, when Office has initialised (undefined before, and outside
 * Office): for code that cannot wait, such as a streaming function's next value.
 */
export function displayLanguageNow(): string | undefined {
  if (!hasOffice() || !officeIsReady()) return undefined;
  return Office.context?.displayLanguage || undefined;
}

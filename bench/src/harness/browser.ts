import { type Browser, chromium, type Page } from "playwright-core";
import { type ChromiumChoice, findChromium } from "./find-chromium";

/** Where the pane loads office.js from (taskpane.html, as Microsoft's templates do). */
export const OFFICE_JS_HOST = "appsforoffice.microsoft.com";

/**
 * Headless Chromium (`choice`, else found by `findChromium`: CHROMIUM_PATH, an installed one, or
 * npm's), with
 * the flags that keep it off the (absent) internet. Office's CDN resolves to nothing at once, so
 * the pane's office.js tag fails fast and the documented stand-in (`withOfficeStandIn`) answers
 * instead: no request interception, which would hide CORS (Playwright answers every preflight
 * itself while a route is set, so a header the service does not allow would pass unseen).
 */
export async function launchChromium(choice?: ChromiumChoice): Promise<Browser> {
  const chosen = choice ?? (await findChromium());
  try {
    return await chromium.launch({
      executablePath: chosen.executablePath,
      env: { ...process.env, ...chosen.env },
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--ignore-certificate-errors",
        `--host-resolver-rules=MAP ${OFFICE_JS_HOST} ~NOTFOUND`,
      ],
    });
  } catch (error) {
    throw new Error(whyNotStarted(chosen, error), { cause: error });
  }
}

/** One line that says which browser failed and, when the system lacks a library, which one. */
export function whyNotStarted(choice: ChromiumChoice, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const library = /error while loading shared libraries: ([^\s:]+)/.exec(text)?.[1];
  const what = `${choice.source} Chromium (${choice.executablePath})`;
  return library
    ? `${what} did not start: this system lacks the library ${library}; install it, or set CHROMIUM_PATH to another Chromium`
    : `${what} did not start: ${text.split("\n")[0]}`;
}

/**
 * Gives `page` the Office stand-in `script` before any of the page's own scripts run, in place
 * of office.js (which cannot load: see launchChromium). Not `page.route`: see above.
 */
export async function withOfficeStandIn(page: Page, script: string): Promise<void> {
  await page.addInitScript({ content: script });
}

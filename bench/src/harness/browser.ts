import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Where the pane loads office.js from (taskpane.html, as Microsoft's templates do). */
export const OFFICE_JS_HOST = "appsforoffice.microsoft.com";

/**
 * Debian's Chromium, headless, with the flags that keep it off the (absent) internet. Office's
 * CDN resolves to nothing at once, so the pane's office.js tag fails fast and the documented
 * stand-in (`withOfficeStandIn`) answers instead: no request interception, which would hide
 * CORS (Playwright answers every preflight itself while a route is set, so a header the service
 * does not allow would pass unseen).
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not at ${executablePath}: install Debian's (apt-get install chromium fonts-thai-tlwg, as the README says) or set CHROMIUM_PATH`
    );
  }
  return chromium.launch({
    executablePath,
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
}

/**
 * Gives `page` the Office stand-in `script` before any of the page's own scripts run, in place
 * of office.js (which cannot load: see launchChromium). Not `page.route`: see above.
 */
export async function withOfficeStandIn(page: Page, script: string): Promise<void> {
  await page.addInitScript({ content: script });
}

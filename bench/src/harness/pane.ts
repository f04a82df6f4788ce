import type { Browser, Page } from "playwright-core";
import { withOfficeStandIn } from "./browser";
import {
  LOAD_FUNCTIONS_JSON,
  type OfficeStandInOptions,
  officeStandInScript,
} from "./office-standin";

/**
 * A page with the built task pane open as a user opens it outside Excel: office.js answered by
 * the documented stand-in, and the pane pointed at the given scoring service through its own
 * "Service URL" field (the build's default is http://127.0.0.1:7071).
 */
export async function openPane(
  browser: Browser,
  siteOrigin: string,
  serviceUrl: string,
  office: OfficeStandInOptions = {}
): Promise<Page> {
  const page = await browser.newPage();
  const script = officeStandInScript(office);
  await withOfficeStandIn(page, script);
  await page.goto(`${siteOrigin}/taskpane.html`);
  await page.evaluate(LOAD_FUNCTIONS_JSON);
  await page.fill("#service-url", serviceUrl);
  await page.click("#service-save");
  return page;
}

/** Signs in through the pane's dev role picker (as a named person, if given) and waits for the ruleset to load. */
export async function devSignIn(
  page: Page,
  role: "Evaluator" | "Secretary" | "Admin",
  name = ""
): Promise<void> {
  await page.waitForSelector("#dev-sign-in:not([hidden])");
  await page.selectOption("#role", role);
  await page.fill("#dev-name", name);
  await page.click("#sign-in");
  // The ruleset in force is on the Evaluate tab; signing in as a secretary or an admin opens
  // that role's own tab, so the table is there but not necessarily shown.
  await page.waitForSelector("#ruleset-table", { state: "attached" });
}

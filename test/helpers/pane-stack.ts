import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../bench/src/harness/browser";
import { serveHttps } from "../../bench/src/harness/https-static";
import { CELL_SHOWS } from "../../bench/src/harness/office-standin";
import type { OfficeStandInOptions } from "../../bench/src/harness/office-standin";
import { openPane } from "../../bench/src/harness/pane";
import { type ApiProcess, startApiProcess } from "./api-process";
import { startTestStorage, type TestStorage } from "./service-env";

/**
 * Everything an end-to-end test of the BUILT add-in needs, started together and stopped
 * together: addin/dist over https on a localhost origin, Azurite, the API (allowing that origin
 * by CORS), headless Chromium, and a page with the pane open and pointed at the API.
 */
export interface PaneStack {
  api: ApiProcess;
  page: Page;
  /** Calls a custom function by id as Excel would, and gives what the cell shows. */
  cell(id: string, ...args: unknown[]): Promise<unknown>;
  /** Another page with the pane, with Office standing for another language or platform. */
  openPane(office: OfficeStandInOptions): Promise<Page>;
  stop(): Promise<void>;
}

const DIST = path.resolve(__dirname, "../../addin/dist");

/** `env` adds to or overrides the API's settings (e.g. SMARTCITY_PUBLISH_APPROVALS). */
export async function startPaneStack(env: Record<string, string> = {}): Promise<PaneStack> {
  // Stopped in reverse order, also when a later part fails to start (Chromium not installed,
  // say): a failed start must not leave servers running after the test.
  const stoppers: (() => Promise<void>)[] = [];
  // Every part is stopped even when one fails to stop; the failures are thrown together after.
  const stop = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const stopper of stoppers.splice(0).reverse()) {
      await stopper().catch((failure: unknown) => failures.push(failure));
    }
    if (failures.length > 0)
      throw new AggregateError(failures, "the pane stack did not stop cleanly");
  };
  try {
    const site = await serveHttps(DIST);
    stoppers.push(() => site.close());
    const storage: TestStorage = await startTestStorage();
    stoppers.push(() => storage.stop());
    const api = await startApiProcess({
      ...storage.env,
      SMARTCITY_CORS_ORIGINS: site.origin,
      ...env,
    });
    stoppers.push(() => api.stop());
    const browser: Browser = await launchChromium();
    stoppers.push(() => browser.close());
    const page = await openPane(browser, site.origin, api.url);
    return {
      api,
      page,
      cell: (id, ...args) =>
        page.evaluate(`(${CELL_SHOWS})(${JSON.stringify(id)}, ${JSON.stringify(args)})`),
      openPane: (office) => openPane(browser, site.origin, api.url, office),
      stop,
    };
  } catch (error) {
    // The start's own error is the one to see; a failure to stop is only added to it.
    await stop().catch((stopError: unknown) => {
      throw new AggregateError([error, stopError], String(error));
    });
    throw error;
  }
}

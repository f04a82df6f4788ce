import path from "node:path";
import { launchChromium } from "./harness/browser";
import { serveHttps } from "./harness/https-static";
import { CELL_SHOWS, LOAD_FUNCTIONS_JSON } from "./harness/office-standin";
import { devSignIn, openPane } from "./harness/pane";
import { recalculationScript, sheetScript } from "./harness/sheet-script";
import { startService } from "./http-bench";
import { median } from "./stats";

export interface AddinFigures {
  applicants: number;
  invocations: number;
  firstRecalcMs: number[];
  firstRecalcRequests: number[];
  secondRecalcMs: number[];
  secondRecalcRequests: number[];
  errors: number;
}

const DIST = path.resolve(__dirname, "../../addin/dist");

/**
 * A sheet of 10,000 applicants in the browser harness: the BUILT add-in in headless Chromium
 * (office.js replaced by the documented stand-in), each applicant with a SCORE and an ELIGIBLE
 * cell, i.e. 20,000 invocations made the way Excel makes them, against the local API.
 * A "recalculation" starts every invocation at once and ends when the last has settled.
 * The page is reloaded between rounds, so each first recalculation starts with an empty cache.
 */
export async function benchAddin(
  keyFile: string,
  applicants = 10_000,
  rounds = 5
): Promise<AddinFigures> {
  const site = await serveHttps(DIST);
  const api = await startService(keyFile, { SMARTCITY_CORS_ORIGINS: site.origin }).catch(
    async (error: unknown) => {
      await site.close();
      throw error;
    }
  );
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium(); // inside: a missing Chromium still stops the API and site
    const page = await openPane(browser, site.origin, api.url);
    let requests = 0;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/evaluate")) requests++;
    });
    await devSignIn(page, "Evaluator");

    const figures: AddinFigures = {
      applicants,
      invocations: applicants * 2,
      firstRecalcMs: [],
      firstRecalcRequests: [],
      secondRecalcMs: [],
      secondRecalcRequests: [],
      errors: 0,
    };
    const recalculate = recalculationScript(CELL_SHOWS, sheetScript(applicants, 7));
    for (let round = 0; round < rounds; round++) {
      if (round > 0) {
        await page.reload();
        await page.evaluate(LOAD_FUNCTIONS_JSON);
        await page.waitForSelector("#ruleset-table");
      }
      requests = 0;
      const first = (await page.evaluate(recalculate)) as { ms: number; errors: number };
      figures.firstRecalcMs.push(first.ms);
      figures.firstRecalcRequests.push(requests);
      requests = 0;
      const second = (await page.evaluate(recalculate)) as { ms: number; errors: number };
      figures.secondRecalcMs.push(second.ms);
      figures.secondRecalcRequests.push(requests);
      figures.errors += first.errors + second.errors;
    }
    return figures;
  } finally {
    await browser?.close();
    await api.stop();
    await site.close();
  }
}

export function describeAddin(figures: AddinFigures, inProcess10kMs: number): string[] {
  const first = median(figures.firstRecalcMs);
  const second = median(figures.secondRecalcMs);
  const ratio = (ms: number) =>
    `${(ms / inProcess10kMs).toFixed(1)}× the in-process evaluateBatch of ${figures.applicants.toLocaleString("en")} (${inProcess10kMs.toFixed(1)} ms)`;
  return [
    `Excel add-in in the browser harness: ${figures.applicants.toLocaleString("en")} applicants, ${figures.invocations.toLocaleString("en")} SCORE+ELIGIBLE invocations, ${figures.firstRecalcMs.length} rounds:`,
    `  first recalculation: median ${first.toFixed(0)} ms until every invocation settled (${figures.firstRecalcMs.map((ms) => ms.toFixed(0)).join(", ")})   (target ≤ 1,000 ms); ${ratio(first)}`,
    `  HTTP requests per first recalculation: ${figures.firstRecalcRequests.join(", ")}   (target ≤ 10)`,
    `  identical recalculation: median ${second.toFixed(1)} ms (${figures.secondRecalcMs.map((ms) => ms.toFixed(0)).join(", ")}), requests ${figures.secondRecalcRequests.join(", ")}   (target ≤ 80 ms, 0 requests); ${ratio(second)}`,
    `  errors among ${(figures.invocations * 2 * figures.firstRecalcMs.length).toLocaleString("en")} invocations: ${figures.errors}`,
  ];
}

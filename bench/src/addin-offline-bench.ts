import path from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "./harness/browser";
import { serveHttps } from "./harness/https-static";
import { CELL_SHOWS, LOAD_FUNCTIONS_JSON } from "./harness/office-standin";
import { devSignIn, openPane } from "./harness/pane";
import { recalculationScript, sheetScript } from "./harness/sheet-script";
import { startTcpProxy } from "./harness/tcp-proxy";
import { startService } from "./http-bench";
import { median } from "./stats";

export interface EditFigures {
  /** One edited score cell: until its SCORE and ELIGIBLE cells settled, per edit. */
  onlineMs: number[];
  /** The same, back to a value this session has an answer for (the kept result). */
  keptMs: number[];
  /** The same with the service cut: computed by the shared engine in the page. */
  offlineMs: number[];
  /** A reloaded page with the service cut, its first recalculation of the whole sheet. */
  offlineRecalcMs: number[];
  /** Evaluation requests (POST /api/evaluate) during those recalculations. */
  offlineEvaluateRequests: number[];
  invocations: number;
  errors: number;
}

const DIST = path.resolve(__dirname, "../../addin/dist");

/**
 * What the evaluator feels: one edited score cell, online, from a kept answer and offline; and
 * the first recalculation of 10,000 applicants (20,000 invocations) after Excel is reopened with
 * the service unreachable. The BUILT add-in in headless Chromium reaches the local API through a
 * relay the benchmark cuts (connections refused), as when the network is down.
 */
export async function benchAddinEdits(
  keyFile: string,
  applicants = 10_000,
  edits = 30,
  rounds = 3
): Promise<EditFigures> {
  const site = await serveHttps(DIST);
  const api = await startService(keyFile, { SMARTCITY_CORS_ORIGINS: site.origin });
  const relay = await startTcpProxy(Number(new URL(api.url).port));
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium();
    const page = await openPane(browser, site.origin, `http://127.0.0.1:${relay.port}`);
    let evaluateRequests = 0;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/evaluate")) evaluateRequests++;
    });
    await devSignIn(page, "Evaluator");
    const figures: EditFigures = {
      onlineMs: [],
      keptMs: [],
      offlineMs: [],
      offlineRecalcMs: [],
      offlineEvaluateRequests: [],
      invocations: applicants * 2,
      errors: 0,
    };
    const sheet = recalculationScript(CELL_SHOWS, sheetScript(applicants, 11));
    figures.errors += ((await page.evaluate(sheet)) as { errors: number }).errors;
    // Each edit a value never seen before (so neither kept nor batched with another).
    for (let edit = 0; edit < edits; edit++)
      figures.onlineMs.push(await editRow(page, 70 + edit / 10));
    for (let edit = 0; edit < edits; edit++)
      figures.keptMs.push(await editRow(page, 70 + edit / 10));
    await relay.cut();
    await editRow(page, 60); // the first request refused: from here the page knows it is offline
    for (let edit = 0; edit < edits; edit++)
      figures.offlineMs.push(await editRow(page, 50 + edit / 10));
    for (let round = 0; round < rounds; round++) {
      await page.reload();
      await page.evaluate(LOAD_FUNCTIONS_JSON);
      evaluateRequests = 0;
      const first = (await page.evaluate(sheet)) as { ms: number; errors: number };
      figures.offlineRecalcMs.push(first.ms);
      figures.offlineEvaluateRequests.push(evaluateRequests);
      figures.errors += first.errors;
    }
    return figures;
  } finally {
    await browser?.close();
    await relay.close();
    await api.stop();
    await site.close();
  }
}

/** Edits the first row's Energy score to `value`; ms until its SCORE and ELIGIBLE settled. */
async function editRow(page: Page, value: number): Promise<number> {
  return (await page.evaluate(`(async () => {
    const cell = ${CELL_SHOWS};
    const at = { parameterAddresses: ["Sheet1!H2:N2"] };
    const scores = [[null, null, ${value}, null, null, null, 88]];
    const started = performance.now();
    const values = await Promise.all([
      cell("SCORE", [scores, null, null, null, at]),
      cell("ELIGIBLE", [scores, null, [[true, true, true, true, true]], null, null, null, at]),
    ]);
    if (values.some((v) => typeof v === "string")) throw new Error("an edited cell failed: " + values.join(", "));
    return performance.now() - started;
  })()`)) as number;
}

export function describeAddinEdits(figures: EditFigures, inProcess10kMs: number): string[] {
  const ms = (samples: number[]) =>
    `median ${median(samples).toFixed(1)} ms (max ${Math.max(...samples).toFixed(1)})`;
  const recalc = median(figures.offlineRecalcMs);
  return [
    `Excel add-in, one edited score cell (its SCORE and ELIGIBLE), ${figures.onlineMs.length} edits each:`,
    `  online, asking the service:        ${ms(figures.onlineMs)}   (target ≤ 100 ms)`,
    `  a value answered before (kept):    ${ms(figures.keptMs)}   (target ≤ 30 ms)`,
    `  offline, the shared engine here:   ${ms(figures.offlineMs)}   (target ≤ 30 ms)`,
    `Excel add-in reopened offline: first recalculation of ${figures.invocations.toLocaleString("en")} invocations, ${figures.offlineRecalcMs.length} rounds:`,
    `  median ${recalc.toFixed(0)} ms (${figures.offlineRecalcMs.map((value) => value.toFixed(0)).join(", ")})   (target ≤ 1,000 ms); ${(recalc / inProcess10kMs).toFixed(1)}× the in-process evaluateBatch of 10,000 (${inProcess10kMs.toFixed(1)} ms)`,
    `  evaluation requests: ${figures.offlineEvaluateRequests.join(", ")}   (target 0); errors: ${figures.errors}`,
  ];
}

import { launchChromium } from "./harness/browser";
import { findChromium } from "./harness/find-chromium";

/**
 * `npm run browser`: says which Chromium the browser tests and benchmarks will drive, and starts
 * it once, so a missing browser or library shows before a long test run (CI uses it to decide
 * whether to install Debian's Chromium as a fallback). Exits 1 with one line when none starts.
 */
async function main(): Promise<void> {
  const choice = await findChromium();
  const browser = await launchChromium();
  const version = browser.version();
  await browser.close();
  process.stdout.write(`${choice.source} Chromium ${version}: ${choice.executablePath}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { benchEngine } from "./engine-bench";
import { benchHttp } from "./http-bench";
import { format } from "./stats";

/**
 * `npm run bench`: the figures issue #2 asks for, printed. Targets are shown
 * beside each figure; the run does not fail on them (benchmarks measure, tests assert).
 */
async function main(): Promise<void> {
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"})\n`
  );

  const engine = benchEngine();
  console.log("Rules engine, in process, one core (baseline ruleset, sample applications):");
  console.log(
    `  evaluate(): ${Math.round(engine.evaluationsPerSecond).toLocaleString("en")} evaluations/s   (target ≥ 1,000,000; ${Math.round(engine.eligibleShare * 100)}% of the sample eligible)`
  );
  console.log(`  evaluateBatch of 10,000: ${format(engine.batch10kMs)} ms median\n`);

  const keyDir = mkdtempSync(path.join(os.tmpdir(), "smartcity-bench-"));
  try {
    const figures = await benchHttp(path.join(keyDir, "key.json"));
    console.log(
      "POST /api/evaluate over loopback (local host, Azurite in memory, sequential requests):"
    );
    for (const figure of figures) {
      const target = figure.batchSize === 10_000 ? "   (target ≤ 100 ms median)" : "";
      console.log(
        `  batch of ${figure.batchSize.toLocaleString("en").padStart(6)}: median ${format(figure.medianMs).padStart(6)} ms, p99 ${format(figure.p99Ms).padStart(6)} ms over ${figure.requests} requests${target}`
      );
    }
    const big = figures.find((figure) => figure.batchSize === 10_000);
    if (big) {
      console.log(
        `\n10,000-application batch: HTTP ${format(big.medianMs)} ms / in-process ${format(engine.batch10kMs)} ms = ${(big.medianMs / engine.batch10kMs).toFixed(2)}× (target ≤ 5×)`
      );
    }
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

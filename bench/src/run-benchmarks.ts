import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { type EngineFigures } from "./engine-bench";
import { benchAddin, describeAddin } from "./addin-bench";
import { benchAddinEdits, describeAddinEdits } from "./addin-offline-bench";
import { benchConsolidate, describeConsolidate } from "./consolidate-bench";
import { benchAgainstFloor, benchHttp } from "./http-bench";
import { benchLoad, describeLoad } from "./load-bench";
import { format, median } from "./stats";

const ENGINE_PROCESSES = 3;
const BENCHES = ["engine", "http", "addin", "load", "consolidate"] as const;
type Bench = (typeof BENCHES)[number];

/** `--only consolidate` (or a comma list: `--only http,load`) runs just those benchmarks. */
function chosenBenches(argv: readonly string[]): ReadonlySet<Bench> {
  const at = argv.indexOf("--only");
  if (at === -1) return new Set(BENCHES);
  const names = (argv[at + 1] ?? "").split(",").filter(Boolean);
  const unknown = names.filter((name) => !(BENCHES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0)
    throw new Error(
      `--only takes one or more of ${BENCHES.join(", ")} (got "${argv[at + 1] ?? ""}")`
    );
  return new Set(names as Bench[]);
}

/**
 * `npm run bench`: the figures the targets ask for, printed. Targets are shown
 * beside each figure; the run does not fail on them (benchmarks measure, tests assert).
 */
async function main(): Promise<void> {
  const only = chosenBenches(process.argv.slice(2));
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"})\n`
  );

  // The HTTP and add-in figures are compared with the in-process engine's.
  const engine =
    only.has("engine") || only.has("http") || only.has("addin") ? benchEngine() : undefined;

  const keyDir = mkdtempSync(path.join(os.tmpdir(), "smartcity-bench-"));
  const keyFile = path.join(keyDir, "key.json");
  try {
    if (only.has("http") && engine) {
      for (const line of await describeHttpFigures(
        keyFile,
        await benchHttp(keyFile),
        engine.batch10kMs
      ))
        console.log(line);
      console.log("");
    }
    if (only.has("addin") && engine) {
      const addin = await benchAddin(keyFile);
      for (const line of describeAddin(addin, engine.batch10kMs)) console.log(line);
      console.log("");
      const edits = await benchAddinEdits(keyFile);
      for (const line of describeAddinEdits(edits, engine.batch10kMs)) console.log(line);
      console.log("");
    }
    if (only.has("load")) {
      for (const line of describeLoad(await benchLoad(keyFile))) console.log(line);
      console.log("");
    }
    if (only.has("consolidate")) {
      for (const line of describeConsolidate(await benchConsolidate(keyFile))) console.log(line);
    }
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
}

/**
 * POST /api/evaluate's figures, with the 10,000 batches set against the bare-server floor for the
 * same request and answer bytes and against the in-process engine of the same run (the
 * machine's speed varies from run to run, so ratios compare better than milliseconds).
 */
async function describeHttpFigures(
  keyFile: string,
  figures: Awaited<ReturnType<typeof benchHttp>>,
  inProcessMs: number
): Promise<string[]> {
  const lines = [
    "POST /api/evaluate over loopback (local host, Azurite in memory, sequential requests):",
  ];
  for (const figure of figures) {
    const what = figure.messages ? ` "messages":"${figure.messages}"` : "";
    lines.push(
      `  batch of ${figure.batchSize.toLocaleString("en").padStart(6)}${what}: median ${format(figure.medianMs).padStart(6)} ms, p99 ${format(figure.p99Ms).padStart(6)} ms over ${figure.requests} requests, answer ${(figure.responseBytes / 1e6).toFixed(2)} MB`
    );
  }
  for (const messages of [undefined, "none"] as const) {
    const { service, floor } = await benchAgainstFloor(keyFile, messages);
    const what = messages ? `"messages":"${messages}"` : "default messages";
    const target = messages === "none" ? " (target ≤ 1.5×)" : "";
    lines.push(
      `  batch of 10,000 with ${what}: median ${format(service.medianMs)} ms, p99 ${format(service.p99Ms)} ms; bare node:http floor for the same bytes (${(floor.responseBytes / 1e6).toFixed(2)} MB answer), requests taking turns: median ${format(floor.medianMs)} ms`,
      `    service / floor = ${(service.medianMs / floor.medianMs).toFixed(2)}×${target}; / in-process evaluateBatch of 10,000 (${format(inProcessMs)} ms) = ${(service.medianMs / inProcessMs).toFixed(1)}× (floor ${(floor.medianMs / inProcessMs).toFixed(1)}×)`
    );
  }
  return lines;
}

/** The rules engine, in process, in ENGINE_PROCESSES fresh processes; prints its figures. */
function benchEngine(): { evaluationsPerSecond: number; batch10kMs: number } {
  const runs: EngineFigures[] = [];
  for (let run = 0; run < ENGINE_PROCESSES; run++) {
    const output = execFileSync(process.execPath, [path.join(__dirname, "engine-process.js")], {
      encoding: "utf8",
    });
    runs.push(JSON.parse(output) as EngineFigures);
  }
  const rates = runs.map((run) => run.evaluationsPerSecond);
  const engine = {
    evaluationsPerSecond: median(rates),
    batch10kMs: median(runs.map((run) => run.batch10kMs)),
    eligibleShare: runs[0].eligibleShare,
  };
  const perSecond = (rate: number) => Math.round(rate).toLocaleString("en");
  console.log("Rules engine, in process, one core (baseline ruleset, sample applications):");
  console.log(
    `  evaluate(): ${perSecond(engine.evaluationsPerSecond)} evaluations/s, median of ${ENGINE_PROCESSES} processes (${rates.map(perSecond).join(", ")})   (target ≥ 1,000,000; ${Math.round(engine.eligibleShare * 100)}% of the sample eligible)`
  );
  console.log(`  evaluateBatch of 10,000: ${format(engine.batch10kMs)} ms median`);
  // Later criteria: the example ruleset of announcement 1/2562, measured in the same processes.
  const laterRates = runs.map((run) => run.later.evaluationsPerSecond);
  const laterRate = median(laterRates);
  const ratio = engine.evaluationsPerSecond / laterRate;
  console.log(
    `  example ruleset 1/2562 (tracks, components, bands, rubric): ${perSecond(laterRate)} evaluations/s (${laterRates.map(perSecond).join(", ")}), baseline ${ratio.toFixed(2)}× as fast (target ≤ 2×); evaluateBatch of 10,000: ${format(median(runs.map((run) => run.later.batch10kMs)))} ms; outcomes ${JSON.stringify(runs[0].later.bands)}\n`
  );
  return engine;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

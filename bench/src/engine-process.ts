import { benchEngine } from "./engine-bench";

// One engine measurement in a fresh process, printed as JSON for run-benchmarks.ts:
// separate processes show how much the figure varies with JIT decisions and machine load.
process.stdout.write(`${JSON.stringify(benchEngine())}\n`);

// faulty-helper-worker.mjs, exiting when asked to evaluate.
globalThis.faultyHelperExits = true;
await import("./faulty-helper-worker.mjs");

// faulty-helper-worker.mjs, never answering anything once it is ready.
globalThis.faultyHelperSilent = true;
await import("./faulty-helper-worker.mjs");

// A stand-in for functions/src/handlers/evaluate-helper-worker.ts that parses the later part
// and says whether it is JSON, as the real one does, and then fails that part: it never
// answers, or it exits when asked to evaluate (loaded through faulty-helper-worker-exits.mjs).
// The service must then evaluate the part itself, after it has already sent the earlier part.
// Loaded through faulty-helper-worker-silent.mjs, it never even says whether the part is JSON,
// and the service must read that part itself before it answers anything
// (test/functions/evaluate-helper.test.ts).
import { parentPort } from "node:worker_threads";

const exits = globalThis.faultyHelperExits === true;
const silent = globalThis.faultyHelperSilent === true;
parentPort.on("message", (request) => {
  if (silent) return;
  if (request.kind === "part") {
    let ok = false;
    try {
      const later = JSON.parse(request.text);
      ok = Array.isArray(later) && later.length === request.count;
    } catch {
      ok = false;
    }
    parentPort.postMessage({ kind: "parsed", id: request.id, ok });
  } else if (request.kind === "evaluate") {
    if (exits) process.exit(1);
  } else parentPort.postMessage({ kind: "dropped", id: request.id });
});
parentPort.postMessage({ kind: "ready" });

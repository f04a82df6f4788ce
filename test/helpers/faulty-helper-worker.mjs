// A stand-in for functions/src/handlers/evaluate-helper-worker.ts that says where the later part
// starts, as the real one does, and then fails that part: it never answers, or it exits when
// asked to evaluate (loaded through faulty-helper-worker-exits.mjs). The service must then evaluate the
// part itself, after it has already sent the earlier part (test/functions/evaluate-helper.test.ts).
import { parentPort } from "node:worker_threads";
import depth from "../../functions/dist/http/json-depth.js";

const exits = globalThis.faultyHelperExits === true;
parentPort.on("message", (request) => {
  if (request.kind === "scan") {
    const array = depth.scanJson(request.text, 32, "applications").array;
    const comma = array === undefined ? -1 : Math.floor(array.commas.length / 2);
    parentPort.postMessage({
      kind: "scanned",
      id: request.id,
      rest:
        array === undefined || array.commas.length === 0
          ? undefined
          : { firstIndex: comma + 1, count: array.commas.length + 1 },
    });
  } else if (request.kind === "evaluate") {
    if (exits) process.exit(1);
  } else parentPort.postMessage({ kind: "dropped", id: request.id });
});
parentPort.postMessage({ kind: "ready" });

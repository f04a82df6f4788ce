// A stand-in for functions/src/handlers/evaluate-helper-worker.ts that reads the text after the
// cut and says what it holds, as the real one does (with the same compiled reader), and then
// fails that part: it never answers, or it exits when asked to evaluate (loaded through
// faulty-helper-worker-exits.mjs). The service must then evaluate the part itself, after it has
// already sent the earlier part. Loaded through faulty-helper-worker-silent.mjs, it never even
// says what the part holds, and the service must read that part itself before it answers
// anything (test/functions/evaluate-helper.test.ts).
import { parentPort } from "node:worker_threads";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { readArrayRest } = require("../../functions/dist/http/json-array-parts.js");
const { MAX_JSON_DEPTH } = require("@smartcity/shared");

const exits = globalThis.faultyHelperExits === true;
const silent = globalThis.faultyHelperSilent === true;
parentPort.on("message", (request) => {
  if (silent) return;
  if (request.kind === "part") {
    const rest = readArrayRest(request.text, MAX_JSON_DEPTH, "applications");
    const reading = "elements" in rest ? { close: rest.close, count: rest.elements.length } : rest;
    parentPort.postMessage({ kind: "parsed", id: request.id, ...reading });
  } else if (request.kind === "evaluate") {
    if (exits) process.exit(1);
  } else parentPort.postMessage({ kind: "dropped", id: request.id });
});
parentPort.postMessage({ kind: "ready" });

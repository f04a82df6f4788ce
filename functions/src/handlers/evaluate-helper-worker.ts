import { parentPort } from "node:worker_threads";
import {
  evaluateInChunks,
  MAX_JSON_DEPTH,
  type MessageLanguages,
  outcomesJsonItems,
  type Ruleset,
} from "@smartcity/shared";
import { scanJson } from "../http/json-depth";

/**
 * The helper thread of POST /api/evaluate (evaluate-helper.ts says why and when). It serves one
 * request at a time, in the order the messages come:
 * 1. `scan`: the request's whole text. It answers at once where the later part of
 *    `applications` starts (none when the text is too deep or has no such array), then parses
 *    that part on its own.
 * 2. `evaluate` (the request was valid) or `drop` (it was not, or the service did it alone).
 *    It answers with the JSON of the later part's results, encoded, or with nothing when the
 *    part could not be read, and the service then evaluates that part itself.
 */
export type HelperRequest =
  | { kind: "scan"; id: number; text: string; share: number }
  | {
      kind: "evaluate";
      id: number;
      ruleset: Ruleset;
      /** The ruleset's JSON, by which the thread knows a ruleset it has already compiled. */
      rulesetKey: string;
      messages: MessageLanguages;
    }
  | { kind: "drop"; id: number };

export type HelperAnswer =
  | {
      kind: "scanned";
      id: number;
      /** The later part: from the application at `firstIndex` of `count`. Absent: no split. */
      rest?: { firstIndex: number; count: number };
    }
  | { kind: "evaluated"; id: number; json?: Uint8Array }
  | { kind: "dropped"; id: number }
  /** Sent once, when the thread's modules are loaded and it takes requests. */
  | { kind: "ready" };

const RESULTS_PER_CHUNK = 500;

let part: { id: number; firstIndex: number; applications: unknown[] | undefined } | undefined;
let known: { key: string; ruleset: Ruleset } | undefined;

function answer(message: HelperAnswer, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function scan(id: number, text: string, share: number): void {
  part = undefined;
  const found = scanJson(text, MAX_JSON_DEPTH, "applications");
  const array = found.array;
  if (found.tooDeepAt !== undefined || array === undefined || array.commas.length === 0) {
    answer({ kind: "scanned", id }); // too deep (the loop refuses it) or nothing to split
    return;
  }
  const target = array.open + (array.close - array.open) * share;
  let comma = array.commas.findIndex((offset) => offset >= target);
  if (comma === -1) comma = array.commas.length - 1;
  const firstIndex = comma + 1;
  answer({ kind: "scanned", id, rest: { firstIndex, count: array.commas.length + 1 } });
  let applications: unknown[] | undefined;
  try {
    applications = JSON.parse(`[${text.slice(array.commas[comma] + 1, array.close)}]`) as unknown[];
  } catch {
    applications = undefined; // the text is not JSON; the service parses it whole and says where
  }
  // Only a misread text could give another count; the service then evaluates the part itself.
  if (applications?.length !== array.commas.length + 1 - firstIndex) applications = undefined;
  part = { id, firstIndex, applications };
}

function evaluatePart(request: Extract<HelperRequest, { kind: "evaluate" }>): void {
  const mine = part;
  if (mine?.id !== request.id) {
    answer({ kind: "evaluated", id: request.id }); // a turn given up: the current part stays
    return;
  }
  part = undefined;
  if (mine.applications === undefined) {
    answer({ kind: "evaluated", id: request.id });
    return;
  }
  if (known?.key !== request.rulesetKey)
    known = { key: request.rulesetKey, ruleset: request.ruleset };
  const items: string[] = [];
  for (const outcomes of evaluateInChunks(
    mine.applications,
    known.ruleset,
    RESULTS_PER_CHUNK,
    "applications",
    request.messages,
    mine.firstIndex
  )) {
    if (outcomes.length > 0) items.push(outcomesJsonItems(outcomes));
  }
  const text = items.join(",");
  // Its own ArrayBuffer (not Buffer's shared pool), so that it can be transferred, not copied.
  const json = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  json.write(text);
  answer({ kind: "evaluated", id: request.id, json }, [json.buffer as ArrayBuffer]);
}

parentPort?.on("message", (request: HelperRequest) => {
  if (request.kind === "scan") scan(request.id, request.text, request.share);
  else if (request.kind === "evaluate") evaluatePart(request);
  else {
    if (part?.id === request.id) part = undefined;
    answer({ kind: "dropped", id: request.id });
  }
});
answer({ kind: "ready" });

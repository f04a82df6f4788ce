import { parentPort } from "node:worker_threads";
import {
  evaluateInChunks,
  type MessageLanguages,
  outcomesJsonItems,
  type Ruleset,
} from "@smartcity/shared";

/**
 * The helper thread of POST /api/evaluate (evaluate-helper.ts says why and when). It serves one
 * request at a time, in the order the messages come:
 * 1. `part`: the later applications of the request's batch, as the text of a JSON array. It
 *    parses them and answers whether they are JSON and as many as the request loop counted.
 * 2. `evaluate` (the request was valid; only ever after it answered that the part is JSON) or
 *    `drop` (the request was refused, or the loop does it alone). It answers with the JSON of
 *    the part's results, encoded, or with nothing when the part it holds is not that request's
 *    (a turn the loop had given up), and the loop then evaluates that part itself.
 */
export type HelperRequest =
  | {
      kind: "part";
      id: number;
      /** `[` + the applications from `firstIndex` on + `]`. */
      text: string;
      firstIndex: number;
      /** How many applications the loop counted in that text. */
      count: number;
    }
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
      kind: "parsed";
      id: number;
      /** The part is JSON and holds `count` applications. */
      ok: boolean;
    }
  | { kind: "evaluated"; id: number; json?: Uint8Array }
  | { kind: "dropped"; id: number }
  /** Sent once, when the thread's modules are loaded and it takes requests. */
  | { kind: "ready" };

const RESULTS_PER_CHUNK = 500;

let part: { id: number; firstIndex: number; applications: unknown[] } | undefined;
let known: { key: string; ruleset: Ruleset } | undefined;

function answer(message: HelperAnswer, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function parsePart(request: Extract<HelperRequest, { kind: "part" }>): void {
  part = undefined;
  let applications: unknown;
  try {
    applications = JSON.parse(request.text);
  } catch {
    applications = undefined; // not JSON: the loop parses the whole text and says where
  }
  // Only a misread text could give another count; the loop then parses the whole text itself.
  if (Array.isArray(applications) && applications.length === request.count)
    part = { id: request.id, firstIndex: request.firstIndex, applications };
  answer({ kind: "parsed", id: request.id, ok: part !== undefined });
}

function evaluatePart(request: Extract<HelperRequest, { kind: "evaluate" }>): void {
  const mine = part;
  if (mine?.id !== request.id) {
    answer({ kind: "evaluated", id: request.id }); // a turn given up: the current part stays
    return;
  }
  part = undefined;
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
  if (request.kind === "part") parsePart(request);
  else if (request.kind === "evaluate") evaluatePart(request);
  else {
    if (part?.id === request.id) part = undefined;
    answer({ kind: "dropped", id: request.id });
  }
});
answer({ kind: "ready" });

import { parentPort } from "node:worker_threads";
import { MAX_JSON_DEPTH, type MessageLanguages, type Ruleset } from "@smartcity/shared";
import { readArrayRest } from "../http/json-array-parts";
import { resultsJson } from "./results-json";

/**
 * The helper thread of POST /api/evaluate (evaluate-helper.ts says why and when). It serves one
 * request at a time, in the order the messages come:
 * 1. `part`: the request's text after the cut (json-array-parts.ts): the later applications,
 *    then the end of the envelope. It lexes that text as the request loop would (never parsing
 *    it when it nests too deep), parses the applications, and answers what it found.
 * 2. `evaluate` (the request was valid; only ever after it answered that its applications are
 *    JSON) or `drop` (the request was refused, or the loop does it alone). It answers with the
 *    JSON of the part's results in UTF-8 chunks (results-json.ts, as the loop writes its own),
 *    or with nothing when the part it holds is not that request's (a turn the loop had given
 *    up), and the loop then evaluates that part itself.
 */
export type HelperRequest =
  | {
      kind: "part";
      id: number;
      /** The request's text after the cut. */
      text: string;
    }
  | {
      kind: "evaluate";
      id: number;
      /** The index in the batch of the part's first application (its errors name it so). */
      firstIndex: number;
      ruleset: Ruleset;
      /** The ruleset's JSON, by which the thread knows a ruleset it has already compiled. */
      rulesetKey: string;
      messages: MessageLanguages;
    }
  | { kind: "drop"; id: number };

/** What the part holds: where it nests too deep, the applications' count and the array's end, or nothing known. */
export type PartReading =
  { tooDeepAt: number } | { close: number; count: number } | { unread: true };

export type HelperAnswer =
  | ({ kind: "parsed"; id: number } & PartReading)
  | { kind: "evaluated"; id: number; json?: Uint8Array[] }
  | { kind: "dropped"; id: number }
  /** Sent once, when the thread's modules are loaded and it takes requests. */
  | { kind: "ready" };

let part: { id: number; applications: unknown[] } | undefined;
let known: { key: string; ruleset: Ruleset } | undefined;

function answer(message: HelperAnswer, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function parsePart(request: Extract<HelperRequest, { kind: "part" }>): void {
  part = undefined;
  const rest = readArrayRest(request.text, MAX_JSON_DEPTH, "applications");
  if ("elements" in rest) {
    part = { id: request.id, applications: rest.elements };
    answer({ kind: "parsed", id: request.id, close: rest.close, count: rest.elements.length });
  } else answer({ kind: "parsed", id: request.id, ...rest });
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
  // Each chunk is alone on its own ArrayBuffer (Utf8Writer.take), so it is transferred, not copied.
  const json = [
    ...resultsJson(mine.applications, known.ruleset, request.messages, request.firstIndex, false),
  ];
  answer(
    { kind: "evaluated", id: request.id, json },
    json.map((chunk) => chunk.buffer as ArrayBuffer)
  );
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

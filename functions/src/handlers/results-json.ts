import {
  evaluateInChunks,
  type MessageLanguages,
  RESULT_JSON_BYTES,
  type Ruleset,
  Utf8Writer,
  writeOutcomesJson,
} from "@smartcity/shared";

/** Results evaluated and written at a time: small enough to be collected young, big enough to write in few calls. */
const RESULTS_PER_CHUNK = 500;

/**
 * The results' JSON in UTF-8 (outcome-json.ts: the socket neither flattens nor encodes), a
 * chunk at a time, so the request loop sends each while it evaluates the next; joined by commas,
 * and after one when `afterResults` (others came before). `firstIndex` is the index of the first
 * application in the batch, by which an application's error names it. The request loop and the
 * helper thread (evaluate-helper-worker.ts) both write their part with it.
 */
export function* resultsJson(
  applications: readonly unknown[],
  ruleset: Ruleset,
  messages: MessageLanguages,
  firstIndex: number,
  afterResults: boolean
): Generator<Uint8Array> {
  const out = new Utf8Writer(RESULTS_PER_CHUNK * RESULT_JSON_BYTES);
  let separate = afterResults;
  for (const outcomes of evaluateInChunks(
    applications,
    ruleset,
    RESULTS_PER_CHUNK,
    "applications",
    messages,
    firstIndex
  )) {
    if (separate) out.text(",");
    writeOutcomesJson(out, outcomes);
    separate = true;
    yield out.take();
  }
}

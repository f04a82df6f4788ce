/*
 * What this runtime has seen of the functions metadata Excel holds, for the pane's health check
 * (taskpane/evaluator/functions-health.ts). Two signals, both recorded here and nowhere else:
 *
 * - the CustomFunctions.associate calls the metadata plugin appends to functions.ts: which ids
 *   the runtime associated, or that CustomFunctions was missing (a plain browser, or a shared
 *   runtime that failed to start: Excel then shows #NAME? in every cell);
 * - each invocation's parameterAddresses. Every cell function declares
 *   @requiresParameterAddresses, and Excel gives one address per parameter of the metadata IT
 *   holds (CustomFunctions.Invocation, custom-functions-runtime reference). Fewer addresses than
 *   this build declares means Excel still holds an earlier functions.json (it caches it for up to
 *   a day): the invocation then also arrives in the appended argument's place (functions.ts).
 *
 * Kept in module state: the pane and the functions share one module instance (runtime.ts).
 */

/** One call made under other metadata than this build's. */
export interface StaleCall {
  /** The function's name as Excel gives it (Invocation.functionName), when it does. */
  functionName?: string;
  /** How many parameterAddresses Excel passed, and how many parameters this build declares. */
  addresses: number;
  parameters: number;
}

export interface MetadataSeen {
  /** Whether Excel's CustomFunctions runtime was there when the functions module loaded. */
  runtime: "present" | "missing" | "not loaded";
  /** The ids the runtime associated, in order. */
  associated: string[];
  /** Invocations that came with parameterAddresses. */
  calls: number;
  /** The last call made under other metadata, if any. */
  stale?: StaleCall;
}

const seen: MetadataSeen = { runtime: "not loaded", associated: [], calls: 0 };
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

type Associate = (id: string, fn: unknown) => void;

/**
 * Called once, before the appended associate calls run: notes whether CustomFunctions is there
 * and, if so, records each id associated while passing every call on to Excel unchanged.
 */
export function watchAssociations(): void {
  const holder = globalThis as { CustomFunctions?: { associate?: Associate } };
  const runtime = holder.CustomFunctions;
  if (typeof runtime?.associate !== "function") {
    seen.runtime = "missing";
    changed();
    return;
  }
  seen.runtime = "present";
  const associate = runtime.associate.bind(runtime);
  runtime.associate = (id, fn) => {
    seen.associated.push(id);
    associate(id, fn);
    changed();
  };
  changed();
}

/**
 * Called for every invocation of a cell function, with the number of parameters this build
 * declares for it. Without parameterAddresses (a caller that is not Excel) nothing is learnt.
 */
export function seenInvocation(
  parameters: number,
  invocation: { parameterAddresses?: unknown; functionName?: string } | undefined
): void {
  const addresses = invocation?.parameterAddresses;
  if (!Array.isArray(addresses)) return;
  seen.calls += 1;
  if (addresses.length < parameters) {
    seen.stale = { addresses: addresses.length, parameters };
    if (typeof invocation?.functionName === "string")
      seen.stale.functionName = invocation.functionName;
  }
  changed();
}

/** A copy of what has been seen so far. */
export function metadataSeen(): MetadataSeen {
  return { ...seen, associated: [...seen.associated], stale: seen.stale && { ...seen.stale } };
}

/**
 * Calls `listener` whenever something is seen (once per invocation: a listener that draws should
 * gather them); returns how to stop.
 */
export function onMetadataSeen(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

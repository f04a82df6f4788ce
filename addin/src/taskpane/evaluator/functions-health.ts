import type { MetadataSeen } from "../../functions/metadata-seen";

/*
 * Whether the functions Excel runs are this build's, from three signals (docs/excel-functions.md,
 * "The functions' health check and the recalculate button"):
 * 1. what the runtime associated, or that CustomFunctions was missing (metadata-seen.ts);
 * 2. the functions.json this bundle was built with (webpack's SMARTCITY_BUILT_FUNCTIONS) against
 *    the one the site serves now: different means the running code or the served metadata is
 *    stale (Excel and the browser cache both);
 * 3. the metadata Excel holds, as each invocation shows it: fewer parameterAddresses than this
 *    build declares means Excel still holds an earlier functions.json.
 * Functions are compared by id and parameter names: what decides how Excel calls them (a changed
 * description does not break a cell).
 */

/** Each function id's parameter names, in order. */
export type FunctionsSignature = Record<string, string[]>;

declare const SMARTCITY_BUILT_FUNCTIONS: FunctionsSignature | null | undefined;

/** The functions.json this bundle was built with (undefined when not built by webpack). */
export function builtFunctions(): FunctionsSignature | undefined {
  return typeof SMARTCITY_BUILT_FUNCTIONS === "object" && SMARTCITY_BUILT_FUNCTIONS !== null
    ? SMARTCITY_BUILT_FUNCTIONS
    : undefined;
}

/** A functions.json's signature, or undefined when it is not one. */
export function signatureOf(metadata: unknown): FunctionsSignature | undefined {
  const functions = (metadata as { functions?: unknown } | null)?.functions;
  if (!Array.isArray(functions)) return undefined;
  const signature: FunctionsSignature = {};
  for (const entry of functions as { id?: unknown; parameters?: { name?: unknown }[] }[]) {
    if (typeof entry?.id !== "string") return undefined;
    signature[entry.id] = (entry.parameters ?? []).map((parameter) => String(parameter?.name));
  }
  return signature;
}

/**
 * The functions.json the site serves now, next to the pane's page, past every cache ("no-store":
 * Excel's cached copy is what this check looks past).
 */
export async function servedFunctions(): Promise<FunctionsSignature | undefined> {
  try {
    const answer = await fetch(new URL("functions.json", document.baseURI), { cache: "no-store" });
    return answer.ok ? signatureOf(await answer.json()) : undefined;
  } catch {
    return undefined;
  }
}

/** The ids whose parameters differ between two signatures, or which only one has, sorted. */
export function differingIds(a: FunctionsSignature, b: FunctionsSignature): string[] {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...ids]
    .filter((id) => JSON.stringify(a[id] ?? null) !== JSON.stringify(b[id] ?? null))
    .sort();
}

export type Verdict = "upToDate" | "excelStale" | "servedDiffers" | "runtimeFailed" | "unknown";

export interface Health {
  verdict: Verdict;
  /** Ids of this build's functions (none when the build did not say). */
  built: string[];
  /** Ids the served functions.json has otherwise; undefined when it could not be read. */
  servedOther?: string[];
  seen: MetadataSeen;
}

/**
 * The verdict, worst first: a runtime that failed in Excel (no function works), then Excel
 * calling with old metadata (seen in a real call), then a served file other than the build's.
 */
export function healthOf(
  seen: MetadataSeen,
  built: FunctionsSignature | undefined,
  served: FunctionsSignature | undefined,
  inExcel: boolean
): Health {
  const servedOther = built && served ? differingIds(built, served) : undefined;
  const verdict: Verdict =
    inExcel && seen.runtime === "missing"
      ? "runtimeFailed"
      : seen.stale
        ? "excelStale"
        : servedOther === undefined
          ? "unknown"
          : servedOther.length > 0
            ? "servedDiffers"
            : "upToDate";
  return { verdict, built: built ? Object.keys(built) : [], servedOther, seen };
}

import { readFileSync } from "node:fs";
import path from "node:path";
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { json } from "../http/respond";
import type { Services } from "../services";
import { today } from "./rulesets";

/**
 * Which build of the service this is: its package.json (the function app's, or in the repository
 * functions/), with the commit and time `npm run package` stamped there. Read once.
 */
const SERVICE = ((): { version: string; commit?: string; builtAt?: string } => {
  try {
    const file = path.join(__dirname, "..", "..", "package.json");
    const { version, build } = JSON.parse(readFileSync(file, "utf8")) as {
      version: string;
      build?: { commit?: string; builtAt?: string };
    };
    return { version, commit: build?.commit, builtAt: build?.builtAt };
  } catch {
    return { version: "unknown" };
  }
})();

const STORAGE_CHECK_TIMEOUT_MS = 3_000;

/** GET /api/health — anonymous; 200 when storage answers, 503 (with why) when it does not. */
export async function health(
  _request: HttpRequest,
  context: InvocationContext,
  services: Services
): Promise<HttpResponseInit> {
  let storage: { status: "ok" | "unavailable"; message?: string } = { status: "ok" };
  let ruleset: { version: string; hash: string; effectiveFrom: string } | undefined;
  try {
    await withTimeout(services.store.checkHealth(), STORAGE_CHECK_TIMEOUT_MS);
  } catch (error) {
    storage = { status: "unavailable", message: (error as Error).message };
  }
  if (storage.status === "ok") {
    // Its own failure (a store that answers but is inconsistent) is logged, not called an outage.
    try {
      const inForce = await withTimeout(
        services.store.inForce(today(services)),
        STORAGE_CHECK_TIMEOUT_MS
      );
      if (inForce)
        ruleset = {
          version: inForce.version,
          hash: inForce.hash,
          effectiveFrom: inForce.effectiveFrom,
        };
    } catch (error) {
      context.error("health: the ruleset in force could not be read", error);
    }
  }
  const status = storage.status;
  const auth = services.config.auth;
  return json(
    status === "ok" ? 200 : 503,
    {
      status,
      // Which build answers: its version, commit and build time (nothing about the machine).
      service: { name: "smartcity-scoring-api", ...SERVICE },
      // The ruleset in force today in the committee's time zone, when storage answers.
      ruleset,
      storage,
      authMode: auth.mode,
      // Public values the add-in needs to sign users in (client id, authority, API scope).
      signIn: auth.mode === "entra" ? auth.addin : undefined,
      // How many other admins approve a new version (0: publish directly), so the pane offers the right action.
      publishApprovals: services.config.publishApprovals,
      time: new Date().toISOString(),
    },
    { "cache-control": "no-store" }
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`storage did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

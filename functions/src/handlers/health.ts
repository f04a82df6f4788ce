import { readFileSync } from "node:fs";
import path from "node:path";
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { versionInForce } from "@smartcity/shared";
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

/**
 * Health answers storage's last known state at once, checking it again in the background. When
 * it knows nothing from the last 10 s (the first probe, or rare ones), it waits up to 50 ms for
 * the check it starts: Azure answers a point read in a few milliseconds, so a healthy store is
 * then reported as it is now, and one that does not answer as it was last checked. Either way a
 * probe gets its answer in well under 100 ms whatever storage does (the SDK's retries alone take
 * 0.3–0.6 s while storage is down).
 */
const STORAGE_WAIT_MS = 50;
const STORAGE_RECENT_MS = 10_000;
/**
 * The first check of an instance (started with the app) includes creating the table and seeding
 * the baseline, and on Azure the first token and TLS handshake: the first probe waits up to this
 * for it, briefly, rather than report a healthy store as unchecked (503) when the probe comes
 * with the instance's first requests (Flex Consumption scales out often). A store that does not
 * answer is still reported within it, and from then on every probe answers at once.
 */
const FIRST_CHECK_WAIT_MS = 250;

/**
 * GET /api/health — anonymous; 200 when storage answered its last check, 503 (with why) when it
 * did not or has not been checked yet. Storage is checked in the background (StorageStatus).
 */
export async function health(
  _request: HttpRequest,
  context: InvocationContext,
  services: Services
): Promise<HttpResponseInit> {
  const storageStatus = services.storageStatus;
  const check = await storageStatus.read(
    storageStatus.everChecked ? STORAGE_WAIT_MS : FIRST_CHECK_WAIT_MS,
    STORAGE_RECENT_MS
  );
  const storage = {
    status: check?.status ?? ("unavailable" as const),
    message: check
      ? check.message
      : "storage has not answered its first check yet; ask again in a moment",
    checkedAt: check?.checkedAt.toISOString(),
  };
  if (check?.rulesetError !== undefined)
    context.error("health: the ruleset in force could not be read", check.rulesetError);
  const status = storage.status;
  const auth = services.config.auth;
  return json(
    status === "ok" ? 200 : 503,
    {
      status,
      // Which build answers: its version, commit and build time (nothing about the machine).
      service: { name: "smartcity-scoring-api", ...SERVICE },
      // The ruleset in force today in the committee's time zone, as this instance knows it.
      ruleset: status === "ok" ? inForceAsKnown(services) : undefined,
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

/** The version in force today by the snapshot the instance evaluates with (no storage read). */
function inForceAsKnown(services: Services) {
  const known = services.store.lastKnown();
  const entry = known && versionInForce(known.history, today(services));
  return entry && { version: entry.version, hash: entry.hash, effectiveFrom: entry.effectiveFrom };
}

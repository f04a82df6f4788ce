import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { json } from "../http/respond";
import type { Services } from "../services";

const STORAGE_CHECK_TIMEOUT_MS = 3_000;

/** GET /api/health — anonymous; 200 when storage answers, 503 (with why) when it does not. */
export async function health(
  _request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  let storage: { status: "ok" | "unavailable"; message?: string } = { status: "ok" };
  try {
    await withTimeout(services.store.checkHealth(), STORAGE_CHECK_TIMEOUT_MS);
  } catch (error) {
    storage = { status: "unavailable", message: (error as Error).message };
  }
  const status = storage.status;
  const auth = services.config.auth;
  return json(
    status === "ok" ? 200 : 503,
    {
      status,
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

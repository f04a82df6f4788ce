import type { HttpRequest } from "@azure/functions";
import { HttpError } from "../http/http-error";
import type { Services } from "../services";
import { type Principal, requireRole } from "./authenticate";

/**
 * The gate of every admin endpoint: the caller must hold the Admin role. A refused attempt —
 * no or bad token, wrong role — is written to the audit log (who, when, why) before the
 * refusal is answered. Writing the audit is best-effort: storage trouble must not turn a 401
 * into a 503.
 */
export async function requireAdmin(
  request: HttpRequest,
  services: Services,
  endpoint: string
): Promise<Principal> {
  let principal: Principal | undefined;
  try {
    principal = await services.authenticate(request.headers.get("authorization"));
    requireRole(principal, ["Admin"]);
    return principal;
  } catch (error) {
    if (error instanceof HttpError) await auditRefusal(services, endpoint, principal, error);
    throw error;
  }
}

export async function auditRefusal(
  services: Services,
  endpoint: string,
  who: Principal | undefined,
  error: HttpError
): Promise<void> {
  await services.audit
    .append({
      at: services.now().toISOString(),
      who: who?.name ?? "anonymous",
      whoId: who?.id,
      action: "refused",
      endpoint,
      why: `${error.status} ${error.text.en}`,
    })
    .catch(() => undefined);
}

/**
 * What an admin endpoint calls to refuse: the refusal is audited (who tried what, and why),
 * then thrown, so every refused admin attempt leaves its record the same way.
 */
export function refuserFor(
  services: Services,
  endpoint: string,
  who: Principal | undefined
): (error: HttpError) => Promise<never> {
  return async (error) => {
    await auditRefusal(services, endpoint, who, error);
    throw error;
  };
}

import type { HttpMethod } from "@azure/functions";
import { HttpError } from "./http-error";
import type { ServiceHandler } from "./handler";
import { preflight } from "./cors";
import { compileTemplate } from "./route-template";

/**
 * What answers a request no route takes, registered as a catch-all route (`{*path}`, the
 * lowest precedence) for every method, so that the Functions host and the local host give the
 * same bilingual 404 and 405, and OPTIONS is a preflight, instead of the host's empty 404.
 */
export function unmatched(
  routes: readonly { method: HttpMethod; route: string }[]
): ServiceHandler {
  const templates = routes.map((route) => ({
    method: route.method,
    template: compileTemplate(route.route),
  }));
  return async (request) => {
    if (request.method === "OPTIONS") return preflight();
    const path = request.params.path ?? "";
    const shown = `/api/${path}`;
    const allowed = [
      ...new Set(
        templates.filter(({ template }) => template.match(path)).map(({ method }) => method)
      ),
    ];
    if (allowed.length > 0) {
      throw new HttpError(
        405,
        "METHOD_NOT_ALLOWED",
        {
          th: `ใช้ ${request.method} กับ ${shown} ไม่ได้`,
          en: `${request.method} is not allowed on ${shown}`,
        },
        undefined,
        { allow: allowed.join(", ") }
      );
    }
    throw new HttpError(404, "NOT_FOUND", {
      th: `ไม่มีบริการที่ ${shown}`,
      en: `There is no endpoint at ${shown}`,
    });
  };
}

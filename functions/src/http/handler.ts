import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { Services } from "../services";
import { withCors } from "./cors";
import { errorResponse } from "./respond";

export type ServiceHandler = (
  request: HttpRequest,
  context: InvocationContext,
  services: Services
) => Promise<HttpResponseInit>;

/**
 * Turns a handler that may throw `HttpError` into an Azure Functions handler
 * that always answers: the error becomes its response in one place, and every
 * answer carries the CORS headers its origin is allowed (see cors.ts).
 */
export function withServices(
  handler: ServiceHandler,
  services: () => Services
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    let response: HttpResponseInit;
    try {
      response = await handler(request, context, services());
    } catch (error) {
      response = errorResponse(error, context);
    }
    return withCors(response, request, services().config.corsOrigins);
  };
}

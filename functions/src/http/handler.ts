import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { Services } from "../services";
import { errorResponse } from "./respond";

export type ServiceHandler = (
  request: HttpRequest,
  context: InvocationContext,
  services: Services
) => Promise<HttpResponseInit>;

/**
 * Turns a handler that may throw `HttpError` into an Azure Functions handler
 * that always answers: the error becomes its response in one place.
 */
export function withServices(
  handler: ServiceHandler,
  services: () => Services
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    try {
      return await handler(request, context, services());
    } catch (error) {
      return errorResponse(error, context);
    }
  };
}

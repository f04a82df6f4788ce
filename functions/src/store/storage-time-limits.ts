import { RestError, type TableServiceClientOptions } from "@azure/data-tables";
import { StorageUnavailableError } from "./storage-errors";

type AdditionalPolicy = NonNullable<TableServiceClientOptions["additionalPolicies"]>[number];

/** How long one storage call may take: each try, and the whole call with its retries. */
export interface StorageTimeLimits {
  /** A try not answered in full by then is abandoned and retried. */
  tryTimeoutMs: number;
  /** The call, every try and every delay between tries included, ends by then. */
  callDeadlineMs: number;
}

/**
 * Two pipeline policies around the SDK's own retry policy that bound a storage call in time, so
 * that storage which accepts a connection and then says nothing cannot hold a request. Both are
 * abort signals, which the HTTP client honours (the connection is dropped) and, outside a try,
 * the retry policy's delays too:
 *
 * - per call (outside the retries): the deadline; no try or delay runs past it.
 * - per try (inside the retries): a try with no answer by its timeout is abandoned and
 *   reported to the retry policy as a timed-out connection (RestError ETIMEDOUT), which it
 *   retries as it does a dropped one. (The SDK's own `request.timeout` ends a try with an
 *   AbortError, which the retry policy never retries, and leaves its timer running after a
 *   failed try.)
 */
export function timeLimitPolicies(limits: StorageTimeLimits): AdditionalPolicy[] {
  return [
    {
      position: "perCall",
      policy: {
        name: "smartcityCallDeadline",
        async sendRequest(request, next) {
          const caller = request.abortSignal;
          const deadline = AbortSignal.timeout(limits.callDeadlineMs);
          request.abortSignal = caller
            ? AbortSignal.any([caller as AbortSignal, deadline])
            : deadline;
          try {
            return await next(request);
          } catch (error) {
            if (deadline.aborted && !caller?.aborted)
              throw new StorageUnavailableError(
                `storage did not answer within ${limits.callDeadlineMs} ms, retries included`
              );
            throw error;
          } finally {
            request.abortSignal = caller;
          }
        },
      },
    },
    {
      position: "perRetry",
      policy: {
        name: "smartcityTryTimeout",
        async sendRequest(request, next) {
          const call = request.abortSignal;
          const tryTimeout = AbortSignal.timeout(limits.tryTimeoutMs);
          request.abortSignal = call
            ? AbortSignal.any([call as AbortSignal, tryTimeout])
            : tryTimeout;
          try {
            return await next(request);
          } catch (error) {
            if (tryTimeout.aborted && !call?.aborted)
              throw new RestError(`storage did not answer within ${limits.tryTimeoutMs} ms`, {
                code: "ETIMEDOUT",
                request,
              });
            throw error;
          } finally {
            // The retry policy sees the call's own signal: not aborted by this try's timeout.
            request.abortSignal = call;
          }
        },
      },
    },
  ];
}

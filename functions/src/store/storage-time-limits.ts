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
    timeoutPolicy(
      "perCall",
      "smartcityCallDeadline",
      limits.callDeadlineMs,
      () =>
        new StorageUnavailableError(
          `storage did not answer within ${limits.callDeadlineMs} ms, retries included`
        )
    ),
    timeoutPolicy(
      "perRetry",
      "smartcityTryTimeout",
      limits.tryTimeoutMs,
      (request) =>
        new RestError(`storage did not answer within ${limits.tryTimeoutMs} ms`, {
          code: "ETIMEDOUT",
          request,
        })
    ),
  ];
}

type PipelineRequest = Parameters<AdditionalPolicy["policy"]["sendRequest"]>[0];

/**
 * A policy that aborts what is below it after `ms` (with the caller's own signal still
 * honoured), and reports its own timeout as `timedOut` says. Whatever is above it sees the
 * caller's signal again afterwards: the retry policy, outside a try, is not aborted by that
 * try's timeout.
 */
function timeoutPolicy(
  position: "perCall" | "perRetry",
  name: string,
  ms: number,
  timedOut: (request: PipelineRequest) => Error
): AdditionalPolicy {
  return {
    position,
    policy: {
      name,
      async sendRequest(request, next) {
        const caller = request.abortSignal;
        const timeout = AbortSignal.timeout(ms);
        request.abortSignal = caller ? AbortSignal.any([caller as AbortSignal, timeout]) : timeout;
        try {
          return await next(request);
        } catch (error) {
          if (timeout.aborted && !caller?.aborted) throw timedOut(request);
          throw error;
        } finally {
          request.abortSignal = caller;
        }
      },
    },
  };
}

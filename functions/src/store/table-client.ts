import { DefaultAzureCredential } from "@azure/identity";
import { TableClient, type TableServiceClientOptions } from "@azure/data-tables";
import type { StorageConfig } from "../config";
import { type StorageTimeLimits, timeLimitPolicies } from "./storage-time-limits";

/**
 * How a storage call is retried and how long it may take in all. The add-in gives up on a
 * request after 10 s (REQUEST_TIMEOUT_MS in addin/src/runtime.ts); a call that fails must end
 * well before that, so that the client gets a 503 with Retry-After rather than its own timeout.
 *
 * - Two retries, 200 ms apart and doubling (the SDK's exponential strategy, with jitter, capped
 *   at 1 s): they carry a request over a blip (a dropped connection, a 503 while a partition
 *   moves), and cost at most about 0.6 s when storage is plainly down (connections refused).
 * - 2 s per try: a Table Storage point read answers in milliseconds and a page of versions in
 *   tens of them, so a try silent for 2 s is stuck, not slow. It is retried.
 * - 5 s per call, tries and delays included: half the add-in's timeout, so even storage that
 *   accepts connections and never answers gives a 503 in time.
 */
const RETRY_OPTIONS: TableServiceClientOptions["retryOptions"] = {
  maxRetries: 2,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 1_000,
};
export const SERVICE_TIME_LIMITS: StorageTimeLimits = {
  tryTimeoutMs: 2_000,
  callDeadlineMs: 5_000,
};

/**
 * The rulesets table, reached by the app's identity or by a connection string.
 *
 * By identity, DefaultAzureCredential finds the managed identity in Azure (a user-assigned one
 * by AZURE_CLIENT_ID, or the host's AzureWebJobsStorage__clientId) and a developer's
 * `az login` locally; the identity needs the Storage Table Data Contributor role on the account.
 * `limits` are the service's unless a caller that no request waits on (the store's backup
 * command) sets its own.
 */
export function createTableClient(
  storage: StorageConfig,
  limits: StorageTimeLimits = SERVICE_TIME_LIMITS
): TableClient {
  const options: TableServiceClientOptions = {
    retryOptions: RETRY_OPTIONS,
    additionalPolicies: timeLimitPolicies(limits),
  };
  if (storage.kind === "identity") {
    const credential = new DefaultAzureCredential({
      ...(storage.clientId ? { managedIdentityClientId: storage.clientId } : {}),
      // An identity endpoint that does not answer is a 503 in seconds, not after the
      // library's default five retries with back-off (about 20 s per request).
      retryOptions: { maxRetries: 1, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 },
    });
    return new TableClient(storage.tableUrl, storage.tableName, credential, options);
  }
  return TableClient.fromConnectionString(storage.connectionString, storage.tableName, {
    ...options,
    allowInsecureConnection: storage.connectionString.includes("http://"),
  });
}

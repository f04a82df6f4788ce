import { DefaultAzureCredential } from "@azure/identity";
import { TableClient, type TableServiceClientOptions } from "@azure/data-tables";
import type { StorageConfig } from "../config";

/** Fail over to a 503 in seconds rather than retrying for a minute while storage is down. */
const RETRY_OPTIONS: TableServiceClientOptions["retryOptions"] = {
  maxRetries: 2,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 1_000,
};

/**
 * The rulesets table, reached by the app's identity or by a connection string.
 *
 * By identity, DefaultAzureCredential finds the managed identity in Azure (a user-assigned one
 * by AZURE_CLIENT_ID, or the host's AzureWebJobsStorage__clientId) and a developer's
 * `az login` locally; the identity needs the Storage Table Data Contributor role on the account.
 */
export function createTableClient(storage: StorageConfig): TableClient {
  if (storage.kind === "identity") {
    const credential = new DefaultAzureCredential({
      ...(storage.clientId ? { managedIdentityClientId: storage.clientId } : {}),
      // An identity endpoint that does not answer is a 503 in seconds, not after the
      // library's default five retries with back-off (about 20 s per request).
      retryOptions: { maxRetries: 1, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 },
    });
    return new TableClient(storage.tableUrl, storage.tableName, credential, {
      retryOptions: RETRY_OPTIONS,
    });
  }
  return TableClient.fromConnectionString(storage.connectionString, storage.tableName, {
    allowInsecureConnection: storage.connectionString.includes("http://"),
    retryOptions: RETRY_OPTIONS,
  });
}

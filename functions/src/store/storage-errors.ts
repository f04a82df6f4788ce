import { RestError } from "@azure/data-tables";

/**
 * Storage could not be reached or answered with a server error (the caller should retry later),
 * or it refused the service's own credentials (an operator must act): both are a 503, never
 * the client's fault.
 */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
  constructor(
    message: string,
    readonly reason: "unreachable" | "refused" = "unreachable"
  ) {
    super(message);
  }
}

/** What an operator does when storage refuses the service (words for the log and the 503). */
export const REFUSED_HINT =
  "the app's identity needs the Storage Table Data Contributor role on the storage account, and a token for https://storage.azure.com (AZURE_CLIENT_ID names a user-assigned identity); with a connection string, check its account key";

/** @azure/identity's failures to get a token (no identity, refused by Entra): by name, not class. */
const CREDENTIAL_ERRORS = new Set([
  "CredentialUnavailableError",
  "AuthenticationError",
  "AggregateAuthenticationError",
  "AuthenticationRequiredError",
]);

/** The data in storage is not what this code wrote: a bug or tampering, never the client's fault. */
export class StorageCorruptError extends Error {
  override name = "StorageCorruptError";
}

export function isStatus(error: unknown, status: number): boolean {
  return error instanceof RestError && error.statusCode === status;
}

/** Maps transport failures and 5xx answers to StorageUnavailableError; everything else passes through. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  if (error instanceof RestError && (error.statusCode === 401 || error.statusCode === 403)) {
    // Storage's own words (e.g. "Server failed to authenticate the request…"), first line only.
    const said = error.message.split("\n")[0].trim().slice(0, 200);
    const what = [error.statusCode, error.code, said].filter(Boolean).join(" ");
    return new StorageUnavailableError(
      `storage refused the service's credentials (${what}): ${REFUSED_HINT}`,
      "refused"
    );
  }
  if (error instanceof Error && CREDENTIAL_ERRORS.has(error.name)) {
    return new StorageUnavailableError(
      `the service could not get a storage token (${error.message.split("\n")[0]}): ${REFUSED_HINT}`,
      "refused"
    );
  }
  if (error instanceof RestError) {
    if (error.statusCode === undefined || error.statusCode >= 500) {
      return new StorageUnavailableError(error.code ?? error.message.split("\n")[0]);
    }
    return error;
  }
  if (
    error instanceof Error &&
    (error.name === "AbortError" || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket/i.test(error.message))
  ) {
    return new StorageUnavailableError(error.message);
  }
  return error;
}

/**
 * A guarded write found the state changed since it was read (the rulesets pointer, or a
 * proposal): nothing was written. The store's own error, so callers never see Azure's 412.
 */
export class StaleWriteError extends Error {
  override name = "StaleWriteError";
}

/** A continuation token that this store did not hand out (garbage, or for another listing). */
export class InvalidContinuationError extends Error {
  override name = "InvalidContinuationError";
}

/** Maps the storage answers of a guarded write (412 stale ETag, 409 row exists) to StaleWriteError. */
export function asGuardedWriteError(error: unknown, what: string): unknown {
  if (isStatus(error, 412) || isStatus(error, 409))
    return new StaleWriteError(`${what} changed meanwhile`);
  return asStorageError(error);
}

import { RestError } from "@azure/data-tables";

/** Storage could not be reached or answered with a server error: the caller should retry later (503). */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
}

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

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

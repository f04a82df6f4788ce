import { z } from "zod";
import { InvalidContinuationError, isStatus } from "./storage-errors";

/**
 * The Table SDK's continuation tokens are base64 JSON `{ nextPartitionKey, nextRowKey? }`
 * whose keys are opaque to us (Azure encodes them), and the SDK parses a token without a
 * check: garbage gave a SyntaxError, so a 500. A token is accepted only when it has that
 * shape; one storage then refuses (400) is the client's mistake too (see refusedContinuation).
 */
const TokenSchema = z.object({
  nextPartitionKey: z.string().min(1),
  nextRowKey: z.string().optional(),
});

export function checkContinuation(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64").toString("latin1"));
  } catch {
    throw new InvalidContinuationError("it is not a continuation this service gave");
  }
  if (!TokenSchema.safeParse(decoded).success)
    throw new InvalidContinuationError("it is not a continuation this service gave");
  return token;
}

/** A listing that storage refused for its continuation (4xx) is the client's error, not a 500. */
export function refusedContinuation(error: unknown, token: string | undefined): unknown {
  if (token !== undefined && (isStatus(error, 400) || isStatus(error, 404)))
    return new InvalidContinuationError("storage does not know this position");
  return error;
}

import { z } from "zod";
import { InvalidContinuationError } from "./storage-errors";

/**
 * The Table SDK's continuation tokens are base64 JSON `{ nextPartitionKey, nextRowKey }`, and
 * it parses them without a check (garbage gave a SyntaxError, so a 500). A token is accepted
 * only when it decodes to a position inside the listing it continues.
 */
const TokenSchema = z.object({ nextPartitionKey: z.string(), nextRowKey: z.string() });

export function checkContinuation(
  token: string | undefined,
  partition: string,
  rowKeyPrefix: string
): string | undefined {
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw new InvalidContinuationError("it is not a continuation this service gave");
  }
  const parsed = TokenSchema.safeParse(decoded);
  if (
    !parsed.success ||
    parsed.data.nextPartitionKey !== partition ||
    !parsed.data.nextRowKey.startsWith(rowKeyPrefix)
  )
    throw new InvalidContinuationError("it is not a continuation of this list");
  return token;
}

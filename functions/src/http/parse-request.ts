import { formatIssuePath } from "@smartcity/shared";
import type { z } from "zod";
import { HttpError } from "./http-error";

/** Parses with a contract schema; a mismatch is a 400 that lists each problem and where it is. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  throw new HttpError(
    400,
    "INVALID_REQUEST",
    { th: `${what} ไม่ถูกต้อง: ${summary}`, en: `The ${what} is not valid: ${summary}` },
    issues
  );
}

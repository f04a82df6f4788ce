import { describeIssues, type LocalizedText, summariseIssues } from "@smartcity/shared";
import type { z } from "zod";
import { HttpError } from "./http-error";

/**
 * Parses with a contract schema; a mismatch is a 400 that lists each problem
 * and where it is, in Thai and in English (shared's `describeIssues`: the
 * schema's own words, else the project's wording of zod's issue, never
 * English inside the Thai).
 */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: LocalizedText
): z.output<S> {
  // reportInput: the Thai wording names the type that was received.
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error.issues);
  const summary = summariseIssues(issues);
  throw new HttpError(
    400,
    "INVALID_REQUEST",
    { th: `${what.th}ไม่ถูกต้อง: ${summary.th}`, en: `The ${what.en} is not valid: ${summary.en}` },
    issues.map((issue) => ({ path: issue.path, message: issue.message.en, th: issue.message.th }))
  );
}

import type { ApplicationError } from "./evaluation-result";
import type { LocalizedText } from "../text/localized-text";
import type { ApplicationErrorCode } from "./messages";

/** The small helpers every reader of an application shares. */

export function failure(
  id: string | undefined,
  code: ApplicationErrorCode,
  path: string,
  message: LocalizedText
): ApplicationError {
  const error = { code, path, message };
  return id === undefined ? { error } : { id, error };
}

/** The path of a problem, composed only when there is one to report: `applications[3].scores.energy`. */
export function pathOf(basePath: string, index: number | undefined, ...segments: string[]): string {
  let path = index === undefined ? basePath : `${basePath}[${index}]`;
  for (const segment of segments) path = path === "" ? segment : `${path}.${segment}`;
  return path;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

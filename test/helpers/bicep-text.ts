import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The infrastructure's Bicep, read as text: no Bicep compiler can be had here, so the tests
 * check what text can show. Comments are removed first, so that a name in a comment never
 * counts as a use.
 */
export const INFRA = path.resolve(__dirname, "../../infra");

export function bicep(file: string): string {
  return readFileSync(path.join(INFRA, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.replace(/(^|[^:'])\/\/.*$/, "$1"))
    .join("\n");
}

export interface BicepParam {
  name: string;
  type: string;
  defaultValue?: string;
  decorators: string[];
}

/** The `param` declarations with the decorators above each. */
export function params(text: string): BicepParam[] {
  const found: BicepParam[] = [];
  let decorators: string[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("@")) {
      decorators.push(trimmed);
      continue;
    }
    const declared = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(trimmed);
    if (declared)
      found.push({ name: declared[1], type: declared[2], defaultValue: declared[3], decorators });
    if (trimmed !== "" && !trimmed.startsWith("@")) decorators = [];
  }
  return found;
}

/** `KEY: value` pairs of the object that follows `marker` (one level deep). */
export function objectAfter(text: string, marker: string): Record<string, string> {
  const start = text.indexOf(marker);
  if (start < 0) throw new Error(`"${marker}" is not in the text`);
  const open = text.indexOf("{", start);
  let depth = 0;
  let end = open;
  for (; end < text.length; end++) {
    if (text[end] === "{") depth++;
    if (text[end] === "}" && --depth === 0) break;
  }
  const pairs: Record<string, string> = {};
  let nested = 0;
  for (const line of text.slice(open + 1, end).split("\n")) {
    const pair = nested === 0 ? /^\s*'?([\w$.-]+)'?\s*:\s*(.+?)\s*$/.exec(line) : null;
    if (pair) pairs[pair[1]] = pair[2];
    nested += (line.match(/[{[]/g) ?? []).length - (line.match(/[}\]]/g) ?? []).length;
  }
  return pairs;
}

/** The app settings the function app is given (infra/app/api.bicep), values as written. */
export function appSettings(): Record<string, string> {
  return objectAfter(bicep("app/api.bicep"), "name: 'appsettings'\n    properties:");
}

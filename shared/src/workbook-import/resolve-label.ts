import type { LocalizedText } from "../text/localized-text";
import type { Rules } from "../rules/ruleset-schema";
import { labelKey } from "../text/label-key";

/**
 * Turning a header label into a dimension or criterion id.
 *
 * Decisions:
 * - A label matches an entry's id, English name, Thai name or one of its
 *   aliases, compared after `labelKey`: Unicode NFC, case-folded, spaces,
 *   hyphens, underscores and dots removed, and the decorations that headers
 *   carry or drop removed: a leading "Smart" / "ด้าน" ("the aspect of") and a
 *   trailing "อัจฉริยะ" ("smart"). So "Smart Environment", "environment",
 *   "ENVIRONMENT", "สิ่งแวดล้อมอัจฉริยะ", "ด้านสิ่งแวดล้อม" all mean `environment`.
 * - A bilingual header ("สิ่งแวดล้อมอัจฉริยะ / Smart Environment",
 *   "Smart Environment (สิ่งแวดล้อมอัจฉริยะ)", or the two on separate lines)
 *   matches when its parts name the same entry and no part names another. A
 *   bilingual header whose lines were broken to fit a column ("สิ่งแวดล้อม",
 *   "อัจฉริยะ /", "Smart", "Environment" on four lines) is joined again first.
 * - A label that matches nothing, or parts that name different entries, is
 *   not resolved (undefined): the caller reports it; nothing is guessed.
 */
export interface LabelledEntry {
  id: string;
  name: LocalizedText;
  aliases?: readonly string[];
}

export type LabelResolver = (label: unknown) => string | undefined;

// A bilingual header is split at its coarse separators first (" / ", a line
// break, brackets), so that a name that itself holds a slash ("ผู้นำชุมชน/พื้นที่")
// stays whole; then at every slash or bar.
const COARSE_SEPARATORS = /\s+[/|]\s+|[()\n\r（）]+/;
const PART_SEPARATORS = /[/|()\n\r（）]+/;

/**
 * A bilingual header with " / " between its languages whose lines were broken to fit its column
 * (the consolidated workbook breaks long headers between words: "สิ่งแวดล้อม\nอัจฉริยะ /\nSmart\nEnvironment"):
 * its line breaks are only wrapping, and read as spaces. A header without the slash keeps its
 * line breaks, which separate its two languages.
 */
function unwrapped(label: string): string {
  return /\s[/|]\s/.test(label) ? label.replace(/\s*[\n\r]+\s*/g, " ") : label;
}

/** What a label that two entries share means: nothing (the caller reports it), never either entry. */
const AMBIGUOUS = "\u0000ambiguous";

/**
 * `ambiguous: "unresolved"` (for rulesets with requirement groups and rubrics, whose item names
 * an admin writes freely and may repeat): a label two entries share resolves to nothing, so the
 * caller reports the column, instead of the resolver refusing to be built.
 */
export function createLabelResolver(
  entries: readonly LabelledEntry[],
  options: { ambiguous?: "throw" | "unresolved" } = {}
): LabelResolver {
  const ids = new Map<string, string>();
  const add = (label: string, id: string): void => {
    const key = labelKey(label);
    if (key === "") return;
    const existing = ids.get(key);
    if (existing !== undefined && existing !== id) {
      if (options.ambiguous === "unresolved") {
        ids.set(key, AMBIGUOUS);
        return;
      }
      throw new Error(`The label "${label}" would mean both "${existing}" and "${id}"`);
    }
    ids.set(key, id);
  };
  for (const entry of entries) {
    add(entry.id, entry.id);
    add(entry.name.en, entry.id);
    add(entry.name.th, entry.id);
    for (const alias of entry.aliases ?? []) add(alias, entry.id);
  }

  const resolve: LabelResolver = (written) => {
    if (typeof written !== "string") return undefined;
    const label = unwrapped(written);
    const whole = ids.get(labelKey(label));
    if (whole !== undefined) return whole;
    const coarse = resolveParts(ids, label.split(COARSE_SEPARATORS));
    return coarse !== undefined ? coarse : resolveParts(ids, label.split(PART_SEPARATORS));
  };
  return (label) => {
    const id = resolve(label);
    return id === AMBIGUOUS ? undefined : id;
  };
}

/** The one id the parts name; undefined if none does, or if two parts name different ids. */
function resolveParts(
  ids: ReadonlyMap<string, string>,
  parts: readonly string[]
): string | undefined {
  let found: string | undefined;
  for (const part of parts) {
    if (labelKey(part) === "") continue;
    const id = ids.get(labelKey(part));
    if (id === undefined) continue;
    if (found !== undefined && found !== id) return undefined;
    found = id;
  }
  return found;
}

export function dimensionLabelResolver(rules: Pick<Rules, "dimensions">): LabelResolver {
  return createLabelResolver(rules.dimensions);
}

export function criterionLabelResolver(rules: Pick<Rules, "preliminaryCriteria">): LabelResolver {
  return createLabelResolver(rules.preliminaryCriteria);
}

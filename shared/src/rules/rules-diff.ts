import { canonicalJson } from "./canonical-json";
import type { Rules } from "./ruleset-schema";

/**
 * The rule fields that differ between two rulesets, each with its old and new value.
 * Dimensions and preliminary criteria are compared by id, field by field, so a re-weighted
 * dimension shows as `dimensions.energy.weight`, an added one as `dimensions.culture`; so are
 * requirement groups, tracks and outcome bands (`outcomes.inPrinciple.when`).
 */
const BY_ID = ["dimensions", "preliminaryCriteria", "requirementGroups", "tracks", "outcomes"];
export interface RuleChange {
  path: string;
  old: unknown;
  new: unknown;
}

export function diffRules(before: Rules, after: Rules): RuleChange[] {
  const changes: RuleChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Rules>;
  for (const key of keys) {
    if (BY_ID.includes(key)) {
      const [was, now] = [before[key] ?? [], after[key] ?? []] as { id: string }[][];
      diffById<{ id: string }>(key, was, now, changes);
      // Reordering only (the same ids) is a change too: the order of columns without labels,
      // and of outcome bands.
      const ids = (list: { id: string }[]) => list.map((entry) => entry.id);
      const [old, updated] = [ids(was), ids(now)];
      if (old.join() !== updated.join() && [...old].sort().join() === [...updated].sort().join()) {
        changes.push({ path: `${key}.order`, old, new: updated });
      }
    } else if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      changes.push({ path: key, old: before[key] ?? null, new: after[key] ?? null });
    }
  }
  return changes;
}

function diffById<T extends { id: string }>(
  field: string,
  before: T[],
  after: T[],
  changes: RuleChange[]
): void {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const updated = new Map(after.map((entry) => [entry.id, entry]));
  for (const [id, entry] of old) {
    const next = updated.get(id);
    if (next === undefined) {
      changes.push({ path: `${field}.${id}`, old: entry, new: null });
      continue;
    }
    const keys = new Set([...Object.keys(entry), ...Object.keys(next)]) as Set<keyof T>;
    for (const key of keys) {
      if (canonicalJson(entry[key]) !== canonicalJson(next[key])) {
        changes.push({
          path: `${field}.${id}.${String(key)}`,
          old: entry[key] ?? null,
          new: next[key] ?? null,
        });
      }
    }
  }
  for (const [id, entry] of updated)
    if (!old.has(id)) changes.push({ path: `${field}.${id}`, old: null, new: entry });
}

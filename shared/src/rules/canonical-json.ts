/**
 * JSON with object keys sorted at every depth, so that equal rules always give
 * the same text and therefore the same content hash, whatever order a client
 * or the storage layer wrote the keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) sorted[key] = sortKeysDeep(entry);
    }
    return sorted;
  }
  return value;
}

/**
 * A ruleset's (and a proposal's) `hash`: `sha256:` and the hex SHA-256 of the canonical JSON of
 * its rules. The digest is the caller's (Node's crypto in the service, Web Crypto in the add-in:
 * shared does no I/O and imports neither), so the rule itself is written once, here.
 */
export function rulesHashText(rules: unknown): string {
  return canonicalJson(rules);
}

export function rulesHashOfDigest(sha256Hex: string): string {
  return `sha256:${sha256Hex}`;
}

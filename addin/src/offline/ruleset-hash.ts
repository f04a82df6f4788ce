import { type Ruleset, RulesetSchema, rulesHashOfDigest, rulesHashText } from "@smartcity/shared";

/**
 * A ruleset version's `hash` is shared's rule (canonical-json.ts: `sha256:` of the canonical JSON
 * of its rules), the digest here Web Crypto's. The add-in checks it with the browser's Web Crypto
 * (SubtleCrypto.digest, available in the secure contexts an add-in runs in: https pages), so a
 * stored version that was changed or cut short is never computed with.
 */
export async function rulesHashOf(rules: Ruleset["rules"]): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  // No Web Crypto (an http page that is not localhost): nothing can be checked, so nothing is kept.
  if (subtle === undefined) return undefined;
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(rulesHashText(rules)));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0"));
  return rulesHashOfDigest(hex.join(""));
}

/** `value` as a Ruleset when it is one AND its rules hash to its `hash`; else undefined. */
export async function checkedRuleset(value: unknown): Promise<Ruleset | undefined> {
  const parsed = RulesetSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const hash = await rulesHashOf(parsed.data.rules);
  return hash === parsed.data.hash ? parsed.data : undefined;
}

import { createHash } from "node:crypto";
import { type Rules, rulesHashOfDigest, rulesHashText } from "@smartcity/shared";

/**
 * `sha256:` of the canonical JSON of the rules: a ruleset's and a proposal's `hash`. Here, not in
 * shared, because hashing needs Node's crypto (shared also runs in the add-in's browser).
 */
export function rulesHash(rules: Rules): string {
  return rulesHashOfDigest(createHash("sha256").update(rulesHashText(rules)).digest("hex"));
}

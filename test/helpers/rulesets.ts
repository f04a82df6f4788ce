import { BASELINE_RULESET, type Rules, type Ruleset, RulesSchema } from "@smartcity/shared";

/** A ruleset like the baseline with some rules changed, as a later publish would make it. */
export function rulesetWith(changes: Partial<Rules>, version = "2"): Ruleset {
  const rules = RulesSchema.parse({ ...structuredClone(BASELINE_RULESET.rules), ...changes });
  return { ...structuredClone(BASELINE_RULESET), version, rules };
}

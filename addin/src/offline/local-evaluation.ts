import {
  type AnyReason,
  type Application,
  type ApplicationOutcome,
  evaluateInChunks,
  type Outcome,
  outcomeBands,
  type Ruleset,
} from "@smartcity/shared";

/**
 * What POST /api/evaluate answers for `applications` under `ruleset` with `"messages": "none"`,
 * computed here by the same shared engine the service runs (functions/src/handlers/evaluate.ts:
 * evaluateInChunks with the batch's paths, and outcomeBands for `outcomes`). A batch evaluated
 * here in the order it would have been sent gives each application the same path, so even an
 * application's error reads as the service's would.
 */
export function evaluateLocally(
  applications: readonly Application[],
  ruleset: Ruleset
): { results: ApplicationOutcome<AnyReason>[]; outcomes: Outcome[] } {
  const results: ApplicationOutcome<AnyReason>[] = [];
  for (const chunk of evaluateInChunks(
    applications,
    ruleset,
    Math.max(1, applications.length),
    "applications",
    "none"
  ))
    results.push(...chunk);
  return { results, outcomes: outcomeBands(ruleset.rules) };
}

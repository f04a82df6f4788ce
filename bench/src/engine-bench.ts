import { readFileSync } from "node:fs";
import path from "node:path";
import {
  BASELINE_RULESET,
  evaluate,
  evaluateBatch,
  isApplicationError,
  type Ruleset,
  RulesSchema,
} from "@smartcity/shared";
import { laterSampleApplications, sampleApplications } from "./applications";
import { elapsedMs, median } from "./stats";

export interface EngineFigures {
  evaluationsPerSecond: number;
  eligibleShare: number;
  batch10kMs: number;
  /** The example ruleset of announcement 1/2562 (tracks, components, bands, a rubric), same run. */
  later: { evaluationsPerSecond: number; batch10kMs: number; bands: Record<string, number> };
}

/** test/fixtures/rulesets/announcement-1-2562.json, as the service would store it. */
function laterRuleset(): Ruleset {
  const file = path.join(
    __dirname,
    "..",
    "..",
    "test",
    "fixtures",
    "rulesets",
    "announcement-1-2562.json"
  );
  const body = JSON.parse(readFileSync(file, "utf8")) as { rules: unknown };
  return { ...BASELINE_RULESET, version: "2", rules: RulesSchema.parse(body.rules) };
}

/** The rules engine in this process (one core): evaluate() in a loop, and evaluateBatch over 10,000. */
export function benchEngine(): EngineFigures {
  const applications = sampleApplications(10_000);
  const batch = evaluateBatch(applications, BASELINE_RULESET);
  const eligibleShare =
    batch.filter((outcome) => !isApplicationError(outcome) && outcome.eligible).length /
    batch.length;

  const baseline = rateOf(applications, BASELINE_RULESET);
  const later = laterRuleset();
  const laterApplications = laterSampleApplications(10_000);
  const bands: Record<string, number> = {};
  for (const outcome of evaluateBatch(laterApplications, later)) {
    const band = isApplicationError(outcome) ? outcome.error.code : outcome.outcome.id;
    bands[band] = (bands[band] ?? 0) + 1;
  }
  const laterRate = rateOf(laterApplications, later);
  return {
    evaluationsPerSecond: baseline.evaluationsPerSecond,
    eligibleShare,
    batch10kMs: baseline.batch10kMs,
    later: { ...laterRate, bands },
  };
}

/** evaluate() in a loop for ~3.5 s (median of the last 5 of 7 rounds), then batches of 10,000. */
function rateOf(
  applications: unknown[],
  ruleset: Ruleset
): { evaluationsPerSecond: number; batch10kMs: number } {
  const rates: number[] = [];
  for (let round = 0; round < 7; round++) {
    let evaluated = 0;
    let eligible = 0;
    const start = process.hrtime.bigint();
    while (elapsedMs(start) < 500) {
      for (const application of applications) {
        const outcome = evaluate(application, ruleset);
        if (!isApplicationError(outcome) && outcome.eligible) eligible++;
      }
      evaluated += applications.length;
    }
    if (eligible < 0) throw new Error("unreachable: keeps the results observable");
    if (round > 1) rates.push(evaluated / (elapsedMs(start) / 1000));
  }

  const batchTimes: number[] = [];
  for (let round = 0; round < 25; round++) {
    const start = process.hrtime.bigint();
    evaluateBatch(applications, ruleset);
    if (round > 4) batchTimes.push(elapsedMs(start));
  }
  return { evaluationsPerSecond: median(rates), batch10kMs: median(batchTimes) };
}

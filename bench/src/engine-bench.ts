import { BASELINE_RULESET, evaluate, evaluateBatch, isApplicationError } from "@smartcity/shared";
import { sampleApplications } from "./applications";
import { elapsedMs, median } from "./stats";

export interface EngineFigures {
  evaluationsPerSecond: number;
  eligibleShare: number;
  batch10kMs: number;
}

/** The rules engine in this process (one core): evaluate() in a loop, and evaluateBatch over 10,000. */
export function benchEngine(): EngineFigures {
  const applications = sampleApplications(10_000);
  const batch = evaluateBatch(applications, BASELINE_RULESET);
  const eligibleShare =
    batch.filter((outcome) => !isApplicationError(outcome) && outcome.eligible).length /
    batch.length;

  const rates: number[] = [];
  for (let round = 0; round < 7; round++) {
    let evaluated = 0;
    let eligible = 0;
    const start = process.hrtime.bigint();
    while (elapsedMs(start) < 500) {
      for (const application of applications) {
        const outcome = evaluate(application, BASELINE_RULESET);
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
    evaluateBatch(applications, BASELINE_RULESET);
    if (round > 4) batchTimes.push(elapsedMs(start));
  }
  return { evaluationsPerSecond: median(rates), eligibleShare, batch10kMs: median(batchTimes) };
}

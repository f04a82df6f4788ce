import { BASELINE_RULESET } from "@smartcity/shared";
import { signDevToken } from "@smartcity/functions/dist/auth/dev-keys";
import { sampleApplications } from "./applications";
import { startService } from "./http-bench";
import { elapsedMs, median, percentile } from "./stats";

export interface LoadFigures {
  label: string;
  requests: number;
  seconds: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  versionsSeen: string[];
  mixedResponses: number;
}

/**
 * The load figures: `clients` concurrent clients each posting 100-application batches
 * back to back for `seconds` over loopback; optionally one publish half-way through. Every
 * response must name exactly one ruleset version (a response never mixes versions).
 */
export async function benchLoad(
  keyFile: string,
  seconds = 30,
  clients = 50
): Promise<LoadFigures[]> {
  const api = await startService(keyFile);
  try {
    const evaluator = await signDevToken(keyFile, { roles: ["Evaluator"] });
    const admin = await signDevToken(keyFile, { roles: ["Admin"] });
    const body = JSON.stringify({ applications: sampleApplications(100, 42) });
    const run = async (label: string, publishMidway: boolean): Promise<LoadFigures> => {
      const times: number[] = [];
      const versions = new Set<string>();
      let errors = 0;
      let mixed = 0;
      const start = process.hrtime.bigint();
      const client = async () => {
        while (elapsedMs(start) < seconds * 1000) {
          const sent = process.hrtime.bigint();
          try {
            const response = await fetch(`${api.url}/api/evaluate`, {
              method: "POST",
              headers: { authorization: `Bearer ${evaluator}`, "content-type": "application/json" },
              body,
            });
            const answer = (await response.json()) as {
              ruleset?: { version: string };
              results?: unknown[];
            };
            if (response.status !== 200 || !answer.ruleset || answer.results?.length !== 100)
              errors++;
            else {
              versions.add(answer.ruleset.version);
              if (response.headers.get("x-ruleset-version") !== answer.ruleset.version) mixed++;
            }
          } catch {
            errors++;
          }
          times.push(elapsedMs(sent));
        }
      };
      const publisher = async () => {
        await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
        const current = await fetch(`${api.url}/api/rulesets/current`, {
          headers: { authorization: `Bearer ${admin}` },
        });
        const published = await fetch(`${api.url}/api/rulesets`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${admin}`,
            "content-type": "application/json",
            "if-match": current.headers.get("etag") ?? "",
          },
          body: JSON.stringify({
            rules: { ...BASELINE_RULESET.rules, overallMinPercent: 75 },
            approval: { reference: "1/2566", date: "2023-07-14" },
            note: "published during the load run",
          }),
        });
        if (published.status !== 201)
          throw new Error(`the mid-run publish answered ${published.status}`);
      };
      await Promise.all([
        ...Array.from({ length: clients }, client),
        ...(publishMidway ? [publisher()] : []),
      ]);
      return {
        label,
        requests: times.length,
        seconds: elapsedMs(start) / 1000,
        errors,
        p50Ms: median(times),
        p99Ms: percentile(times, 99),
        versionsSeen: [...versions].sort(),
        mixedResponses: mixed,
      };
    };
    return [await run("steady", false), await run("with a publish half-way", true)];
  } finally {
    await api.stop();
  }
}

export function describeLoad(figures: LoadFigures[], clients = 50): string[] {
  return [
    `Load: ${clients} concurrent clients posting 100-application batches over loopback:`,
    ...figures.map(
      (figure) =>
        `  ${figure.label}: ${(figure.requests / figure.seconds).toFixed(0)} requests/s (${figure.requests} in ${figure.seconds.toFixed(1)} s), p50 ${figure.p50Ms.toFixed(1)} ms, p99 ${figure.p99Ms.toFixed(1)} ms, errors ${figure.errors}, versions seen ${figure.versionsSeen.join(" and ")}, responses whose header and body disagree ${figure.mixedResponses}`
    ),
  ];
}

import { DIMENSION_IDS, PRELIMINARY_CRITERION_IDS } from "@smartcity/shared";

/**
 * Deterministic applications shaped like real ones: 2–7 dimensions proposed
 * (environment nearly always), scores 55–100 with one decimal, the preliminary
 * answers mostly yes, a subcommittee overall on some. About half come out
 * eligible, so the engine builds reasons as often as it skips them. They come
 * back through JSON.parse, so their object shapes are those the service sees.
 */
export function sampleApplications(count: number, seed = 1): unknown[] {
  let state = seed;
  const random = (): number => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const applications: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const scores: Record<string, number | null> = {};
    for (const id of DIMENSION_IDS) {
      const proposed = id === "environment" ? random() < 0.95 : random() < 0.45;
      scores[id] = proposed ? Math.round(650 + random() * 350) / 10 : null;
    }
    const preliminary = Object.fromEntries(
      PRELIMINARY_CRITERION_IDS.map((id) => [id, random() < 0.97])
    );
    const application: Record<string, unknown> = { id: `APP-${index + 1}`, scores, preliminary };
    if (random() < 0.2) application.overall = Math.round(700 + random() * 300) / 10;
    applications.push(application);
  }
  return JSON.parse(JSON.stringify(applications)) as unknown[];
}

const COMPONENTS = [
  "boundariesAndGoals",
  "infrastructurePlan",
  "cityDataPlatform",
  "smartSolutions",
  "managementModel",
];
const RUBRIC = ["resourceCare", "pollution", "balance", "monitoring"];

/**
 * The same applications for the example ruleset of announcement 1/2562 (later criteria): a third
 * name the new-city track, every one answers the five plan components (mostly yes), and a
 * third give environment as rubric points (0–25 per item) instead of its percent.
 */
export function laterSampleApplications(count: number, seed = 1): unknown[] {
  let state = seed + 7;
  const random = (): number => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const applications = sampleApplications(count, seed) as Record<string, unknown>[];
  for (const application of applications) {
    if (random() < 0.33) application.track = "newCity";
    application.requirements = {
      components: Object.fromEntries(COMPONENTS.map((id) => [id, random() < 0.96])),
    };
    const scores = application.scores as Record<string, number | null>;
    if (scores.environment !== null && random() < 0.33) {
      scores.environment = null;
      application.points = {
        environment: Object.fromEntries(
          RUBRIC.map((id) => [id, Math.round(150 + random() * 100) / 10])
        ),
      };
    }
  }
  return JSON.parse(JSON.stringify(applications)) as unknown[];
}

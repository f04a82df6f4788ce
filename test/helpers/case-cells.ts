import type { Rules } from "@smartcity/shared";
import type { ExampleCase } from "./example-evaluations";

/**
 * A case of the later criteria written into cells the way docs/excel-functions.md says: labels
 * naming dimensions and rubric items (dimension.item), one requirements row in the ruleset's
 * order, the track by its Thai name. Reads only the ruleset, never a case's ids.
 */
export function scoreCells(
  rules: Rules,
  application: ExampleCase["application"]
): { labels: unknown[][]; scores: unknown[][] } {
  const labels: string[] = [];
  const scores: unknown[] = [];
  for (const dimension of rules.dimensions) {
    if (dimension.id in application.scores) {
      labels.push(dimension.name.en);
      scores.push(application.scores[dimension.id]);
    }
    for (const item of dimension.items ?? []) {
      labels.push(`${dimension.id}.${item.id}`);
      scores.push(application.points?.[dimension.id]?.[item.id] ?? null);
    }
  }
  return { labels: [labels], scores: [scores] };
}

/** The requirements row: the preliminary criteria, then each group's items; unanswered blank. */
export function requirementCells(
  rules: Rules,
  application: ExampleCase["application"]
): unknown[][] {
  const row: unknown[] = rules.preliminaryCriteria.map(
    (criterion) => application.preliminary?.[criterion.id] ?? null
  );
  for (const group of rules.requirementGroups ?? [])
    for (const item of group.items)
      row.push(application.requirements?.[group.id]?.[item.id] ?? null);
  return [row];
}

/** The track cell: the track's Thai name, as a Thai evaluator writes it (the id works too). */
export function trackCell(rules: Rules, application: ExampleCase["application"]): unknown {
  if (application.track === undefined) return null;
  return (
    rules.tracks?.find((track) => track.id === application.track)?.name.th ?? application.track
  );
}

import { dimensionBar, formatDate, type LocalizedText, type Ruleset } from "@smartcity/shared";
import type { PaneLanguage, TEXTS } from "../texts";
import { appendColumnHeads } from "../column-heads";

/**
 * The ruleset in force as the pane shows it: its version, approval and thresholds, every
 * dimension with the bar it is held to (its own, else the ruleset's) and its weight, then the
 * preliminary criteria a plan must meet before any score counts.
 */
export function rulesetTables(
  ruleset: Ruleset,
  text: (typeof TEXTS)[PaneLanguage],
  language: PaneLanguage
): HTMLTableElement[] {
  const { rules } = ruleset;
  const facts: [string, string][] = [
    [text.version, ruleset.version],
    [
      text.approval,
      `${ruleset.approval.reference} (${formatDate(ruleset.approval.date)[language]})`,
    ],
    [text.effectiveFrom, formatDate(ruleset.effectiveFrom)[language]],
    [text.overall, `≥ ${rules.overallMinPercent}%`],
    [text.dimensionBar, `≥ ${rules.dimensionMinPercent}%`],
    [text.minDimensions, String(rules.minDimensions)],
  ];
  const table = document.createElement("table");
  table.id = "ruleset-table";
  for (const [label, value] of facts) {
    const row = table.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    row.append(th);
    row.insertCell().textContent = value;
  }
  // Every dimension with the bar it is held to (its own, else the ruleset's) and its weight.
  const dimensions = document.createElement("table");
  dimensions.id = "ruleset-dimensions";
  const caption = dimensions.createCaption();
  caption.textContent = text.dimensionsCaption;
  appendColumnHeads(dimensions, [
    text.dimensionColumn,
    { label: text.barColumn, className: "num" },
    { label: text.weightColumn, className: "num" },
  ]);
  const body = dimensions.createTBody();
  for (const dimension of rules.dimensions) {
    const row = body.insertRow();
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = `${dimension.name[language]}${dimension.mandatory ? ` (${text.mandatory})` : ""}`;
    row.append(name);
    const own = dimension.minPercent !== undefined;
    const bar = row.insertCell();
    bar.className = "num";
    // The bar is one unit ("≥ 70%"): it never breaks between the sign and the number, even at
    // a task pane's width; the note after it may wrap.
    const value = document.createElement("span");
    value.className = "bar";
    value.textContent = `≥ ${dimensionBar(rules, dimension)}%`;
    bar.append(value);
    if (own) bar.append(` (${text.ownBarNote})`);
    const weight = row.insertCell();
    weight.className = "num";
    weight.textContent = String(dimension.weight);
  }
  const criteria = rules.preliminaryCriteria ?? [];
  if (criteria.length === 0) return [table, dimensions];
  return [table, dimensions, criteriaTable(criteria, text, language)];
}

function criteriaTable(
  criteria: ReadonlyArray<{ name: LocalizedText }>,
  text: (typeof TEXTS)[PaneLanguage],
  language: PaneLanguage
): HTMLTableElement {
  const table = document.createElement("table");
  table.id = "ruleset-preliminary";
  table.createCaption().textContent = text.preliminaryCaption;
  appendColumnHeads(table, [text.criterionColumn]);
  const body = table.createTBody();
  for (const criterion of criteria)
    body.insertRow().insertCell().textContent = criterion.name[language];
  return table;
}

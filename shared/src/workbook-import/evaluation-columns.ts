import { hasLaterStructure, type LayoutRules, qualifiedName } from "./evaluation-sheet-layout";
import type { LocalizedText } from "../text/localized-text";
import { OVERALL_LABEL } from "../rules/messages";
import { createLabelResolver, type LabelledEntry, type LabelResolver } from "./resolve-label";
import type { Rules } from "../rules/ruleset-schema";
import { trackOfLabel } from "../rules/track-label";

/**
 * What a header cell of an evaluator's sheet means. Decisions:
 * - Dimensions and preliminary criteria are recognised as everywhere else
 *   (`resolve-label.ts`: ids, English or Thai names, with or without "Smart",
 *   bilingual headers); a criterion also by its description, the long wording
 *   of the 2018 circular that evaluators copy into their headers.
 * - The applicant id, name, the subcommittee overall, the evaluator and the
 *   conflict-of-interest declaration by the labels below, in Thai or English.
 * - The columns the add-in's evaluation sheet computes (Score, Eligible,
 *   Reasons) are recognised and ignored without a warning: the service
 *   recomputes them from the scores. Any other heading is ignored with a
 *   `COLUMN_IGNORED` warning, so that nothing is dropped unseen.
 */
export type ColumnRole =
  | { kind: "id" }
  | { kind: "name" }
  | { kind: "overall" }
  | { kind: "evaluator" }
  | { kind: "conflict" }
  | { kind: "computed" }
  | { kind: "dimension"; id: string }
  | { kind: "criterion"; id: string }
  | { kind: "track" }
  | { kind: "requirement"; group: string; item: string }
  | { kind: "points"; dimension: string; item: string };

const ROLE_LABELS: readonly LabelledEntry[] = [
  {
    id: "@id",
    name: { th: "รหัส", en: "Applicant ID" },
    aliases: ["ID", "รหัสผู้สมัคร", "รหัสพื้นที่", "Application ID", "Applicant code", "Code"],
  },
  {
    id: "@name",
    name: { th: "ชื่อพื้นที่", en: "Applicant" },
    aliases: ["Name", "ชื่อ", "Applicant name", "ชื่อผู้สมัคร", "ชื่อเมือง", "เมือง", "พื้นที่", "City", "Area"],
  },
  {
    id: "@overall",
    name: { th: "คะแนนภาพรวม", en: "Overall" },
    aliases: ["ภาพรวม", "Overall score", "Subcommittee overall", "คะแนนภาพรวมของอนุกรรมการ"],
  },
  {
    id: "@evaluator",
    name: { th: "ผู้ประเมิน", en: "Evaluator" },
    aliases: ["ชื่อผู้ประเมิน", "Evaluator name", "กรรมการผู้ประเมิน"],
  },
  {
    // Read under every ruleset: whether an evaluator may score an applicant is not a rule of one
    // version. Its cells read as the preliminary answers do (read-answer.ts).
    id: "@conflict",
    name: { th: "ผลประโยชน์ทับซ้อน", en: "Conflict of interest" },
    aliases: [
      "มีผลประโยชน์ทับซ้อน",
      "ผลประโยชน์ขัดกัน",
      "มีส่วนได้เสีย",
      "ส่วนได้เสีย",
      "Conflict",
      "Conflicted",
      "Conflict of interests",
      "Declared conflict",
      "COI",
    ],
  },
  {
    id: "@computed",
    name: { th: "คะแนน", en: "Score" },
    // The add-in's computed columns, and the consolidated workbook's own (so a
    // consolidated Summary or Details read back gives no warning for them).
    aliases: [
      "ผ่านเกณฑ์",
      "Eligible",
      "เหตุผล",
      "Reasons",
      "เหตุผลที่ไม่ผ่าน",
      "จำนวนผู้ประเมิน",
      "Number of evaluators",
      "ที่มาของคะแนนภาพรวม",
      "Overall from",
      "ประเด็นที่ต้องพิจารณา",
      "Flags",
      "นับรวม",
      "Counted",
      "ไฟล์",
      "File",
      "ชีต",
      "Sheet",
      "แถว",
      "Row",
      "เซลล์ของแต่ละค่า",
      "Cell of each value",
    ],
  },
];

/**
 * The later criteria's columns, known only under a ruleset that has the constructs (so a 2018 ruleset
 * reads exactly as before). Decisions:
 * - The track column by "ประเภทเมือง" / "Track" / "City type"; its cells name a track by id or
 *   by either name (a bilingual cell too).
 * - A requirement item by "group: item" in Thai or English (the layout's header), by
 *   `group.item`, or by the item's own id, names, aliases or description; a rubric item by
 *   "dimension: item", `dimension.item`, or its own id or names. The layout's "(max 25)" is
 *   decoration the resolver skips.
 * - A requirement group's name alone is the consolidated Summary's status column, and the
 *   Outcome column is computed: both are read back without a warning and never as answers.
 * - A label that two of these share (an admin may give two groups an item of the same name)
 *   means neither: the column is reported as not read, never guessed.
 */
const LATER_ROLE_LABELS: readonly LabelledEntry[] = [
  {
    id: "@track",
    name: { th: "ประเภทเมือง", en: "Track" },
    aliases: ["City type", "ประเภทของเมือง", "Type of city"],
  },
  { id: "@computed", name: { th: "ผลการพิจารณา", en: "Outcome" }, aliases: [] },
];

const DIMENSION = "d:";
const CRITERION = "c:";
const REQUIREMENT = "r:";
const POINTS = "p:";
const GROUP_STATUS = "s:";

const resolvers = new WeakMap<object, LabelResolver>();

type ColumnRules = Pick<Rules, "dimensions" | "preliminaryCriteria"> &
  Partial<Pick<Rules, "requirementGroups" | "tracks" | "outcomes">>;

function laterEntries(rules: ColumnRules): LabelledEntry[] {
  const entries: LabelledEntry[] = [...LATER_ROLE_LABELS];
  for (const group of rules.requirementGroups ?? []) {
    entries.push({ id: GROUP_STATUS + group.id, name: group.name });
    for (const item of group.items) {
      const qualified = qualifiedName(group.name, item.name);
      entries.push({
        id: `${REQUIREMENT}${group.id}.${item.id}`,
        name: qualified,
        aliases: [
          `${group.id}.${item.id}`,
          item.id,
          item.name.th,
          item.name.en,
          ...item.aliases,
          ...(item.description ? [item.description.th, item.description.en] : []),
        ],
      });
    }
  }
  for (const dimension of rules.dimensions)
    for (const item of dimension.items ?? []) {
      entries.push({
        id: `${POINTS}${dimension.id}.${item.id}`,
        name: qualifiedName(dimension.name, item.name),
        aliases: [`${dimension.id}.${item.id}`, item.id, item.name.th, item.name.en],
      });
    }
  return entries;
}

function resolverFor(rules: ColumnRules): LabelResolver {
  let resolver = resolvers.get(rules);
  if (resolver === undefined) {
    const later = hasLaterStructure(rules as LayoutRules);
    resolver = createLabelResolver(
      [
        ...ROLE_LABELS,
        ...(later ? laterEntries(rules) : []),
        ...rules.dimensions.map((dimension) => ({
          id: DIMENSION + dimension.id,
          name: dimension.name,
          aliases: [dimension.id, ...dimension.aliases],
        })),
        ...rules.preliminaryCriteria.map((criterion) => ({
          id: CRITERION + criterion.id,
          name: criterion.name,
          aliases: [
            criterion.id,
            ...criterion.aliases,
            ...(criterion.description ? [criterion.description.th, criterion.description.en] : []),
          ],
        })),
      ],
      later ? { ambiguous: "unresolved" } : {}
    );
    resolvers.set(rules, resolver);
  }
  return resolver;
}

export function columnRole(label: unknown, rules: ColumnRules): ColumnRole | undefined {
  const id = resolverFor(rules)(label);
  if (id === undefined) return undefined;
  if (id.startsWith(DIMENSION)) return { kind: "dimension", id: id.slice(DIMENSION.length) };
  if (id.startsWith(CRITERION)) return { kind: "criterion", id: id.slice(CRITERION.length) };
  if (id.startsWith(GROUP_STATUS)) return { kind: "computed" };
  if (id.startsWith(REQUIREMENT) || id.startsWith(POINTS)) {
    const [owner, item] = id.slice(2).split(".");
    return id.startsWith(POINTS)
      ? { kind: "points", dimension: owner, item }
      : { kind: "requirement", group: owner, item };
  }
  return {
    kind: id.slice(1) as
      "id" | "name" | "overall" | "evaluator" | "conflict" | "computed" | "track",
  };
}

/** The track a cell names (by id or either name: shared's one reading), or undefined. */
export function trackOfCell(value: unknown, rules: Pick<Rules, "tracks">): string | undefined {
  return trackOfLabel(value, rules.tracks);
}

/**
 * The name of an item keyed as the import keys it: a dimension, `overall`, a criterion,
 * `track`, or `owner.item` (a requirement group's item or a rubric dimension's item).
 */
export function qualifiedItemName(rules: ColumnRules, key: string): LocalizedText {
  if (key === "track") return { th: "ประเภทเมือง", en: "Track" };
  const dot = key.indexOf(".");
  if (dot < 0) return itemName(rules, key);
  const owner = key.slice(0, dot);
  const id = key.slice(dot + 1);
  const group = rules.requirementGroups?.find((entry) => entry.id === owner);
  const groupItem = group?.items.find((entry) => entry.id === id);
  if (group !== undefined && groupItem !== undefined)
    return qualifiedName(group.name, groupItem.name);
  const dimension = rules.dimensions.find((entry) => entry.id === owner);
  const rubricItem = dimension?.items?.find((entry) => entry.id === id);
  if (dimension !== undefined && rubricItem !== undefined)
    return qualifiedName(dimension.name, rubricItem.name);
  return { th: key, en: key };
}

/** The name of what a score or answer belongs to: a dimension, the overall, or a criterion. */
export function itemName(
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">,
  id: string
): LocalizedText {
  if (id === "overall") return OVERALL_LABEL;
  return (
    rules.dimensions.find((dimension) => dimension.id === id)?.name ??
    rules.preliminaryCriteria.find((criterion) => criterion.id === id)?.name ?? { th: id, en: id }
  );
}

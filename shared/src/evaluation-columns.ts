import type { LocalizedText } from "./localized-text";
import { OVERALL_LABEL } from "./messages";
import { createLabelResolver, type LabelledEntry, type LabelResolver } from "./resolve-label";
import type { Rules } from "./ruleset-schema";

/**
 * What a header cell of an evaluator's sheet means. Decisions:
 * - Dimensions and preliminary criteria are recognised as everywhere else
 *   (`resolve-label.ts`: ids, English or Thai names, with or without "Smart",
 *   bilingual headers); a criterion also by its description, the long wording
 *   of the 2018 circular that evaluators copy into their headers.
 * - The applicant id, name, the subcommittee overall and the evaluator by the
 *   labels below, in Thai or English.
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
  | { kind: "computed" }
  | { kind: "dimension"; id: string }
  | { kind: "criterion"; id: string };

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

const DIMENSION = "d:";
const CRITERION = "c:";

const resolvers = new WeakMap<object, LabelResolver>();

function resolverFor(rules: Pick<Rules, "dimensions" | "preliminaryCriteria">): LabelResolver {
  let resolver = resolvers.get(rules);
  if (resolver === undefined) {
    resolver = createLabelResolver([
      ...ROLE_LABELS,
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
    ]);
    resolvers.set(rules, resolver);
  }
  return resolver;
}

export function columnRole(
  label: unknown,
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">
): ColumnRole | undefined {
  const id = resolverFor(rules)(label);
  if (id === undefined) return undefined;
  if (id.startsWith(DIMENSION)) return { kind: "dimension", id: id.slice(DIMENSION.length) };
  if (id.startsWith(CRITERION)) return { kind: "criterion", id: id.slice(CRITERION.length) };
  return { kind: id.slice(1) as "id" | "name" | "overall" | "evaluator" | "computed" };
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

import type { LocalizedText } from "../text/localized-text";
import { formatPercent } from "../text/person-decimal";
import type { RuleChange } from "./rules-diff";
import type { Rules } from "./ruleset-schema";
import { PRELIMINARY_GROUP } from "./structure-checks";

/**
 * A rules diff (diffRules) in words a committee member reads, in Thai and English:
 * `Overall bar: 80% → 75%`, `Smart Energy, weight: 1 → 2`, `Dimension added: Smart Culture`.
 * Names come from the rules on either side (a removed dimension has its name only in `before`).
 * One implementation, beside rules-diff.ts, for every place a diff is shown.
 */
type Words = LocalizedText;
const NONE: Words = { en: "none", th: "ไม่มี" };
const pct = (value: unknown): Words =>
  typeof value === "number" ? same(`${formatPercent(value)}%`) : NONE;
const same = (text: string): Words => ({ en: text, th: text });
const plain = (value: unknown): Words =>
  value === null || value === undefined
    ? NONE
    : Array.isArray(value)
      ? value.length === 0
        ? NONE
        : same(value.map((item) => wordOf(item).en).join(", "))
      : typeof value === "object"
        ? wordOf(value)
        : same(String(value));

function wordOf(value: unknown): Words {
  if (value && typeof value === "object" && "en" in value && "th" in value) {
    const text = value as LocalizedText;
    return { en: text.en, th: text.th };
  }
  return same(typeof value === "object" ? JSON.stringify(value) : String(value));
}

const arrow = (label: Words, old: Words, now: Words): Words => ({
  en: `${label.en}: ${old.en} → ${now.en}`,
  th: `${label.th}: ${old.th} → ${now.th}`,
});

const TOP: Record<string, { label: Words; show: (value: unknown) => Words }> = {
  overallMinPercent: { label: { en: "Overall bar", th: "เกณฑ์ภาพรวม" }, show: pct },
  dimensionMinPercent: {
    label: { en: "Bar for each dimension", th: "เกณฑ์ขั้นต่ำของแต่ละด้าน" },
    show: pct,
  },
  minDimensions: {
    label: { en: "Dimensions required", th: "จำนวนด้านขั้นต่ำ" },
    show: plain,
  },
  overallScore: {
    label: { en: "Overall score", th: "คะแนนภาพรวม" },
    show: (value) =>
      (value as { useSubcommitteeScore?: boolean } | null)?.useSubcommitteeScore
        ? {
            en: "the subcommittee's own score when given",
            th: "ใช้คะแนนของคณะอนุกรรมการเมื่อมี",
          }
        : { en: "always the weighted mean", th: "คำนวณจากค่าเฉลี่ยถ่วงน้ำหนักเสมอ" },
  },
  consolidation: {
    label: { en: "Consolidation", th: "การรวมคะแนน" },
    show: (value) => {
      const rule = value as {
        method?: string;
        disagreementSpread?: number;
        minEvaluators?: number;
      } | null;
      if (!rule) return NONE;
      const median = rule.method === "median";
      // Said only when set, so a ruleset without it reads as it did.
      const minimum = rule.minEvaluators;
      return {
        en: `${median ? "median" : "mean"}, flagged above a spread of ${rule.disagreementSpread}${minimum !== undefined ? `, at least ${minimum} ${minimum === 1 ? "evaluator" : "evaluators"}` : ""}`,
        th: `${median ? "ค่ามัธยฐาน" : "ค่าเฉลี่ย"} แจ้งเมื่อคะแนนต่างกันเกิน ${rule.disagreementSpread}${minimum !== undefined ? ` ผู้ประเมินอย่างน้อย ${minimum} คน` : ""}`,
      };
    },
  },
};

const FIELDS: Record<string, { label: Words; show: (value: unknown) => Words }> = {
  weight: { label: { en: "weight", th: "น้ำหนัก" }, show: plain },
  minPercent: { label: { en: "own bar", th: "เกณฑ์เฉพาะด้าน" }, show: pct },
  name: { label: { en: "name", th: "ชื่อ" }, show: plain },
  attributes: { label: { en: "attributes", th: "คุณลักษณะ" }, show: plain },
  aliases: { label: { en: "other header labels", th: "ชื่อหัวคอลัมน์อื่น" }, show: plain },
  description: { label: { en: "description", th: "คำอธิบาย" }, show: plain },
};

/**
 * A track's overrides or a band's conditions in words: "overall bar 85%; 3 dimensions required;
 * Smart Energy: own bar 75%, mandatory" (rather than their JSON).
 */
function conditionWords(
  value: unknown,
  dimensionName: (id: string) => Words,
  groupName: (id: string) => Words
): Words {
  if (!value || typeof value !== "object") return NONE;
  const rule = value as Record<string, unknown>;
  const parts: Words[] = [];
  const add = (en: string, th: string) => parts.push({ en, th });
  if (typeof rule.overallMinPercent === "number") {
    const at = pct(rule.overallMinPercent);
    add(`overall bar ${at.en}`, `เกณฑ์ภาพรวม ${at.th}`);
  }
  if (typeof rule.dimensionMinPercent === "number") {
    const at = pct(rule.dimensionMinPercent);
    add(`bar for each dimension ${at.en}`, `เกณฑ์ขั้นต่ำของแต่ละด้าน ${at.th}`);
  }
  if (typeof rule.minDimensions === "number")
    add(`${rule.minDimensions} dimensions required`, `ต้องเสนออย่างน้อย ${rule.minDimensions} ด้าน`);
  if (rule.requirementsMet === true) add("every requirement met", "ผ่านข้อกำหนดครบทุกข้อ");
  if (rule.requirementsMet === false) add("some requirement not met", "มีข้อกำหนดที่ไม่ผ่าน");
  if (Array.isArray(rule.dimensions)) {
    for (const entry of rule.dimensions as Record<string, unknown>[]) {
      const name = dimensionName(String(entry.id));
      const en: string[] = [];
      const th: string[] = [];
      if (typeof entry.minPercent === "number") {
        en.push(`own bar ${pct(entry.minPercent).en}`);
        th.push(`เกณฑ์เฉพาะด้าน ${pct(entry.minPercent).th}`);
      }
      if (typeof entry.weight === "number") {
        en.push(`weight ${entry.weight}`);
        th.push(`น้ำหนัก ${entry.weight}`);
      }
      if (entry.mandatory === true) {
        en.push("mandatory");
        th.push("เป็นด้านบังคับ");
      }
      if (entry.mandatory === false) {
        en.push("not mandatory");
        th.push("ไม่เป็นด้านบังคับ");
      }
      add(
        `${name.en}: ${en.join(", ") || "as the ruleset"}`,
        `${name.th}: ${th.join(" ") || "ตามเกณฑ์หลัก"}`
      );
    }
  }
  if (Array.isArray(rule.requirementGroups)) {
    const names = (rule.requirementGroups as string[]).map(groupName);
    add(
      `requirement groups: ${names.map((name) => name.en).join(", ") || "none"}`,
      `กลุ่มข้อกำหนด: ${names.map((name) => name.th).join(", ") || "ไม่มี"}`
    );
  }
  if (parts.length === 0) return NONE;
  return {
    en: parts.map((part) => part.en).join("; "),
    th: parts.map((part) => part.th).join("; "),
  };
}

/** A rubric's or a group's items by name, a rubric item with its maximum: "Air quality (10)". */
function itemWords(value: unknown): Words {
  if (!Array.isArray(value) || value.length === 0) return NONE;
  const words = (value as { name?: Words; id?: string; maxPoints?: number }[]).map((item) => {
    const name = item.name ?? same(String(item.id));
    const points = typeof item.maxPoints === "number" ? ` (${item.maxPoints})` : "";
    return { en: `${name.en}${points}`, th: `${name.th}${points}` };
  });
  return { en: words.map((w) => w.en).join(", "), th: words.map((w) => w.th).join(", ") };
}

const STRUCTURE_FIELDS: Record<string, Words> = {
  overrides: { en: "rules of its own", th: "เกณฑ์เฉพาะ" },
  when: { en: "conditions", th: "เงื่อนไข" },
  items: { en: "items", th: "รายการ" },
};

const LISTS = {
  dimensions: {
    added: { en: "Dimension added", th: "เพิ่มด้าน" },
    removed: { en: "Dimension removed", th: "ยกเลิกด้าน" },
    order: { en: "Order of the dimensions", th: "ลำดับของด้าน" },
  },
  preliminaryCriteria: {
    added: { en: "Preliminary criterion added", th: "เพิ่มเกณฑ์เบื้องต้น" },
    removed: { en: "Preliminary criterion removed", th: "ยกเลิกเกณฑ์เบื้องต้น" },
    order: { en: "Order of the preliminary criteria", th: "ลำดับของเกณฑ์เบื้องต้น" },
  },
  requirementGroups: {
    added: { en: "Requirement group added", th: "เพิ่มกลุ่มข้อกำหนด" },
    removed: { en: "Requirement group removed", th: "ยกเลิกกลุ่มข้อกำหนด" },
    order: { en: "Order of the requirement groups", th: "ลำดับของกลุ่มข้อกำหนด" },
  },
  tracks: {
    added: { en: "City type added", th: "เพิ่มประเภทเมือง" },
    removed: { en: "City type removed", th: "ยกเลิกประเภทเมือง" },
    order: { en: "Order of the city types", th: "ลำดับของประเภทเมือง" },
  },
  outcomes: {
    added: { en: "Outcome added", th: "เพิ่มผลการพิจารณา" },
    removed: { en: "Outcome removed", th: "ยกเลิกผลการพิจารณา" },
    order: { en: "Order of the outcomes", th: "ลำดับของผลการพิจารณา" },
  },
} as const;
type ListField = keyof typeof LISTS;

export function describeRuleChange(change: RuleChange, before: Rules, after: Rules): LocalizedText {
  const [head, id, field] = change.path.split(".");
  const top = TOP[head];
  if (top && id === undefined) return arrow(top.label, top.show(change.old), top.show(change.new));
  if (!(head in LISTS)) {
    return { en: `${change.path} changed`, th: `มีการเปลี่ยน ${change.path}` };
  }
  const listField = head as ListField;
  const list = LISTS[listField];
  const nameOf = (entryId: string): Words => {
    const entries: { id: string; name: Words }[] = [
      ...(after[listField] ?? []),
      ...(before[listField] ?? []),
    ];
    const entry = entries.find((candidate) => candidate.id === entryId);
    return entry ? entry.name : same(entryId);
  };
  const names = (ids: unknown): Words => {
    const words = (ids as string[]).map(nameOf);
    return { en: words.map((w) => w.en).join(", "), th: words.map((w) => w.th).join(", ") };
  };
  if (id === "order") return arrow(list.order, names(change.old), names(change.new));
  const name = nameOf(id);
  if (field === undefined) {
    const label = change.old === null ? list.added : list.removed;
    return { en: `${label.en}: ${name.en}`, th: `${label.th}: ${name.th}` };
  }
  if (field === "mandatory") {
    return change.new === true
      ? { en: `${name.en}: now mandatory`, th: `${name.th}: เป็นด้านบังคับ` }
      : { en: `${name.en}: no longer mandatory`, th: `${name.th}: ไม่เป็นด้านบังคับแล้ว` };
  }
  const structure = STRUCTURE_FIELDS[field];
  if (structure) {
    const nameIn = (list: "dimensions" | "requirementGroups") => (entryId: string) =>
      [...(after[list] ?? []), ...(before[list] ?? [])].find((entry) => entry.id === entryId)
        ?.name ??
      (entryId === PRELIMINARY_GROUP
        ? { en: "Preliminary criteria", th: "เกณฑ์เบื้องต้น" }
        : same(entryId));
    const show = (value: unknown) =>
      field === "items"
        ? itemWords(value)
        : conditionWords(value, nameIn("dimensions"), nameIn("requirementGroups"));
    return arrow(
      { en: `${name.en}, ${structure.en}`, th: `${name.th} ${structure.th}` },
      show(change.old),
      show(change.new)
    );
  }
  const known = FIELDS[field] ?? { label: same(field), show: plain };
  return arrow(
    { en: `${name.en}, ${known.label.en}`, th: `${name.th} ${known.label.th}` },
    known.show(change.old),
    known.show(change.new)
  );
}

/** Every change of a diff in words, one per line's worth. */
export function describeRuleChanges(
  changes: readonly RuleChange[],
  before: Rules,
  after: Rules
): LocalizedText[] {
  return changes.map((change) => describeRuleChange(change, before, after));
}

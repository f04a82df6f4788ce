import { BASELINE_RULESET, type Ruleset, RulesSchema } from "@smartcity/shared";

/**
 * A small ruleset with every construct of the later criteria, for table tests: a components group, two
 * tracks (the second raises the overall bar and makes energy mandatory), three bands, and a
 * two-item rubric on environment. Its figures are test figures, not the committee's.
 */
export function laterRulesWritten(): Record<string, unknown> {
  const rules = structuredClone(BASELINE_RULESET.rules);
  return {
    ...rules,
    dimensions: rules.dimensions.map((dimension) =>
      dimension.id === "environment"
        ? {
            ...dimension,
            items: [
              { id: "air", name: { th: "คุณภาพอากาศ", en: "Air quality" }, maxPoints: 10 },
              { id: "water", name: { th: "การจัดการน้ำ", en: "Water management" }, maxPoints: 10 },
            ],
          }
        : dimension
    ),
    requirementGroups: [
      {
        id: "components",
        name: { th: "องค์ประกอบของแผน", en: "Plan components" },
        items: [
          { id: "boundaries", name: { th: "ขอบเขตพื้นที่", en: "Boundaries" } },
          { id: "cityDataPlatform", name: { th: "แพลตฟอร์มข้อมูลเมือง", en: "City Data Platform" } },
        ],
      },
    ],
    tracks: [
      { id: "livable", name: { th: "เมืองเดิมน่าอยู่", en: "Livable city" } },
      {
        id: "newCity",
        name: { th: "เมืองใหม่ทันสมัย", en: "New city" },
        overrides: { overallMinPercent: 85, dimensions: [{ id: "energy", mandatory: true }] },
      },
    ],
    defaultTrack: "livable",
    outcomes: [
      { id: "approved", name: { th: "ผ่านการพิจารณา", en: "Approved" } },
      {
        id: "inPrinciple",
        name: { th: "เห็นชอบในหลักการ", en: "Approved in principle" },
        when: { overallMinPercent: 70, requirementsMet: true },
      },
      { id: "notApproved", name: { th: "ไม่ผ่านการพิจารณา", en: "Not approved" } },
    ],
  };
}

export function laterRuleset(version = "5"): Ruleset {
  return {
    ...structuredClone(BASELINE_RULESET),
    version,
    rules: RulesSchema.parse(laterRulesWritten()),
  };
}

import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, RulesSchema } from "@smartcity/shared";
import { laterRulesWritten } from "../helpers/later-rules";

/** The ruleset checks of the later criteria: each names the problem and where, in English and Thai. */
type Written = Record<string, unknown> & {
  tracks: { id: string; overrides?: Record<string, unknown> }[];
  outcomes: { id: string; when?: Record<string, unknown> }[];
};

function issuesOf(change: (rules: Written) => void) {
  const rules = laterRulesWritten() as Written;
  change(rules);
  const parsed = RulesSchema.safeParse(rules);
  if (parsed.success) throw new Error("expected the rules to be refused");
  return parsed.error.issues.map((issue) => ({
    path: issue.path.join("."),
    en: issue.message,
    th: (issue as { params?: { th?: string } }).params?.th,
  }));
}

describe("ruleset checks of groups, tracks and bands", () => {
  test("the example parses, and a preliminary group becomes preliminaryCriteria", () => {
    expect(RulesSchema.safeParse(laterRulesWritten()).success).toBe(true);
    const { preliminaryCriteria, ...rest } = structuredClone(BASELINE_RULESET.rules);
    const parsed = RulesSchema.parse({
      ...rest,
      requirementGroups: [
        {
          id: "preliminary",
          name: { th: "เกณฑ์เบื้องต้น", en: "Preliminary" },
          items: preliminaryCriteria,
        },
      ],
    });
    expect(parsed).toEqual(BASELINE_RULESET.rules);
  });

  test.each<[string, (rules: Written) => void, { path: string; en: string; th: string }]>([
    [
      "an unknown dimension in a track's overrides",
      (rules) => (rules.tracks[1].overrides = { dimensions: [{ id: "culture", minPercent: 60 }] }),
      {
        path: "tracks.1.overrides.dimensions.0.id",
        en: '"culture" is not a dimension of these rules (dimensions: living, people, energy, mobility, economy, governance, environment)',
        th: '"culture" ไม่ใช่ด้านในชุดเกณฑ์นี้ (ด้านที่มี: ชุมชนอัจฉริยะ ("living"), ประชากรอัจฉริยะ ("people"), พลังงานอัจฉริยะ ("energy"), คมนาคมอัจฉริยะ ("mobility"), เศรษฐกิจอัจฉริยะ ("economy"), การบริหารจัดการเมืองอัจฉริยะ ("governance"), สิ่งแวดล้อมอัจฉริยะ ("environment"))',
      },
    ],
    [
      "an unknown requirement group in a track",
      (rules) => (rules.tracks[0].overrides = { requirementGroups: ["zoning"] }),
      {
        path: "tracks.0.overrides.requirementGroups.0",
        en: '"zoning" is not a requirement group of these rules (groups: preliminary, components)',
        th: '"zoning" ไม่ใช่กลุ่มข้อกำหนดในชุดเกณฑ์นี้ (กลุ่มที่มี: เกณฑ์เบื้องต้น ("preliminary"), องค์ประกอบของแผน ("components"))',
      },
    ],
    [
      "an unknown default track",
      (rules) => (rules.defaultTrack = "village"),
      {
        path: "defaultTrack",
        en: '"village" is not a track of these rules (tracks: livable, newCity)',
        th: '"village" ไม่ใช่ประเภทเมืองในชุดเกณฑ์นี้ (ประเภทที่มี: เมืองเดิมน่าอยู่ ("livable"), เมืองใหม่ทันสมัย ("newCity"))',
      },
    ],
    [
      "a missing fallback band",
      (rules) => (rules.outcomes[2].when = { overallMinPercent: 10 }),
      {
        path: "outcomes.2.when",
        en: "the fallback band is missing: the last outcome band takes no when and catches the rest",
        th: "ขาดผลการพิจารณาระดับสุดท้ายที่ไม่มีเงื่อนไข เพื่อรับกรณีที่เหลือ",
      },
    ],
    [
      "an unreachable band",
      (rules) =>
        rules.outcomes.splice(2, 0, {
          id: "nearly",
          when: { overallMinPercent: 75, requirementsMet: true },
          name: { th: "เกือบผ่าน", en: "Nearly" },
        } as never),
      {
        path: "outcomes.2.id",
        en: 'outcome band "nearly" is unreachable: every case its when admits is already taken by the earlier band "inPrinciple"',
        th: 'ผลการพิจารณา "เกือบผ่าน" ไม่มีทางได้: ทุกกรณีที่ตรงเงื่อนไขของระดับนี้ตรงกับระดับ "เห็นชอบในหลักการ" ก่อนหน้าแล้ว',
      },
    ],
    [
      "a middle band without conditions",
      (rules) => (rules.outcomes[1].when = {}),
      {
        path: "outcomes.1",
        en: "a band between the first and the last needs at least one when condition; without one, the bands after it are unreachable",
        th: "ผลการพิจารณาระดับกลางต้องมีเงื่อนไขอย่างน้อยหนึ่งข้อ มิฉะนั้นระดับถัดไปจะไม่มีทางได้",
      },
    ],
    [
      "a first band with conditions",
      (rules) => (rules.outcomes[0].when = { overallMinPercent: 90 }),
      {
        path: "outcomes.0.when",
        en: "the first outcome band takes no when: it is reached exactly when every rule holds",
        th: "ผลการพิจารณาระดับแรกต้องไม่มีเงื่อนไข: ระดับแรกคือผ่านเกณฑ์ทุกข้อ",
      },
    ],
    [
      "one band only",
      (rules) => rules.outcomes.splice(1, 2),
      {
        path: "outcomes",
        en: "at least 2 outcome bands are needed: the first for every rule holding, the last for the rest",
        th: "ต้องมีผลการพิจารณาอย่างน้อย 2 ระดับ: ระดับแรกคือผ่านเกณฑ์ทุกข้อ ระดับสุดท้ายรับกรณีที่เหลือ",
      },
    ],
    [
      "the preliminary criteria twice",
      (rules) =>
        (rules.requirementGroups = [
          ...(rules.requirementGroups as object[]),
          {
            id: "preliminary",
            name: { th: "ก", en: "P" },
            items: [{ id: "x", name: { th: "ก", en: "X" } }],
          },
        ]),
      {
        path: "requirementGroups",
        en: 'the preliminary criteria are given twice: use preliminaryCriteria or the group "preliminary", not both',
        th: "ระบุเกณฑ์เบื้องต้นซ้ำสองแห่ง: ใช้รายการเกณฑ์เบื้องต้น หรือกลุ่มข้อกำหนดเกณฑ์เบื้องต้น อย่างใดอย่างหนึ่ง",
      },
    ],
    [
      "no preliminary criteria at all",
      (rules) => delete rules.preliminaryCriteria,
      {
        path: "preliminaryCriteria",
        en: 'the preliminary criteria are missing: give preliminaryCriteria or the group "preliminary" in requirementGroups',
        th: "ต้องมีเกณฑ์เบื้องต้น: ระบุรายการเกณฑ์เบื้องต้น หรือกลุ่มข้อกำหนดเกณฑ์เบื้องต้น",
      },
    ],
    [
      "a duplicate track id",
      (rules) => (rules.tracks[1].id = "livable"),
      { path: "tracks.1.id", en: 'duplicate track id "livable"', th: 'รหัสประเภทเมือง "livable" ซ้ำ' },
    ],
  ])("%s", (_name, change, expected) => {
    expect(issuesOf(change)).toEqual([expected]);
  });

  test("a band that is weaker than an earlier one is reachable", () => {
    const rules = laterRulesWritten() as Written;
    rules.outcomes.splice(2, 0, {
      id: "weaker",
      when: { overallMinPercent: 60 },
      name: { th: "ก", en: "W" },
    } as never);
    expect(RulesSchema.safeParse(rules).success).toBe(true);
  });
});

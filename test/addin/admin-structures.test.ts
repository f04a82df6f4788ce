import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  canonicalJson,
  describeRuleChanges,
  diffRules,
  previewImpact,
  PublishRequestSchema,
  type Rules,
  type Ruleset,
} from "@smartcity/shared";
import {
  addGroup,
  addMiddleBand,
  addRubricItem,
  addTrack,
  modelOf,
  moveBand,
  rulesOf,
  setField,
  startBands,
  type StructuresModel,
} from "../../addin/src/taskpane/admin/structures-model";
import {
  structureProblemText,
  structureSlot,
} from "../../addin/src/taskpane/admin/admin-form-messages";
import { bandName, changeCount, moves } from "../../addin/src/taskpane/admin/impact-words";

/**
 * The admin form's model of the later criteria's structures (structures-model.ts): filled from rules,
 * edited as the form's fields and buttons do, read back as rules that shared's
 * PublishRequestSchema checks, and its problems placed under the field they concern.
 */
const example = JSON.parse(
  readFileSync(path.resolve(__dirname, "../fixtures/rulesets/announcement-1-2562.json"), "utf8")
) as { rules: unknown; approval: unknown; note: string };

/** The example as the service stores it: its publish body parsed by the service's schema. */
function stored(): Rules {
  const parsed = PublishRequestSchema.safeParse(example);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data.rules;
}

/** The form's rules parsed as a publish would be. */
function publish(rules: unknown) {
  return PublishRequestSchema.safeParse({ ...example, rules });
}

function parsedRules(base: Rules, model: StructuresModel): Rules {
  const parsed = publish(rulesOf(base, model));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data.rules;
}

describe("round trip", () => {
  test("the example ruleset, loaded into the form and saved unchanged, gives the same rules", () => {
    const base = stored();
    const model = modelOf(base);
    // The form shows what the example has: one group of five, two city types, three outcomes, a rubric.
    expect(model.groups.map((group) => [group.id, group.items.length])).toEqual([
      ["components", 5],
    ]);
    expect(model.tracks.map((track) => [track.id, track.minDimensions])).toEqual([
      ["livable", ""],
      ["newCity", "3"],
    ]);
    expect(model.defaultTrack).toBe("livable");
    expect(model.bands.map((band) => [band.id, band.overall, band.requirementsMet])).toEqual([
      ["approved", "", ""],
      ["inPrinciple", "70", "yes"],
      ["notApproved", "", ""],
    ]);
    expect(model.rubrics[6].items.map((item) => item.maxPoints)).toEqual(["25", "25", "25", "25"]);
    const again = parsedRules(base, model);
    expect(again).toEqual(base);
    expect(canonicalJson(again)).toBe(canonicalJson(base));
    expect(diffRules(base, again)).toEqual([]);
  });

  test("rules without any structure stay without: the 2018 baseline keeps its exact form", () => {
    const base = BASELINE_RULESET.rules;
    const again = parsedRules(base, modelOf(base));
    expect(canonicalJson(again)).toBe(canonicalJson(base));
    expect(Object.keys(again)).toEqual(Object.keys(base));
  });
});

describe("edits", () => {
  test("a band's condition and a track's override change exactly those fields", () => {
    const base = stored();
    const model = modelOf(base);
    setField(model, "outcomes.1.when.overallMinPercent", "65");
    setField(model, "tracks.1.overrides.overallMinPercent", "85");
    setField(model, "tracks.1.overrides.minDimensions", "");
    const rules = parsedRules(base, model);
    expect(rules.outcomes?.[1].when).toEqual({ overallMinPercent: 65, requirementsMet: true });
    expect(rules.tracks?.[1].overrides).toEqual({ overallMinPercent: 85 });
    expect(describeRuleChanges(diffRules(base, rules), base, rules).map((line) => line.en)).toEqual(
      [
        "New City, rules of its own: 3 dimensions required → overall bar 85%",
        "Approved in principle: revise and resubmit, conditions: overall bar 70%; every requirement met → overall bar 65%; every requirement met",
      ]
    );
  });

  test("per-dimension overrides and the groups that apply", () => {
    const base = stored();
    const model = modelOf(base);
    model.tracks[1].dimensions.push({
      id: "energy",
      minPercent: "75",
      weight: "",
      mandatory: "yes",
    });
    setField(model, "tracks.1.overrides.allGroups", false);
    // Unticking "every group" starts from every group ticked; the admin unticks one.
    expect(model.tracks[1].groups).toEqual(["preliminary", "components"]);
    setField(model, "tracks.1.overrides.requirementGroups.preliminary", false);
    const rules = parsedRules(base, model);
    expect(rules.tracks?.[1].overrides).toEqual({
      minDimensions: 3,
      dimensions: [{ id: "energy", minPercent: 75, mandatory: true }],
      requirementGroups: ["components"],
    });
    // The confirmation says it in words, not JSON.
    expect(describeRuleChanges(diffRules(base, rules), base, rules)).toEqual([
      {
        en: "New City, rules of its own: 3 dimensions required → 3 dimensions required; Smart Energy: own bar 75%, mandatory; requirement groups: Required plan components",
        th: "เมืองใหม่ทันสมัย เกณฑ์เฉพาะ: ต้องเสนออย่างน้อย 3 ด้าน → ต้องเสนออย่างน้อย 3 ด้าน; พลังงานอัจฉริยะ: เกณฑ์เฉพาะด้าน 75% เป็นด้านบังคับ; กลุ่มข้อกำหนด: องค์ประกอบของข้อเสนอเมืองอัจฉริยะ",
      },
    ]);
    setField(model, "tracks.1.overrides.allGroups", true);
    expect(parsedRules(base, model).tracks?.[1].overrides?.requirementGroups).toBeUndefined();
  });

  test("groups, items and rubric items added and removed; an item keeps what the form does not show", () => {
    const base = stored();
    const model = modelOf(base);
    addGroup(model);
    setField(model, "requirementGroups.1.id", "provincial");
    setField(model, "requirementGroups.1.name.th", "การรับรองจากจังหวัด");
    setField(model, "requirementGroups.1.name.en", "Provincial endorsement");
    setField(model, "requirementGroups.1.items.0.id", "endorsed");
    setField(model, "requirementGroups.1.items.0.name.th", "คณะกรรมการจังหวัดเห็นชอบ");
    setField(model, "requirementGroups.1.items.0.name.en", "Endorsed by the provincial committee");
    model.groups[0].items.splice(4, 1);
    addRubricItem(model, 0);
    setField(model, "dimensions.0.items.0.id", "health");
    setField(model, "dimensions.0.items.0.name.th", "ประชาชนมีสุขภาพดี");
    setField(model, "dimensions.0.items.0.name.en", "healthy people");
    setField(model, "dimensions.0.items.0.maxPoints", "10");
    model.rubrics[6].items = [];
    const rules = parsedRules(base, model);
    expect(rules.requirementGroups?.map((group) => [group.id, group.items.length])).toEqual([
      ["components", 4],
      ["provincial", 1],
    ]);
    expect(rules.dimensions[0].items).toEqual([
      { id: "health", name: { th: "ประชาชนมีสุขภาพดี", en: "healthy people" }, maxPoints: 10 },
    ]);
    expect(rules.dimensions[6].items).toBeUndefined(); // no items: scored as a percent again
    const words = describeRuleChanges(diffRules(base, rules), base, rules).map((line) => line.en);
    expect(words).toContain("Smart Living, items: none → healthy people (10)");
    expect(words).toContain(
      "Smart Environment, items: resource care (25), pollution management (25), balance with urban development (25), efficient environmental management and monitoring (25) → none"
    );
    expect(words).toContain("Requirement group added: Provincial endorsement");
    // A criterion's description survives an edit of its name.
    const baseline = BASELINE_RULESET.rules;
    const withGroup = modelOf({
      ...baseline,
      requirementGroups: [
        {
          id: "components",
          name: { th: "องค์ประกอบ", en: "Components" },
          items: [
            {
              id: "cityDataPlatform",
              name: { th: "แพลตฟอร์มข้อมูลเมือง", en: "City Data Platform" },
              description: { th: "การออกแบบ", en: "its design" },
              aliases: ["CDP"],
            },
          ],
        },
      ],
    });
    setField(withGroup, "requirementGroups.0.items.0.name.en", "City data platform");
    expect(parsedRules(baseline, withGroup).requirementGroups?.[0].items[0]).toEqual({
      id: "cityDataPlatform",
      name: { th: "แพลตฟอร์มข้อมูลเมือง", en: "City data platform" },
      description: { th: "การออกแบบ", en: "its design" },
      aliases: ["CDP"],
    });
  });

  test("bands: named from the implicit two, a middle one added before the last, moved only among the middle", () => {
    const base = BASELINE_RULESET.rules;
    const model = modelOf(base);
    startBands(model);
    expect(model.bands.map((band) => [band.id, band.en])).toEqual([
      ["eligible", "Eligible"],
      ["notEligible", "Not eligible"],
    ]);
    addMiddleBand(model);
    addMiddleBand(model);
    expect(model.bands.map((band) => band.id)).toEqual(["eligible", "", "", "notEligible"]);
    model.bands[1].id = "a";
    model.bands[2].id = "b";
    moveBand(model, 1, -1); // the first stays first
    moveBand(model, 2, 1); // the last stays last
    expect(model.bands.map((band) => band.id)).toEqual(["eligible", "a", "b", "notEligible"]);
    moveBand(model, 1, 1);
    expect(model.bands.map((band) => band.id)).toEqual(["eligible", "b", "a", "notEligible"]);
    // The first and last bands are written without `when`, whatever their rows hold.
    model.bands[0].overall = "90";
    model.bands[1].overall = "70";
    model.bands[2].overall = "60";
    const written = rulesOf(base, model).outcomes as { id: string; when?: unknown }[];
    expect(written.map((band) => band.when)).toEqual([
      undefined,
      { overallMinPercent: 70 },
      { overallMinPercent: 60 },
      undefined,
    ]);
  });

  test("a field the form does not have is a loud error, not a silent no-op", () => {
    const model = modelOf(stored());
    expect(() => setField(model, "tracks.0.overrides.colour", "red")).toThrow(
      'the admin form has no field "tracks.0.overrides.colour"'
    );
    expect(() => setField(model, "tracks.9.id", "x")).toThrow("no field");
  });
});

describe("problems, from shared's schema, under their field in Thai and English", () => {
  const base = stored();
  const issuesOf = (model: StructuresModel) => {
    const parsed = publish(rulesOf(base, model));
    if (parsed.success) throw new Error("expected the schema to refuse these rules");
    return parsed.error.issues;
  };
  const slots = new Set([
    "outcomes",
    "outcomes.1",
    "outcomes.1.when",
    "outcomes.1.when.overallMinPercent",
    "tracks.2.id",
    "tracks.2.name.th",
    "tracks.1.overrides",
    "tracks.1.overrides.requirementGroups",
    "dimensions.6.items.0.maxPoints",
  ]);
  const placed = (model: StructuresModel) =>
    issuesOf(model).map((issue) => ({
      slot: structureSlot(issue.path, slots),
      ...structureProblemText(issue),
    }));

  test("a middle band without conditions: under its row, in shared's words", () => {
    const model = modelOf(base);
    setField(model, "outcomes.1.when.overallMinPercent", "");
    setField(model, "outcomes.1.when.requirementsMet", "");
    expect(placed(model)).toEqual([
      {
        slot: "outcomes.1",
        en: "a band between the first and the last needs at least one when condition; without one, the bands after it are unreachable",
        th: "ผลการพิจารณาระดับกลางต้องมีเงื่อนไขอย่างน้อยหนึ่งข้อ มิฉะนั้นระดับถัดไปจะไม่มีทางได้",
      },
    ]);
  });

  test("a band condition above 100, a rubric maximum of 0 and an empty one", () => {
    const model = modelOf(base);
    setField(model, "outcomes.1.when.overallMinPercent", "120");
    setField(model, "dimensions.6.items.0.maxPoints", "0");
    expect(placed(model)).toEqual([
      {
        slot: "dimensions.6.items.0.maxPoints",
        en: "Must be above 0.",
        th: "ต้องมากกว่า 0",
      },
      {
        slot: "outcomes.1.when.overallMinPercent",
        en: "Must be at most 100.",
        th: "ต้องไม่เกิน 100",
      },
    ]);
    setField(model, "outcomes.1.when.overallMinPercent", "70");
    setField(model, "dimensions.6.items.0.maxPoints", "");
    expect(placed(model)).toEqual([
      { slot: "dimensions.6.items.0.maxPoints", en: "Enter a number.", th: "โปรดกรอกตัวเลข" },
    ]);
  });

  test("a new city type with a bad id and no Thai name; a group a type names that does not exist", () => {
    const model = modelOf(base);
    addTrack(model);
    setField(model, "tracks.2.id", "Promotion Zone");
    setField(model, "tracks.2.name.en", "Promotion zone");
    setField(model, "tracks.1.overrides.allGroups", false);
    model.tracks[1].groups.push("boi");
    const problems = placed(model);
    expect(problems).toContainEqual({
      slot: "tracks.2.id",
      en: "Write an id of letters and digits that starts with a lower-case letter, e.g. newCity.",
      th: "รหัสต้องประกอบด้วยอักษรละตินหรือตัวเลข และขึ้นต้นด้วยอักษรละตินตัวเล็ก",
    });
    expect(problems).toContainEqual({
      slot: "tracks.2.name.th",
      en: "the Thai text is empty",
      th: "ข้อความภาษาไทยว่างอยู่",
    });
    expect(problems).toContainEqual({
      slot: "tracks.1.overrides.requirementGroups",
      en: '"boi" is not a requirement group of these rules (groups: preliminary, components)',
      th: '"boi" ไม่ใช่กลุ่มข้อกำหนดในชุดเกณฑ์นี้ (กลุ่มที่มี: เกณฑ์เบื้องต้น ("preliminary"), องค์ประกอบของข้อเสนอเมืองอัจฉริยะ ("components"))',
    });
    expect(problems).toHaveLength(3);
  });

  test("an issue outside the structures is no structure's", () => {
    expect(structureSlot(["rules"], slots)).toBeUndefined();
    expect(structureSlot(["approval", "date"], slots)).toBeUndefined();
    expect(structureSlot(["rules", "tracks", 5, "id"], slots)).toBeUndefined();
  });
});

describe("the impact in words: outcome changes, not only eligibility flips", () => {
  test("an edited band moves applicants between outcomes, said per pair of outcomes", () => {
    const base = stored();
    const inForce: Ruleset = { ...BASELINE_RULESET, version: "2", rules: base };
    const components = Object.fromEntries(
      base.requirementGroups![0].items.map((item) => [item.id, true])
    );
    const applications = [72, 74, 78, 90].map((score, index) => ({
      id: `city${index + 1}`,
      scores: { environment: score, governance: score },
      requirements: { components },
    }));
    const model = modelOf(base);
    setField(model, "outcomes.1.when.overallMinPercent", "75");
    const rules = { ...parsedRules(base, model), overallMinPercent: 95 };
    const { flips } = previewImpact(applications, inForce, rules);
    const changes = flips.map((flip) => ({
      from: bandName(base, flip.fromOutcome, flip.from),
      to: bandName(rules, flip.toOutcome, flip.to),
    }));
    expect(changeCount(flips.length, applications.length, "2")).toEqual({
      en: "Impact: 3 of 4 applicants change eligibility or outcome against version 2",
      th: "ผลกระทบ: ผู้สมัคร 3 จาก 4 รายมีผลการผ่านเกณฑ์หรือผลการพิจารณาเปลี่ยนไปเมื่อเทียบกับฉบับที่ 2",
    });
    expect(moves(changes)).toEqual([
      {
        en: "2 applicants move from Approved in principle: revise and resubmit to Not approved",
        th: "ผู้สมัคร 2 รายเปลี่ยนจาก “เห็นชอบในหลักการ ให้ปรับปรุงแล้วเสนอใหม่” เป็น “ไม่เห็นชอบ”",
      },
      {
        en: "1 applicant moves from Approved to Approved in principle: revise and resubmit",
        th: "ผู้สมัคร 1 รายเปลี่ยนจาก “เห็นชอบ” เป็น “เห็นชอบในหลักการ ให้ปรับปรุงแล้วเสนอใหม่”",
      },
    ]);
  });

  test("rules without bands: the implicit two by name; an unknown id as itself", () => {
    expect(bandName(BASELINE_RULESET.rules, "notEligible", false).en).toBe("Not eligible");
    expect(bandName(BASELINE_RULESET.rules, undefined, true).th).toBe("ผ่านเกณฑ์");
    expect(bandName(stored(), "gone", false)).toEqual({ en: "gone", th: "gone" });
  });
});

import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  evaluate,
  type LocalizedText,
  RulesSchema,
  trackOfCell,
} from "@smartcity/shared";
import { laterRuleset, laterRulesWritten } from "../helpers/later-rules";

/**
 * The exact words of the application errors, in both languages. The rule they hold to: the
 * Thai names every thing in Thai (no id, JSON key or English word inside it), the English
 * lists the ids a developer writes; each says what was wrong and where (`path` locates the key).
 */
const later = laterRuleset();
const DIMENSIONS_TH =
  'ชุมชนอัจฉริยะ ("living"), ประชากรอัจฉริยะ ("people"), พลังงานอัจฉริยะ ("energy"), คมนาคมอัจฉริยะ ("mobility"), เศรษฐกิจอัจฉริยะ ("economy"), การบริหารจัดการเมืองอัจฉริยะ ("governance"), สิ่งแวดล้อมอัจฉริยะ ("environment")';
const DIMENSIONS_EN = "living, people, energy, mobility, economy, governance, environment";

function errorOf(application: unknown, ruleset = later) {
  const outcome = evaluate(application, ruleset);
  if (!("error" in outcome)) throw new Error("expected an error");
  return { code: outcome.error.code, path: outcome.error.path, message: outcome.error.message };
}

type Case = [string, unknown, { code: string; path: string; message: LocalizedText }];

const CASES: Case[] = [
  [
    "an unknown track lists the tracks by name in Thai, by id in English",
    { track: "village", scores: { energy: 90 } },
    {
      code: "UNKNOWN_TRACK",
      path: "track",
      message: {
        th: '"village" ไม่ใช่ประเภทเมืองในชุดเกณฑ์ฉบับที่ 5 (ประเภทที่มี: เมืองเดิมน่าอยู่ ("livable"), เมืองใหม่ทันสมัย ("newCity"))',
        en: '"village" is not a track of ruleset 5 (tracks: livable, newCity)',
      },
    },
  ],
  [
    "an unknown requirement group",
    { scores: { energy: 90 }, requirements: { zoning: {} } },
    {
      code: "INVALID_APPLICATION",
      path: "requirements.zoning",
      message: {
        th: '"zoning" ไม่ใช่กลุ่มข้อกำหนดในชุดเกณฑ์ฉบับที่ 5 (กลุ่มที่มี: เกณฑ์เบื้องต้น ("preliminary"), องค์ประกอบของแผน ("components"))',
        en: '"zoning" is not a requirement group of ruleset 5 (groups: preliminary, components)',
      },
    },
  ],
  [
    "an unknown requirement item",
    { scores: { energy: 90 }, requirements: { components: { parks: true } } },
    {
      code: "INVALID_APPLICATION",
      path: "requirements.components.parks",
      message: {
        th: '"parks" ไม่ใช่รายการขององค์ประกอบของแผน (รายการที่มี: ขอบเขตพื้นที่ ("boundaries"), แพลตฟอร์มข้อมูลเมือง ("cityDataPlatform"))',
        en: '"parks" is not an item of Plan components (items: boundaries, cityDataPlatform)',
      },
    },
  ],
  [
    "a requirement answer that is not a boolean",
    { scores: { energy: 90 }, requirements: { components: { boundaries: "yes" } } },
    {
      code: "INVALID_APPLICATION",
      path: "requirements.components.boundaries",
      message: {
        th: 'ขอบเขตพื้นที่: ต้องเป็นจริงหรือเท็จ ไม่ใช่ "yes"',
        en: 'Boundaries: must be true or false, not "yes"',
      },
    },
  ],
  [
    "a group's answers that are not an object",
    { scores: { energy: 90 }, requirements: { components: true } },
    {
      code: "INVALID_APPLICATION",
      path: "requirements.components",
      message: {
        th: "ผลขององค์ประกอบของแผนต้องเป็นออบเจกต์",
        en: 'requirements.<group> must be an object, e.g. {"boundaries": true}',
      },
    },
  ],
  [
    "the preliminary answers given twice",
    {
      scores: { energy: 90 },
      preliminary: { juristicPerson: true },
      requirements: { preliminary: { juristicPerson: true } },
    },
    {
      code: "INVALID_APPLICATION",
      path: "requirements.preliminary",
      message: {
        th: "ระบุผลเกณฑ์เบื้องต้นซ้ำสองแห่ง (ทั้งในผลเกณฑ์เบื้องต้นและในผลข้อกำหนด): ใช้แห่งเดียว",
        en: "the preliminary answers are given twice, in preliminary and requirements.preliminary: use one",
      },
    },
  ],
  [
    "an unknown dimension in scores",
    { scores: { culture: 90 } },
    {
      code: "UNKNOWN_DIMENSION",
      path: "scores.culture",
      message: {
        th: `"culture" ไม่ใช่ด้านในชุดเกณฑ์ฉบับที่ 5 (ด้านที่มี: ${DIMENSIONS_TH})`,
        en: `"culture" is not a dimension of ruleset 5 (dimensions: ${DIMENSIONS_EN})`,
      },
    },
  ],
  [
    "an unknown preliminary criterion",
    { scores: { energy: 90 }, preliminary: { budget: true } },
    {
      code: "INVALID_APPLICATION",
      path: "preliminary.budget",
      message: {
        th: '"budget" ไม่ใช่เกณฑ์เบื้องต้นในชุดเกณฑ์ฉบับที่ 5 (เกณฑ์ที่มี: เป็นนิติบุคคล ("juristicPerson"), แผนการพัฒนาที่ชัดเจน ("developmentPlan"), ผู้นำให้ความสำคัญ ("leadershipCommitment"), ความร่วมมือจากประชาชน ("publicCooperation"), การติดตามและประเมินผล ("monitoringEvaluation"))',
        en: '"budget" is not a preliminary criterion of ruleset 5 (criteria: juristicPerson, developmentPlan, leadershipCommitment, publicCooperation, monitoringEvaluation)',
      },
    },
  ],
  [
    "points for a dimension without a rubric: the Thai says give a percent instead",
    { scores: {}, points: { energy: { air: 1 } } },
    {
      code: "INVALID_POINTS",
      path: "points.energy",
      message: {
        th: "พลังงานอัจฉริยะ ไม่มีรายการให้คะแนน: ให้คะแนนเป็นร้อยละแทน",
        en: "Smart Energy has no rubric items: give its percent in scores",
      },
    },
  ],
  [
    "an unknown rubric item",
    { scores: {}, points: { environment: { soil: 1 } } },
    {
      code: "INVALID_POINTS",
      path: "points.environment.soil",
      message: {
        th: '"soil" ไม่ใช่รายการของสิ่งแวดล้อมอัจฉริยะ (รายการที่มี: คุณภาพอากาศ ("air"), การจัดการน้ำ ("water"))',
        en: '"soil" is not an item of Smart Environment (items: air, water)',
      },
    },
  ],
  [
    "points in range but written as text: says it is text, not that it is out of range",
    { scores: {}, points: { environment: { air: "8" } } },
    {
      code: "INVALID_POINTS",
      path: "points.environment.air",
      message: {
        th: 'สิ่งแวดล้อมอัจฉริยะ: คุณภาพอากาศ: "8" เป็นข้อความ ไม่ใช่ตัวเลขคะแนน (0 ถึง 10)',
        en: 'Smart Environment: Air quality: "8" is text, not a number of points (0 to 10)',
      },
    },
  ],
  [
    "points above the item's maximum",
    { scores: {}, points: { environment: { air: 30 } } },
    {
      code: "INVALID_POINTS",
      path: "points.environment.air",
      message: {
        th: "สิ่งแวดล้อมอัจฉริยะ: คุณภาพอากาศ: 30 เกินคะแนนเต็ม 10",
        en: "Smart Environment: Air quality: 30 is above its maximum of 10",
      },
    },
  ],
  [
    "negative points",
    { scores: {}, points: { environment: { water: -1 } } },
    {
      code: "INVALID_POINTS",
      path: "points.environment.water",
      message: {
        th: "สิ่งแวดล้อมอัจฉริยะ: การจัดการน้ำ: -1 ติดลบ (ต่ำกว่า 0)",
        en: "Smart Environment: Water management: -1 is below 0",
      },
    },
  ],
  [
    "points that are neither a number nor text",
    { scores: {}, points: { environment: { air: true } } },
    {
      code: "INVALID_POINTS",
      path: "points.environment.air",
      message: {
        th: "สิ่งแวดล้อมอัจฉริยะ: คุณภาพอากาศ: true ไม่ใช่ตัวเลขคะแนน (0 ถึง 10)",
        en: "Smart Environment: Air quality: true is not a number of points (0 to 10)",
      },
    },
  ],
  [
    "a dimension's points that are not an object",
    { scores: {}, points: { environment: 8 } },
    {
      code: "INVALID_POINTS",
      path: "points.environment",
      message: {
        th: "คะแนนรายการของสิ่งแวดล้อมอัจฉริยะต้องเป็นออบเจกต์",
        en: 'points.environment must be an object, e.g. {"air": 10}',
      },
    },
  ],
  [
    "points that are not an object",
    { scores: {}, points: 8 },
    {
      code: "INVALID_APPLICATION",
      path: "points",
      message: {
        th: "คะแนนรายการต้องเป็นออบเจกต์",
        en: 'points must be an object, e.g. {"environment": {"airQuality": 8}}',
      },
    },
  ],
  [
    "both a percent and points for one dimension",
    { scores: { environment: 80 }, points: { environment: { air: 8 } } },
    {
      code: "SCORE_AND_POINTS",
      path: "points.environment",
      message: {
        th: "สิ่งแวดล้อมอัจฉริยะ มีทั้งคะแนนร้อยละและคะแนนรายการ: ใช้อย่างใดอย่างหนึ่ง",
        en: "Smart Environment has both a percent in scores and points: give one",
      },
    },
  ],
  [
    "an unknown field lists the fields in Thai words",
    { scores: {}, colour: "red" },
    {
      code: "INVALID_APPLICATION",
      path: "colour",
      message: {
        th: 'ไม่รู้จักฟิลด์ "colour" (ฟิลด์ที่มี: รหัสใบสมัคร, ชื่อพื้นที่, ประเภทเมือง, คะแนนร้อยละรายด้าน, คะแนนรายการ, คะแนนภาพรวม, ผลเกณฑ์เบื้องต้น, ผลข้อกำหนด)',
        en: 'unknown field "colour" (allowed: id, name, track, scores, points, overall, preliminary, requirements)',
      },
    },
  ],
  [
    "a name that is not text",
    { name: 5, scores: {} },
    {
      code: "INVALID_APPLICATION",
      path: "name",
      message: { th: "ชื่อพื้นที่ต้องเป็นข้อความ", en: "name must be a string" },
    },
  ],
  [
    "no scores",
    { id: "a" },
    {
      code: "INVALID_APPLICATION",
      path: "scores",
      message: {
        th: "ต้องมีคะแนนร้อยละรายด้าน เป็นออบเจกต์ที่ระบุคะแนนของแต่ละด้านตามรหัสด้าน",
        en: 'scores must be an object of dimension scores, e.g. {"environment": 85}',
      },
    },
  ],
  [
    "preliminary answers that are not an object",
    { scores: {}, preliminary: true },
    {
      code: "INVALID_APPLICATION",
      path: "preliminary",
      message: {
        th: "ผลเกณฑ์เบื้องต้นต้องเป็นออบเจกต์ที่ระบุผลจริงหรือเท็จของแต่ละเกณฑ์ตามรหัสเกณฑ์",
        en: 'preliminary must be an object of criterion answers, e.g. {"juristicPerson": true}',
      },
    },
  ],
];

describe("application errors: the exact words", () => {
  test.each(CASES)("%s", (_name, application, expected) => {
    expect(errorOf(application)).toEqual(expected);
  });

  test("a percent score keeps the INVALID_SCORE words the points reuse", () => {
    expect(errorOf({ scores: { environment: 120 } }, BASELINE_RULESET).message).toEqual({
      th: "สิ่งแวดล้อมอัจฉริยะ: 120 มากกว่า 100",
      en: "Smart Environment: 120 is above 100",
    });
  });

  test("no Thai message in the table holds a Latin letter other than the caller's own input", () => {
    // What the caller sent is shown as given: quoted ("village", "8"), or a bare true/false.
    for (const [, application] of CASES) {
      const thai = errorOf(application).message.th;
      expect(thai.replace(/"[^"]*"/g, "").replace(/\b(true|false)\b/g, "")).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe("a track named by its id, its English name or its Thai name", () => {
  test.each(["newCity", "New city", "เมืองใหม่ทันสมัย", "NEW CITY"])(
    "%s is the new-city track (its overall bar is 85)",
    (track) => {
      const outcome = evaluate(
        { track, scores: { environment: 90, living: 90, energy: 80 }, overall: 84 },
        later
      );
      if ("error" in outcome) throw new Error(JSON.stringify(outcome.error));
      expect(outcome.reasons.map((reason) => reason.code)).toContain("OVERALL_BELOW_MIN");
    }
  );

  test("the livable track's Thai name is that track (overall 84 passes its bar of 80)", () => {
    const outcome = evaluate(
      { track: "เมืองเดิมน่าอยู่", scores: { environment: 90, living: 90, energy: 80 }, overall: 84 },
      later
    );
    if ("error" in outcome) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.reasons.map((reason) => reason.code)).not.toContain("OVERALL_BELOW_MIN");
  });
});

describe("an empty track names no track", () => {
  test.each(["", "   ", null])("track %p is the default track, as when it is left out", (track) => {
    const application = { scores: { environment: 90, living: 90, energy: 80 }, overall: 84 };
    const given = evaluate({ ...application, track }, later);
    const omitted = evaluate(application, later);
    if ("error" in given) throw new Error(JSON.stringify(given.error));
    expect(given).toEqual(omitted);
    expect(given.track).toBe("livable");
  });
});

describe("track labels never name two tracks", () => {
  test("a track whose Thai name is another's is refused by the schema, where it is", () => {
    const written = laterRulesWritten() as { tracks: { name: { th: string } }[] };
    written.tracks[1].name.th = "เมืองเดิมน่าอยู่";
    const parsed = RulesSchema.safeParse(written);
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path.join(".") === "tracks.1.name.th");
    expect(issue?.message).toContain('"เมืองเดิมน่าอยู่"');
  });

  test("a track's id written in another case is that track (one reading for engine and sheets)", () => {
    const outcome = evaluate(
      { track: "NEWCITY", scores: { environment: 90, living: 90, energy: 80 }, overall: 84 },
      later
    );
    if ("error" in outcome) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.track).toBe("newCity");
    expect(trackOfCell(" NEWCITY ", later.rules)).toBe("newCity");
  });
});

import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  diffRules,
  PublishRequestSchema,
  readApprovalDate,
  unsatisfiableBecause,
} from "@smartcity/shared";

describe("approval dates as Thai documents write them", () => {
  test.each([
    ["2018-09-27", "2018-09-27"],
    ["27/09/2561", "2018-09-27"],
    ["27-9-2561", "2018-09-27"],
    ["๒๗/๐๙/๒๕๖๑", "2018-09-27"],
    ["๒๗ กันยายน ๒๕๖๑", "2018-09-27"],
    ["27 ก.ย. 2561", "2018-09-27"],
    ["14 กรกฎาคม พ.ศ. 2566", "2023-07-14"],
    ["14/07/2023", "2023-07-14"],
    // Variants found in real documents.
    ["14 กรกฏาคม 2566", "2023-07-14"],
    ["๑๔ กรกฏาคม พ.ศ. ๒๕๖๖", "2023-07-14"],
    ["วันที่ 14 กรกฎาคม พ.ศ.2566", "2023-07-14"],
    ["1 กุมภาพันธ 2567", "2024-02-01"],
    ["1 กุมภา 2567", "2024-02-01"],
    ["3 มีนา 2567", "2024-03-03"],
    ["27 กย. 2561", "2018-09-27"],
    ["27 ก.ย 2561", "2018-09-27"],
    ["27 ก. ย. 2561", "2018-09-27"],
    ["27กันยายน2561", "2018-09-27"],
    ["5 ธันวา 2566", "2023-12-05"],
    ["27 September 2018", "2018-09-27"],
    ["27 Sept 2561", "2018-09-27"],
    ["27 sep, 2018", "2018-09-27"],
  ])("%s → %s", (text, iso) => {
    expect(readApprovalDate(text)).toEqual({ ok: true, iso });
  });

  test.each([
    ["31/02/2561", { th: '"31/02/2561" ไม่ใช่วันที่ที่มีอยู่จริง', en: '"31/02/2561" is not a real date' }],
    [
      "yesterday",
      {
        th: '"yesterday" ไม่ใช่วันที่ ให้เขียนเช่น 2018-09-27, 27/09/2561 หรือ ๒๗ กันยายน ๒๕๖๑',
        en: '"yesterday" is not a date; write 2018-09-27, 27/09/2561 or ๒๗ กันยายน ๒๕๖๑',
      },
    ],
    [
      "27 กันยา 2561 บ่าย",
      {
        th: '"27 กันยา 2561 บ่าย" ไม่ใช่วันที่ ให้เขียนเช่น 2018-09-27, 27/09/2561 หรือ ๒๗ กันยายน ๒๕๖๑',
        en: '"27 กันยา 2561 บ่าย" is not a date; write 2018-09-27, 27/09/2561 or ๒๗ กันยายน ๒๕๖๑',
      },
    ],
    [
      "30 กุมภา 2567",
      { th: '"30 กุมภา 2567" ไม่ใช่วันที่ที่มีอยู่จริง', en: '"30 กุมภา 2567" is not a real date' },
    ],
  ])("%s is refused, in Thai and English", (text, problem) => {
    expect(readApprovalDate(text)).toEqual({ ok: false, problem });
  });
});

describe("diffRules", () => {
  const base = BASELINE_RULESET.rules;
  test("names changed fields, per dimension by id, with old and new values", () => {
    const next = structuredClone(base);
    next.overallMinPercent = 75;
    next.dimensions[2].weight = 2;
    next.dimensions[1].mandatory = true;
    next.dimensions.push({ ...structuredClone(base.dimensions[0]), id: "culture" });
    next.preliminaryCriteria = next.preliminaryCriteria.filter((c) => c.id !== "publicCooperation");
    expect(
      diffRules(base, next).map((change) => [
        change.path,
        change.old === null ? null : typeof change.old === "object" ? "…" : change.old,
        change.new === null ? null : typeof change.new === "object" ? "…" : change.new,
      ])
    ).toEqual([
      ["dimensions.people.mandatory", false, true],
      ["dimensions.energy.weight", 1, 2],
      ["dimensions.culture", null, "…"],
      ["overallMinPercent", 80, 75],
      ["preliminaryCriteria.publicCooperation", "…", null],
    ]);
  });

  test("a reordering alone is a change; equal rules have none", () => {
    const next = structuredClone(base);
    next.dimensions.reverse();
    expect(diffRules(base, next).map((change) => change.path)).toEqual(["dimensions.order"]);
    expect(diffRules(base, structuredClone(base))).toEqual([]);
  });
});

describe("publish requests", () => {
  const request = {
    rules: BASELINE_RULESET.rules,
    approval: { reference: "1/2566", date: "14/07/2566" },
    note: "why",
  };
  test("a Buddhist Era approval date becomes ISO", () => {
    expect(PublishRequestSchema.parse(request).approval.date).toBe("2023-07-14");
  });
  test("the date it takes effect is read as the approval date is, Thai forms included", () => {
    for (const written of ["1 มกราคม 2570", "01/01/2570", "2027-01-01"])
      expect(PublishRequestSchema.parse({ ...request, effectiveFrom: written }).effectiveFrom).toBe(
        "2027-01-01"
      );
    const refused = PublishRequestSchema.safeParse({ ...request, effectiveFrom: "31/02/2570" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].path).toEqual(["effectiveFrom"]);
  });

  test("rules with no known preliminary criterion are refused", () => {
    const parsed = PublishRequestSchema.safeParse({
      ...request,
      rules: {
        ...request.rules,
        preliminaryCriteria: [
          { id: "taxPaid", name: { th: "เสียภาษี", en: "Tax paid" }, aliases: [] },
        ],
      },
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0] as { message: string; params?: { th?: string } };
    expect({ en: issue.message, th: issue.params?.th }).toEqual({
      en: "at least one of the known preliminary criteria is needed (juristicPerson, developmentPlan, leadershipCommitment, publicCooperation, monitoringEvaluation)",
      th: 'ต้องมีเกณฑ์เบื้องต้นที่รู้จักอย่างน้อยหนึ่งข้อ (เป็นนิติบุคคล ("juristicPerson"), แผนการพัฒนาที่ชัดเจน ("developmentPlan"), ผู้นำให้ความสำคัญ ("leadershipCommitment"), ความร่วมมือจากประชาชน ("publicCooperation"), การติดตามและประเมินผล ("monitoringEvaluation"))',
    });
  });

  test("every ruleset the schema accepts can be satisfied by the best possible application", () => {
    const strict = structuredClone(BASELINE_RULESET.rules);
    strict.overallMinPercent = 100;
    strict.dimensionMinPercent = 100;
    strict.minDimensions = 7;
    strict.dimensions.forEach((dimension) => (dimension.mandatory = true));
    expect(unsatisfiableBecause(strict)).toBeUndefined();
  });
});

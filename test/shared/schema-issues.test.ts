import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  describeIssues,
  EvaluateRequestSchema,
  PublishRequestSchema,
  RulesSchema,
  summariseIssues,
} from "@smartcity/shared";
import { z } from "zod";

// Every schema error a person reads, in Thai and in English, with no English inside the Thai.

function issuesOf(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error("expected a failure");
  return describeIssues(parsed.error.issues);
}

/** Latin words left in the Thai once the paths, quoted input, ids and examples are taken out. */
function englishIn(th: string): string[] {
  const stripped = th
    .replace(/"[^"]*"/g, "")
    .replace(/\([a-zA-Z, ]+\)/g, "")
    .replace(/\d{4}-\d{2}-\d{2}(T[\d:]+Z)?/g, "");
  return stripped.match(/[A-Za-z]{2,}/g) ?? [];
}

describe("zod's issues, worded by the project", () => {
  test("the envelope of POST /api/evaluate", () => {
    expect(issuesOf(EvaluateRequestSchema, { applications: { a: 1 } })).toEqual([
      {
        path: "applications",
        message: {
          th: "ต้องเป็นรายการ (อาร์เรย์) แต่ได้รับออบเจกต์",
          en: "Invalid input: expected array, received object",
        },
      },
    ]);
    expect(issuesOf(EvaluateRequestSchema, {})[0].message).toEqual({
      th: "ยังไม่ได้ระบุ (ต้องเป็นรายการ (อาร์เรย์))",
      en: "Invalid input: expected array, received undefined",
    });
    expect(issuesOf(EvaluateRequestSchema, { applications: [], ruleset: 1 })[0].message).toEqual({
      th: 'ไม่รู้จักฟิลด์ "ruleset"',
      en: 'Unrecognized key: "ruleset"',
    });
    expect(
      issuesOf(EvaluateRequestSchema, { applications: [], rulesetVersion: "v1" })[0].message
    ).toEqual({
      th: "ต้องเป็นหมายเลขฉบับ เช่น 1, 2 หรือ 3",
      en: "must be a version number such as 1, 2 or 3",
    });
    expect(
      issuesOf(EvaluateRequestSchema, { applications: [], asOf: "yesterday" })[0].message
    ).toEqual({
      th: '"yesterday" ไม่ใช่วันที่ ให้เขียนเช่น 2018-09-27, 27/09/2561 หรือ ๒๗ กันยายน ๒๕๖๑',
      en: '"yesterday" is not a date; write 2018-09-27, 27/09/2561 or ๒๗ กันยายน ๒๕๖๑',
    });
  });

  test("asOf takes the same forms as approval dates", () => {
    for (const asOf of ["2023-08-01", "01/08/2566", "๑ สิงหาคม ๒๕๖๖", "1 ส.ค. 2566"])
      expect(EvaluateRequestSchema.parse({ applications: [], asOf }).asOf).toBe("2023-08-01");
  });

  test("a ruleset an admin edits, and the publish request", () => {
    const rules = structuredClone(BASELINE_RULESET.rules) as Record<string, unknown> & {
      dimensions: Array<Record<string, unknown>>;
    };
    rules.overallMinPercent = 120;
    rules.minDimensions = 1.5;
    rules.dimensions[1].id = rules.dimensions[0].id;
    rules.dimensions[2].name = { th: " ", en: "Energy" };
    rules.consolidation = { method: "mode", disagreementSpread: 10 };
    const issues = issuesOf(RulesSchema, rules);
    expect(issues.map((issue) => [issue.path, issue.message.th])).toEqual(
      expect.arrayContaining([
        ["overallMinPercent", "ร้อยละต้องไม่เกิน 100"],
        ["minDimensions", "ต้องเป็นจำนวนเต็ม"],
        ["dimensions[2].name.th", "ข้อความภาษาไทยว่างอยู่"],
        ["consolidation.method", 'ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: "mean", "median"'],
      ])
    );
    const publish = issuesOf(PublishRequestSchema, {
      rules: BASELINE_RULESET.rules,
      approval: { reference: " ", date: "31/02/2566" },
      effectiveFrom: "1/13/2567",
      note: "",
    });
    expect(publish.map((issue) => [issue.path, issue.message.th])).toEqual([
      ["approval.reference", "ยังไม่ได้ระบุเลขที่มติ (เช่น 1/2566)"],
      ["approval.date", '"31/02/2566" ไม่ใช่วันที่ที่มีอยู่จริง'],
      ["effectiveFrom", '"1/13/2567" ไม่ใช่วันที่ที่มีอยู่จริง'],
      ["note", "กรุณาระบุเหตุผลที่เปลี่ยนเกณฑ์"],
    ]);
    for (const issue of [...issues, ...publish]) {
      expect(englishIn(issue.message.th)).toEqual([]);
      expect(issue.message.en).not.toMatch(/[ก-๙]{2,}/);
    }
  });

  test("every kind of issue zod makes gets Thai of its own", () => {
    const schemas: Array<[z.ZodType, unknown]> = [
      [z.string(), 5],
      [z.number(), "5"],
      [z.number().int(), 1.5],
      [z.boolean(), null],
      [z.literal("a"), "b"],
      [z.string().min(3), "ab"],
      [z.string().max(2), "abc"],
      [z.array(z.number()).min(1), []],
      [z.number().max(10), 11],
      [z.number().gt(0), 0],
      [z.number().multipleOf(5), 7],
      [z.iso.date(), "27/09/2561"],
      [z.iso.datetime(), "now"],
      [z.union([z.string(), z.number()]), true],
      [z.record(z.enum(["a"]), z.number()), { b: 1 }],
      [z.custom(() => false), 1],
    ];
    for (const [schema, value] of schemas) {
      for (const issue of issuesOf(schema, value)) {
        expect(issue.message.th).toMatch(/[ก-๙]/);
        expect(englishIn(issue.message.th)).toEqual([]);
      }
    }
  });
});

test("the summary names the whole body in Thai, where the path stays (body) for clients to read", () => {
  const issues = issuesOf(EvaluateRequestSchema, null);
  expect(issues.map((issue) => issue.path)).toEqual(["(body)"]);
  expect(summariseIssues(issues)).toEqual({
    th: "เนื้อหาคำขอ: ต้องเป็นออบเจกต์ แต่ได้รับค่าว่าง",
    en: "(body): Invalid input: expected object, received null",
  });
});

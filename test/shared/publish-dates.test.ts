import { expect, test } from "@jest/globals";
import { publishDateProblems } from "@smartcity/shared";

/** The one rule the admin form and the service apply to a publish request's dates. */
const request = (date: string, effectiveFrom?: string) => ({
  approval: { date },
  ...(effectiveFrom === undefined ? {} : { effectiveFrom }),
});

test("an approval dated today or before, in force from today or later, has no problem", () => {
  expect(publishDateProblems(request("2026-12-07"), "2026-12-07")).toEqual([]);
  expect(publishDateProblems(request("2026-11-30", "2026-12-07"), "2026-12-07")).toEqual([]);
  expect(publishDateProblems(request("2026-11-30", "2027-01-01"), "2026-12-07")).toEqual([]);
});

test("an approval dated after today is refused, in Thai with the Buddhist Era and in English", () => {
  expect(publishDateProblems(request("2026-12-08"), "2026-12-07")).toEqual([
    {
      path: "approval.date",
      code: "APPROVAL_DATE_IN_FUTURE",
      message: {
        th: "วันที่อนุมัติ 8 ธันวาคม 2569 ยังมาไม่ถึง (วันนี้คือ 7 ธันวาคม 2569 ตามเวลากรุงเทพฯ) ให้ระบุวันที่ที่ประชุมมีมติ",
        en: "approval.date 2026-12-08 is in the future (today is 2026-12-07 in the committee's time zone); give the date of the meeting that approved the rules",
      },
    },
  ]);
});

test("in force from a day before today is refused with the service's own words", () => {
  const [problem] = publishDateProblems(request("2026-11-30", "2026-12-06"), "2026-12-07");
  expect(problem).toMatchObject({ path: "effectiveFrom", code: "EFFECTIVE_DATE_IN_PAST" });
  expect(problem.message.th).toContain("6 ธันวาคม 2569");
  expect(problem.message.en).toContain("effectiveFrom 2026-12-06 is in the past");
});

test("both at once are both said, the approval date first", () => {
  expect(
    publishDateProblems(request("2027-01-01", "2026-01-01"), "2026-12-07").map((p) => p.path)
  ).toEqual(["approval.date", "effectiveFrom"]);
});

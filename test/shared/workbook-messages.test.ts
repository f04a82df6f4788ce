import { expect, test } from "@jest/globals";
import {
  FILE_ERROR_CODES,
  FLAG_CODES,
  ISSUE_KIND_NAMES,
  issueKindName,
  WARNING_CODES,
  workbookMessages,
} from "@smartcity/shared";

test("every flag, warning and file error code has a name in Thai and English", () => {
  for (const code of [...FLAG_CODES, ...WARNING_CODES, ...FILE_ERROR_CODES]) {
    const name = issueKindName(code);
    expect(name).toBe(ISSUE_KIND_NAMES[code]);
    expect(name.th).toMatch(/^[ก-๙]/);
    expect(name.th).not.toMatch(/_|[A-Z]{3,}/);
    expect(name.en).not.toMatch(/_/);
  }
});

test("a code this version does not know still reads as words, never bare", () => {
  expect(issueKindName("SHEET_FROM_THE_FUTURE")).toEqual({
    th: "ประเด็นอื่น (sheet from the future)",
    en: "Sheet from the future",
  });
});

test("the rules applied, in Thai (Buddhist Era) and English", () => {
  expect(workbookMessages.ruleset("2", "2023-08-01", "1/2566", "2023-07-14")).toEqual({
    th: "ชุดเกณฑ์ฉบับที่ 2 มีผลตั้งแต่ 1 สิงหาคม 2566 ตามมติที่ 1/2566 เมื่อ 14 กรกฎาคม 2566",
    en: "Ruleset version 2, in force from 1 August 2023, approved as 1/2566 on 14 July 2023",
  });
  expect(workbookMessages.counts(6, 2, 5)).toEqual({
    th: "ผู้สมัคร 6 ราย · ผ่าน 2 ราย · ไม่ผ่าน 4 ราย · มีประเด็นต้องพิจารณา 5 ราย",
    en: "Applicants 6 · eligible 2 · not eligible 4 · flagged 5",
  });
});

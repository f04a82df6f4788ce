import { expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  consolidate,
  type EvaluatorEntry,
  fileErrorMessages,
  findIdenticalSubmissions,
  summariseRuleset,
  type WorkbookReading,
} from "@smartcity/shared";
import { failedReading } from "../../functions/src/consolidation/read-upload";
import { issueItems } from "../../addin/src/taskpane/secretary/consolidation-view";
import {
  consolidatedLine,
  SECRETARY_TEXTS,
} from "../../addin/src/taskpane/secretary/secretary-texts";

// The secretary's pane shows the duplicate-file rules in the service's own words:
// a file not read again, the copies counted once, on the files and on each applicant.

function reading(name: string): WorkbookReading {
  const entry: EvaluatorEntry = {
    applicantId: "A-1",
    applicantName: "เทศบาลนครภูเก็ต",
    evaluator: name.replace(/\.xlsx$/, ""),
    file: name,
    sheet: "คะแนน",
    row: 2,
    scores: { environment: { value: 90, cell: "C2" }, energy: { value: 70, cell: "D2" } },
    overall: null,
    answers: {},
    unreadable: [],
  };
  const evaluator = entry.evaluator;
  return {
    report: { name, evaluator, evaluators: [evaluator], sheets: ["คะแนน"], rows: 1, warnings: [] },
    entries: [entry],
  };
}

test("DUPLICATE_FILE and IDENTICAL_SUBMISSIONS read in the pane, in Thai and in English", () => {
  const duplicate = failedReading(
    "somchai (1).xlsx",
    "DUPLICATE_FILE",
    fileErrorMessages.duplicateFile("somchai.xlsx")
  );
  const { reports, entries, setAside } = findIdenticalSubmissions([
    reading("somchai.xlsx"),
    duplicate,
    reading("somchai copy.xlsx"),
  ]);
  const { applicants, calibration } = consolidate(entries, BASELINE_RULESET, setAside);
  const response = {
    ruleset: summariseRuleset(BASELINE_RULESET),
    consolidatedAt: "2026-12-01T10:00:00.000Z",
    applicants,
    files: reports,
    calibration,
  };
  expect(issueItems(response, "th", 20).items.map((item) => item.text)).toEqual([
    "somchai (1).xlsx: ไฟล์นี้เหมือนกับไฟล์ somchai.xlsx ที่ส่งมาก่อนหน้าทุกไบต์ จึงไม่ได้อ่านซ้ำและไม่นับซ้ำ",
    "A-1 · เทศบาลนครภูเก็ต: ไฟล์ somchai copy.xlsx เหมือนกับไฟล์ somchai.xlsx ทุกค่า จึงนับการประเมินรายนี้เพียงครั้งเดียว (จากไฟล์ somchai.xlsx)",
    "somchai.xlsx: ไฟล์ somchai.xlsx, somchai copy.xlsx มีคะแนนของผู้สมัครทุกรายเหมือนกันทุกค่า จึงนับเพียงครั้งเดียว (ใช้ไฟล์ somchai.xlsx ไม่ใช้ somchai copy.xlsx) หากเป็นผู้ประเมินคนละคนกัน กรุณาตรวจสอบกับผู้ประเมิน",
    "somchai copy.xlsx: ไฟล์ somchai.xlsx, somchai copy.xlsx มีคะแนนของผู้สมัครทุกรายเหมือนกันทุกค่า จึงนับเพียงครั้งเดียว (ใช้ไฟล์ somchai.xlsx ไม่ใช้ somchai copy.xlsx) หากเป็นผู้ประเมินคนละคนกัน กรุณาตรวจสอบกับผู้ประเมิน",
  ]);
  expect(issueItems(response, "en", 20).items[1].text).toBe(
    "A-1 · เทศบาลนครภูเก็ต: somchai copy.xlsx is identical to somchai.xlsx, so this evaluation is counted once (from somchai.xlsx)"
  );
  expect(applicants[0].evaluators).toEqual(["somchai"]);
  // The summary line counts the files read; the duplicate is counted apart, not as read.
  expect(consolidatedLine(SECRETARY_TEXTS.en, response)).toBe(
    "1 applicant from 2 files (1 more file was not read: see the list of files), ruleset version 1. Eligible: 1 of 1."
  );
  expect(consolidatedLine(SECRETARY_TEXTS.th, response)).toBe(
    "ผู้สมัคร 1 รายจาก 2 ไฟล์ (อีก 1 ไฟล์ไม่ได้อ่าน ดูรายการไฟล์) ตามชุดเกณฑ์ฉบับที่ 1 ผ่านเกณฑ์ 1 จาก 1 ราย"
  );
});

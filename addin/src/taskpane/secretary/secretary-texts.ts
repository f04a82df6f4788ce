import {
  type ConsolidateResponse,
  MAX_CONSOLIDATE_FILES,
  MAX_WORKBOOK_BYTES,
} from "@smartcity/shared";
import type { PaneLanguage } from "../texts";

/**
 * The secretary section's own words, in both languages. Kept apart from texts.ts because most
 * of them take values (counts, names, sizes); the limits they quote are shared's constants, so
 * the pane says what the service enforces.
 */
const limitMb = Math.round(MAX_WORKBOOK_BYTES / (1024 * 1024));

/** The units' names: symbols in English, words in Thai (no English inside Thai). */
const UNITS = {
  en: ["B", "KB", "MB"],
  th: ["ไบต์", "กิโลไบต์", "เมกะไบต์"],
} as const;

/** 12 B, 3.4 KB, 9.8 MB: binary units, as operating systems show file sizes. */
export function formatBytes(bytes: number, language: "en" | "th" = "en"): string {
  const [b, kb, mb] = UNITS[language];
  if (bytes < 1024) return `${bytes} ${b}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} ${kb}`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} ${mb}`;
}

export const SECRETARY_TEXTS = {
  en: {
    heading: "Consolidate evaluators' workbooks (secretary)",
    dropHint: `Drop the evaluators' workbooks (.xlsx, .xls, .xlsb, .ods) here, or choose them (up to ${MAX_CONSOLIDATE_FILES} files, ${limitMb} MB each).`,
    chooseFiles: "Choose files…",
    clearFiles: "Clear",
    fileColumn: "File",
    sizeColumn: "Size",
    noFiles: "No files chosen.",
    chosenTotal: (count: number, bytes: number) =>
      `${count} ${count === 1 ? "file" : "files"}, ${formatBytes(bytes)}`,
    tooManyFiles: (chosen: number) =>
      `At most ${MAX_CONSOLIDATE_FILES} files at a time, and that would make ${chosen}: none of these were added.`,
    fileTooLarge: (name: string, size: number) =>
      `${name} is ${formatBytes(size)}, above the ${limitMb} MB limit per file: not added.`,
    versionLabel: "Ruleset version",
    inForceOption: (version: string) => `In force (version ${version})`,
    inForceUnknown: "In force",
    versionOption: (version: string, reference: string, effectiveFrom: string) =>
      `Version ${version} (meeting ${reference}, from ${effectiveFrom})`,
    consolidate: "Consolidate",
    uploading: (percent: number) => `Uploading… ${percent} %`,
    reading: "Uploaded; the service is reading the workbooks…",
    consolidated: (applicants: number, files: number, notRead: number, version: string) =>
      `${applicants} ${applicants === 1 ? "applicant" : "applicants"} from ${files} ${files === 1 ? "file" : "files"}${notRead > 0 ? ` (${notRead} more ${notRead === 1 ? "file was" : "files were"} not read: see the list of files)` : ""}, ruleset version ${version}.`,
    eligibleCount: (eligible: number, total: number) => `Eligible: ${eligible} of ${total}.`,
    writeToWorkbook: "Write to workbook",
    download: "Download .xlsx",
    writing: "Asking the service for the consolidated workbook…",
    written: (names: string[]) =>
      `Added the sheets ${names.join(", ")} at the end of this workbook.`,
    cannotInsert:
      "This version of Excel cannot insert sheets from a file (it needs ExcelApi 1.13). Use Download and open the file instead.",
    downloaded: (name: string) => `Saved ${name}.`,
    summary: "Applicants",
    filterLabel: "Show",
    filters: {
      all: "All applicants",
      eligible: "Eligible only",
      notEligible: "Not eligible only",
      flagged: "With issues to discuss",
    },
    sortLabel: "Sort by",
    sorts: {
      order: "Order in the files",
      overallDesc: "Overall, highest first",
      overallAsc: "Overall, lowest first",
      label: "ID and name",
    },
    shown: (shown: number, total: number) =>
      `Showing ${shown} of ${total} ${total === 1 ? "applicant" : "applicants"}.`,
    eligibleBadge: "✓ Eligible",
    notEligibleBadge: "✗ Not eligible",
    overall: "Overall",
    bar: "bar",
    pass: "passes",
    fail: "below the bar",
    flagsCount: (count: number) => `⚑ ${count} to discuss`,
    details: "Why, scores and issues",
    reasonsHeading: "Why not eligible",
    meetsEveryRule: "Meets every rule.",
    flagsHeading: "To discuss",
    preliminaryHeading: "Preliminary criteria",
    met: "✓ met",
    notMet: "✗ not met",
    notAnswered: "? not answered",
    scoresHeading: "Dimension scores against their bars",
    evaluators: (names: string[]) => `Evaluators: ${names.join(", ")}`,
    scoresChart: (label: string) => `Scores of ${label} against the bars`,
    overviewHeading: "Applicants passing each dimension",
    chartLegend: "Dashed line: the bar the score must reach",
    chartSheet: "Chart",
    dimensionColumn: "Dimension",
    passedColumn: "Pass",
    belowColumn: "Below the bar",
    passing: (passed: number, proposed: number) => `${passed} of ${proposed} pass`,
    allFilesFailed: (files: number) =>
      `None of the ${files} ${files === 1 ? "file" : "files"} could be read, so nothing was consolidated. Why each failed is listed under Issues.`,
    noApplicants: (files: number) =>
      `No applicant rows were found in the ${files} ${files === 1 ? "file" : "files"}: nothing was consolidated. Check that each has an evaluation sheet with applicant IDs.`,
    issues: "Issues to discuss",
    noIssues: "No issues: every file was read and the evaluators agree.",
    fileError: "File not read",
    flag: "Applicant",
    warning: "Warning",
    moreIssues: (more: number) =>
      `…and ${more} more. The Issues sheet of the downloaded workbook lists them all.`,
  },
  th: {
    heading: "รวมผลคะแนนจากผู้ประเมิน (เลขานุการ)",
    dropHint: `ลากเวิร์กบุ๊กของผู้ประเมิน (.xlsx, .xls, .xlsb, .ods) มาวางที่นี่ หรือเลือกไฟล์ (ไม่เกิน ${MAX_CONSOLIDATE_FILES} ไฟล์ ไฟล์ละไม่เกิน ${limitMb} ${UNITS.th[2]})`,
    chooseFiles: "เลือกไฟล์…",
    clearFiles: "ล้างรายการ",
    fileColumn: "ไฟล์",
    sizeColumn: "ขนาด",
    noFiles: "ยังไม่ได้เลือกไฟล์",
    chosenTotal: (count: number, bytes: number) => `${count} ไฟล์ รวม ${formatBytes(bytes, "th")}`,
    tooManyFiles: (chosen: number) =>
      `เลือกได้ครั้งละไม่เกิน ${MAX_CONSOLIDATE_FILES} ไฟล์ แต่จะรวมเป็น ${chosen} ไฟล์ จึงไม่ได้เพิ่มไฟล์ชุดนี้`,
    fileTooLarge: (name: string, size: number) =>
      `${name} มีขนาด ${formatBytes(size, "th")} เกินขีดจำกัดไฟล์ละ ${limitMb} ${UNITS.th[2]} จึงไม่ได้เพิ่ม`,
    versionLabel: "ชุดเกณฑ์ฉบับที่",
    inForceOption: (version: string) => `ฉบับที่มีผลอยู่ (ฉบับที่ ${version})`,
    inForceUnknown: "ฉบับที่มีผลอยู่",
    versionOption: (version: string, reference: string, effectiveFrom: string) =>
      `ฉบับที่ ${version} (การประชุมครั้งที่ ${reference} มีผลตั้งแต่ ${effectiveFrom})`,
    consolidate: "รวมผลคะแนน",
    uploading: (percent: number) => `กำลังอัปโหลด… ${percent} %`,
    reading: "อัปโหลดแล้ว บริการกำลังอ่านสมุดงาน…",
    consolidated: (applicants: number, files: number, notRead: number, version: string) =>
      `ผู้สมัคร ${applicants} รายจาก ${files} ไฟล์${notRead > 0 ? ` (อีก ${notRead} ไฟล์ไม่ได้อ่าน ดูรายการไฟล์)` : ""} ตามชุดเกณฑ์ฉบับที่ ${version}`,
    eligibleCount: (eligible: number, total: number) => `ผ่านเกณฑ์ ${eligible} จาก ${total} ราย`,
    writeToWorkbook: "เขียนลงสมุดงาน",
    download: "ดาวน์โหลด .xlsx",
    writing: "กำลังขอสมุดงานผลรวมจากบริการ…",
    written: (names: string[]) => `เพิ่มแผ่นงาน ${names.join(", ")} ไว้ท้ายสมุดงานนี้แล้ว`,
    cannotInsert:
      "Excel รุ่นนี้แทรกแผ่นงานจากไฟล์ไม่ได้ (ต้องรองรับ ExcelApi 1.13) โปรดใช้ปุ่มดาวน์โหลดแล้วเปิดไฟล์แทน",
    downloaded: (name: string) => `บันทึกไฟล์ ${name} แล้ว`,
    summary: "ผู้สมัคร",
    filterLabel: "แสดง",
    filters: {
      all: "ผู้สมัครทั้งหมด",
      eligible: "เฉพาะผู้ผ่านเกณฑ์",
      notEligible: "เฉพาะผู้ไม่ผ่านเกณฑ์",
      flagged: "เฉพาะรายที่มีประเด็นต้องพิจารณา",
    },
    sortLabel: "เรียงตาม",
    sorts: {
      order: "ลำดับในไฟล์",
      overallDesc: "คะแนนภาพรวม มากไปน้อย",
      overallAsc: "คะแนนภาพรวม น้อยไปมาก",
      label: "รหัสและชื่อ",
    },
    shown: (shown: number, total: number) => `แสดง ${shown} จาก ${total} ราย`,
    eligibleBadge: "✓ ผ่านเกณฑ์",
    notEligibleBadge: "✗ ไม่ผ่านเกณฑ์",
    overall: "ภาพรวม",
    bar: "เกณฑ์",
    pass: "ผ่าน",
    fail: "ต่ำกว่าเกณฑ์",
    flagsCount: (count: number) => `⚑ ${count} ประเด็นต้องพิจารณา`,
    details: "เหตุผล คะแนน และประเด็น",
    reasonsHeading: "เหตุที่ไม่ผ่านเกณฑ์",
    meetsEveryRule: "ผ่านเกณฑ์ทุกข้อ",
    flagsHeading: "ประเด็นต้องพิจารณา",
    preliminaryHeading: "เกณฑ์เบื้องต้น",
    met: "✓ ผ่าน",
    notMet: "✗ ไม่ผ่าน",
    notAnswered: "? ไม่ได้ระบุ",
    scoresHeading: "คะแนนแต่ละด้านเทียบกับเกณฑ์",
    evaluators: (names: string[]) => `ผู้ประเมิน: ${names.join(", ")}`,
    scoresChart: (label: string) => `คะแนนของ ${label} เทียบกับเกณฑ์`,
    overviewHeading: "จำนวนผู้สมัครที่ผ่านเกณฑ์แต่ละด้าน",
    chartLegend: "เส้นประ: เกณฑ์ขั้นต่ำที่คะแนนต้องถึง",
    chartSheet: "แผนภูมิ",
    dimensionColumn: "ด้าน",
    passedColumn: "ผ่าน",
    belowColumn: "ต่ำกว่าเกณฑ์",
    passing: (passed: number, proposed: number) => `ผ่าน ${passed} จาก ${proposed} ราย`,
    allFilesFailed: (files: number) =>
      `อ่านไฟล์ไม่ได้ทั้ง ${files} ไฟล์ จึงไม่มีผลคะแนนให้รวม ดูสาเหตุของแต่ละไฟล์ได้ในหัวข้อประเด็นที่ต้องพิจารณา`,
    noApplicants: (files: number) =>
      `ไม่พบแถวผู้สมัครใน ${files} ไฟล์ จึงไม่มีผลคะแนนให้รวม โปรดตรวจสอบว่าแต่ละไฟล์มีแผ่นงานประเมินที่มีรหัสผู้สมัคร`,
    issues: "ประเด็นที่ต้องพิจารณา",
    noIssues: "ไม่มีประเด็น: อ่านได้ทุกไฟล์และผู้ประเมินให้ผลสอดคล้องกัน",
    fileError: "อ่านไฟล์ไม่ได้",
    flag: "ผู้สมัคร",
    warning: "คำเตือน",
    moreIssues: (more: number) =>
      `…และอีก ${more} รายการ ดูทั้งหมดได้ในแผ่นงาน Issues ของสมุดงานที่ดาวน์โหลด`,
  },
} satisfies Record<PaneLanguage, Record<string, unknown>>;

export type SecretaryTexts = (typeof SECRETARY_TEXTS)[PaneLanguage];

/**
 * The line the pane shows after a consolidation: applicants, the files that were read (a file
 * with an error — a duplicate, a damaged file — gave nothing, so it is counted apart), the
 * version, and how many are eligible.
 */
export function consolidatedLine(t: SecretaryTexts, response: ConsolidateResponse): string {
  const read = response.files.filter((file) => file.error === undefined).length;
  const applicants = response.applicants.length;
  const eligible = response.applicants.filter((applicant) => applicant.eligible).length;
  return `${t.consolidated(applicants, read, response.files.length - read, response.ruleset.version)} ${t.eligibleCount(eligible, applicants)}`;
}

import type { LocalizedText } from "../text/localized-text";

/**
 * The sentences about who wrote which name: an evaluator named after the file, names written
 * otherwise under matching ids, another applicant's name under an id (applicant-names.ts).
 */

/** Names listed in one note of differently written names; the rest are counted. */
const NAMES_SHOWN = 5;

export const nameMessages = {
  evaluatorFromFileName(evaluator: string): LocalizedText {
    return {
      th: `ไม่พบชื่อผู้ประเมินในไฟล์ (ไม่มีคอลัมน์หรือช่องผู้ประเมิน) จึงใช้ชื่อ "${evaluator}" จากชื่อไฟล์`,
      en: `the file names no evaluator (no Evaluator column or cell), so the evaluator is "${evaluator}", taken from the file name`,
    };
  },
  applicantNamesDiffer(
    evaluator: string,
    differences: ReadonlyArray<{ id: string; written: string; usual: string }>
  ): LocalizedText {
    const shown = differences.slice(0, NAMES_SHOWN);
    const more = differences.length - shown.length;
    const th = shown.map((d) => `${d.id} เขียนว่า "${d.written}" (ผู้อื่นเขียน "${d.usual}")`);
    const en = shown.map((d) => `${d.id} "${d.written}" (the others: "${d.usual}")`);
    return {
      th: `${evaluator} เขียนชื่อผู้สมัคร ${differences.length} รายต่างจากผู้ประเมินคนอื่น แต่รหัสตรงกัน จึงจับคู่ตามรหัส: ${th.join("; ")}${more > 0 ? ` และอีก ${more} ราย` : ""}`,
      en: `${evaluator} wrote ${differences.length} applicant ${differences.length === 1 ? "name" : "names"} differently from the other evaluators under matching ids, so they are matched by id: ${en.join("; ")}${more > 0 ? `, and ${more} more` : ""}`,
    };
  },
  nameOfAnotherApplicant(
    evaluator: string,
    id: string,
    written: string,
    otherId: string
  ): LocalizedText {
    return {
      th: `${evaluator} เขียนชื่อ "${written}" ไว้ใต้รหัส ${id} แต่ชื่อนี้เป็นของผู้สมัครรหัส ${otherId} — คะแนนแถวนี้อาจนับให้ผิดราย โปรดตรวจรหัสในไฟล์ของผู้ประเมิน`,
      en: `${evaluator} wrote "${written}" under the id ${id}, but that is the name of applicant ${otherId}: this row's scores may count for the wrong applicant; check the id in the evaluator's file`,
    };
  },
};

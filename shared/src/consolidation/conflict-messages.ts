import type { LocalizedText } from "../text/localized-text";

/**
 * The sentences about declared conflicts of interest and the evaluators left to count
 * (conflicts-of-interest.ts). Each names the evaluator and the rows, never a score: the flags
 * are read where the conflicted evaluator's scores must not be.
 */

/** The column's name, as a warning names the cell it could not read. */
export const CONFLICT_LABEL: LocalizedText = { th: "ผลประโยชน์ทับซ้อน", en: "Conflict of interest" };

export const conflictMessages = {
  /** The import's warning: the cell is kept as a declaration, never read as "no". */
  unreadableDeclaration(problem: LocalizedText): LocalizedText {
    return {
      th: `${CONFLICT_LABEL.th}: ${problem.th} — ถือว่าอาจมีผลประโยชน์ทับซ้อน จึงไม่นับแถวนี้จนกว่าจะตรวจสอบช่องนี้`,
      en: `${CONFLICT_LABEL.en}: ${problem.en}, so a conflict may have been declared and the row does not count until someone checks this cell`,
    };
  },
  declared(evaluator: string, rows: readonly string[]): LocalizedText {
    return {
      th: `${evaluator} แจ้งว่ามีผลประโยชน์ทับซ้อนกับผู้สมัครรายนี้ (${rows.join(", ")}) จึงไม่นับและไม่แสดงคะแนนของผู้ประเมินคนนี้`,
      en: `${evaluator} declared a conflict of interest with this applicant (${rows.join(", ")}), so their scores neither count nor show`,
    };
  },
  unread(evaluator: string, rows: readonly string[]): LocalizedText {
    return {
      th: `อ่านช่องผลประโยชน์ทับซ้อนของ ${evaluator} ไม่ได้ (${rows.join(", ")}) จึงไม่นับคะแนนของผู้ประเมินคนนี้จนกว่าจะตรวจสอบช่องนั้น`,
      en: `${evaluator}'s conflict-of-interest cell could not be read (${rows.join(", ")}), so their scores do not count until someone checks that cell`,
    };
  },
  contradicted(
    evaluator: string,
    declared: readonly string[],
    scored: readonly string[]
  ): LocalizedText {
    return {
      th: `${evaluator} แจ้งว่ามีผลประโยชน์ทับซ้อนกับผู้สมัครรายนี้ (${declared.join(", ")}) แต่ประเมินไว้อีกแถว (${scored.join(", ")}) จึงไม่นับทุกแถวของผู้ประเมินคนนี้สำหรับผู้สมัครรายนี้ โปรดสอบถามผู้ประเมิน`,
      en: `${evaluator} declared a conflict of interest with this applicant (${declared.join(", ")}) but evaluated it in another row (${scored.join(", ")}); none of their rows for this applicant count; ask the evaluator`,
    };
  },
  tooFewEvaluators(counted: number, minimum: number, conflicted: readonly string[]): LocalizedText {
    const th = conflicted.length > 0 ? ` (ไม่นับ ${conflicted.join(", ")} เพราะผลประโยชน์ทับซ้อน)` : "";
    const en =
      conflicted.length > 0 ? ` (${conflicted.join(", ")} not counted: conflict of interest)` : "";
    return {
      th: `นับคะแนนได้จากผู้ประเมิน ${counted} คน น้อยกว่าขั้นต่ำ ${minimum} คน${th}`,
      en: `${counted} ${counted === 1 ? "evaluator counts" : "evaluators count"}, fewer than the minimum of ${minimum}${en}`,
    };
  },
};

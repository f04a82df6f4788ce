import type { LocalizedText } from "../text/localized-text";

/**
 * The words of calibration: an evaluator's offset from the panel, said as a fact for the
 * committee to weigh, with the reminder that no score was adjusted for it.
 */
export function evaluatorOffsetMessage(
  evaluator: string,
  meanOffset: number,
  applicants: number,
  offsetPoints: number
): LocalizedText {
  const points = String(Math.abs(Math.round(meanOffset * 100) / 100));
  const above = meanOffset > 0;
  return {
    th: `${evaluator} ให้คะแนน${above ? "สูง" : "ต่ำ"}กว่าผู้ประเมินคนอื่นเฉลี่ย ${points} คะแนน จากผู้สมัคร ${applicants} ราย (เกณฑ์ ${offsetPoints} คะแนน) แสดงไว้เพื่อทราบเท่านั้น ไม่ได้ปรับคะแนนใด`,
    en: `${evaluator} scores ${points} points ${above ? "above" : "below"} the other evaluators on average, over ${applicants} applicants (bar: ${offsetPoints} points); shown for the committee only, no score is adjusted`,
  };
}

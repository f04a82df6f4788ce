/**
 * The functions' help in both languages (Excel shows the English from functions.json). Each
 * signature is the one functions.json declares (test/addin/function-help.test.ts compares them),
 * so the pane never offers an argument order the functions do not take.
 */
export const FUNCTION_HELP: { name: string; en: string; th: string }[] = [
  {
    name: "SMARTCITY.SCORE(scores, [labels], [version], [track])",
    en: "The overall percent.",
    th: "คะแนนภาพรวม (ร้อยละ)",
  },
  {
    name: "SMARTCITY.ELIGIBLE(scores, [labels], [preliminary], [overall], [version], [track])",
    en: "TRUE when the plan meets every rule.",
    th: "ค่าจริง เมื่อผ่านเกณฑ์ทุกข้อ",
  },
  {
    name: "SMARTCITY.REASONS(scores, [labels], [preliminary], [overall], [version], [language], [track])",
    en: 'Why the plan is not eligible ("" when it is).',
    th: "เหตุผลที่ไม่ผ่านเกณฑ์ (ว่างเมื่อผ่าน)",
  },
  {
    name: "SMARTCITY.OUTCOME(scores, [labels], [requirements], [overall], [track], [version], [language])",
    en: "The outcome band the plan reaches, e.g. approved, or approved in principle.",
    th: "ผลการพิจารณาที่แผนได้รับ เช่น เห็นชอบ หรือเห็นชอบในหลักการ",
  },
  { name: "SMARTCITY.THRESHOLD(name, [version])", en: "A threshold's value.", th: "ค่าเกณฑ์ที่ระบุ" },
  {
    name: "SMARTCITY.DIMENSIONS([language], [version])",
    en: "The dimension names, across a row.",
    th: "ชื่อด้านทั้งหมดเรียงเป็นแถว",
  },
  {
    name: "SMARTCITY.VERSION()",
    en: "The ruleset version in force, kept up to date; “3 · offline” while the formulas compute without the service.",
    th: "ฉบับของชุดเกณฑ์ที่มีผลอยู่ (อัปเดตอัตโนมัติ) แสดง “3 · ออฟไลน์” เมื่อสูตรคำนวณโดยไม่ผ่านบริการ",
  },
];

/** The help table's rows, in the pane's language. */
export function functionHelpRows(language: "en" | "th"): HTMLTableRowElement[] {
  return FUNCTION_HELP.map((entry) => {
    const row = document.createElement("tr");
    for (const cell of [entry.name, entry[language]]) {
      const td = document.createElement("td");
      td.textContent = cell;
      row.append(td);
    }
    return row;
  });
}

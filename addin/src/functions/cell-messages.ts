import type { LocalizedText } from "@smartcity/shared";

/**
 * The words of what a formula's arguments got wrong (cell-arguments.ts), in English and Thai: a
 * formula with language "th" shows the Thai, and the pane shows either. Names come in both
 * languages (a dimension's, a criterion's); a label or a value as the user typed it is quoted.
 */
export type ArgumentName =
  "scores" | "labels" | "preliminary" | "requirements" | "overall" | "track" | "version";

export const ARGUMENT_NAMES: Record<ArgumentName, LocalizedText> = {
  scores: { en: "Scores", th: "คะแนน" },
  labels: { en: "Labels", th: "หัวคอลัมน์" },
  preliminary: { en: "Preliminary", th: "เกณฑ์เบื้องต้น" },
  requirements: { en: "Requirements", th: "ข้อกำหนด" },
  overall: { en: "Overall", th: "คะแนนภาพรวม" },
  track: { en: "Track", th: "ประเภทเมือง" },
  version: { en: "Version", th: "ฉบับของชุดเกณฑ์" },
};

const both = (make: (language: keyof LocalizedText) => string): LocalizedText => ({
  en: make("en"),
  th: make("th"),
});

export const cellMessages = {
  zeroOrBlank(argument: ArgumentName): LocalizedText {
    const name = ARGUMENT_NAMES[argument];
    return {
      en: `${name.en}: Excel did not give this formula its cells' addresses, so a blank cell cannot be told from 0. Recalculate (Ctrl+Alt+F9), or type the 0 as text "0"`,
      th: `${name.th}: โปรแกรมไม่ได้ส่งตำแหน่งเซลล์ให้สูตรนี้ จึงแยกเซลล์ว่างออกจากเลข 0 ไม่ได้ ให้คำนวณใหม่ (Ctrl+Alt+F9) หรือพิมพ์ 0 เป็นข้อความ "0"`,
    };
  },
  labelledTwice(column: LocalizedText): LocalizedText {
    return {
      en: `${column.en} is labelled twice`,
      th: `${column.th} มีหัวคอลัมน์ซ้ำสองคอลัมน์`,
    };
  },
  notARange(argument: ArgumentName): LocalizedText {
    const name = ARGUMENT_NAMES[argument];
    return { en: `${name.en}: give a range of cells`, th: `${name.th}: ต้องเป็นช่วงเซลล์` };
  },
  notOneLine(argument: ArgumentName, rows: number, columns: number): LocalizedText {
    const name = ARGUMENT_NAMES[argument];
    return {
      en: `${name.en} must be one row or one column, not ${rows} rows × ${columns} columns`,
      th: `${name.th} ต้องเป็นแถวเดียวหรือคอลัมน์เดียว ไม่ใช่ ${rows} แถว × ${columns} คอลัมน์`,
    };
  },
  notOneCell(argument: ArgumentName): LocalizedText {
    const name = ARGUMENT_NAMES[argument];
    return { en: `${name.en} must be one cell`, th: `${name.th} ต้องเป็นเซลล์เดียว` };
  },
  notPoints(column: LocalizedText, shown: LocalizedText): LocalizedText {
    return {
      en: `${column.en}: ${shown.en} is not a number of points`,
      th: `${column.th}: ${shown.th} ไม่ใช่จำนวนคะแนน`,
    };
  },
  tooManyScores(count: number, version: string, dimensions: number): LocalizedText {
    return {
      en: `${count} scores but ruleset ${version} has ${dimensions} dimensions; give labels to say which is which`,
      th: `มีคะแนน ${count} เซลล์ แต่ชุดเกณฑ์ฉบับที่ ${version} มี ${dimensions} ด้าน: ระบุหัวคอลัมน์เพื่อบอกว่าเซลล์ใดเป็นด้านใด`,
    };
  },
  labelsShape(labels: number, scores: number): LocalizedText {
    return {
      en: `labels has ${labels} cells but scores has ${scores}; give them the same shape`,
      th: `หัวคอลัมน์มี ${labels} เซลล์ แต่คะแนนมี ${scores} เซลล์: ให้มีขนาดเท่ากัน`,
    };
  },
  unknownLabel(
    label: string,
    version: string,
    dimensions: readonly LocalizedText[],
    rubricExample?: { id: string; name: LocalizedText }
  ): LocalizedText {
    return both((language) => {
      const list = dimensions.map((name) => name[language]).join(", ");
      if (language === "th")
        return `"${label}" ไม่ใช่ด้านในชุดเกณฑ์ฉบับที่ ${version} (ด้านที่มี: ${list})${
          rubricExample
            ? ` หรือรายการให้คะแนนในรูป "ชื่อด้าน: ชื่อรายการ" เช่น "${rubricExample.name.th}"`
            : ""
        }`;
      return `"${label}" is not a dimension of ruleset ${version} (${list})${
        rubricExample ? `; a rubric item as dimension.item, e.g. ${rubricExample.id}` : ""
      }`;
    });
  },
  answersCount(
    argument: ArgumentName,
    cells: number,
    version: string,
    criteria: readonly LocalizedText[],
    groups: readonly { name: LocalizedText; items: readonly LocalizedText[] }[]
  ): LocalizedText {
    const name = ARGUMENT_NAMES[argument];
    const total = criteria.length + groups.reduce((sum, group) => sum + group.items.length, 0);
    return both((language) => {
      const listed = (names: readonly LocalizedText[]) =>
        names.map((item) => item[language]).join(", ");
      const groupList = groups
        .map((group) => `${group.name[language]}: ${listed(group.items)}`)
        .join("; ");
      if (language === "th")
        return `${name.th} มี ${cells} เซลล์ แต่ชุดเกณฑ์ฉบับที่ ${version} มีเกณฑ์เบื้องต้น ${criteria.length} ข้อ (${listed(criteria)})${
          groups.length > 0 ? ` หรือข้อกำหนดรวมทุกกลุ่ม ${total} ข้อ (${groupList})` : ""
        }`;
      return `${name.en} has ${cells} cells but ruleset ${version} has ${criteria.length} criteria (${listed(criteria)})${
        groups.length > 0 ? `, or ${total} requirement items with its groups (${groupList})` : ""
      }`;
    });
  },
};

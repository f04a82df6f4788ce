import type { LocalizedText } from "../text/localized-text";
import { formatPercent } from "../text/person-decimal";
import { showValue } from "../text/shown-value";

/**
 * The sentences of the workbook import and the consolidation, in Thai and
 * English. A warning's text starts with where it is (`file · Sheet!E7`) so it
 * can be read on its own, in a list, a log or an Issues sheet.
 */

/**
 * `somchai.xlsx · Sheet1!E7`, or `somchai.xlsx · Sheet1` for a whole sheet; without a file
 * name (a sheet read in Excel, where no file name is known), `Sheet1!E7`.
 */
export function location(file: string, sheet?: string | null, cell?: string | null): string {
  if (sheet === undefined || sheet === null) return file;
  const place = cell ? `${sheet}!${cell}` : sheet;
  return file ? `${file} · ${place}` : place;
}

export function at(where: string, text: LocalizedText): LocalizedText {
  return { th: `${where}: ${text.th}`, en: `${where}: ${text.en}` };
}

export const importMessages = {
  unreadableScore(item: LocalizedText, problem: LocalizedText): LocalizedText {
    return {
      th: `${item.th}: ${problem.th} — ไม่นับเป็นคะแนน (ถือว่าขาดคะแนน)`,
      en: `${item.en}: ${problem.en}, so it is not a score (counted as missing)`,
    };
  },
  unreadableAnswer(item: LocalizedText, problem: LocalizedText): LocalizedText {
    return {
      th: `${item.th}: ${problem.th} — ถือว่ายังไม่ได้ตอบ`,
      en: `${item.en}: ${problem.en}, so it counts as not answered`,
    };
  },
  errorValue(error: string): LocalizedText {
    return { th: `เซลล์มีค่าผิดพลาด ${error}`, en: `the cell holds the error ${error}` };
  },
  dateValue(date: string): LocalizedText {
    return { th: `เซลล์เป็นวันที่ (${date}) ไม่ใช่คะแนน`, en: `the cell holds a date (${date})` };
  },
  formulaWithoutValue(formula: string): LocalizedText {
    return {
      th: `สูตร =${formula} ไม่มีค่าที่บันทึกไว้ กรุณาเปิดและบันทึกไฟล์ใน Excel อีกครั้ง`,
      en: `the formula =${formula} has no saved value; open and save the file in Excel again`,
    };
  },
  fractionsInPlainColumn(item: LocalizedText): LocalizedText {
    return {
      th: `คอลัมน์${item.th} มีตัวเลขระหว่าง 0 ถึง 1 ในเซลล์ที่ไม่ได้จัดรูปแบบเป็นเปอร์เซ็นต์ จึงอ่านตามที่เขียน (0.85 = ร้อยละ 0.85) หากหมายถึงร้อยละ 85 ให้จัดรูปแบบเซลล์เป็น %`,
      en: `${item.en} holds numbers between 0 and 1 in cells not formatted as percentages; they are read as written (0.85 means 0.85%). If 85% was meant, format the cells as %`,
    };
  },
  rowWithoutApplicant(row: number): LocalizedText {
    return {
      th: `แถว ${row} มีคะแนนแต่ไม่มีรหัสหรือชื่อผู้สมัคร จึงไม่ได้นำมารวม`,
      en: `row ${row} has scores but no applicant id or name, so it was left out`,
    };
  },
  columnIgnored(label: string): LocalizedText {
    return {
      th: `ไม่รู้จักหัวคอลัมน์ "${label}" จึงไม่ได้อ่านคอลัมน์นี้`,
      en: `the column "${label}" is not a known heading, so it was not read`,
    };
  },
  duplicateColumn(item: LocalizedText, first: string): LocalizedText {
    return {
      th: `มีคอลัมน์${item.th}ซ้ำ ใช้คอลัมน์ ${first} เท่านั้น`,
      en: `a second ${item.en} column; only column ${first} is read`,
    };
  },
  sheetSkipped(): LocalizedText {
    return {
      th: "ไม่พบแถวหัวตาราง (รหัสหรือชื่อผู้สมัคร และอย่างน้อยหนึ่งด้าน) ใน 20 แถวแรก จึงข้ามชีตนี้",
      en: "no header row (an applicant id or name and at least one dimension) in the first 20 rows, so the sheet was skipped",
    };
  },
  unknownTrack(value: string, tracks: readonly LocalizedText[]): LocalizedText {
    return {
      th: `ประเภทเมือง "${value}" ไม่ตรงกับประเภทใดในชุดเกณฑ์ (${tracks.map((t) => t.th).join(", ")}) จึงถือว่ายังไม่ได้ระบุ`,
      en: `the track "${value}" is none of the ruleset's (${tracks.map((t) => t.en).join(", ")}), so it counts as not given`,
    };
  },
  pointsProblem(item: LocalizedText, problem: LocalizedText, maxPoints: number): LocalizedText {
    return {
      th: `${item.th}: ${problem.th} (คะแนนต้องอยู่ระหว่าง 0 ถึง ${maxPoints}) — ไม่นับเป็นคะแนน (ถือว่าขาดคะแนน)`,
      en: `${item.en}: ${problem.en} (points run from 0 to ${maxPoints}), so they are not counted (counted as missing)`,
    };
  },
  pointsOutOfRange(value: number): LocalizedText {
    // A number too large for a double (1e999 in a cell) is said in words, which say it all.
    if (!Number.isFinite(value)) return showValue(value);
    return { th: `ค่า ${value} อยู่นอกช่วง`, en: `${value} is out of range` };
  },
  percentDiffersFromPoints(
    dimension: LocalizedText,
    percent: number,
    fromPoints: number
  ): LocalizedText {
    return {
      th: `${dimension.th}: ร้อยละ ${formatPercent(percent)} ไม่ตรงกับคะแนนรายข้อในแถวเดียวกัน (คิดได้ร้อยละ ${formatPercent(fromPoints)}) จึงไม่นับด้านนี้ของแถวนี้ (ถือว่าขาดคะแนน)`,
      en: `${dimension.en}: the percent ${formatPercent(percent)} is not what the same row's points give (${formatPercent(fromPoints)}), so this dimension of the row is not counted (counted as missing)`,
    };
  },
  tooManyWarnings(more: number): LocalizedText {
    return {
      th: `และคำเตือนอีก ${more} รายการที่ไม่ได้แสดง`,
      en: `and ${more} more warnings not listed`,
    };
  },
};

/** What a file that is not an .xlsx turned out to be. */
export type UploadKind = keyof typeof UPLOAD_KINDS;
const UPLOAD_KINDS = {
  pdf: { th: "เอกสาร PDF", en: "a PDF document" },
  text: { th: "ไฟล์ข้อความ (CSV หรือคล้ายกัน)", en: "a text file (CSV or similar)" },
  unknown: { th: "ไฟล์ชนิดที่ไม่รู้จัก", en: "a file of unknown kind" },
  ole: { th: "เอกสาร Office รุ่นเก่า", en: "an older Office document" },
  doc: { th: "เอกสาร Word รุ่นเก่า (.doc 97–2003)", en: "a Word 97–2003 document (.doc)" },
  ppt: {
    th: "งานนำเสนอ PowerPoint รุ่นเก่า (.ppt 97–2003)",
    en: "a PowerPoint 97–2003 presentation (.ppt)",
  },
  word: { th: "เอกสาร Word", en: "a Word document" },
  powerpoint: { th: "งานนำเสนอ PowerPoint", en: "a PowerPoint presentation" },
  xlsb: { th: "เวิร์กบุ๊กไบนารีของ Excel (.xlsb)", en: "an Excel Binary Workbook (.xlsb)" },
  ods: {
    th: "สเปรดชีต OpenDocument (.ods แบบที่ LibreOffice Calc บันทึก)",
    en: "an OpenDocument spreadsheet (.ods, as LibreOffice Calc saves)",
  },
  odt: { th: "เอกสารข้อความ OpenDocument (.odt)", en: "an OpenDocument text document (.odt)" },
  odp: { th: "งานนำเสนอ OpenDocument (.odp)", en: "an OpenDocument presentation (.odp)" },
  opendocument: { th: "ไฟล์ OpenDocument", en: "an OpenDocument file" },
  zip: { th: "ไฟล์ zip ของไฟล์อื่น", en: "a zip archive of other files" },
} satisfies Record<string, LocalizedText>;

export const fileErrorMessages = {
  empty(): LocalizedText {
    return { th: "ไฟล์ว่างเปล่า", en: "the file is empty" };
  },
  tooLarge(limit: number): LocalizedText {
    const mb = Math.round(limit / (1024 * 1024));
    return {
      th: `ไฟล์ใหญ่เกิน ${mb} MB จึงไม่ได้อ่าน`,
      en: `the file is larger than ${mb} MB, so it was not read`,
    };
  },
  /** Not a workbook of a format read here (the code stays NOT_XLSX, as the contract names it). */
  notXlsx(kind: UploadKind): LocalizedText {
    const what = UPLOAD_KINDS[kind];
    return {
      th: `ไม่ใช่เวิร์กบุ๊กที่อ่านได้ (.xlsx, .xls, .xlsb หรือ .ods) แต่เป็น${what.th} กรุณาบันทึกเป็นเวิร์กบุ๊ก Excel (.xlsx)`,
      en: `this is not a workbook that can be read (.xlsx, .xls, .xlsb or .ods) but ${what.en}; save it as an Excel Workbook (.xlsx)`,
    };
  },
  /**
   * An Excel 97–2003 compound file (.xls) whose structure is broken: cut short, a chain of
   * sectors that loops, or a header no program writes. `detail` is the walker's own English.
   */
  compoundFile(problem: {
    kind: "truncated" | "cycle" | "malformed";
    detail?: string;
    chain?: string;
  }): LocalizedText {
    switch (problem.kind) {
      case "truncated":
        return {
          th: "ไฟล์สั้นกว่าที่โครงสร้างภายในระบุไว้ ไฟล์อาจถูกตัดระหว่างส่ง",
          en: `the compound file (Excel 97–2003) is cut short: ${problem.detail ?? ""}`,
        };
      case "cycle":
        return {
          th: "ลำดับส่วนข้อมูลภายในไฟล์วนกลับมาที่เดิมไม่รู้จบ",
          en: `the compound file's (Excel 97–2003) chain of sectors for ${problem.chain ?? "a stream"} loops back on itself`,
        };
      case "malformed":
        return {
          th: "โครงสร้างภายในของไฟล์ไม่ถูกต้อง",
          en: `the compound file's (Excel 97–2003) structure is invalid: ${problem.detail ?? ""}`,
        };
    }
  },
  passwordProtected(): LocalizedText {
    return {
      th: "ไฟล์ถูกเข้ารหัสด้วยรหัสผ่าน กรุณาให้ผู้ประเมินส่งไฟล์ที่ไม่ได้ตั้งรหัสผ่าน",
      en: "the workbook is encrypted with a password; ask the evaluator for a copy saved without one",
    };
  },
  /** `detail`: what was found, in each language (`readerSaid` for a reader's own words). */
  corrupt(detail: LocalizedText): LocalizedText {
    return {
      th: `ไฟล์เสียหายหรือไม่สมบูรณ์ อ่านไม่ได้ (${detail.th})`,
      en: `the file is damaged or incomplete and cannot be read (${detail.en})`,
    };
  },
  /**
   * What a reader (the zip, XML or spreadsheet library) said, in its own English, for `corrupt`:
   * the English keeps its words; the Thai says where (`part`, a part of the zip) and, for a
   * zip cut short, the most common case, what happened.
   */
  readerSaid(message: string, part?: string): LocalizedText {
    const en = part === undefined ? message : `${part}: ${message}`;
    if (/end of central directory/i.test(message))
      return { th: "ไม่พบส่วนท้ายของไฟล์บีบอัด ไฟล์อาจถูกตัดระหว่างส่ง หรือไม่ใช่ไฟล์ zip", en };
    return { th: part === undefined ? "ตัวอ่านไฟล์พบข้อผิดพลาด" : `อ่านส่วน ${part} ไม่ได้`, en };
  },
  /** The package relationship (`_rels/.rels`) names a main part that is not in the zip. */
  mainPartMissing(part: string): LocalizedText {
    return {
      th: `แพ็กเกจระบุว่าส่วนหลักอยู่ที่ ${part} แต่ในไฟล์ไม่มีส่วนนี้`,
      en: `the package names ${part} as its main part, but the file does not hold it`,
    };
  },
  /** A workbook laid out otherwise than Excel lays it out, whose sheets cannot be moved alone. */
  partsElsewhere(workbook: string, sheet: string): LocalizedText {
    return {
      th: `เวิร์กบุ๊กเก็บส่วนต่าง ๆ ไว้ต่างจากที่ Excel เก็บ (ส่วนเวิร์กบุ๊กอยู่ที่ ${workbook}) และชีตในส่วน ${sheet} มีความคิดเห็น ภาพวาด หรือตารางที่ต้องย้ายไปด้วย จึงไม่ได้อ่านไฟล์นี้ กรุณาเปิดใน Excel แล้วบันทึกเป็นเวิร์กบุ๊ก Excel (.xlsx)`,
      en: `the workbook keeps its parts where Excel does not (its workbook part is ${workbook}), and its sheet ${sheet} has comments, drawings or tables that would have to move with it, so it was not read; open it in Excel and save it as an Excel Workbook (.xlsx)`,
    };
  },
  /** `detail`: what would inflate how far (see `inflation`, `inflatedTotal`, `inflatesPast`). */
  zipBomb(detail: LocalizedText): LocalizedText {
    return {
      th: `ไฟล์ถูกบีบอัดผิดปกติ (${detail.th}) จึงไม่ได้แตกไฟล์เพื่อความปลอดภัย`,
      en: `the file is compressed abnormally (${detail.en}), so it was not unpacked`,
    };
  },
  inflation(
    part: string,
    compressed: number,
    inflated: number,
    ratio: number,
    limit: number
  ): LocalizedText {
    return {
      th: `${part}: ${compressed} ไบต์จะขยายเป็น ${inflated} ไบต์ หรือ ${ratio} เท่า รับได้ไม่เกิน ${limit} เท่า`,
      en: `${part}: ${compressed} bytes would inflate to ${inflated}, ${ratio} times; at most ${limit} is accepted`,
    };
  },
  inflatedTotal(total: number, limit: number): LocalizedText {
    return {
      th: `ขยายแล้วจะมีขนาด ${total} ไบต์ รับได้ไม่เกิน ${limit} ไบต์`,
      en: `it would inflate to ${total} bytes; at most ${limit} are accepted`,
    };
  },
  inflatesPast(part: string, declared: number): LocalizedText {
    return {
      th: `${part} ขยายแล้วเกิน ${declared} ไบต์ที่ไฟล์ระบุไว้`,
      en: `${part} inflates past the ${declared} bytes it declares`,
    };
  },
  tooManyRows(sheet: string, rows: number, limit: number): LocalizedText {
    return {
      th: `ชีต "${sheet}" มี ${rows} แถวขึ้นไป เกินขีดจำกัด ${limit} แถวต่อชีต จึงไม่ได้อ่านไฟล์นี้ กรุณาลบแถวที่ไม่ใช้หรือแบ่งเป็นหลายไฟล์`,
      en: `the sheet "${sheet}" has ${rows} rows or more, above the limit of ${limit} per sheet, so the file was not read; delete unused rows or split the file`,
    };
  },
  tooManyCells(cells: number, limit: number): LocalizedText {
    return {
      th: `ไฟล์มี ${cells} เซลล์ขึ้นไป เกินขีดจำกัด ${limit} เซลล์ต่อไฟล์ จึงไม่ได้อ่านไฟล์นี้ กรุณาลบชีตหรือข้อมูลที่ไม่เกี่ยวกับการประเมิน`,
      en: `the workbook has ${cells} cells or more, above the limit of ${limit} per workbook, so it was not read; remove sheets or data that are not part of the evaluation`,
    };
  },
  /** `detail` says what was too complex; both languages get their own wording of it. */
  tooComplex(detail: LocalizedText): LocalizedText {
    return {
      th: `ไฟล์ซับซ้อนเกินกว่าจะอ่านได้อย่างปลอดภัย (${detail.th}) จึงไม่ได้อ่านไฟล์นี้`,
      en: `the workbook is too complex to read safely (${detail.en}), so it was not read`,
    };
  },
  tooManyMergedRanges(ranges: number, limit: number): LocalizedText {
    return {
      th: `มีช่วงเซลล์ที่ผสานไว้ ${ranges} ช่วงขึ้นไป เกินขีดจำกัด ${limit} ช่วง`,
      en: `${ranges} merged ranges or more, above the limit of ${limit}`,
    };
  },
  mergedCellsTooMany(range: string, cells: number, limit: number): LocalizedText {
    return {
      th: `ช่วงเซลล์ที่ผสาน ${range} รวมแล้วครอบคลุม ${cells} เซลล์ เกินขีดจำกัด ${limit} เซลล์`,
      en: `the merged range ${range} brings the merged cells to ${cells}, above the limit of ${limit}`,
    };
  },
  tooManyColumns(sheet: string, column: number, limit: number): LocalizedText {
    return {
      th: `ชีต "${sheet}" กำหนดคอลัมน์ถึงลำดับที่ ${column} เกินจำนวนคอลัมน์สูงสุด ${limit} ของ Excel`,
      en: `the sheet "${sheet}" declares columns up to number ${column}, beyond Excel's ${limit}`,
    };
  },
  readerOutOfMemory(limitMb: number): LocalizedText {
    return {
      th: `การอ่านไฟล์ต้องใช้หน่วยความจำเกิน ${limitMb} MB`,
      en: `reading it needed more than ${limitMb} MB of memory`,
    };
  },
  readerTimedOut(seconds: number): LocalizedText {
    return {
      th: `การอ่านไฟล์ใช้เวลาเกิน ${seconds} วินาที`,
      en: `reading it took longer than ${seconds} s`,
    };
  },
  duplicateFile(earlier: string): LocalizedText {
    return {
      th: `ไฟล์นี้เหมือนกับไฟล์ ${earlier} ที่ส่งมาก่อนหน้าทุกไบต์ จึงไม่ได้อ่านซ้ำและไม่นับซ้ำ`,
      en: `this file is byte for byte the same as ${earlier}, sent before it, so it was not read or counted again`,
    };
  },
  noRecognisableSheet(sheets: readonly string[]): LocalizedText {
    const names = sheets.map((sheet) => `"${sheet}"`).join(", ");
    return {
      th: `ไม่มีชีตใดที่มีแถวหัวตารางการประเมิน (รหัสหรือชื่อผู้สมัคร และอย่างน้อยหนึ่งด้าน) ใน 20 แถวแรก (ชีต: ${names})`,
      en: `no sheet has an evaluation header row (an applicant id or name and at least one dimension) in its first 20 rows (sheets: ${names})`,
    };
  },
};

/** Two or more files whose evaluation entries are the same: a copy saved again, or a resend. */
export const identicalSubmissionMessages = {
  /** On the report of each file of the group. */
  file(counted: string, others: readonly string[]): LocalizedText {
    const all = [counted, ...others].join(", ");
    return {
      th: `ไฟล์ ${all} มีคะแนนของผู้สมัครทุกรายเหมือนกันทุกค่า จึงนับเพียงครั้งเดียว (ใช้ไฟล์ ${counted} ไม่ใช้ ${others.join(", ")}) หากเป็นผู้ประเมินคนละคนกัน กรุณาตรวจสอบกับผู้ประเมิน`,
      en: `${all} hold the same scores and answers for every applicant, so they are counted once (${counted} counts, not ${others.join(", ")}); if they really are different evaluators, check with them`,
    };
  },
  /** On each applicant the group evaluated. */
  applicant(counted: string, others: readonly string[]): LocalizedText {
    return {
      th: `ไฟล์ ${others.join(", ")} เหมือนกับไฟล์ ${counted} ทุกค่า จึงนับการประเมินรายนี้เพียงครั้งเดียว (จากไฟล์ ${counted})`,
      en: `${others.join(", ")} ${others.length === 1 ? "is" : "are"} identical to ${counted}, so this evaluation is counted once (from ${counted})`,
    };
  },
};

export const flagMessages = {
  disagreement(item: LocalizedText, min: number, max: number, limit: number): LocalizedText {
    const spread = formatPercent(max - min);
    return {
      th: `${item.th}: ผู้ประเมินให้คะแนนต่างกันตั้งแต่ ${formatPercent(min)} ถึง ${formatPercent(max)} (ต่างกัน ${spread} คะแนน เกิน ${formatPercent(limit)})`,
      en: `${item.en}: evaluators scored from ${formatPercent(min)} to ${formatPercent(max)} (a spread of ${spread}, above ${formatPercent(limit)})`,
    };
  },
  answerDisagreement(item: LocalizedText, yes: number, no: number): LocalizedText {
    return {
      th: `${item.th}: ผู้ประเมิน ${yes} คนตอบผ่าน ${no} คนตอบไม่ผ่าน`,
      en: `${item.en}: ${yes} ${yes === 1 ? "evaluator" : "evaluators"} said yes, ${no} said no`,
    };
  },
  missingScore(item: LocalizedText, missing: readonly string[], scored: number): LocalizedText {
    return {
      th: `${item.th}: ผู้ประเมิน ${scored} คนให้คะแนน แต่ ${missing.join(", ")} ไม่ได้ให้คะแนน`,
      en: `${item.en}: scored by ${scored} ${scored === 1 ? "evaluator" : "evaluators"} but not by ${missing.join(", ")}`,
    };
  },
  missingAnswer(item: LocalizedText, missing: readonly string[]): LocalizedText {
    return {
      th: `${item.th}: ${missing.join(", ")} ไม่ได้ตอบ`,
      en: `${item.en}: not answered by ${missing.join(", ")}`,
    };
  },
  duplicateEvaluator(
    evaluator: string,
    counted: string,
    ignored: readonly string[]
  ): LocalizedText {
    return {
      th: `${evaluator} ประเมินผู้สมัครรายนี้มากกว่าหนึ่งครั้ง ใช้รายการสุดท้าย (${counted}) ไม่ใช้ ${ignored.join(", ")}`,
      en: `${evaluator} evaluated this applicant more than once; the last entry counts (${counted}), not ${ignored.join(", ")}`,
    };
  },
  pointsDisagreement(
    item: LocalizedText,
    min: number,
    max: number,
    maxPoints: number,
    limit: number
  ): LocalizedText {
    const spread = formatPercent(max - min);
    const allowed = formatPercent((limit * maxPoints) / 100);
    return {
      th: `${item.th}: ผู้ประเมินให้คะแนนต่างกันตั้งแต่ ${formatPercent(min)} ถึง ${formatPercent(max)} จากคะแนนเต็ม ${formatPercent(maxPoints)} (ต่างกัน ${spread} คะแนน เกิน ${allowed} คะแนน คือร้อยละ ${formatPercent(limit)} ของคะแนนเต็ม)`,
      en: `${item.en}: evaluators gave from ${formatPercent(min)} to ${formatPercent(max)} points of ${formatPercent(maxPoints)} (a spread of ${spread}, above ${allowed} points, ${formatPercent(limit)}% of the maximum)`,
    };
  },
  missingPoints(item: LocalizedText, missing: readonly string[], scored: number): LocalizedText {
    return {
      th: `${item.th}: ผู้ประเมิน ${scored} คนให้คะแนน แต่ ${missing.join(", ")} ไม่ได้ให้คะแนน${scored === 0 ? " (นับเป็น 0 คะแนน)" : ""}`,
      en: `${item.en}: points from ${scored} ${scored === 1 ? "evaluator" : "evaluators"} but not from ${missing.join(", ")}${scored === 0 ? " (counted as 0 points)" : ""}`,
    };
  },
  percentInsteadOfPoints(dimension: LocalizedText, evaluators: readonly string[]): LocalizedText {
    return {
      th: `${dimension.th}: ${evaluators.join(", ")} ให้คะแนนเป็นร้อยละ ไม่ได้ให้คะแนนรายข้อ ขณะที่ผู้ประเมินคนอื่นให้คะแนนรายข้อ จึงไม่นับร้อยละนั้น (ด้านนี้รวมจากคะแนนรายข้อ)`,
      en: `${dimension.en}: ${evaluators.join(", ")} gave a percent, not points per item, while others gave points; that percent is not counted (this dimension is consolidated from the items)`,
    };
  },
  trackDisagreement(
    named: ReadonlyArray<{ track: LocalizedText; evaluators: readonly string[] }>,
    fallback: LocalizedText
  ): LocalizedText {
    return {
      th: `ผู้ประเมินระบุประเภทเมืองต่างกัน: ${named.map((n) => `${n.track.th} (${n.evaluators.join(", ")})`).join("; ")} — ผลที่แสดงคิดตามประเภทตั้งต้นของชุดเกณฑ์ (${fallback.th}) จนกว่าคณะกรรมการจะตัดสิน`,
      en: `the evaluators named different tracks: ${named.map((n) => `${n.track.en} (${n.evaluators.join(", ")})`).join("; ")}; the figures shown are under the ruleset's default track (${fallback.en}) until the committee decides`,
    };
  },
  missingTrack(track: LocalizedText, missing: readonly string[]): LocalizedText {
    return {
      th: `ประเภทเมือง: ${missing.join(", ")} ไม่ได้ระบุ ผู้ประเมินคนอื่นระบุว่า${track.th}`,
      en: `track: not given by ${missing.join(", ")}; the other evaluators named ${track.en}`,
    };
  },
};

import type { z } from "zod";
import type { LocalizedText } from "../text/localized-text";
import { showValue } from "../text/shown-value";

/**
 * Schema errors in Thai and English, for every zod schema whose errors a
 * person reads (request bodies, a ruleset an admin edits).
 *
 * English: zod's own message, or the schema's where it gives one. Thai: the
 * schema's own Thai where it gives one (`bilingual(...)` for a check's
 * message, `params: { th }` on a custom issue), else written here from the
 * issue's code and details. zod 4's Thai locale (`z.locales.th`) was the
 * first choice, but it leaves English inside the Thai — "ควรเป็น อาร์เรย์
 * (Array) แต่ได้รับ object", "น้อยกว่ากำหนด: string ควรมี…" — so the
 * project keeps its own wording, with every type named in Thai.
 */
export interface SchemaIssue {
  /** Where, as `a.b[2].c` ("(body)" for the whole value). */
  path: string;
  message: LocalizedText;
}

const ROOT_PATH = "(body)";

/** `a.b[2].c` from a zod issue path, for messages that say where the problem is. */
export function formatIssuePath(path: readonly PropertyKey[], root = ""): string {
  let text = root;
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? ROOT_PATH : text;
}

const THAI_OF = new Map<string, string>();

/**
 * A check's message in both languages: zod carries the English; the Thai is
 * kept here under it. For the fixed messages written in schemas.
 */
export function bilingual(text: LocalizedText): string {
  THAI_OF.set(text.en, text.th);
  return text.en;
}

/** For a custom issue: `ctx.addIssue({ code: "custom", ...bilingualIssue(text) })`. */
export function bilingualIssue(text: LocalizedText): { message: string; params: { th: string } } {
  return { message: text.en, params: { th: text.th } };
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], root = ""): SchemaIssue[] {
  return issues.map((issue) => ({
    path: formatIssuePath(issue.path, root),
    message: { th: thaiMessage(issue), en: englishMessage(issue) },
  }));
}

/**
 * "(body): …; applications: …" — the issues in one sentence per language. A field's path is the
 * name the caller wrote, in both; the whole body, which has none, is named in each language.
 */
export function summariseIssues(issues: readonly SchemaIssue[]): LocalizedText {
  const thaiPath = (path: string) => (path === ROOT_PATH ? "เนื้อหาคำขอ" : path);
  return {
    th: issues.map((issue) => `${thaiPath(issue.path)}: ${issue.message.th}`).join("; "),
    en: issues.map((issue) => `${issue.path}: ${issue.message.en}`).join("; "),
  };
}

const TYPE_NAMES: Record<string, string> = {
  string: "ข้อความ",
  number: "ตัวเลข",
  int: "จำนวนเต็ม",
  boolean: "ค่าจริงหรือเท็จ",
  object: "ออบเจกต์",
  array: "รายการ (อาร์เรย์)",
  null: "ค่าว่าง",
  undefined: "ไม่มีค่า",
  bigint: "จำนวนเต็มขนาดใหญ่",
  nan: "ค่าที่ไม่ใช่ตัวเลข",
  date: "วันที่",
  record: "ออบเจกต์",
  set: "ชุดข้อมูล",
  map: "ออบเจกต์",
  file: "ไฟล์",
};
const typeName = (type: string | undefined) =>
  (type !== undefined ? TYPE_NAMES[type] : undefined) ?? "ค่าชนิดอื่น";

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isNaN(value)) return "nan";
  return typeof value;
}

const UNITS: Record<string, string> = {
  string: "ตัวอักษร",
  array: "รายการ",
  set: "รายการ",
  file: "ไบต์",
};

const FORMATS: Record<string, string> = {
  date: "ต้องเป็นวันที่ในรูปแบบ 2018-09-27 (ปี ค.ศ.-เดือน-วัน)",
  datetime: "ต้องเป็นวันเวลาในรูปแบบ 2018-09-27T10:00:00Z",
  time: "ต้องเป็นเวลาในรูปแบบ 10:00:00",
  email: "ต้องเป็นที่อยู่อีเมล",
  url: "ต้องเป็นที่อยู่เว็บ",
  regex: "รูปแบบไม่ถูกต้อง",
};

/**
 * zod's own words, but for a number no double holds (1e999 parses to Infinity), which zod
 * names "Infinity": said as `showValue` says it.
 */
function englishMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && "input" in issue && isBeyondDoubles(issue.input))
    return `Invalid input: expected ${issue.expected}, received ${showValue(issue.input).en}`;
  return issue.message;
}

function isBeyondDoubles(value: unknown): value is number {
  return typeof value === "number" && !Number.isFinite(value) && !Number.isNaN(value);
}

function thaiMessage(issue: z.core.$ZodIssue): string {
  const own = THAI_OF.get(issue.message);
  if (own !== undefined) return own;
  switch (issue.code) {
    case "custom": {
      const th = (issue.params as { th?: unknown } | undefined)?.th;
      return typeof th === "string" ? th : "ข้อมูลไม่ถูกต้อง";
    }
    case "invalid_type": {
      const expected = typeName(issue.expected);
      if (!("input" in issue)) return `ต้องเป็น${expected}`;
      if (issue.input === undefined) return `ยังไม่ได้ระบุ (ต้องเป็น${expected})`;
      if (isBeyondDoubles(issue.input))
        return `ต้องเป็น${expected} แต่ได้รับ${showValue(issue.input).th}`;
      return `ต้องเป็น${expected} แต่ได้รับ${typeName(typeOf(issue.input))}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `ต้องเป็น ${show(issue.values[0])}`
        : `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${issue.values.map(show).join(", ")}`;
    case "too_small": {
      const unit = UNITS[issue.origin];
      const limit = String(issue.minimum);
      if (unit !== undefined)
        return issue.minimum === 1 && issue.origin === "string"
          ? "ต้องไม่เว้นว่าง"
          : `ต้องมีอย่างน้อย ${limit} ${unit}`;
      return issue.inclusive ? `ต้องไม่น้อยกว่า ${limit}` : `ต้องมากกว่า ${limit}`;
    }
    case "too_big": {
      const unit = UNITS[issue.origin];
      const limit = String(issue.maximum);
      if (unit !== undefined) return `ต้องมีไม่เกิน ${limit} ${unit}`;
      return issue.inclusive ? `ต้องไม่เกิน ${limit}` : `ต้องน้อยกว่า ${limit}`;
    }
    case "invalid_format":
      return FORMATS[issue.format] ?? "รูปแบบไม่ถูกต้อง";
    case "not_multiple_of":
      return `ต้องเป็นจำนวนที่หารด้วย ${String(issue.divisor)} ลงตัว`;
    case "unrecognized_keys":
      return `ไม่รู้จักฟิลด์ ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    case "invalid_union":
      return "ไม่ตรงกับรูปแบบใดที่รับได้";
    case "invalid_key":
      return "ชื่อฟิลด์ไม่ถูกต้อง";
    case "invalid_element":
      return "สมาชิกไม่ถูกต้อง";
    default:
      return "ข้อมูลไม่ถูกต้อง";
  }
}

function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

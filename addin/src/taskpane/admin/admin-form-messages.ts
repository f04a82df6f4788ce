import { describeIssues, type LocalizedText, readApprovalDate } from "@smartcity/shared";
import type { z } from "zod";

/**
 * The admin form's problems in Thai and English, worded for the field they sit under (the
 * schema's own messages are English and name JSON paths). The checks themselves are shared's
 * PublishRequestSchema — the one the service parses with; this only says what each one means.
 */
export type FieldKey =
  | "overall"
  | "dimension"
  | "minDimensions"
  | `weight:${string}`
  | `min:${string}`
  | "reference"
  | "date"
  | "effective"
  | "note"
  | "general"
  /** A field of the structures (groups, tracks, bands, rubrics): its schema path under rules. */
  | `s:${string}`;

/** Which field of the form a schema issue is about (`rules.dimensions[2].weight` → `weight:<id>`). */
export function fieldOf(path: readonly PropertyKey[], dimensionIds: readonly string[]): FieldKey {
  const [head, second, third, fourth] = path.map(String);
  if (head === "rules") {
    if (second === "overallMinPercent") return "overall";
    if (second === "dimensionMinPercent") return "dimension";
    if (second === "minDimensions") return "minDimensions";
    if (second === "dimensions" && third !== undefined) {
      const id = dimensionIds[Number(third)];
      if (id !== undefined && fourth === "weight") return `weight:${id}`;
      if (id !== undefined && fourth === "minPercent") return `min:${id}`;
    }
    return "general";
  }
  if (head === "approval") return second === "reference" ? "reference" : "date";
  if (head === "effectiveFrom") return "effective";
  if (head === "note") return "note";
  return "general";
}

const number = (value: unknown) => String(value);

export function problemText(
  field: FieldKey,
  issue: z.core.$ZodIssue,
  typed: { date: string; dimensionCount: number }
): LocalizedText {
  const code = issue.code;
  const limits = issue as { minimum?: unknown; maximum?: unknown; inclusive?: boolean };
  if (code === "invalid_type") {
    return (issue as { expected?: string }).expected === "int"
      ? { en: "Enter a whole number.", th: "โปรดกรอกจำนวนเต็ม" }
      : { en: "Enter a number.", th: "โปรดกรอกตัวเลข" };
  }
  if (field === "minDimensions" && code === "custom") {
    return {
      en: `At most ${typed.dimensionCount}: the ruleset has ${typed.dimensionCount} dimensions.`,
      th: `ต้องไม่เกิน ${typed.dimensionCount} เพราะชุดเกณฑ์มี ${typed.dimensionCount} ด้าน`,
    };
  }
  if (code === "too_small") {
    if (field === "reference") {
      return {
        en: "Enter the meeting that approved the rules, e.g. 1/2566.",
        th: "โปรดกรอกครั้งที่ประชุมที่อนุมัติ เช่น 1/2566",
      };
    }
    if (field === "note") {
      return { en: "Say why the rules change.", th: "โปรดระบุเหตุผลที่เปลี่ยนเกณฑ์" };
    }
    if (limits.inclusive === false) {
      return {
        en: `Must be above ${number(limits.minimum)}.`,
        th: `ต้องมากกว่า ${number(limits.minimum)}`,
      };
    }
    return {
      en: `Must be at least ${number(limits.minimum)}.`,
      th: `ต้องไม่น้อยกว่า ${number(limits.minimum)}`,
    };
  }
  if (code === "too_big") {
    if (field === "note") {
      return {
        en: `At most ${number(limits.maximum)} characters.`,
        th: `ไม่เกิน ${number(limits.maximum)} ตัวอักษร`,
      };
    }
    return {
      en: `Must be at most ${number(limits.maximum)}.`,
      th: `ต้องไม่เกิน ${number(limits.maximum)}`,
    };
  }
  if (field === "date") {
    const reading = readApprovalDate(typed.date);
    if (typed.date.trim() === "") {
      return { en: "Enter the date of the approval.", th: "โปรดกรอกวันที่อนุมัติ" };
    }
    return !reading.ok && reading.problem.en.includes("not a real date")
      ? { en: "There is no such day in the calendar.", th: "ไม่มีวันที่นี้ในปฏิทิน" }
      : {
          en: "Not a date this form reads: write 2023-07-14, 14/07/2566 or ๑๔ กรกฎาคม ๒๕๖๖.",
          th: "อ่านวันที่นี้ไม่ได้ โปรดเขียนเช่น 2023-07-14, 14/07/2566 หรือ ๑๔ กรกฎาคม ๒๕๖๖",
        };
  }
  if (field === "effective") {
    return { en: "Choose a date.", th: "โปรดเลือกวันที่" };
  }
  if (field === "general" && issue.path.join(".") === "rules.preliminaryCriteria") {
    return {
      en: "At least one of the known preliminary criteria is needed.",
      th: "ต้องมีเกณฑ์เบื้องต้นที่ระบบรู้จักอย่างน้อยหนึ่งข้อ",
    };
  }
  if (field === "general" && issue.path.join(".") === "rules") {
    return {
      en: "No applicant could pass these rules, not even one scoring 100 in every dimension.",
      th: "ไม่มีผู้สมัครรายใดผ่านเกณฑ์ชุดนี้ได้ แม้ได้คะแนนเต็ม 100 ทุกด้าน",
    };
  }
  return {
    en: `This value is not accepted (${issue.message}).`,
    th: "ค่าที่กรอกนี้ใช้ไม่ได้ โปรดตรวจสอบอีกครั้ง",
  };
}

/**
 * The structures' field (or row, or list) a schema issue under `rules` belongs to: its path
 * dot-joined, else the nearest enclosing one the form shows ("tracks.0.overrides.
 * requirementGroups.1" → "tracks.0.overrides.requirementGroups"); undefined when none is shown.
 */
export function structureSlot(
  path: readonly PropertyKey[],
  shown: ReadonlySet<string>
): string | undefined {
  if (String(path[0]) !== "rules") return undefined;
  const parts = path.slice(1).map(String);
  for (let length = parts.length; length > 0; length--) {
    const key = parts.slice(0, length).join(".");
    if (shown.has(key)) return key;
  }
  return undefined;
}

/**
 * A structure field's problem in Thai and English. Shared's schema words its own checks in both
 * languages (structure-messages.ts, schema-issues.ts): those are shown as they are. Numbers and
 * ids get the form's wording, the same as the fields above them.
 */
export function structureProblemText(issue: z.core.$ZodIssue): LocalizedText {
  const numeric =
    issue.code === "invalid_type" ||
    ((issue.code === "too_small" || issue.code === "too_big") && issue.origin === "number");
  if (numeric) return problemText("general", issue, { date: "", dimensionCount: 0 });
  if (issue.code === "invalid_format" && String(issue.path[issue.path.length - 1]) === "id") {
    return {
      en: "Write an id of letters and digits that starts with a lower-case letter, e.g. newCity.",
      th: "รหัสต้องประกอบด้วยอักษรละตินหรือตัวเลข และขึ้นต้นด้วยอักษรละตินตัวเล็ก",
    };
  }
  return describeIssues([issue])[0].message;
}

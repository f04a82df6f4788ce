import type { Language } from "./localized-text";

/**
 * Writing a date for a person: in Thai with the Buddhist Era (`14 กรกฎาคม 2566`), in English as
 * `14 July 2023`. Reading dates is thai-date.ts (which accepts every spelling found in real
 * documents); this writes the one standard spelling of the Royal Institute.
 */
const THAI_MONTH_NAMES = [
  "มกราคม",
  "กุมภาพันธ์",
  "มีนาคม",
  "เมษายน",
  "พฤษภาคม",
  "มิถุนายน",
  "กรกฎาคม",
  "สิงหาคม",
  "กันยายน",
  "ตุลาคม",
  "พฤศจิกายน",
  "ธันวาคม",
];
const ENGLISH_MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
export const BUDDHIST_ERA_YEARS = 543;

/** `2023-07-14` → `14 กรกฎาคม 2566` (th) or `14 July 2023` (en); anything else is returned as it is. */
export function formatDate(iso: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return iso;
  return language === "th"
    ? `${day} ${THAI_MONTH_NAMES[month - 1]} ${year + BUDDHIST_ERA_YEARS}`
    : `${day} ${ENGLISH_MONTH_NAMES[month - 1]} ${year}`;
}

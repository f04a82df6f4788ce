import type { Language } from "./localized-text";
import { formatThaiDate } from "./thai-date";

/**
 * Writing a date for a person in the pane's language: in Thai with the Buddhist Era
 * (`14 กรกฎาคม 2566`, thai-date.ts's formatThaiDate), in English as `14 July 2023`. A date-time
 * is written by its date part.
 */
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
/** `2023-07-14` → `14 กรกฎาคม 2566` (th) or `14 July 2023` (en); anything else is returned as it is. */
export function formatDate(iso: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return iso;
  return language === "th"
    ? formatThaiDate(match[0])
    : `${day} ${ENGLISH_MONTH_NAMES[month - 1]} ${year}`;
}

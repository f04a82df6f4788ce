import type { LocalizedText } from "./localized-text";
import { thaiDigitsToAscii } from "./thai-digits";

/**
 * Reading a date as it is written in Thai documents (a committee approval, an
 * `asOf`). Accepted: ISO `2018-09-27`; day/month/year (`27/09/2561`, also with
 * `-` or `.`); and a day, a month name and a year (`๒๗ กันยายน ๒๕๖๑`,
 * `27 ก.ย. 2561`, `วันที่ 27 กันยายน พ.ศ. 2561`, `27 September 2018`), in Thai
 * or ASCII digits. A year above 2400 is Buddhist Era (B.E. = C.E. + 543). The
 * result is an ISO date, or why not (in Thai and English).
 *
 * Month names are matched with dots and spaces removed, so `ก.ย.`, `ก.ย`, `กย.`
 * and `ก. ย.` are one form. Besides the standard names and abbreviations, the
 * variants found in real documents are read: `กรกฏาคม` (ฏ for ฎ, the most
 * common misspelling), `กุมภาพันธ` without the ์, the short spoken forms
 * (`มกรา`, `กุมภา`, … `ธันวา`), and English names and abbreviations.
 */
export const THAI_MONTH_NAMES = [
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
] as const;
const MONTH_FORMS: readonly (readonly string[])[] = [
  ["มกราคม", "ม.ค.", "มกรา", "january", "jan"],
  ["กุมภาพันธ์", "ก.พ.", "กุมภาพันธ", "กุมภา", "february", "feb"],
  ["มีนาคม", "มี.ค.", "มีนา", "march", "mar"],
  ["เมษายน", "เม.ย.", "เมษา", "april", "apr"],
  ["พฤษภาคม", "พ.ค.", "พฤษภา", "may"],
  ["มิถุนายน", "มิ.ย.", "มิถุนา", "june", "jun"],
  ["กรกฎาคม", "ก.ค.", "กรกฏาคม", "กรกฎา", "กรกฏา", "july", "jul"],
  ["สิงหาคม", "ส.ค.", "สิงหา", "august", "aug"],
  ["กันยายน", "ก.ย.", "กันยา", "september", "sep", "sept"],
  ["ตุลาคม", "ต.ค.", "ตุลา", "october", "oct"],
  ["พฤศจิกายน", "พ.ย.", "พฤศจิกา", "november", "nov"],
  ["ธันวาคม", "ธ.ค.", "ธันวา", "december", "dec"],
];
const monthKey = (text: string) => text.toLowerCase().replace(/[.\s]/g, "");
const MONTHS = new Map<string, number>(
  MONTH_FORMS.flatMap((forms, index) => forms.map((form) => [monthKey(form), index + 1] as const))
);
export const BUDDHIST_ERA_OFFSET = 543;

export type DateReading = { ok: true; iso: string } | { ok: false; problem: LocalizedText };

export function readThaiDate(text: string): DateReading {
  const value = thaiDigitsToAscii(text.normalize("NFC"))
    .trim()
    .replace(/^วันที่\s*/, "")
    .replace(/(?:พ|ค)\.\s?ศ\.?/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return build(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) return build(Number(match[3]), Number(match[2]), Number(match[1]), text);
  match = /^(\d{1,2}) ?([^\d]+?),? ?(\d{4})$/.exec(value);
  const month = match ? MONTHS.get(monthKey(match[2])) : undefined;
  if (match && month !== undefined) return build(Number(match[3]), month, Number(match[1]), text);
  return {
    ok: false,
    problem: {
      th: `"${text}" ไม่ใช่วันที่ ให้เขียนเช่น 2018-09-27, 27/09/2561 หรือ ๒๗ กันยายน ๒๕๖๑`,
      en: `"${text}" is not a date; write 2018-09-27, 27/09/2561 or ๒๗ กันยายน ๒๕๖๑`,
    },
  };
}

/** The date of a committee approval: see readThaiDate. */
export const readApprovalDate = readThaiDate;

function build(year: number, month: number, day: number, original: string): DateReading {
  const gregorian = year > 2400 ? year - BUDDHIST_ERA_OFFSET : year;
  const date = new Date(Date.UTC(gregorian, month - 1, day));
  if (
    date.getUTCFullYear() !== gregorian ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return {
      ok: false,
      problem: {
        th: `"${original}" ไม่ใช่วันที่ที่มีอยู่จริง`,
        en: `"${original}" is not a real date`,
      },
    };
  }
  return { ok: true, iso: date.toISOString().slice(0, 10) };
}

/** An ISO date as Thai documents write it, with the Buddhist Era year: `1 ธันวาคม 2569`. */
export function formatThaiDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  const name = THAI_MONTH_NAMES[month - 1];
  if (name === undefined || !Number.isInteger(day)) return iso;
  return `${day} ${name} ${year + BUDDHIST_ERA_OFFSET}`;
}

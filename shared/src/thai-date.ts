import { thaiDigitsToAscii } from "./thai-digits";

/**
 * Reading the date of a committee approval as it is written in Thai documents.
 * Accepted: ISO `2018-09-27`; day/month/year with a Buddhist Era year (`27/09/2561`,
 * also with `-` or `.`); and Thai text with a full or abbreviated month name
 * (`๒๗ กันยายน ๒๕๖๑`, `27 ก.ย. 2561`), in Thai or ASCII digits. A year above 2400
 * is Buddhist Era (B.E. = C.E. + 543). The result is an ISO date, or why not.
 */
const THAI_MONTHS = [
  ["มกราคม", "ม.ค."],
  ["กุมภาพันธ์", "ก.พ."],
  ["มีนาคม", "มี.ค."],
  ["เมษายน", "เม.ย."],
  ["พฤษภาคม", "พ.ค."],
  ["มิถุนายน", "มิ.ย."],
  ["กรกฎาคม", "ก.ค."],
  ["สิงหาคม", "ส.ค."],
  ["กันยายน", "ก.ย."],
  ["ตุลาคม", "ต.ค."],
  ["พฤศจิกายน", "พ.ย."],
  ["ธันวาคม", "ธ.ค."],
];
const BUDDHIST_ERA_OFFSET = 543;

export type DateReading = { ok: true; iso: string } | { ok: false; problem: string };

export function readApprovalDate(text: string): DateReading {
  const value = thaiDigitsToAscii(text.normalize("NFC")).trim().replace(/\s+/g, " ");
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return build(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) return build(Number(match[3]), Number(match[2]), Number(match[1]), text);
  match = /^(\d{1,2}) (\S+) (?:พ\.ศ\. ?)?(\d{4})$/.exec(value);
  if (match) {
    const monthName = match[2];
    const month = THAI_MONTHS.findIndex((names) => names.includes(monthName));
    if (month >= 0) return build(Number(match[3]), month + 1, Number(match[1]), text);
  }
  return {
    ok: false,
    problem: `"${text}" is not a date; write 2018-09-27, 27/09/2561 or ๒๗ กันยายน ๒๕๖๑`,
  };
}

function build(year: number, month: number, day: number, original: string): DateReading {
  const gregorian = year > 2400 ? year - BUDDHIST_ERA_OFFSET : year;
  const date = new Date(Date.UTC(gregorian, month - 1, day));
  if (
    date.getUTCFullYear() !== gregorian ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return { ok: false, problem: `"${original}" is not a real date` };
  }
  return { ok: true, iso: date.toISOString().slice(0, 10) };
}

/** An ISO date as Thai documents write it, with the Buddhist Era year: `1 ธันวาคม 2569`. */
export function formatThaiDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  const name = THAI_MONTHS[month - 1]?.[0];
  if (name === undefined || !Number.isInteger(day)) return iso;
  return `${day} ${name} ${year + BUDDHIST_ERA_OFFSET}`;
}

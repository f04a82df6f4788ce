import type { LocalizedText } from "./localized-text";
import { formatThaiDate } from "./thai-date";

/**
 * Dates and times as the committee writes them: Thai with the Buddhist Era
 * (๒๗ กันยายน ๒๕๖๑ is written with ASCII digits here, 27 กันยายน 2561, as Thai
 * government documents mostly are today) and English, in Bangkok time. Bangkok
 * is UTC+7 all year (Thailand has no daylight saving), so the offset is fixed
 * rather than looked up in the runtime's time-zone data, which browsers and
 * small Node builds do not all carry. Pure: the instant is passed in.
 */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const ENGLISH_MONTHS = [
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

/**
 * A calendar date (`2018-09-27`, or a date-time by its date part) in words: 27 กันยายน 2561 /
 * 27 September 2018. Anything that is not such a date is given back as it was, in both languages.
 */
export function formatDate(iso: string): LocalizedText {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return { th: iso, en: iso };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return { th: iso, en: iso };
  return {
    th: formatThaiDate(iso.slice(0, 10)),
    en: `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`,
  };
}

/** The Bangkok calendar date of an instant, as ISO `YYYY-MM-DD`. */
export function bangkokDate(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant in Bangkok time: 1 ธันวาคม 2569 เวลา 04:21 น. / 1 December 2026, 04:21 (Bangkok time). */
export function formatBangkokDateTime(instant: string | Date): LocalizedText {
  const local = new Date(new Date(instant).getTime() + BANGKOK_OFFSET_MS).toISOString();
  const date = formatDate(local.slice(0, 10));
  const time = local.slice(11, 16);
  return {
    th: `${date.th} เวลา ${time} น.`,
    en: `${date.en}, ${time} (Bangkok time)`,
  };
}

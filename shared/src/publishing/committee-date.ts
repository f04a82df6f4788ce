/**
 * The committee's calendar. The committee works in Bangkok (UTC+7), so "today", the default
 * `effectiveFrom`, the day a scheduled version takes effect and an `asOf` date are all dates
 * in its time zone, never UTC: a version published at 06:30 in Bangkok is dated that day.
 * Pure: the caller passes `now` (the service reads its clock once per request).
 */
export const DEFAULT_TIME_ZONE = "Asia/Bangkok";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // en-CA writes dates as YYYY-MM-DD; the calendar is forced to Gregorian (ISO dates).
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows this IANA time zone (e.g. "Asia/Bangkok"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) at `now` in `timeZone`. */
export function dateInTimeZone(now: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

import { effectiveDateInPast } from "../publishing/next-version";
import type { LocalizedText } from "../text/localized-text";
import { formatThaiDate } from "../text/thai-date";

/**
 * The dates of a publish request held to the committee's today (YYYY-MM-DD in its time zone,
 * which the caller passes: shared reads no clock). An approval cannot come from a meeting that
 * has not happened yet, and a version cannot take effect before today (the history is not
 * rewritten). The admin form shows these under their fields before anything is sent; the
 * service refuses the same with 400 when a request bypasses the form.
 */
export interface PublishDateProblem {
  path: "approval.date" | "effectiveFrom";
  code: "APPROVAL_DATE_IN_FUTURE" | "EFFECTIVE_DATE_IN_PAST";
  message: LocalizedText;
}

export function publishDateProblems(
  request: { approval: { date: string }; effectiveFrom?: string },
  today: string
): PublishDateProblem[] {
  const problems: PublishDateProblem[] = [];
  if (request.approval.date > today)
    problems.push({
      path: "approval.date",
      code: "APPROVAL_DATE_IN_FUTURE",
      message: approvalDateInFuture(request.approval.date, today),
    });
  if (request.effectiveFrom !== undefined && request.effectiveFrom < today)
    problems.push({
      path: "effectiveFrom",
      code: "EFFECTIVE_DATE_IN_PAST",
      message: effectiveDateInPast(request.effectiveFrom, today).message,
    });
  return problems;
}

function approvalDateInFuture(date: string, today: string): LocalizedText {
  return {
    th: `วันที่อนุมัติ ${formatThaiDate(date)} ยังมาไม่ถึง (วันนี้คือ ${formatThaiDate(today)} ตามเวลากรุงเทพฯ) ให้ระบุวันที่ที่ประชุมมีมติ`,
    en: `approval.date ${date} is in the future (today is ${today} in the committee's time zone); give the date of the meeting that approved the rules`,
  };
}

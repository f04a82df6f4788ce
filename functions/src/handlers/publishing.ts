import {
  type ApprovalRefusal,
  dateInTimeZone,
  type PublishDateProblem,
  publishDateProblems,
  type PublishRefusal,
  type Ruleset,
} from "@smartcity/shared";
import { HttpError } from "../http/http-error";
import type { Services } from "../services";
import type { CurrentRuleset } from "../store/ruleset-store";
import { currentEtag } from "./rulesets";

export { rulesHash } from "../rules-hash";

/**
 * What the publish and proposal handlers share: the committee's today, the rules' hash, the
 * state a publish decides on, and the HTTP status of each refusal that shared returns.
 */

/** Today in the committee's time zone (SMARTCITY_TIME_ZONE, default Asia/Bangkok). */
export function committeeToday(services: Services, now = services.now()): string {
  return dateInTimeZone(now, services.config.timeZone);
}

/** The newest version, the one in force today, and the ETag GET /api/rulesets/current serves for them. */
export async function publishingState(
  services: Services,
  today: string
): Promise<{ current: CurrentRuleset; inForce: Ruleset; etag: string }> {
  const current = await services.store.getCurrentFresh();
  const inForce = (await services.store.inForce(today, current)) ?? current.ruleset;
  return { current, inForce, etag: currentEtag(inForce, current.ruleset) };
}

const STATUS: Record<PublishRefusal["code"] | ApprovalRefusal["code"], number> = {
  EFFECTIVE_DATE_IN_PAST: 400,
  NO_CHANGE: 409,
  RULESET_TOO_LARGE: 413,
  SELF_APPROVAL: 403,
  ALREADY_APPROVED: 409,
  PROPOSAL_CLOSED: 409,
  PROPOSAL_OUTDATED: 409,
};

export function refusalError(refusal: PublishRefusal | ApprovalRefusal): HttpError {
  return new HttpError(STATUS[refusal.code], refusal.code, refusal.message);
}

/**
 * The request's dates against the committee's today (shared's rule, which the admin form applies
 * before sending): an approval date after today, an effectiveFrom before it. 400, the problem's
 * field named in the issues.
 */
export function dateRefusal(
  request: { approval: { date: string }; effectiveFrom?: string },
  today: string
): HttpError | undefined {
  const problems: PublishDateProblem[] = publishDateProblems(request, today);
  if (problems.length === 0) return undefined;
  return new HttpError(
    400,
    problems[0].code,
    problems[0].message,
    problems.map((problem) => ({
      path: problem.path,
      message: problem.message.en,
      th: problem.message.th,
    }))
  );
}

export function approvalRequired(approvals: number): HttpError {
  return new HttpError(403, "APPROVAL_REQUIRED", {
    th: `การออกชุดเกณฑ์ฉบับใหม่ต้องผ่านการอนุมัติของผู้ดูแลระบบคนอื่นอีก ${approvals} คน ให้ส่งเป็นข้อเสนอแทน แล้วให้ผู้ดูแลระบบคนอื่นอนุมัติ`,
    en: `Publishing needs the approval of ${approvals} other admin${approvals === 1 ? "" : "s"}: send the same body to POST /api/proposals, and another admin approves it at POST /api/proposals/{id}/approve`,
  });
}

export function stalePublish(sent: string, now: string): HttpError {
  return new HttpError(412, "PRECONDITION_FAILED", {
    th: `ชุดเกณฑ์ถูกเปลี่ยนไปแล้ว (ส่งมา ${sent} แต่ปัจจุบันคือ ${now}) กรุณาโหลดใหม่แล้วตรวจสอบอีกครั้ง`,
    en: `The rulesets changed since you read them (If-Match ${sent}, now ${now}); reload, review, and publish again`,
  });
}

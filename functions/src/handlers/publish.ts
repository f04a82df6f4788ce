import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { diffRules, nextVersion, PublishRequestSchema } from "@smartcity/shared";
import { refuserFor, requireAdmin } from "../auth/admin";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";
import { StaleWriteError } from "../store/storage-errors";
import {
  approvalRequired,
  committeeToday,
  dateRefusal,
  publishingState,
  refusalError,
  rulesHash,
  stalePublish,
} from "./publishing";

const ENDPOINT = "POST /api/rulesets";

/**
 * POST /api/rulesets — publish a new version directly (Admin), only when
 * SMARTCITY_PUBLISH_APPROVALS is 0; otherwise 403 APPROVAL_REQUIRED names the proposals
 * endpoint. The caller names the state it saw with If-Match (the ETag of GET
 * /api/rulesets/current); the version row, the move of the pointer and the audit record are
 * one Table Storage transaction guarded by the pointer's ETag, so of two concurrent
 * publishes exactly one lands and the other gets 412 with nothing written.
 */
export async function publishRuleset(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  const admin = await requireAdmin(request, services, ENDPOINT);
  const refuse = refuserFor(services, ENDPOINT, admin);
  if (services.config.publishApprovals > 0)
    await refuse(approvalRequired(services.config.publishApprovals));
  const ifMatch = request.headers.get("if-match");
  if (ifMatch === null) {
    await refuse(
      new HttpError(428, "PRECONDITION_REQUIRED", {
        th: "ต้องส่ง If-Match เป็น ETag ของ GET /api/rulesets/current",
        en: "Send If-Match with the ETag of GET /api/rulesets/current, so that a publish never overwrites one you have not seen",
      })
    );
  }
  let body;
  try {
    body = parseRequest(PublishRequestSchema, await readJsonBody(request), {
      th: "คำขอประกาศชุดเกณฑ์",
      en: "publish request",
    });
  } catch (error) {
    if (error instanceof HttpError) await refuse(error);
    throw error;
  }

  const now = services.now();
  const today = committeeToday(services, now);
  const { current, etag } = await publishingState(services, today);
  if (ifMatch !== etag) await refuse(stalePublish(ifMatch as string, etag));
  const dates = dateRefusal(body, today);
  if (dates) return refuse(dates);
  const next = nextVersion({
    request: body,
    newest: current.ruleset,
    today,
    now,
    hash: rulesHash(body.rules),
    publishedBy: admin.name,
  });
  if (!next.ok) return refuse(refusalError(next.refusal));
  const audit = services.audit.row({
    at: next.ruleset.publishedAt,
    who: admin.name,
    whoId: admin.id,
    action: "publish",
    endpoint: ENDPOINT,
    version: next.ruleset.version,
    approval: next.ruleset.approval,
    note: next.ruleset.note,
    changes: diffRules(current.ruleset.rules, next.ruleset.rules),
  });
  try {
    await services.store.publish(next.ruleset, current.pointerEtag, [audit]);
  } catch (error) {
    if (error instanceof StaleWriteError)
      await refuse(stalePublish(ifMatch as string, "(changed meanwhile)"));
    throw error;
  }
  return json(201, next.ruleset, {
    location: `/api/rulesets/${next.ruleset.version}`,
    etag: `"${next.ruleset.hash}"`,
  });
}

import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  canonicalJson,
  diffRules,
  PublishRequestSchema,
  type Ruleset,
  RulesetSchema,
} from "@smartcity/shared";
import { createHash } from "node:crypto";
import { auditRefusal, requireAdmin } from "../auth/admin";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";
import { isStatus } from "../store/storage-errors";
import { currentEtag } from "./rulesets";

const ENDPOINT = "POST /api/rulesets";

/**
 * POST /api/rulesets — publish a new version (Admin). The caller names the state it saw with
 * If-Match (the ETag of GET /api/rulesets/current); the version row, the move of the pointer
 * and the audit record are one Table Storage transaction guarded by the pointer's ETag, so
 * of two concurrent publishes exactly one lands and the other gets 412 with nothing written.
 */
export async function publishRuleset(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  const admin = await requireAdmin(request, services, ENDPOINT);
  const refuse = async (error: HttpError): Promise<never> => {
    await auditRefusal(services, ENDPOINT, admin.name, error);
    throw error;
  };
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

  const current = await services.store.getCurrentFresh();
  const inForce = (await services.store.inForce()) ?? current.ruleset;
  if (ifMatch !== currentEtag(inForce, current.ruleset))
    await refuse(stale(ifMatch as string, currentEtag(inForce, current.ruleset)));

  const now = new Date();
  const next: Ruleset = RulesetSchema.parse({
    version: String(Number(current.ruleset.version) + 1),
    approval: body.approval,
    effectiveFrom: body.effectiveFrom ?? now.toISOString().slice(0, 10),
    publishedAt: now.toISOString(),
    publishedBy: admin.name,
    note: body.note,
    hash: `sha256:${createHash("sha256").update(canonicalJson(body.rules)).digest("hex")}`,
    rules: body.rules,
  });
  const audit = services.store.auditRow({
    at: next.publishedAt,
    who: admin.name,
    action: "publish",
    endpoint: ENDPOINT,
    version: next.version,
    approval: next.approval,
    changes: diffRules(current.ruleset.rules, next.rules),
  });
  try {
    await services.store.publish(next, current.pointerEtag, [audit]);
  } catch (error) {
    if (isStatus(error, 412) || isStatus(error, 409))
      await refuse(stale(ifMatch as string, "(changed meanwhile)"));
    throw error;
  }
  return json(201, next, { location: `/api/rulesets/${next.version}`, etag: `"${next.hash}"` });
}

function stale(sent: string, now: string): HttpError {
  return new HttpError(412, "PRECONDITION_FAILED", {
    th: `ชุดเกณฑ์ถูกเปลี่ยนไปแล้ว (If-Match ${sent} แต่ปัจจุบันคือ ${now}) กรุณาโหลดใหม่แล้วตรวจสอบอีกครั้ง`,
    en: `The rulesets changed since you read them (If-Match ${sent}, now ${now}); reload, review, and publish again`,
  });
}

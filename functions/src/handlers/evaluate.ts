import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  type EvaluateResponse,
  EvaluateRequestSchema,
  evaluateBatch,
  MAX_APPLICATIONS_PER_BATCH,
  ROLES,
  summariseRuleset,
} from "@smartcity/shared";
import { requireRole } from "../auth/authenticate";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";
import { findVersion } from "./rulesets";

/**
 * POST /api/evaluate — a batch of applications under one ruleset. Only the
 * envelope can fail the request; each application is checked on its own and a
 * bad one gets its own error in its place.
 */
export async function evaluateApplications(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  requireRole(await services.authenticate(request.headers.get("authorization")), ROLES);
  const body = await readJsonBody(request);
  refuseOversizedBatch(body);
  const envelope = parseRequest(EvaluateRequestSchema, body, "evaluate request");
  const ruleset =
    envelope.rulesetVersion === undefined
      ? (await services.store.getCurrent()).ruleset
      : await findVersion(services, envelope.rulesetVersion);
  const response: EvaluateResponse = {
    ruleset: summariseRuleset(ruleset),
    results: evaluateBatch(envelope.applications, ruleset),
  };
  return json(200, response, { "x-ruleset-version": ruleset.version });
}

function refuseOversizedBatch(body: unknown): void {
  const applications = (body as { applications?: unknown } | null)?.applications;
  if (Array.isArray(applications) && applications.length > MAX_APPLICATIONS_PER_BATCH) {
    throw new HttpError(413, "BATCH_TOO_LARGE", {
      th: `ส่งมา ${applications.length} ใบสมัคร เกินขีดจำกัด ${MAX_APPLICATIONS_PER_BATCH} ใบต่อคำขอ กรุณาแบ่งส่งหลายครั้ง`,
      en: `The batch has ${applications.length} applications, above the limit of ${MAX_APPLICATIONS_PER_BATCH} per request; split it`,
    });
  }
}

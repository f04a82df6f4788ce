import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  diffRules,
  MAX_APPLICATIONS_PER_BATCH,
  previewImpact,
  ROLES,
  RulesSchema,
  summariseRuleset,
} from "@smartcity/shared";
import { z } from "zod";
import { requireAdmin } from "../auth/admin";
import { requireRole } from "../auth/authenticate";
import { continuationOf, pageSizeOf } from "../http/paging";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";
import { findVersion, rulesetInForce } from "./rulesets";

/** GET /api/rulesets/{a}/diff/{b} — the rule fields that differ, old (a) and new (b). */
export async function diffVersions(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  requireRole(await services.authenticate(request.headers.get("authorization")), ROLES);
  const before = await findVersion(services, request.params.a);
  const after = await findVersion(services, request.params.b);
  return json(200, {
    from: before.version,
    to: after.version,
    changes: diffRules(before.rules, after.rules),
  });
}

/** GET /api/audit?pageSize=50&continuation=… — every publish and refused admin attempt, newest first (Admin). */
export async function listAudit(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  await requireAdmin(request, services, "GET /api/audit");
  const pageSize = pageSizeOf(request);
  const page = await services.audit.list(pageSize, continuationOf(request));
  return json(200, page);
}

const PreviewRequestSchema = z
  .object({
    rules: RulesSchema,
    applications: z.array(z.unknown()).max(MAX_APPLICATIONS_PER_BATCH),
  })
  .strict();

/**
 * POST /api/rulesets/preview — a candidate `rules` and a batch of applications: each one's
 * result under the version in force and under the candidate, and which flip (Admin).
 */
export async function previewRules(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  await requireAdmin(request, services, "POST /api/rulesets/preview");
  const body = parseRequest(PreviewRequestSchema, await readJsonBody(request), "preview request");
  const inForce = await rulesetInForce(services);
  return json(200, {
    inForce: summariseRuleset(inForce),
    ...previewImpact(body.applications, inForce, body.rules),
  });
}

import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  diffRules,
  evaluateBatch,
  isApplicationError,
  MAX_APPLICATIONS_PER_BATCH,
  ROLES,
  type Ruleset,
  RulesSchema,
  summariseRuleset,
} from "@smartcity/shared";
import { z } from "zod";
import { requireAdmin } from "../auth/admin";
import { requireRole } from "../auth/authenticate";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";
import { findVersion } from "./rulesets";

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
  const pageSize = Number(request.query.get("pageSize") ?? "50");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new HttpError(400, "INVALID_REQUEST", {
      th: "pageSize ต้องเป็นจำนวนเต็ม 1–1000",
      en: `pageSize must be a whole number from 1 to 1000, not "${request.query.get("pageSize")}"`,
    });
  }
  const page = await services.store.listAudit(
    pageSize,
    request.query.get("continuation") ?? undefined
  );
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
  const body = parseRequest(PreviewRequestSchema, await readJsonBody(request), {
    th: "คำขอดูผลกระทบ",
    en: "preview request",
  });
  const inForce = (await services.store.inForce()) ?? (await services.store.getCurrent()).ruleset;
  const candidate: Ruleset = { ...inForce, rules: body.rules };
  const before = evaluateBatch(body.applications, inForce);
  const after = evaluateBatch(body.applications, candidate);
  const flips = before.flatMap((outcome, index) => {
    const next = after[index];
    if (
      isApplicationError(outcome) ||
      isApplicationError(next) ||
      outcome.eligible === next.eligible
    )
      return [];
    return [{ index, id: outcome.id, from: outcome.eligible, to: next.eligible }];
  });
  return json(200, {
    inForce: summariseRuleset(inForce),
    results: before.map((outcome, index) => ({ inForce: outcome, candidate: after[index] })),
    flips,
  });
}

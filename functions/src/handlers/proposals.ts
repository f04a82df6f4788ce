import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  diffRules,
  nextVersion,
  PROPOSAL_STATUSES,
  ProposalExtrasSchema,
  type ProposalRecord,
  previewImpact,
  PublishRequestSchema,
} from "@smartcity/shared";
import { refuserFor, requireAdmin } from "../auth/admin";
import type { Principal } from "../auth/authenticate";
import { HttpError } from "../http/http-error";
import { continuationOf, pageSizeOf } from "../http/paging";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";
import type { StoredProposal } from "../store/proposal-store";
import {
  committeeToday,
  dateRefusal,
  publishingState,
  refusalError,
  rulesHash,
  stalePublish,
} from "./publishing";

const PROPOSAL_WHAT = { th: "ข้อเสนอชุดเกณฑ์", en: "proposal" };

/**
 * Four-eyes publishing, the proposal side: POST /api/proposals (the same body as a publish,
 * plus optional `applications` to preview the impact on), GET /api/proposals and
 * GET /api/proposals/{id}. Approving and rejecting are in proposal-decisions.ts.
 */
const ENDPOINT = "POST /api/proposals";

export async function createProposal(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  const admin = await requireAdmin(request, services, ENDPOINT);
  const refuse = refuserFor(services, ENDPOINT, admin);
  let body;
  let extras;
  try {
    const raw = await readJsonBody(request);
    const isObject = raw !== null && typeof raw === "object" && !Array.isArray(raw);
    const { applications, ...publish } = isObject ? (raw as Record<string, unknown>) : {};
    extras = parseRequest(ProposalExtrasSchema, { applications }, PROPOSAL_WHAT);
    body = parseRequest(PublishRequestSchema, isObject ? publish : raw, PROPOSAL_WHAT);
  } catch (error) {
    if (error instanceof HttpError) await refuse(error);
    throw error;
  }
  const now = services.now();
  const today = committeeToday(services, now);
  const { current, inForce, etag } = await publishingState(services, today);
  const ifMatch = request.headers.get("if-match");
  if (ifMatch !== null && ifMatch !== etag) await refuse(stalePublish(ifMatch, etag));
  const hash = rulesHash(body.rules);
  const dates = dateRefusal(body, today);
  if (dates) return refuse(dates);
  // The checks the approval will make again: a date in the past, no change, too large.
  const trial = nextVersion({
    request: body,
    newest: current.ruleset,
    today,
    now,
    hash,
    publishedBy: admin.name,
  });
  if (!trial.ok) return refuse(refusalError(trial.refusal));
  const proposal: ProposalRecord = {
    id: services.proposals.newId(now),
    base: current.ruleset.version,
    rules: body.rules,
    hash,
    approval: body.approval,
    effectiveFrom: body.effectiveFrom ?? null,
    note: body.note,
    proposedBy: admin.name,
    proposedById: admin.id,
    proposedAt: now.toISOString(),
    status: "pending",
    approvals: [],
    ...(extras.applications
      ? {
          preview: {
            inForce: inForce.version,
            applications: extras.applications.length,
            flips: previewImpact(extras.applications, inForce, body.rules).flips,
          },
        }
      : {}),
  };
  const changes = diffRules(current.ruleset.rules, body.rules);
  await services.proposals.create(proposal, [
    services.audit.row(auditEntry("propose", admin, proposal, now, { changes })),
  ]);
  return json(
    201,
    { ...proposal, diff: changes, outdated: false },
    {
      location: `/api/proposals/${proposal.id}`,
    }
  );
}

export async function listProposals(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  await requireAdmin(request, services, "GET /api/proposals");
  const status = request.query.get("status") ?? undefined;
  if (status !== undefined && !(PROPOSAL_STATUSES as readonly string[]).includes(status)) {
    throw new HttpError(400, "INVALID_REQUEST", {
      th: `สถานะต้องเป็น "pending" "approved" หรือ "rejected" ไม่ใช่ "${status}"`,
      en: `status must be pending, approved or rejected, not "${status}"`,
    });
  }
  const page = await services.proposals.list(pageSizeOf(request), {
    status: status as ProposalRecord["status"] | undefined,
    continuation: continuationOf(request),
  });
  const proposals = [];
  for (const proposal of page.proposals) proposals.push(await renderProposal(services, proposal));
  return json(200, { proposals, ...(page.next ? { next: page.next } : {}) });
}

export async function getProposal(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  await requireAdmin(request, services, "GET /api/proposals/{id}");
  const stored = await findProposal(services, request.params.id);
  return json(200, await renderProposal(services, stored.proposal));
}

/** A proposal as the API answers it: with its diff against its base, and whether it is outdated. */
export async function renderProposal(services: Services, proposal: ProposalRecord) {
  const base = await services.store.getVersion(proposal.base);
  const { ruleset: newest } = await services.store.getCurrent();
  return {
    ...proposal,
    diff: base ? diffRules(base.rules, proposal.rules) : [],
    outdated: proposal.status === "pending" && proposal.base !== newest.version,
  };
}

export async function findProposal(
  services: Services,
  id: string | undefined
): Promise<StoredProposal> {
  const stored = id === undefined ? undefined : await services.proposals.get(id);
  if (stored === undefined) {
    throw new HttpError(404, "PROPOSAL_NOT_FOUND", {
      th: `ไม่พบข้อเสนอ "${id}"`,
      en: `There is no proposal "${id}" (GET /api/proposals lists them)`,
    });
  }
  return stored;
}

export function auditEntry(
  action: "propose" | "approve" | "reject",
  who: Principal,
  proposal: ProposalRecord,
  now: Date,
  extra: { changes?: unknown; version?: string; note?: string } = {}
) {
  return {
    at: now.toISOString(),
    who: who.name,
    whoId: who.id,
    action,
    endpoint: action === "propose" ? ENDPOINT : `POST /api/proposals/${proposal.id}/${action}`,
    proposal: proposal.id,
    approval: proposal.approval,
    ...extra,
  };
}

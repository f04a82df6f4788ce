import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  decideApproval,
  diffRules,
  nextVersion,
  type ProposalRecord,
  proposalClosed,
  proposalOutdated,
  RejectRequestSchema,
} from "@smartcity/shared";
import { refuserFor, requireAdmin } from "../auth/admin";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";
import { StaleWriteError } from "../store/storage-errors";
import { auditEntry, findProposal, renderProposal } from "./proposals";
import { committeeToday, publishingState, refusalError } from "./publishing";

/**
 * POST /api/proposals/{id}/approve — an admin other than the proposer approves. The approval
 * that completes the count (SMARTCITY_PUBLISH_APPROVALS distinct approvers, at least one)
 * makes the proposal the next version: the version row, the pointer, the proposal's new
 * state and the audit record are one transaction guarded by the pointer's and the proposal's
 * ETags, so of 20 concurrent approvals exactly one publishes and the others find it closed.
 */
export async function approveProposal(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  const endpoint = `POST /api/proposals/${request.params.id}/approve`;
  const admin = await requireAdmin(request, services, endpoint);
  const refuse = refuserFor(services, endpoint, admin);
  const now = services.now();
  const today = committeeToday(services, now);
  // The state first, then the proposal: one approved in between then reads as closed, not outdated.
  const { current } = await publishingState(services, today);
  const { proposal, etag } = await findProposal(services, request.params.id);
  const required = Math.max(1, services.config.publishApprovals);
  const decision = decideApproval(proposal, admin, current.ruleset.version, required);
  if (!decision.ok) return refuse(refusalError(decision.refusal));
  const approvals = [
    ...proposal.approvals,
    { by: admin.name, byId: admin.id, at: now.toISOString() },
  ];

  if (!decision.completes) {
    const changes = await changesOf(services, proposal);
    const updated: ProposalRecord = { ...proposal, approvals };
    await writeOrExplain(services, proposal.id, refuse, () =>
      services.proposals.replace(updated, etag, [
        services.audit.row(
          auditEntry("approve", admin, proposal, now, {
            changes,
          })
        ),
      ])
    );
    return json(200, await renderProposal(services, updated));
  }

  const next = nextVersion({
    request: { ...proposal, effectiveFrom: proposal.effectiveFrom ?? undefined },
    newest: current.ruleset,
    today,
    now,
    hash: proposal.hash,
    publishedBy: admin.name,
    proposal: {
      id: proposal.id,
      proposedBy: proposal.proposedBy,
      approvedBy: approvals.map((entry) => entry.by),
    },
  });
  if (!next.ok) return refuse(refusalError(next.refusal));
  const version = next.ruleset.version;
  const approved: ProposalRecord = { ...proposal, approvals, status: "approved", version };
  await writeOrExplain(services, proposal.id, refuse, () =>
    services.store.publish(next.ruleset, current.pointerEtag, [
      services.proposals.replaceOperation(approved, etag),
      services.audit.row(
        auditEntry("approve", admin, proposal, now, {
          version,
          changes: diffRules(current.ruleset.rules, next.ruleset.rules),
        })
      ),
    ])
  );
  return json(201, next.ruleset, {
    location: `/api/rulesets/${version}`,
    etag: `"${next.ruleset.hash}"`,
  });
}

/** POST /api/proposals/{id}/reject `{ note }` — closes a pending proposal (any admin, the proposer too: a withdrawal). */
export async function rejectProposal(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  const endpoint = `POST /api/proposals/${request.params.id}/reject`;
  const admin = await requireAdmin(request, services, endpoint);
  const refuse = refuserFor(services, endpoint, admin);
  let body;
  try {
    body = parseRequest(RejectRequestSchema, await readJsonBody(request), {
      th: "คำขอปฏิเสธข้อเสนอ",
      en: "rejection",
    });
  } catch (error) {
    if (error instanceof HttpError) await refuse(error);
    throw error;
  }
  const { proposal, etag } = await findProposal(services, request.params.id);
  if (proposal.status !== "pending") return refuse(refusalError(proposalClosed(proposal)));
  const now = services.now();
  const changes = await changesOf(services, proposal);
  const rejected: ProposalRecord = {
    ...proposal,
    status: "rejected",
    rejection: { by: admin.name, byId: admin.id, at: now.toISOString(), note: body.note },
  };
  await writeOrExplain(services, proposal.id, refuse, () =>
    services.proposals.replace(rejected, etag, [
      services.audit.row(
        auditEntry("reject", admin, proposal, now, {
          note: body.note,
          changes,
        })
      ),
    ])
  );
  return json(200, await renderProposal(services, rejected));
}

/** The proposal's diff against its base, for the audit record of a step. */
async function changesOf(services: Services, proposal: ProposalRecord) {
  const base = await services.store.getVersion(proposal.base);
  return base ? diffRules(base.rules, proposal.rules) : undefined;
}

/**
 * Runs a guarded write; when it finds the state changed meanwhile, reads it again to say why
 * (the proposal was closed by someone else, or another version was published).
 */
async function writeOrExplain(
  services: Services,
  id: string,
  refuse: (error: HttpError) => Promise<never>,
  write: () => Promise<void>
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof StaleWriteError)) throw error;
    const { proposal } = await findProposal(services, id);
    if (proposal.status !== "pending") await refuse(refusalError(proposalClosed(proposal)));
    const { ruleset: newest } = await services.store.getCurrentFresh();
    if (proposal.base !== newest.version)
      await refuse(refusalError(proposalOutdated(proposal, newest.version)));
    await refuse(
      new HttpError(409, "CHANGED_MEANWHILE", {
        th: "ข้อเสนอนี้ถูกเปลี่ยนระหว่างที่ดำเนินการ กรุณาโหลดใหม่แล้วลองอีกครั้ง",
        en: "The proposal changed while this was being done (another approval landed); reload it and try again",
      })
    );
  }
}

import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, decideApproval, type ProposalRecord } from "@smartcity/shared";

const proposal: ProposalRecord = {
  id: "8203837844448-e87e6003",
  base: "3",
  rules: BASELINE_RULESET.rules,
  hash: BASELINE_RULESET.hash,
  approval: { reference: "1/2569", date: "2026-07-14" },
  effectiveFrom: null,
  note: "n",
  proposedBy: "somchai",
  proposedById: "oid-somchai",
  proposedAt: "2026-12-01T00:00:00.000Z",
  status: "pending",
  approvals: [],
};
const suda = { id: "oid-suda", name: "suda" };
const niran = { id: "oid-niran", name: "niran" };

describe("decideApproval", () => {
  test.each([
    ["another admin, one needed", proposal, suda, "3", 1, { ok: true, completes: true }],
    ["the first of two", proposal, suda, "3", 2, { ok: true, completes: false }],
    [
      "the second of two",
      { ...proposal, approvals: [{ by: "suda", byId: "oid-suda", at: "x" }] },
      niran,
      "3",
      2,
      { ok: true, completes: true },
    ],
    [
      "the proposer (same id, another name)",
      proposal,
      { id: "oid-somchai", name: "Somchai J." },
      "3",
      1,
      { ok: false, refusal: { code: "SELF_APPROVAL" } },
    ],
    [
      "the same approver twice",
      { ...proposal, approvals: [{ by: "suda", byId: "oid-suda", at: "x" }] },
      suda,
      "3",
      2,
      { ok: false, refusal: { code: "ALREADY_APPROVED" } },
    ],
    [
      "an outdated base",
      proposal,
      suda,
      "4",
      1,
      { ok: false, refusal: { code: "PROPOSAL_OUTDATED" } },
    ],
    [
      "an approved proposal",
      { ...proposal, status: "approved" as const, version: "4" },
      suda,
      "4",
      1,
      { ok: false, refusal: { code: "PROPOSAL_CLOSED" } },
    ],
    [
      "a rejected proposal, even by its proposer",
      { ...proposal, status: "rejected" as const },
      { id: "oid-somchai", name: "somchai" },
      "3",
      1,
      { ok: false, refusal: { code: "PROPOSAL_CLOSED" } },
    ],
  ])("%s", (_what, record, approver, newest, required, expected) => {
    expect(decideApproval(record, approver, newest, required)).toMatchObject(expected);
  });

  test("messages are in Thai (no English words) and English", () => {
    const outdated = decideApproval(proposal, suda, "4", 1);
    expect(outdated).toMatchObject({
      refusal: {
        message: {
          th: "ข้อเสนอนี้เขียนจากฉบับที่ 3 แต่ขณะนี้ฉบับล่าสุดคือฉบับที่ 4 กรุณาปฏิเสธข้อเสนอนี้แล้วเสนอใหม่จากฉบับล่าสุด",
          en: "This proposal was written against version 3, but the newest is now version 4; reject it and propose again from the newest",
        },
      },
    });
  });
});

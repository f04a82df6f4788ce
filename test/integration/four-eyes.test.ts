import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { signDevToken } from "../../functions/src/auth/dev-keys";
import { apiCaller, bodyWith } from "../helpers/api-calls";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

// Four-eyes publishing against the API process and a real Azurite, with the
// default setting: SMARTCITY_PUBLISH_APPROVALS unset, so one other admin must approve.
let storage: TestStorage;
let api: ApiProcess;
let somchai: string;
let suda: string;
let niran: string;
let evaluator: string;
const call = apiCaller(() => api.url);

beforeAll(async () => {
  storage = await startTestStorage();
  const env: Record<string, string> = { ...storage.env };
  delete env.SMARTCITY_PUBLISH_APPROVALS;
  api = await startApiProcess(env);
  const admin = (name: string) => signDevToken(storage.keyFile, { roles: ["Admin"], name });
  [somchai, suda, niran] = await Promise.all([admin("somchai"), admin("suda"), admin("niran")]);
  evaluator = await tokenFor(storage.keyFile, "Evaluator");
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

const propose = (token: string, body: object) => call("/api/proposals", token, { body });
const approve = (token: string, id: string) =>
  call(`/api/proposals/${id}/approve`, token, { method: "POST" });
const reject = (token: string, id: string, note = "not what the meeting decided") =>
  call(`/api/proposals/${id}/reject`, token, { body: { note } });
const versions = async () =>
  (await call("/api/rulesets", evaluator)).body.rulesets.map((r: { version: string }) => r.version);

describe("with the default setting (one approval)", () => {
  test("POST /api/rulesets answers 403 APPROVAL_REQUIRED naming the proposals endpoint", async () => {
    const etag = (await call("/api/rulesets/current", evaluator)).etag as string;
    const refused = await call("/api/rulesets", somchai, {
      body: bodyWith(75),
      headers: { "if-match": etag },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("APPROVAL_REQUIRED");
    expect(refused.body.error.message.en).toContain("POST /api/proposals");
    expect(refused.body.error.message.th).not.toMatch(/[A-Za-z]/);
    expect(await versions()).toEqual(["1"]);
  });

  test("two admins complete propose → approve: somchai proposes, suda approves, version 2 is in force", async () => {
    const proposed = await propose(somchai, {
      ...bodyWith(75),
      applications: [{ id: "p78", scores: { environment: 78, energy: 78 } }],
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      id: expect.any(String),
      base: "1",
      rules: { overallMinPercent: 75 },
      approval: { reference: "1/2569", date: "2026-07-14" },
      effectiveFrom: null,
      note: "overall bar 75%",
      proposedBy: "somchai",
      proposedAt: expect.any(String),
      status: "pending",
      diff: [{ path: "overallMinPercent", old: 80, new: 75 }],
      preview: {
        inForce: "1",
        applications: 1,
        flips: [{ index: 0, id: "p78", from: false, to: true }],
      },
    });
    const id = proposed.body.id;
    expect(await versions()).toEqual(["1"]); // nothing is published by a proposal

    const listed = await call("/api/proposals?status=pending", suda);
    expect(listed.body.proposals.map((p: { id: string }) => p.id)).toContain(id);
    expect((await call(`/api/proposals/${id}`, suda)).body).toMatchObject({ id, outdated: false });

    const approved = await approve(suda, id);
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({
      version: "2",
      publishedBy: "suda",
      rules: { overallMinPercent: 75 },
      proposal: { id, proposedBy: "somchai", approvedBy: ["suda"] },
    });
    expect(await versions()).toEqual(["2", "1"]);
    expect((await call("/api/rulesets/current", evaluator)).body.version).toBe("2");
    const after = (await call(`/api/proposals/${id}`, somchai)).body;
    expect(after).toMatchObject({ status: "approved", version: "2", approvals: [{ by: "suda" }] });

    // Approved is final: no second approval, no rejection.
    expect(await approve(niran, id)).toMatchObject({
      status: 409,
      body: { error: { code: "PROPOSAL_CLOSED" } },
    });
    expect(await reject(niran, id)).toMatchObject({
      status: 409,
      body: { error: { code: "PROPOSAL_CLOSED" } },
    });
  });

  test("approving your own proposal → 403 SELF_APPROVAL; it stays pending", async () => {
    const { id } = (await propose(somchai, bodyWith(74))).body;
    const refused = await approve(somchai, id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("SELF_APPROVAL");
    expect(refused.body.error.message.th.replace("somchai", "")).not.toMatch(/[A-Za-z]/);
    expect((await call(`/api/proposals/${id}`, somchai)).body.status).toBe("pending");
    expect((await reject(somchai, id, "withdrawn")).body).toMatchObject({
      status: "rejected",
      rejection: { by: "somchai", note: "withdrawn" },
    });
  });

  test("a proposal whose base is no longer the newest → 409 PROPOSAL_OUTDATED", async () => {
    const first = (await propose(somchai, bodyWith(73))).body;
    const second = (await propose(niran, bodyWith(72))).body;
    expect(first.base).toBe(second.base);
    expect((await approve(suda, first.id)).status).toBe(201);
    expect((await call(`/api/proposals/${second.id}`, suda)).body.outdated).toBe(true);
    const refused = await approve(suda, second.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("PROPOSAL_OUTDATED");
    expect(refused.body.error.message.en).toContain(`version ${first.base}`);
    expect(refused.body.error.message.th).not.toMatch(/[A-Za-z]/);
  });

  test("20 concurrent approvals of one proposal → exactly one version", async () => {
    const before = await versions();
    const { id } = (await propose(somchai, bodyWith(71))).body;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => approve(i % 2 === 0 ? suda : niran, id))
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await versions()).toHaveLength(before.length + 1);
    const winner = answers.find((answer) => answer.status === 201)!.body;
    expect((await call(`/api/proposals/${id}`, suda)).body).toMatchObject({
      status: "approved",
      version: winner.version,
    });
  });

  test("a rejection needs a note; a rejected proposal cannot be approved", async () => {
    const { id } = (await propose(somchai, bodyWith(70))).body;
    expect(await reject(suda, id, "")).toMatchObject({
      status: 400,
      body: { error: { code: "INVALID_REQUEST" } },
    });
    expect((await reject(suda, id)).body).toMatchObject({ status: "rejected" });
    expect((await approve(niran, id)).body.error.code).toBe("PROPOSAL_CLOSED");
  });

  test("a proposal is checked like a publish: bad rules 400, a past date 400, no change 409; unknown id 404; evaluators 403", async () => {
    const invalid = await propose(somchai, { ...bodyWith(120), note: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["rules.overallMinPercent", "note"])
    );
    expect(
      (await propose(somchai, bodyWith(69, { effectiveFrom: "2020-01-01" }))).body.error.code
    ).toBe("EFFECTIVE_DATE_IN_PAST");
    const newest = (await call("/api/rulesets/current", evaluator)).body;
    expect((await propose(somchai, { ...bodyWith(1), rules: newest.rules })).body.error.code).toBe(
      "NO_CHANGE"
    );
    expect((await call("/api/proposals/0000000000000-00000000", suda)).status).toBe(404);
    expect((await call("/api/proposals", evaluator)).status).toBe(403);
    expect((await propose(evaluator, bodyWith(68))).status).toBe(403);
  });

  test("every step is in the audit log: who, when, the diff", async () => {
    const { entries } = (await call("/api/audit?pageSize=500", suda)).body;
    const propose = entries.find((e: { action: string; who: string }) => e.action === "propose");
    expect(propose).toMatchObject({
      who: expect.any(String),
      at: expect.any(String),
      proposal: expect.any(String),
      changes: [{ path: "overallMinPercent" }],
    });
    const approval = entries.find(
      (e: { action: string; version?: string }) => e.action === "approve" && e.version === "2"
    );
    expect(approval).toMatchObject({
      who: "suda",
      whoId: "dev-user-suda",
      changes: [{ path: "overallMinPercent", old: 80, new: 75 }],
    });
    expect(entries.find((e: { action: string }) => e.action === "reject")).toMatchObject({
      who: expect.any(String),
      at: expect.any(String),
      note: expect.any(String),
      changes: [{ path: "overallMinPercent" }],
    });
    const selfApproval = entries.find(
      (e: { action: string; why?: string }) =>
        e.action === "refused" && e.why?.startsWith("403 You cannot approve")
    );
    expect(selfApproval).toMatchObject({ who: "somchai" });
  });
});

describe("with SMARTCITY_PUBLISH_APPROVALS=2", () => {
  test("a proposal needs two distinct approvers; the first approval keeps it pending", async () => {
    const two = await startApiProcess({
      ...storage.env,
      SMARTCITY_PUBLISH_APPROVALS: "2",
      SMARTCITY_RULESETS_TABLE: "twoapprovals",
    });
    const call2 = apiCaller(() => two.url);
    try {
      const { id } = (await call2("/api/proposals", somchai, { body: bodyWith(76) })).body;
      const first = await call2(`/api/proposals/${id}/approve`, suda, { method: "POST" });
      expect(first).toMatchObject({
        status: 200,
        body: { status: "pending", approvals: [{ by: "suda" }] },
      });
      const again = await call2(`/api/proposals/${id}/approve`, suda, { method: "POST" });
      expect(again.body.error.code).toBe("ALREADY_APPROVED");
      const second = await call2(`/api/proposals/${id}/approve`, niran, { method: "POST" });
      expect(second).toMatchObject({
        status: 201,
        body: { version: "2", proposal: { approvedBy: ["suda", "niran"] } },
      });
    } finally {
      await two.stop();
    }
  });
});

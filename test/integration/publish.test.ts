import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET, type Rules } from "@smartcity/shared";
import { apiCaller } from "../helpers/api-calls";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

// Publishing new ruleset versions, against the API process and a real Azurite.
let storage: TestStorage;
let api: ApiProcess;
let admin: string;
let evaluator: string;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  admin = await tokenFor(storage.keyFile, "Admin");
  evaluator = await tokenFor(storage.keyFile, "Evaluator");
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

const call = apiCaller(() => api.url);

const etagOfCurrent = async () => (await call("/api/rulesets/current", evaluator)).etag as string;
const rulesWith = (changes: Partial<Rules>) => ({
  ...structuredClone(BASELINE_RULESET.rules),
  ...changes,
});
const publish = (ifMatch: string | undefined, body: object, token = admin) =>
  call("/api/rulesets", token, { body, headers: ifMatch ? { "if-match": ifMatch } : {} });
const lowerBar = {
  rules: rulesWith({ overallMinPercent: 75 }),
  approval: { reference: "1/2566", date: "๑๔ กรกฎาคม ๒๕๖๖" },
  note: "lower the overall bar to 75%",
};
const at78 = { applications: [{ id: "at78", scores: { environment: 78, energy: 78 } }] };

describe("publishing", () => {
  test("rules without preliminaryCriteria, with or without another fault, are a 400 that says so, never a 500", async () => {
    for (const change of [{}, { minDimensions: 0 }]) {
      const rules: Partial<Rules> = rulesWith(change);
      delete rules.preliminaryCriteria;
      const answer = await publish(await etagOfCurrent(), { ...lowerBar, rules });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.error)).toContain("preliminaryCriteria");
    }
  });

  test("an admin publishes version 2 with a Thai-dated approval; unpinned evaluations follow, pinned ones do not", async () => {
    expect((await call("/api/evaluate", evaluator, { body: at78 })).body.results[0].eligible).toBe(
      false
    );
    const etag = await etagOfCurrent();
    expect(etag).toBe('"v1"');
    const published = await publish(etag, lowerBar);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      version: "2",
      approval: { reference: "1/2566", date: "2023-07-14" },
      publishedBy: "Dev Admin",
      note: "lower the overall bar to 75%",
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect((await call("/api/evaluate", evaluator, { body: at78 })).body).toMatchObject({
      ruleset: { version: "2" },
      results: [{ eligible: true }],
    });
    expect(
      (await call("/api/evaluate", evaluator, { body: { rulesetVersion: "1", ...at78 } })).body
        .results[0].eligible
    ).toBe(false);
    expect(await etagOfCurrent()).toBe('"v2"');
  });

  test("without If-Match: 428; with a stale one: 412; both change nothing", async () => {
    expect(await publish(undefined, lowerBar)).toMatchObject({
      status: 428,
      body: { error: { code: "PRECONDITION_REQUIRED" } },
    });
    expect(await publish('"v1"', lowerBar)).toMatchObject({
      status: 412,
      body: { error: { code: "PRECONDITION_FAILED" } },
    });
    expect(
      (await call("/api/rulesets", evaluator)).body.rulesets.map(
        (r: { version: string }) => r.version
      )
    ).toEqual(["2", "1"]);
  });

  test("only Admin may publish: Evaluator 403, no token 401", async () => {
    const etag = await etagOfCurrent();
    expect((await publish(etag, lowerBar, evaluator)).status).toBe(403);
    expect((await publish(etag, lowerBar, "")).status).toBe(401);
  });

  test("invalid rules are refused with 400 naming each field", async () => {
    const rules = rulesWith({ overallMinPercent: 120, minDimensions: 9 });
    rules.dimensions[1] = { ...rules.dimensions[1], id: "living", weight: -1 };
    const refused = await publish(await etagOfCurrent(), {
      ...lowerBar,
      rules,
      approval: { reference: "", date: "31/02/2566" },
    });
    expect(refused.status).toBe(400);
    const paths = refused.body.error.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "rules.overallMinPercent",
        "rules.minDimensions",
        "rules.dimensions[1].weight",
        "rules.dimensions[1].id",
        "approval.reference",
        "approval.date",
      ])
    );
    expect(refused.body.error.message.en).toContain('"31/02/2566" is not a real date');
  });

  test("20 publishes fired at once with the same If-Match: exactly one 201, the rest 412, one new version", async () => {
    const etag = await etagOfCurrent();
    const before = (await call("/api/rulesets", evaluator)).body.rulesets.length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        publish(etag, {
          ...lowerBar,
          rules: rulesWith({ overallMinPercent: 70 + (i % 5) }),
          note: `attempt ${i}`,
        })
      )
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(19);
    const history = (await call("/api/rulesets", evaluator)).body.rulesets;
    expect(history).toHaveLength(before + 1);
    const winner = answers.find((answer) => answer.status === 201)!.body;
    expect(history[0].version).toBe(winner.version);
    expect((await call("/api/rulesets/current", evaluator)).body.note).toBe(winner.note);
    const audit = (await call("/api/audit?pageSize=200", admin)).body.entries;
    expect(
      audit.filter(
        (entry: { action: string; version?: string }) =>
          entry.action === "publish" && entry.version === winner.version
      )
    ).toHaveLength(1);
  });
});

describe("effective dating, diff, audit and preview", () => {
  test("a version scheduled for the future is listed as scheduled and does not apply until then; asOf reaches back and forward", async () => {
    const etag = await etagOfCurrent();
    const scheduled = await publish(etag, {
      ...lowerBar,
      rules: rulesWith({ overallMinPercent: 90 }),
      effectiveFrom: "2099-01-01",
      note: "future",
    });
    expect(scheduled.status).toBe(201);
    const history = (await call("/api/rulesets", evaluator)).body.rulesets;
    expect(history[0]).toMatchObject({ version: scheduled.body.version, status: "scheduled" });
    expect(history[1]).toMatchObject({ status: "inForce" });
    expect((await call("/api/rulesets/current", evaluator)).body.version).toBe(history[1].version);
    expect(
      (await call("/api/evaluate", evaluator, { body: { asOf: "2099-02-01", ...at78 } })).body
        .ruleset.version
    ).toBe(scheduled.body.version);
    expect(
      (await call("/api/evaluate", evaluator, { body: { asOf: "2019-01-01", ...at78 } })).body
        .ruleset.version
    ).toBe("1");
    expect(
      (await call("/api/evaluate", evaluator, { body: { asOf: "2017-01-01", ...at78 } })).status
    ).toBe(404);
  });

  test("diff names the rule fields that changed, old and new", async () => {
    const diff = await call("/api/rulesets/1/diff/2", evaluator);
    expect(diff.body).toEqual({
      from: "1",
      to: "2",
      changes: [{ path: "overallMinPercent", old: 80, new: 75 }],
    });
    expect((await call("/api/rulesets/1/diff/99", evaluator)).status).toBe(404);
  });

  test("the audit log is for admins, newest first, and holds publishes with their diff and refused attempts", async () => {
    expect((await call("/api/audit", evaluator)).status).toBe(403);
    const { entries } = (await call("/api/audit?pageSize=500", admin)).body;
    const times = entries.map((entry: { at: string }) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    const firstPublish = entries.find((entry: { version?: string }) => entry.version === "2");
    expect(firstPublish).toMatchObject({
      action: "publish",
      who: "Dev Admin",
      approval: { reference: "1/2566" },
      changes: [{ path: "overallMinPercent", old: 80, new: 75 }],
    });
    const refused = entries.filter((entry: { action: string }) => entry.action === "refused");
    expect(refused.map((entry: { why: string }) => entry.why.slice(0, 3))).toEqual(
      expect.arrayContaining(["401", "403", "412", "428", "400"])
    );
    const refusedPublish = (entry: { why: string; endpoint: string }) =>
      entry.why.startsWith("403") && entry.endpoint === "POST /api/rulesets";
    expect(refused.find(refusedPublish)).toMatchObject({ who: "Dev Evaluator" });
    expect(refused[0]).toMatchObject({ who: "Dev Evaluator", endpoint: "GET /api/audit" }); // the newest: the evaluator's try just now
    const page = (await call("/api/audit?pageSize=2", admin)).body;
    expect(page.entries).toHaveLength(2);
    expect(page.next).toEqual(expect.any(String));
  });

  test("preview shows each application under the version in force and the candidate, and which flip", async () => {
    const preview = await call("/api/rulesets/preview", admin, {
      body: {
        rules: rulesWith({ overallMinPercent: 95 }),
        applications: [
          { id: "flips", scores: { environment: 90, energy: 90 } },
          { id: "stays", scores: { energy: 90 } },
          { id: "bad", scores: { environment: 120 } },
        ],
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.flips).toEqual([
      {
        index: 0,
        id: "flips",
        from: true,
        to: false,
        fromOutcome: "eligible",
        toOutcome: "notEligible",
      },
    ]);
    expect(preview.body.results[2].candidate.error.code).toBe("INVALID_SCORE");
    expect(
      (
        await call("/api/rulesets/preview", evaluator, {
          body: { rules: BASELINE_RULESET.rules, applications: [] },
        })
      ).status
    ).toBe(403);
  });
});

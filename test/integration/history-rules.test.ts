import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { dateInTimeZone, MAX_RULESET_CHARACTERS } from "@smartcity/shared";
import { apiCaller, bodyWith, rulesWith } from "../helpers/api-calls";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

// History append-only in time, no-op publish, the ETag served, and long
// rulesets, bad continuations), against the API process and a real Azurite, publishing
// directly (SMARTCITY_PUBLISH_APPROVALS=0, set by startTestStorage).
let storage: TestStorage;
let api: ApiProcess;
let admin: string;
let evaluator: string;
const call = apiCaller(() => api.url);

beforeAll(async () => {
  storage = await startTestStorage();
  // A long pointer TTL, so that a stale cache would show within the test.
  api = await startApiProcess({ ...storage.env, SMARTCITY_CURRENT_RULESET_TTL_MS: "60000" });
  admin = await tokenFor(storage.keyFile, "Admin");
  evaluator = await tokenFor(storage.keyFile, "Evaluator");
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

const etagOfCurrent = async () => (await call("/api/rulesets/current", evaluator)).etag as string;
const publish = async (body: object, ifMatch?: string) =>
  call("/api/rulesets", admin, {
    body,
    headers: { "if-match": ifMatch ?? (await etagOfCurrent()) },
  });
const plan77 = { applications: [{ id: "p77", scores: { environment: 77, energy: 77 } }] };
const bangkokToday = () => dateInTimeZone(new Date(), "Asia/Bangkok");

describe("history is append-only in time", () => {
  test("a backdated publish is refused with 400 EFFECTIVE_DATE_IN_PAST naming the date and today; the past answers as before", async () => {
    const asOf2021 = { asOf: "2021-06-01", ...plan77 };
    const before = (await call("/api/evaluate", evaluator, { body: asOf2021 })).body;
    expect(before).toMatchObject({ ruleset: { version: "1" }, results: [{ eligible: false }] });
    const refused = await publish(bodyWith(75, { effectiveFrom: "2020-01-01" }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("EFFECTIVE_DATE_IN_PAST");
    expect(refused.body.error.message.en).toContain("2020-01-01");
    expect(refused.body.error.message.en).toContain(`today is ${bangkokToday()}`);
    expect(refused.body.error.message.th).toContain("2563"); // 2020 in the Buddhist Era
    expect(refused.body.error.message.th).not.toMatch(/[A-Za-z]/);
    expect((await call("/api/rulesets", evaluator)).body.rulesets).toHaveLength(1);
    expect((await call("/api/evaluate", evaluator, { body: asOf2021 })).body).toEqual(before);
  });

  test("without effectiveFrom a version takes effect today in Bangkok, and asOf a past date still answers version 1", async () => {
    const published = await publish(bodyWith(75));
    expect(published.status).toBe(201);
    expect(published.body.effectiveFrom).toBe(bangkokToday());
    const past = await call("/api/evaluate", evaluator, {
      body: { asOf: "2021-06-01", ...plan77 },
    });
    expect(past.body).toMatchObject({ ruleset: { version: "1" }, results: [{ eligible: false }] });
    const now = await call("/api/evaluate", evaluator, { body: plan77 });
    expect(now.body).toMatchObject({ ruleset: { version: "2" }, results: [{ eligible: true }] });
  });
});

describe("a no-op publish", () => {
  test("rules equal to the version in force → 409 NO_CHANGE, nothing written", async () => {
    const refused = await publish(bodyWith(75, { note: "again" }));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "NO_CHANGE",
      message: { en: expect.stringContaining("version 2") },
    });
    expect(refused.body.error.message.th).not.toMatch(/[A-Za-z]/);
    expect((await call("/api/rulesets", evaluator)).body.rulesets).toHaveLength(2);
  });

  test("rules equal to a scheduled newest version → 409 NO_CHANGE too", async () => {
    const scheduled = await publish(bodyWith(90, { effectiveFrom: "2099-01-01" }));
    expect(scheduled.status).toBe(201);
    const again = await publish(bodyWith(90, { effectiveFrom: "2099-06-01" }));
    expect(again).toMatchObject({ status: 409, body: { error: { code: "NO_CHANGE" } } });
    // The rules in force (75) are not the newest's (90): publishing them now is a change.
    expect((await publish(bodyWith(75, { note: "cancel the schedule" }))).status).toBe(201);
  });
});

describe("the ETag served", () => {
  test("after concurrent publishes on one instance, the ETag read next is one that a publish accepts", async () => {
    for (let round = 0; round < 3; round++) {
      const etag = await etagOfCurrent();
      const reads: Promise<unknown>[] = [];
      const publishes = Array.from({ length: 8 }, (_, i) => {
        reads.push(call("/api/rulesets/current", evaluator));
        return publish(bodyWith(60 + round * 10 + i), etag);
      });
      const statuses = (await Promise.all(publishes)).map((answer) => answer.status);
      await Promise.all(reads);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      const next = await etagOfCurrent();
      const newest = (await call("/api/rulesets", evaluator)).body.rulesets[0].version;
      expect(next).toBe(`"v${newest}"`);
      const accepted = await publish(bodyWith(50 + round, { note: `round ${round}` }), next);
      expect(accepted.status).toBe(201);
    }
  });
});

describe("long rulesets", () => {
  const longThai = (n: number) => "ประชาชนมีสุขภาพดีและเมืองปลอดภัย".repeat(n);

  test("a ruleset over 32,000 characters (long Thai texts) publishes, reads back whole, and evaluates", async () => {
    const rules = rulesWith({ overallMinPercent: 72 });
    rules.dimensions = rules.dimensions.map((dimension) => ({
      ...dimension,
      attributes: [{ th: longThai(200), en: "long attribute" }],
    }));
    const body = { ...bodyWith(72), rules };
    expect(JSON.stringify(body).length).toBeGreaterThan(40_000); // one Table property holds 32,768
    const published = await publish(body);
    expect(published.status).toBe(201);
    const read = await call(`/api/rulesets/${published.body.version}`, evaluator);
    expect(read.body.rules.dimensions[6].attributes[0].th).toBe(longThai(200));
    expect(read.body).toEqual(published.body);
    const evaluated = await call("/api/evaluate", evaluator, { body: plan77 });
    expect(evaluated.body.ruleset.version).toBe(published.body.version);
  });

  test(`a ruleset above ${MAX_RULESET_CHARACTERS} characters → 413 RULESET_TOO_LARGE, in Thai and English`, async () => {
    const rules = rulesWith({ overallMinPercent: 71 });
    rules.dimensions[0] = {
      ...rules.dimensions[0],
      aliases: [longThai(Math.ceil(MAX_RULESET_CHARACTERS / 30))],
    };
    const refused = await publish({ ...bodyWith(71), rules });
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe("RULESET_TOO_LARGE");
    expect(refused.body.error.message.en).toContain(String(MAX_RULESET_CHARACTERS));
    expect(refused.body.error.message.th).toContain(String(MAX_RULESET_CHARACTERS));
    expect(refused.body.error.message.th).not.toMatch(/[A-Za-z]/);
  });
});

describe("continuation tokens", () => {
  test("a garbage or foreign continuation on GET /api/audit is a 400, never a 500; a real one pages on", async () => {
    for (const garbage of [
      "garbage",
      "%%%",
      Buffer.from('{"nextPartitionKey":1}').toString("base64"),
    ]) {
      const answer = await call(`/api/audit?continuation=${encodeURIComponent(garbage)}`, admin);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("INVALID_CONTINUATION");
      expect(answer.body.error.message.th).not.toMatch(/[A-Za-z]/);
    }
    const first = await call("/api/audit?pageSize=2", admin);
    const second = await call(
      `/api/audit?pageSize=2&continuation=${encodeURIComponent(first.body.next)}`,
      admin
    );
    expect(second.status).toBe(200);
    expect(second.body.entries).toHaveLength(2);
    expect(second.body.entries[0]).not.toEqual(first.body.entries[0]);
    // Well-formed but made up: storage's keys are opaque, and a made-up one is still not a 500.
    const madeUp = Buffer.from(JSON.stringify({ nextPartitionKey: "x", nextRowKey: "y" })).toString(
      "base64"
    );
    expect((await call(`/api/audit?continuation=${madeUp}`, admin)).status).toBeLessThan(500);
  });

  test("the same on GET /api/proposals", async () => {
    const answer = await call("/api/proposals?continuation=not-a-token", admin);
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { code: "INVALID_CONTINUATION" } },
    });
  });
});

// Last: it publishes many versions.
describe("asOf stability over the API", () => {
  test("property: for any sequence of publishes (past, today, future or no date), asOf any past date answers the same version", async () => {
    const day = 86_400_000;
    const dateFromToday = (days: number) =>
      dateInTimeZone(new Date(Date.now() + days * day), "Asia/Bangkok");
    const versionAsOf = async (asOf: string) =>
      (await call("/api/evaluate", evaluator, { body: { asOf, ...plan77 } })).body.ruleset
        ?.version as string | undefined;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            days: fc.option(fc.integer({ min: -900, max: 30 }), { nil: undefined }),
            bar: fc.integer({ min: 60, max: 95 }),
          }),
          { minLength: 1, maxLength: 4 }
        ),
        fc.uniqueArray(fc.integer({ min: -3000, max: -1 }), { minLength: 1, maxLength: 3 }),
        async (publishes, probes) => {
          const dates = probes.map(dateFromToday);
          const before = await Promise.all(dates.map(versionAsOf));
          for (const { days, bar } of publishes) {
            const answer = await publish(
              bodyWith(bar, days === undefined ? {} : { effectiveFrom: dateFromToday(days) })
            );
            expect([201, 400, 409]).toContain(answer.status);
            if (days !== undefined && days < 0) expect(answer.status).toBe(400);
            expect(await Promise.all(dates.map(versionAsOf))).toEqual(before);
          }
        }
      ),
      { numRuns: 6 }
    );
  }, 120_000);
});

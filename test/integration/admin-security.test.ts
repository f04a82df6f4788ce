import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { BASELINE_RULESET } from "@smartcity/shared";
import {
  azuriteConnectionString,
  type RunningAzurite,
  startAzurite,
} from "../../functions/src/local/azurite";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTcpProxy, type TcpProxy } from "../../bench/src/harness/tcp-proxy";
import { badTokens, tokenFor } from "../helpers/tokens";
import { until } from "../helpers/until";

// Security and reliability tests, against the API process and a real Azurite.
let azurite: RunningAzurite;
let storageLink: TcpProxy;
let api: ApiProcess;
let dataDir: string;
let keyFile: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "smartcity-admin-"));
  keyFile = path.join(dataDir, "key.json");
  azurite = await startAzurite();
  storageLink = await startTcpProxy(azurite.port);
  env = {
    SMARTCITY_AUTH_MODE: "dev",
    SMARTCITY_DEV_KEY_FILE: keyFile,
    SMARTCITY_STORAGE_CONNECTION_STRING: azuriteConnectionString(storageLink.port),
    // These tests publish directly (the four-eyes flow has its own suite).
    SMARTCITY_PUBLISH_APPROVALS: "0",
  };
  api = await startApiProcess(env);
});
afterAll(async () => {
  await api?.stop();
  await storageLink?.close();
  await azurite?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(
  route: string,
  token: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {}
) {
  const response = await fetch(`${api.url}${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Asks /api/health until it reports `status` (it checks storage in the background). */
async function healthTurns(status: "ok" | "unavailable") {
  let health = await call("/api/health", undefined);
  await until(
    async () => (health = await call("/api/health", undefined)).body.status === status,
    `health to report ${status}`
  );
  return health;
}

const currentEtag = async () =>
  (await call("/api/rulesets/current", await tokenFor(keyFile, "Admin"))).etag as string;
// Each publish changes the bar (rules equal to the newest version are refused: 409 NO_CHANGE).
let published = 0;
const publishBody = (note: string) => ({
  rules: { ...BASELINE_RULESET.rules, overallMinPercent: 60 + (++published % 30) },
  approval: { reference: "2/2567", date: "2024-03-01" },
  note,
});

describe("the admin endpoints' role matrix", () => {
  const adminCalls: [
    string,
    string,
    () => Promise<{ body?: unknown; headers?: Record<string, string> }>,
  ][] = [
    ["GET", "/api/audit", async () => ({})],
    ["GET", "/api/proposals", async () => ({})],
    [
      "POST",
      "/api/rulesets/preview",
      async () => ({ body: { rules: BASELINE_RULESET.rules, applications: [] } }),
    ],
    [
      "POST",
      "/api/rulesets",
      async () => ({ body: publishBody("matrix"), headers: { "if-match": await currentEtag() } }),
    ],
  ];

  test("no token and every bad token → 401; Evaluator and Secretary → 403; each refusal is audited; Admin → 2xx", async () => {
    const bad = await badTokens(keyFile);
    const outcomes: string[] = [];
    for (const [method, route, request] of adminCalls) {
      const tokens: [string, string | undefined][] = [
        ["no token", undefined],
        ...Object.entries(bad),
        ["Evaluator", await tokenFor(keyFile, "Evaluator")],
        ["Secretary", await tokenFor(keyFile, "Secretary")],
        ["Admin", await tokenFor(keyFile, "Admin")],
      ];
      for (const [kind, token] of tokens) {
        const { body, headers } = await request();
        const answer = await call(route, token, method === "POST" ? body : undefined, headers);
        outcomes.push(`${method} ${route} ${kind}: ${answer.status}`);
        if (answer.status >= 400)
          expect(
            (answer.body as { error: { code: string; message: { en: string } } }).error.message.en
          ).toEqual(expect.any(String));
      }
    }
    const expected = (kind: string, ok: number) =>
      kind === "Admin" ? ok : kind === "Evaluator" || kind === "Secretary" ? 403 : 401;
    const kinds = ["no token", ...Object.keys(bad), "Evaluator", "Secretary", "Admin"];
    expect(outcomes).toEqual(
      adminCalls.flatMap(([method, route]) =>
        kinds.map(
          (kind) =>
            `${method} ${route} ${kind}: ${expected(kind, route === "/api/rulesets" ? 201 : 200)}`
        )
      )
    );
    const audit = (await call("/api/audit?pageSize=500", await tokenFor(keyFile, "Admin")))
      .body as { entries: { action: string; why: string }[] };
    const refused = audit.entries.filter((entry) => entry.action === "refused");
    expect(refused.length).toBeGreaterThanOrEqual(adminCalls.length * (kinds.length - 1) - 1);
  });
});

describe("bad input never crashes the service", () => {
  test("generated evaluate and publish bodies: every answer is a 2xx or a 4xx with a JSON error naming the problem, never a 5xx", async () => {
    const admin = await tokenFor(keyFile, "Admin");
    const json = fc.jsonValue({ maxDepth: 4 });
    const evaluateBodies = fc.oneof(
      json,
      fc.record(
        {
          applications: fc.array(json, { maxLength: 5 }),
          rulesetVersion: fc.oneof(fc.string(), fc.constant("1")),
        },
        { requiredKeys: [] }
      )
    );
    const publishBodies = fc.oneof(
      json,
      fc.record(
        {
          rules: fc.oneof(json, fc.constant(BASELINE_RULESET.rules)),
          approval: fc.record({ reference: fc.string(), date: fc.string() }),
          note: fc.string(),
          effectiveFrom: fc.string(),
        },
        { requiredKeys: [] }
      )
    );
    await fc.assert(
      fc.asyncProperty(evaluateBodies, publishBodies, async (evaluateBody, publishBody) => {
        const evaluated = await call("/api/evaluate", admin, evaluateBody);
        expect(
          evaluated.status === 200 || (evaluated.status >= 400 && evaluated.status < 500)
        ).toBe(true);
        if (evaluated.status >= 400)
          expect(evaluated.body.error.message.en.length).toBeGreaterThan(10);
        const published = await call("/api/rulesets", admin, publishBody, {
          "if-match": '"v-stale"',
        });
        expect([400, 412]).toContain(published.status);
        expect(published.body.error.message.en.length).toBeGreaterThan(10);
      }),
      { numRuns: 150 }
    );
  });
});

describe("storage faults", () => {
  test("storage stopped while publishing → 503 with a clear message and no partial version; back → the service recovers without a restart", async () => {
    const admin = await tokenFor(keyFile, "Admin");
    const etag = await currentEtag();
    const before = (await call("/api/rulesets", admin)).body.rulesets.length;
    await storageLink.cut();
    const refused = await call("/api/rulesets", admin, publishBody("while storage is down"), {
      "if-match": etag,
    });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({
      code: "STORAGE_UNAVAILABLE",
      message: { en: expect.stringMatching(/^The ruleset store is unavailable right now/) },
    });
    // Health answers storage's last known state and checks it in the background: it turns.
    await healthTurns("unavailable");

    await storageLink.restore();
    expect((await healthTurns("ok")).body).toMatchObject({ status: "ok" });
    const history = (await call("/api/rulesets", admin)).body.rulesets;
    expect(history).toHaveLength(before);
    const published = await call("/api/rulesets", admin, publishBody("after storage came back"), {
      "if-match": await currentEtag(),
    });
    expect(published.status).toBe(201);
    expect((await call("/api/rulesets", admin)).body.rulesets).toHaveLength(before + 1);
  });
});

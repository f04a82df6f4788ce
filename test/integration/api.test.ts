import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  ErrorBodySchema,
  EvaluateResponseSchema,
  MAX_APPLICATIONS_PER_BATCH,
  reasonText,
  RulesetSchema,
} from "@smartcity/shared";
import { ROUTES } from "../../functions/src/routes";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { badTokens, tokenFor } from "../helpers/tokens";
import { until } from "../helpers/until";

// The API as users run it: a separate process (the local host over node:http) against a real Azurite.
let storage: TestStorage;
let api: ApiProcess;
let evaluator: string;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  evaluator = await tokenFor(storage.keyFile, "Evaluator");
});

afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

function call(
  path: string,
  init: {
    method?: string;
    token?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
  } = {}
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] = "application/json";
  }
  return fetch(`${api.url}${path}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
}

async function errorOf(response: Response) {
  const body = ErrorBodySchema.parse(await response.json());
  return {
    status: response.status,
    code: body.error.code,
    en: body.error.message.en,
    th: body.error.message.th,
  };
}

const evaluateBody = { applications: [{ scores: { environment: 90, energy: 90 } }] };
const endpoints: [string, string, unknown][] = [
  ["POST", "/api/evaluate", evaluateBody],
  ["GET", "/api/rulesets", undefined],
  ["GET", "/api/rulesets/current", undefined],
  ["GET", "/api/rulesets/1", undefined],
  ["GET", "/api/rulesets/1/diff/1", undefined],
];

describe("authentication and roles", () => {
  test("health needs no token and reports storage", async () => {
    // Storage is checked in the background from the start, and a new instance's first probe
    // waits for that check only briefly: on a loaded machine it may report it as not yet checked.
    let response = await call("/api/health");
    await until(
      async () => {
        if (response.status === 200) return true;
        await response.text();
        response = await call("/api/health");
        return false;
      },
      "health to report storage",
      5_000
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      storage: { status: "ok" },
      authMode: "dev",
      // Which build answers, and the ruleset in force, with no secret among them.
      service: { name: "smartcity-scoring-api", version: "0.1.0" },
      ruleset: {
        version: "1",
        hash: expect.stringMatching(/^sha256:/),
        effectiveFrom: expect.any(String),
      },
    });
    expect(JSON.stringify(body)).not.toMatch(
      /AccountKey|SharedAccessSignature|BEGIN .*PRIVATE|"d":/
    );
  });

  test.each(endpoints)(
    "%s %s: no token → 401 with a JSON body that says what to send",
    async (method, path, body) => {
      const response = await call(path, { method, body });
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await errorOf(response)).toMatchObject({
        status: 401,
        code: "UNAUTHORIZED",
        en: expect.stringContaining("Authorization: Bearer"),
        th: expect.not.stringMatching(/[A-Za-z]/),
      });
    }
  );

  test("an Authorization header that is not a bearer token → 401, in Thai with no Latin letters", async () => {
    const error = await errorOf(
      await call("/api/rulesets", { headers: { authorization: "Basic dXNlcjpwYXNz" } })
    );
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(error.en).toBe(
      "Unauthorized: the Authorization header is not of the form Bearer <token>"
    );
    expect(error.th).toMatch(/^ยังไม่ได้ยืนยันตัวตน: /);
    expect(error.th).not.toMatch(/[A-Za-z]/);
  });

  test("every kind of bad token → 401 on every endpoint, saying why", async () => {
    const tokens = await badTokens(storage.keyFile);
    const seen: string[] = [];
    for (const [kind, token] of Object.entries(tokens)) {
      for (const [method, path, body] of endpoints) {
        const error = await errorOf(await call(path, { method, body, token }));
        seen.push(`${kind} ${method} ${path}: ${error.status} ${error.code}`);
        expect(error.en).toMatch(/^Unauthorized: /);
        // Thai first: the Thai says it all in Thai, with no Latin letters (claim names included).
        expect(error.th).toMatch(/^ยังไม่ได้ยืนยันตัวตน: /);
        expect(error.th).not.toMatch(/[A-Za-z]/);
      }
    }
    expect(seen.every((line) => line.endsWith(": 401 UNAUTHORIZED"))).toBe(true);
    expect(seen).toHaveLength(Object.keys(tokens).length * endpoints.length);
  });

  test("the reasons are specific", async () => {
    const tokens = await badTokens(storage.keyFile);
    const why = async (kind: string) =>
      (await errorOf(await call("/api/rulesets", { token: tokens[kind] }))).en;
    expect(await why("expired")).toBe("Unauthorized: the token has expired");
    expect((await errorOf(await call("/api/rulesets", { token: tokens.expired }))).th).toBe(
      "ยังไม่ได้ยืนยันตัวตน: โทเคนหมดอายุแล้ว"
    );
    expect(await why("wrong signature")).toBe(
      "Unauthorized: the token's signature does not verify"
    );
    expect(await why("wrong issuer")).toBe(
      'Unauthorized: the token\'s "iss" claim is not accepted'
    );
    expect(await why("wrong audience")).toBe(
      'Unauthorized: the token\'s "aud" claim is not accepted'
    );
    expect(await why("alg none")).toBe(
      "Unauthorized: the token's signing algorithm is not accepted"
    );
    expect(await why("not a JWT")).toBe("Unauthorized: the token is malformed");
    expect(await why("no expiry")).toBe(
      'Unauthorized: the token has no "exp" claim, which is required (a token must expire)'
    );
    // The Thai says each in a sentence of its own, not the claim's name.
    const thai = async (kind: string) =>
      (await errorOf(await call("/api/rulesets", { token: tokens[kind] }))).th;
    expect(await thai("no expiry")).toBe("ยังไม่ได้ยืนยันตัวตน: โทเคนไม่มีเวลาหมดอายุ ซึ่งโทเคนทุกใบต้องมี");
    expect(await thai("no issuer")).toBe("ยังไม่ได้ยืนยันตัวตน: โทเคนไม่ระบุผู้ออกโทเคน ซึ่งจำเป็นต้องมี");
    expect(await thai("wrong audience")).toBe("ยังไม่ได้ยืนยันตัวตน: โทเคนนี้ไม่ได้ออกให้ใช้กับระบบนี้");
    expect(await thai("not valid yet")).toBe(
      "ยังไม่ได้ยืนยันตัวตน: โทเคนยังไม่ถึงเวลาเริ่มใช้ (นาฬิกาของเครื่องอาจไม่ตรง)"
    );
  });

  test.each(endpoints)("%s %s: a valid token without a role → 403", async (method, path, body) => {
    const token = await tokenFor(storage.keyFile);
    expect(await errorOf(await call(path, { method, body, token }))).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
    });
  });

  test.each(["Evaluator", "Secretary", "Admin"] as const)(
    "%s may evaluate and read rulesets",
    async (role) => {
      const token = await tokenFor(storage.keyFile, role);
      for (const [method, path, body] of endpoints) {
        expect(`${method} ${path} ${(await call(path, { method, body, token })).status}`).toBe(
          `${method} ${path} 200`
        );
      }
    }
  );
});

describe("POST /api/evaluate", () => {
  test('"messages": "none" over HTTP: codes and facts, no words, and reasonText gives the default answer\'s words', async () => {
    const applications = [
      { scores: { energy: 60 }, overall: 50, preliminary: { juristicPerson: false } },
    ];
    const ask = async (messages?: string) =>
      EvaluateResponseSchema.parse(
        await (
          await call("/api/evaluate", { token: evaluator, body: { messages, applications } })
        ).json()
      ).results[0] as { reasons: { message?: { th?: string; en?: string } }[] };
    const [none, both] = [await ask("none"), await ask()];
    expect(none.reasons.length).toBeGreaterThan(3);
    expect(none.reasons.every((reason) => reason.message === undefined)).toBe(true);
    expect(
      none.reasons.map((reason) => reasonText(reason as never, BASELINE_RULESET.rules))
    ).toEqual(both.reasons.map((reason) => reason.message));
  });

  test("evaluates a batch in order under the version in force; one bad application never fails the rest", async () => {
    const response = await call("/api/evaluate", {
      token: evaluator,
      body: {
        applications: [
          { id: "float", scores: { environment: 90.3, energy: 70.6, living: 79.1 } },
          { id: "bad", scores: { environment: 120, energy: 90 } },
          { id: "no-env", scores: { energy: 95, living: 95 } },
          "not an application",
          {
            id: "sub",
            scores: { environment: 75, energy: 75 },
            overall: 85,
            preliminary: { juristicPerson: true },
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ruleset-version")).toBe("1");
    const body = EvaluateResponseSchema.parse(await response.json());
    expect(body.ruleset).toMatchObject({ version: "1", approval: { reference: "3/2561" } });
    expect(body.results).toHaveLength(5);
    expect(body.results[0]).toMatchObject({ id: "float", eligible: true, overallPercent: 80 });
    expect(body.results[1]).toEqual({
      id: "bad",
      error: {
        code: "INVALID_SCORE",
        path: "applications[1].scores.environment",
        message: {
          th: "สิ่งแวดล้อมอัจฉริยะ: 120 มากกว่า 100",
          en: "Smart Environment: 120 is above 100",
        },
      },
    });
    expect(body.results[2]).toMatchObject({
      id: "no-env",
      eligible: false,
      reasons: [{ code: "MANDATORY_DIMENSION_MISSING", dimension: "environment" }],
    });
    expect(body.results[3]).toMatchObject({
      error: { code: "INVALID_APPLICATION", path: "applications[3]" },
    });
    expect(body.results[4]).toMatchObject({
      id: "sub",
      eligible: false,
      overallSource: "subcommittee",
      preliminary: "notMet",
    });
  });

  test("an explicit rulesetVersion is used; an unknown one is 404; a malformed one is 400", async () => {
    const ok = await call("/api/evaluate", {
      token: evaluator,
      body: { rulesetVersion: "1", ...evaluateBody },
    });
    expect(ok.status).toBe(200);
    expect(
      await errorOf(
        await call("/api/evaluate", {
          token: evaluator,
          body: { rulesetVersion: "99", ...evaluateBody },
        })
      )
    ).toMatchObject({
      status: 404,
      code: "RULESET_NOT_FOUND",
      en: "Ruleset version 99 does not exist (GET /api/rulesets lists the versions)",
    });
    expect(
      await errorOf(
        await call("/api/evaluate", {
          token: evaluator,
          body: { rulesetVersion: "v1", ...evaluateBody },
        })
      )
    ).toMatchObject({
      status: 400,
      en: expect.stringContaining("rulesetVersion: must be a version number"),
    });
  });

  test.each([
    ["not JSON", "{applications: [", "INVALID_JSON", /^The request body is not valid JSON: /],
    ["empty", "", "INVALID_JSON", /^The request body is empty/],
    ["an array", "[]", "INVALID_REQUEST", /^The evaluate request is not valid: \(body\): /],
    ["no applications", "{}", "INVALID_REQUEST", /applications: /],
    ["applications not a list", '{"applications": {"a": 1}}', "INVALID_REQUEST", /applications: /],
    [
      "an unknown envelope field",
      '{"applications": [], "ruleset": "1"}',
      "INVALID_REQUEST",
      /ruleset/,
    ],
  ])("a malformed envelope (%s) → 400 naming the problem", async (_name, raw, code, en) => {
    const error = await errorOf(
      await call("/api/evaluate", {
        token: evaluator,
        raw,
        method: "POST",
        headers: { "content-type": "application/json" },
      })
    );
    expect(error).toMatchObject({ status: 400, code });
    expect(error.en).toMatch(en);
  });

  test("a malformed envelope is explained in Thai with no English inside, and in English", async () => {
    const response = await call("/api/evaluate", {
      token: evaluator,
      raw: '{"applications": {"a": 1}, "asOf": "31/02/2566"}',
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    const { error } = ErrorBodySchema.parse(await response.json());
    expect(error.message).toEqual({
      th: 'คำขอประเมินไม่ถูกต้อง: asOf: "31/02/2566" ไม่ใช่วันที่ที่มีอยู่จริง; applications: ต้องเป็นรายการ (อาร์เรย์) แต่ได้รับออบเจกต์',
      en: 'The evaluate request is not valid: asOf: "31/02/2566" is not a real date; applications: Invalid input: expected array, received object',
    });
    expect(error.issues).toEqual([
      {
        path: "asOf",
        message: '"31/02/2566" is not a real date',
        th: '"31/02/2566" ไม่ใช่วันที่ที่มีอยู่จริง',
      },
      {
        path: "applications",
        message: "Invalid input: expected array, received object",
        th: "ต้องเป็นรายการ (อาร์เรย์) แต่ได้รับออบเจกต์",
      },
    ]);
    const notJson = await errorOf(
      await call("/api/evaluate", { token: evaluator, raw: '{"applications": }', method: "POST" })
    );
    expect(notJson.th).toMatch(/^เนื้อหาคำขอไม่ใช่ JSON ที่ถูกต้อง/);
    expect(notJson.th.replace("JSON", "")).not.toMatch(/[A-Za-z]{2,}/);
  });

  test("asOf is read as approval dates are: ISO, day/month/B.E. year, Thai text", async () => {
    for (const asOf of ["2023-08-01", "01/08/2566", "๑ สิงหาคม ๒๕๖๖", "1 ส.ค. 2566"]) {
      const response = await call("/api/evaluate", {
        token: evaluator,
        body: { asOf, ...evaluateBody },
      });
      expect(response.status).toBe(200);
    }
    expect(
      await errorOf(
        await call("/api/evaluate", {
          token: evaluator,
          body: { asOf: "๑ มกราคม ๒๕๕๐", ...evaluateBody },
        })
      )
    ).toMatchObject({
      status: 404,
      th: "ไม่มีชุดเกณฑ์ที่มีผล ณ วันที่ 1 มกราคม 2550 (ฉบับแรกมีผลตั้งแต่ 27 กันยายน 2561)",
      en: "No ruleset was in force on 1 January 2007 (the first took effect on 27 September 2018)",
    });
  });

  test(`accepts ${MAX_APPLICATIONS_PER_BATCH} applications and refuses one more with 413`, async () => {
    const applications = Array.from({ length: MAX_APPLICATIONS_PER_BATCH }, (_, i) => ({
      id: String(i),
      scores: { environment: 90, energy: 80 },
    }));
    const ok = await call("/api/evaluate", { token: evaluator, body: { applications } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { results: unknown[] }).results).toHaveLength(
      MAX_APPLICATIONS_PER_BATCH
    );
    applications.push({ id: "one more", scores: { environment: 90, energy: 80 } });
    expect(
      await errorOf(await call("/api/evaluate", { token: evaluator, body: { applications } }))
    ).toMatchObject({
      status: 413,
      code: "BATCH_TOO_LARGE",
      en: `The batch has ${MAX_APPLICATIONS_PER_BATCH + 1} applications, above the limit of ${MAX_APPLICATIONS_PER_BATCH} per request; split it`,
    });
  });

  test("refuses a body above 16 MiB with 413", async () => {
    const raw = JSON.stringify({
      applications: [{ scores: {}, name: "x".repeat(17 * 1024 * 1024) }],
    });
    expect(
      await errorOf(await call("/api/evaluate", { token: evaluator, raw, method: "POST" }))
    ).toMatchObject({ status: 413, code: "REQUEST_TOO_LARGE" });
  });
});

describe("GET /api/rulesets", () => {
  test("lists the history, newest first", async () => {
    const body = (await (await call("/api/rulesets", { token: evaluator })).json()) as {
      rulesets: { version: string }[];
    };
    expect(body.rulesets.map((r) => r.version)).toEqual(["1"]);
    expect(body.rulesets[0]).toMatchObject({
      approval: { reference: "3/2561", date: "2018-09-27" },
      effectiveFrom: "2018-09-27",
      note: expect.any(String),
    });
  });

  test("current has an ETag and answers If-None-Match with 304", async () => {
    const response = await call("/api/rulesets/current", { token: evaluator });
    const etag = response.headers.get("etag");
    expect(etag).toBe('"v1"');
    const ruleset = RulesetSchema.parse(await response.json());
    expect(ruleset.rules.overallMinPercent).toBe(80);
    const again = await call("/api/rulesets/current", {
      token: evaluator,
      headers: { "if-none-match": etag as string },
    });
    expect(again.status).toBe(304);
  });

  test("a version is immutable and cacheable; unknown ones are 404", async () => {
    const response = await call("/api/rulesets/1", { token: evaluator });
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(RulesetSchema.parse(await response.json()).version).toBe("1");
    expect(await errorOf(await call("/api/rulesets/7", { token: evaluator }))).toMatchObject({
      status: 404,
      code: "RULESET_NOT_FOUND",
    });
    expect(await errorOf(await call("/api/rulesets/latest", { token: evaluator }))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
  });
});

describe("routing and CORS, the same on either host", () => {
  test("answers CORS preflight for the add-in's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/api/evaluate`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
    const allowed = await preflight("https://localhost:3000");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const other = await preflight("https://evil.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("unknown paths and methods get JSON 404 and 405", async () => {
    expect(await errorOf(await call("/api/nothing"))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    const wrongMethod = await call("/api/evaluate", { method: "GET" });
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect(await errorOf(wrongMethod)).toMatchObject({
      status: 405,
      code: "METHOD_NOT_ALLOWED",
    });
  });

  // Routed as the Functions host routes (ASP.NET templates), on both hosts: {version:int} is an
  // Int32, a malformed escape is a path like any other, and what no route takes is ours.
  test.each([
    ["/api/rulesets/-1", 400, "INVALID_VERSION"],
    ["/api/rulesets/99999999999", 404, "NOT_FOUND"],
    ["/api/RULESETS/1/diff/2", 404, "RULESET_NOT_FOUND"],
    ["/api/proposals/%25", 404, "PROPOSAL_NOT_FOUND"],
    ["/api/proposals/%", 404, "PROPOSAL_NOT_FOUND"],
    ["/api/rulesets/1/2/3", 404, "NOT_FOUND"],
  ])("GET %s → %i %s", async (path, status, code) => {
    const admin = await tokenFor(storage.keyFile, "Admin");
    expect(await errorOf(await call(path, { token: admin }))).toMatchObject({ status, code });
  });

  test("a trailing slash and the prefix's case do not matter; /api alone is ours", async () => {
    expect((await call("/api/health/")).status).toBe(200);
    expect((await call("/API/health")).status).toBe(200);
    expect(await errorOf(await call("/api"))).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  test("a preflight to any path is answered, for the add-in's origin only", async () => {
    const answer = await fetch(`${api.url}/api/no/such/thing`, {
      method: "OPTIONS",
      headers: { origin: "https://localhost:3000", "access-control-request-method": "POST" },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
  });
});

describe("GET /api/openapi.json", () => {
  test("describes every public route, generated from the contract's schemas, without a token", async () => {
    const response = await call("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: object }> };
    };
    expect(document.openapi).toBe("3.1.0");
    const documented = Object.keys(document.paths).map((path) => path.replace(/^\/api\//, ""));
    const routes = ROUTES.filter(
      // The catch-all routes answer what no route takes: they are not endpoints.
      (route) => route.name !== "devSignIn" && route.name !== "openApi" && route.route !== "{*path}"
    ).map((route) => route.route.replace(/\{(\w+):int\}/g, "{$1}"));
    expect(new Set(routes)).toEqual(new Set(documented));
    expect(Object.keys(document.components.schemas.EvaluateRequest.properties ?? {})).toEqual([
      "rulesetVersion",
      "asOf",
      "messages",
      "applications",
    ]);
    // The later criteria's fields are documented with the rest of the application and result.
    const schemas = document.components.schemas as Record<string, { properties?: object }>;
    expect(Object.keys(schemas.Application.properties ?? {})).toEqual(
      expect.arrayContaining(["track", "requirements", "points"])
    );
    expect(JSON.stringify(schemas.EvaluateResponse)).toContain('"outcome"');
    expect(JSON.stringify(schemas.Rules)).toContain('"requirementGroups"');
  });
});

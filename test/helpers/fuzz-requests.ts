import fc from "fast-check";
import { BASELINE_RULESET } from "@smartcity/shared";
import { mutatedJson } from "./fuzz-json";
import { BOUNDARY, multipart, rarely, version } from "./fuzz-parts";
import { laterRulesWritten } from "./later-rules";

/**
 * Requests for the endpoint fuzz, one kind per route of the route table (functions/src/routes.ts),
 * each started from a valid request and mutated: its body (fuzz-json.ts), its path parameters
 * and query (malformed percent escapes among them), its method, its headers. Placeholders the
 * runner fills in when it sends: `{current}` the ETag of the version in force, `{proposal}` a
 * proposal the run created, `{token:<who>}` a bearer token.
 */
export interface FuzzRequest {
  endpoint: string;
  method: string;
  /** Raw, from "/": may hold malformed escapes. */
  path: string;
  /** Raw, without "?". */
  query: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export type Who = "admin" | "admin2" | "secretary" | "evaluator";

const application = () => ({
  id: "A-1",
  name: "เทศบาลนครภูเก็ต",
  scores: { environment: 85, energy: 75, living: 80 },
  overall: 80,
  preliminary: { juristicPerson: true, developmentPlan: true },
});

const rules = () => ({ ...structuredClone(BASELINE_RULESET.rules), overallMinPercent: 61 });

const publishBody = (rulesOf: () => unknown) => () => ({
  rules: rulesOf(),
  approval: { reference: "1/2567", date: "2024-01-05" },
  note: "ปรับเกณฑ์ตามมติ",
});

const IDS = [
  "{proposal}",
  "{proposal}",
  "p-unknown",
  "x",
  "%",
  "%E0",
  "%ZZ",
  "ก",
  "%2F..%2F",
  "a".repeat(300),
];

const id = fc.oneof(fc.constantFrom(...IDS), fc.string({ maxLength: 8 }).map(encodeURIComponent));

const queryValue = fc.oneof(
  fc.constantFrom(
    "50",
    "1",
    "0",
    "-1",
    "1000",
    "1001",
    "1e3",
    "abc",
    "",
    "%E0%B8",
    "%ZZ",
    "%",
    "๑",
    "pending",
    "approved",
    "x",
    "a".repeat(600)
  ),
  fc.string({ maxLength: 10 }).map(encodeURIComponent)
);
const queryName = fc.constantFrom(
  "pageSize",
  "continuation",
  "status",
  "rulesetVersion",
  "x",
  "%ZZ",
  ""
);
const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  {
    weight: 6,
    arbitrary: fc
      .array(fc.tuple(queryName, queryValue), { minLength: 1, maxLength: 3 })
      .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join("&")),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "%%%&&==",
      "=",
      "&",
      "pageSize",
      "pageSize=1&pageSize=2",
      "%E0%B8=%E0"
    ),
  }
);

/** Small changes to a path the host still routes (or not): case, a trailing slash, a doubled slash. */
const pathDamage = fc.oneof(
  { weight: 14, arbitrary: fc.constant((path: string) => path) },
  { weight: 6, arbitrary: pathChange() }
);

function pathChange() {
  return fc.constantFrom<(path: string) => string>(
    (path) => path.toUpperCase(),
    (path) => `${path}/`,
    (path) => path.replace("/api/", "/api//"),
    (path) => `${path}/extra`,
    (path) => path.replace("/api", "")
  );
}

interface Seed {
  endpoint: string;
  method: string;
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<Buffer>;
  query?: fc.Arbitrary<string>;
  who?: Who;
}

const json = (valid: () => unknown) => mutatedJson(valid).map((text) => Buffer.from(text));
const fixed = (path: string) => fc.constant(path);

function seeds(files: Buffer[]): Seed[] {
  return [
    { endpoint: "health", method: "GET", path: fixed("/api/health") },
    { endpoint: "openapi", method: "GET", path: fixed("/api/openapi.json") },
    {
      endpoint: "evaluate",
      method: "POST",
      path: fixed("/api/evaluate"),
      body: json(() => ({
        applications: [application(), { ...application(), id: "A-2", scores: { environment: 90 } }],
        rulesetVersion: "1",
        messages: "both",
      })),
      who: "evaluator",
    },
    {
      endpoint: "evaluate (later rules)",
      method: "POST",
      path: fixed("/api/evaluate"),
      body: json(() => ({
        applications: [
          { ...application(), track: "livable", points: { environment: { air: 8, water: 9 } } },
        ],
        asOf: "2030-01-01",
      })),
    },
    {
      endpoint: "consolidate",
      method: "POST",
      path: fixed("/api/consolidate"),
      body: multipart(files),
      who: "secretary",
    },
    { endpoint: "listRulesets", method: "GET", path: fixed("/api/rulesets") },
    { endpoint: "getCurrentRuleset", method: "GET", path: fixed("/api/rulesets/current") },
    {
      endpoint: "getRulesetVersion",
      method: "GET",
      path: version.map((v) => `/api/rulesets/${v}`),
    },
    {
      endpoint: "publishRuleset",
      method: "POST",
      path: fixed("/api/rulesets"),
      body: json(publishBody(rules)),
    },
    {
      endpoint: "publishRuleset (later rules)",
      method: "POST",
      path: fixed("/api/rulesets"),
      body: json(publishBody(laterRulesWritten)),
    },
    {
      endpoint: "previewRules",
      method: "POST",
      path: fixed("/api/rulesets/preview"),
      body: json(() => ({ rules: laterRulesWritten(), applications: [application()] })),
    },
    {
      endpoint: "diffVersions",
      method: "GET",
      path: fc.tuple(version, version).map(([a, b]) => `/api/rulesets/${a}/diff/${b}`),
    },
    {
      endpoint: "createProposal",
      method: "POST",
      path: fixed("/api/proposals"),
      body: json(() => ({ ...publishBody(rules)(), applications: [application()] })),
    },
    { endpoint: "listProposals", method: "GET", path: fixed("/api/proposals"), query },
    { endpoint: "getProposal", method: "GET", path: id.map((value) => `/api/proposals/${value}`) },
    {
      endpoint: "approveProposal",
      method: "POST",
      path: id.map((value) => `/api/proposals/${value}/approve`),
      who: "admin2",
    },
    {
      endpoint: "rejectProposal",
      method: "POST",
      path: id.map((value) => `/api/proposals/${value}/reject`),
      body: json(() => ({ note: "ไม่เห็นด้วยกับการเปลี่ยนเกณฑ์" })),
      who: "admin2",
    },
    { endpoint: "listAudit", method: "GET", path: fixed("/api/audit"), query },
    {
      endpoint: "devSignIn",
      method: "POST",
      path: fixed("/api/dev/sign-in"),
      body: json(() => ({ role: "Admin", name: "สมชาย" })),
    },
    {
      endpoint: "unmatched",
      method: "GET",
      path: fc.oneof(
        fc.constantFrom(
          "/api",
          "/api/",
          "/api/nothing",
          "/api/%",
          "/api/%E0%B8",
          "/api/%ZZ/x",
          "/notapi",
          "/",
          "/api/rulesets/1/diff"
        ),
        fc.string({ maxLength: 12 }).map((tail) => `/api/${encodeURIComponent(tail)}`)
      ),
    },
  ];
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const auth = fc.oneof(
  { weight: 12, arbitrary: fc.constant("{token}") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      "Bearer",
      "Bearer abc.def.ghi",
      "Basic dXNlcjpwYXNz",
      "{token:evaluator}",
      "{token:secretary}",
      "{token:admin}"
    ),
  }
);

const contentType = fc.oneof(
  { weight: 10, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      "text/plain",
      "application/json; charset=utf-16",
      "multipart/form-data"
    ),
  }
);

const ifMatch = fc.constantFrom(
  "{current}",
  "{current}",
  "{current}",
  "",
  '"v-stale"',
  "*",
  'W/"x"',
  "%ZZ"
);

export function fuzzRequests(files: Buffer[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...seeds(files).map((seed) =>
      fc
        .record({
          path: seed.path,
          damage: pathDamage,
          body: seed.body ?? fc.constant(undefined),
          query:
            seed.query ??
            fc.oneof({ weight: 5, arbitrary: fc.constant("") }, { weight: 1, arbitrary: query }),
          method: fc.oneof(
            { weight: 12, arbitrary: fc.constant(seed.method) },
            { weight: 1, arbitrary: fc.constantFrom(...METHODS) }
          ),
          authorization: auth,
          contentType,
          ifMatch: rarely(ifMatch, 4),
          origin: rarely(fc.constantFrom("https://localhost:3000", "https://elsewhere.example"), 3),
          ifNoneMatch: rarely(fc.constantFrom('"x"', "*", "{current}"), 6),
        })
        .map((drawn): FuzzRequest => {
          const headers: Record<string, string> = {};
          const token = drawn.authorization.replace("{token}", `{token:${seed.who ?? "admin"}}`);
          if (token !== "") headers.authorization = token;
          if (
            drawn.body !== undefined &&
            seed.endpoint !== "consolidate" &&
            drawn.contentType !== ""
          )
            headers["content-type"] = drawn.contentType;
          if (drawn.ifMatch !== undefined) headers["if-match"] = drawn.ifMatch;
          else if (seed.endpoint.startsWith("publishRuleset")) headers["if-match"] = "{current}";
          if (drawn.origin !== undefined) headers.origin = drawn.origin;
          if (drawn.ifNoneMatch !== undefined) headers["if-none-match"] = drawn.ifNoneMatch;
          let body = drawn.body;
          if (seed.endpoint === "consolidate" && body !== undefined) {
            headers["content-type"] = `multipart/form-data; boundary=${BOUNDARY}`;
            if (drawn.contentType === "text/plain") headers["content-type"] = "multipart/form-data";
          }
          if (drawn.method === "GET" || drawn.method === "HEAD") body = undefined;
          return {
            endpoint: seed.endpoint,
            method: drawn.method,
            path: drawn.damage(drawn.path),
            query: drawn.query,
            headers,
            body,
          };
        })
    )
  );
}

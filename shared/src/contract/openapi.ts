import { z } from "zod";
import {
  ApplicationSchema,
  ErrorBodySchema,
  EvaluateRequestSchema,
  EvaluateResponseSchema,
  HealthResponseSchema,
  MAX_APPLICATIONS_PER_BATCH,
  RulesetHistorySchema,
} from "./http-contract";
import {
  ConsolidateResponseSchema,
  MAX_CONSOLIDATE_FILES,
  MAX_WORKBOOK_BYTES,
  XLSX_MEDIA_TYPE,
} from "./consolidation-contract";
import { MAX_RULESET_CHARACTERS } from "../publishing/next-version";
import {
  MAX_PROPOSAL_PREVIEW_APPLICATIONS,
  ProposalListSchema,
  ProposalResponseSchema,
  RejectRequestSchema,
} from "../publishing/proposal";
import { PublishRequestSchema } from "./publish-contract";
import { RulesetSchema, RulesSchema } from "../rules/ruleset-schema";
import { SERVICE_LIMITS } from "./service-limits";

/**
 * The OpenAPI 3.1 description of the scoring service, generated from the same zod schemas
 * the service parses with (served at GET /api/openapi.json), so it cannot drift from them.
 */
export function openApiDocument(serverUrl = "/"): Record<string, unknown> {
  const schema = (type: z.ZodType, io: "input" | "output" = "output") =>
    rulesByReference(z.toJSONSchema(type, { io, unrepresentable: "any", target: "draft-2020-12" }));
  const json = (ref: string) => ({
    content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
  });
  const errors = (...statuses: number[]) =>
    Object.fromEntries(
      statuses.map((status) => [
        String(status),
        { description: ERROR_TEXT[status] ?? "Error", ...json("Error") },
      ])
    );
  const bearer = [{ bearer: [] }];
  return {
    openapi: "3.1.0",
    info: {
      title: "Smart City scoring service",
      version: "1",
      description:
        "Evaluates smart city plans against the Smart City Development Committee's rules and serves the committee's versioned rulesets. Every endpoint but health, this document and (dev mode only) POST /api/dev/sign-in needs a bearer token (Microsoft Entra ID, or the dev key in dev mode) with a role: Evaluator, Secretary or Admin; a token must carry `exp`, and a dev token is accepted for at most 12 hours after it was issued.\n\nLimits (`x-limits` lists them as data): " +
        SERVICE_LIMITS.map(
          (limit) => `${limit.limit} ${limit.value} ${limit.unit} → ${limit.answer}`
        ).join("; ") +
        ". A `file` answer is that file's own `error` in `files[]` of POST /api/consolidate; the other files are read.",
    },
    "x-limits": SERVICE_LIMITS,
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: {
        Application: schema(ApplicationSchema, "input"),
        EvaluateRequest: {
          ...schema(EvaluateRequestSchema, "input"),
          description: `At most ${MAX_APPLICATIONS_PER_BATCH} applications.`,
        },
        EvaluateResponse: schema(EvaluateResponseSchema),
        Ruleset: schema(RulesetSchema),
        Rules: schema(RulesSchema, "input"),
        RulesetHistory: schema(RulesetHistorySchema),
        PublishRequest: {
          ...schema(PublishRequestSchema, "input"),
          description: `effectiveFrom defaults to today in the committee's time zone (SMARTCITY_TIME_ZONE, default Asia/Bangkok) and may not be earlier (400 EFFECTIVE_DATE_IN_PAST); approval.date may not be later than today (400 APPROVAL_DATE_IN_FUTURE). Rules equal by hash to the newest version give 409 NO_CHANGE; a ruleset above ${MAX_RULESET_CHARACTERS} characters of JSON gives 413 RULESET_TOO_LARGE.`,
        },
        ProposalRequest: {
          allOf: [{ $ref: "#/components/schemas/PublishRequest" }],
          description: `The body of a publish, plus optionally "applications" (at most ${MAX_PROPOSAL_PREVIEW_APPLICATIONS}, as in /api/evaluate) to store the impact preview with the proposal.`,
        },
        Proposal: schema(ProposalResponseSchema),
        ProposalList: schema(ProposalListSchema),
        RejectRequest: schema(RejectRequestSchema, "input"),
        ConsolidateResponse: schema(ConsolidateResponseSchema),
        Health: schema(HealthResponseSchema),
        Error: schema(ErrorBodySchema),
      },
    },
    paths: {
      "/api/health": {
        get: {
          summary:
            "Service and storage status: storage's last known state and when it was checked (health never waits on storage; it checks in the background)",
          responses: {
            "200": { description: "Up", ...json("Health") },
            "503": { description: "Storage unavailable at the last check", ...json("Health") },
          },
        },
      },
      "/api/evaluate": {
        post: {
          summary: "Evaluate a batch of applications (any role)",
          security: bearer,
          requestBody: { required: true, ...json("EvaluateRequest") },
          responses: {
            "200": {
              description: "One result or error per application, in order",
              headers: {
                "X-Ruleset-Version": {
                  description: "The version evaluated under",
                  schema: { type: "string" },
                },
                "X-Ruleset-Unconfirmed": {
                  description:
                    "Only while storage is unavailable: the version in force could not be re-checked, and the answer is under the version last read; the value is when storage last confirmed it (as `rulesetUnconfirmed.lastConfirmedAt`)",
                  schema: { type: "string", format: "date-time" },
                },
              },
              ...json("EvaluateResponse"),
            },
            ...errors(400, 401, 403, 404, 413, 503),
          },
        },
      },
      "/api/rulesets": {
        get: {
          summary: "Every version, newest first, with its status",
          security: bearer,
          responses: {
            "200": { description: "History", ...json("RulesetHistory") },
            ...errors(401, 403),
          },
        },
        post: {
          summary:
            "Publish a new version directly (Admin), only when SMARTCITY_PUBLISH_APPROVALS=0; otherwise 403 APPROVAL_REQUIRED: propose at /api/proposals. Send If-Match with the ETag of /api/rulesets/current.",
          security: bearer,
          parameters: [
            { name: "If-Match", in: "header", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: true, ...json("PublishRequest") },
          responses: {
            "201": { description: "Published", ...json("Ruleset") },
            ...errors(400, 401, 403, 409, 412, 413, 428, 503),
          },
        },
      },
      "/api/rulesets/current": {
        get: {
          summary: "The version in force (ETag; If-None-Match gives 304)",
          security: bearer,
          responses: {
            "200": { description: "In force", ...json("Ruleset") },
            "304": { description: "Unchanged" },
            ...errors(401, 403),
          },
        },
      },
      "/api/rulesets/{version}": {
        get: {
          summary: "One version (immutable)",
          security: bearer,
          parameters: [{ name: "version", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "The version", ...json("Ruleset") },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      "/api/rulesets/{a}/diff/{b}": {
        get: {
          summary: "Rule fields that differ between two versions",
          security: bearer,
          parameters: ["a", "b"].map((name) => ({
            name,
            in: "path",
            required: true,
            schema: { type: "string" },
          })),
          responses: {
            "200": { description: "Changes: path, old, new" },
            ...errors(401, 403, 404),
          },
        },
      },
      "/api/rulesets/preview": {
        post: {
          summary: "Impact of candidate rules on a batch (Admin)",
          security: bearer,
          responses: {
            "200": { description: "Results under both, and the flips" },
            ...errors(400, 401, 403),
          },
        },
      },
      "/api/consolidate": {
        post: {
          summary: `Consolidate evaluators' workbooks (Secretary or Admin): up to ${MAX_CONSOLIDATE_FILES} workbooks (.xlsx, .xls, .xlsb or .ods, told apart by their content) of up to ${MAX_WORKBOOK_BYTES / (1024 * 1024)} MB each. A bad file gets its own error in files[] (a hostile or oversized one too: TOO_MANY_ROWS, TOO_MANY_CELLS, WORKBOOK_TOO_COMPLEX; the same bytes as an earlier file: DUPLICATE_FILE); the others are read. Files with the same entries are counted once, flagged IDENTICAL_SUBMISSIONS. An evaluator who declared a conflict of interest with an applicant counts in none of their rows for it (CONFLICT_OF_INTEREST; declared in one row and scored in another: CONFLICT_CONTRADICTED); fewer counted evaluators than the ruleset's consolidation.minEvaluators (1 when unset): TOO_FEW_EVALUATORS. calibration gives each evaluator's offset from the panel: shown, never applied.`,
          security: bearer,
          parameters: [
            {
              name: "rulesetVersion",
              in: "query",
              description: "The version to consolidate under (default: the version in force)",
              schema: { type: "string" },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["files"],
                  properties: {
                    rulesetVersion: {
                      type: "string",
                      description: "Alternative to the query parameter; must come before the files",
                    },
                    files: { type: "array", items: { type: "string", format: "binary" } },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: `The consolidation as JSON, or with Accept: ${XLSX_MEDIA_TYPE} the workbook (Summary, Details, Issues)`,
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/ConsolidateResponse" },
                },
                [XLSX_MEDIA_TYPE]: { schema: { type: "string", format: "binary" } },
              },
            },
            ...errors(400, 401, 403, 404, 413, 415, 503),
          },
        },
      },
      "/api/proposals": {
        post: {
          summary:
            "Propose a new version (Admin): checked like a publish, stored as pending against the newest version (its base); publishes nothing",
          security: bearer,
          parameters: [
            {
              name: "If-Match",
              in: "header",
              required: false,
              description:
                "Optional: the ETag of /api/rulesets/current the proposal was written against",
              schema: { type: "string" },
            },
          ],
          requestBody: { required: true, ...json("ProposalRequest") },
          responses: {
            "201": { description: "Pending proposal, with its diff", ...json("Proposal") },
            ...errors(400, 401, 403, 409, 412, 413, 503),
          },
        },
        get: {
          summary: "Proposals, newest first, paged (Admin)",
          security: bearer,
          parameters: [
            {
              name: "status",
              in: "query",
              schema: { type: "string", enum: ["pending", "approved", "rejected"] },
            },
            {
              name: "pageSize",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 1000 },
            },
            { name: "continuation", in: "query", schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "A page", ...json("ProposalList") },
            ...errors(400, 401, 403),
          },
        },
      },
      "/api/proposals/{id}": {
        get: {
          summary: "One proposal (Admin)",
          security: bearer,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "The proposal", ...json("Proposal") },
            ...errors(401, 403, 404),
          },
        },
      },
      "/api/proposals/{id}/approve": {
        post: {
          summary:
            "Approve (Admin, not the proposer: 403 SELF_APPROVAL). The last approval needed publishes it as the next version in one ETag-guarded transaction (201); an earlier one is recorded (200). 409 PROPOSAL_OUTDATED when another version was published since its base, PROPOSAL_CLOSED once approved or rejected, ALREADY_APPROVED for a second approval by the same person",
          security: bearer,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "201": { description: "Published: the new version", ...json("Ruleset") },
            "200": { description: "Approval recorded; more are needed", ...json("Proposal") },
            ...errors(400, 401, 403, 404, 409, 503),
          },
        },
      },
      "/api/proposals/{id}/reject": {
        post: {
          summary: "Reject with a note (Admin; the proposer may withdraw their own). Final.",
          security: bearer,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, ...json("RejectRequest") },
          responses: {
            "200": { description: "Rejected", ...json("Proposal") },
            ...errors(400, 401, 403, 404, 409, 503),
          },
        },
      },
      "/api/audit": {
        get: {
          summary:
            "Publishes, proposals, approvals, rejections and refused admin attempts, newest first, paged (Admin); a continuation not given by the service is 400 INVALID_CONTINUATION",
          security: bearer,
          parameters: [
            {
              name: "pageSize",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 1000 },
            },
            { name: "continuation", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": { description: "{ entries, next? }" }, ...errors(400, 401, 403) },
        },
      },
    },
  };
}

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request: each problem named (INVALID_JSON, JSON_TOO_DEEP, INVALID_REQUEST, INVALID_MULTIPART…)",
  401: "No, expired or invalid token",
  403: "The token lacks the role; APPROVAL_REQUIRED; SELF_APPROVAL",
  404: "Unknown version or proposal",
  409: "NO_CHANGE, PROPOSAL_OUTDATED, PROPOSAL_CLOSED or ALREADY_APPROVED",
  412: "If-Match is stale: the rulesets changed",
  413: "Too many applications or files, too large a body, RULESET_TOO_LARGE, or too large a consolidation (CONSOLIDATION_TOO_LARGE)",
  415: "Not multipart/form-data",
  428: "If-Match missing",
  503: "Storage unavailable; retry",
};

/**
 * The rules parse through a transform (the `preliminary` group is stored as
 * `preliminaryCriteria`), which JSON Schema cannot show as output: each `rules` that came out
 * empty refers to the Rules schema instead.
 */
function rulesByReference<T>(json: T): T {
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (
        key === "rules" &&
        child !== null &&
        typeof child === "object" &&
        Object.keys(child).length === 0
      )
        record[key] = { $ref: "#/components/schemas/Rules" };
      else visit(child);
    }
  };
  visit(json);
  return json;
}

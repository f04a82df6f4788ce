import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  type EvaluateResponse,
  EvaluateRequestSchema,
  evaluateInChunks,
  MAX_APPLICATIONS_PER_BATCH,
  type MessageLanguages,
  outcomeBands,
  outcomesJsonItems,
  ROLES,
  type Ruleset,
  summariseRuleset,
} from "@smartcity/shared";
import { requireRole } from "../auth/authenticate";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { jsonStream } from "../http/respond";
import type { Services } from "../services";
import { findVersion, rulesetInForce } from "./rulesets";

const RESULTS_PER_CHUNK = 500;

/**
 * POST /api/evaluate — a batch of applications under one ruleset. Only the
 * envelope can fail the request; each application is checked on its own and a
 * bad one gets its own error in its place.
 */
export async function evaluateApplications(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  requireRole(await services.authenticate(request.headers.get("authorization")), ROLES);
  const body = await readJsonBody(request);
  refuseOversizedBatch(body);
  const envelope = parseRequest(EvaluateRequestSchema, body, {
    th: "คำขอประเมิน",
    en: "evaluate request",
  });
  const ruleset =
    envelope.rulesetVersion !== undefined
      ? await findVersion(services, envelope.rulesetVersion)
      : await rulesetInForce(services, envelope.asOf);
  const messages = envelope.messages ?? "both";
  // Everything that can refuse the request (body, depth, envelope, ruleset) is checked above,
  // before the first byte; each bad application is its own result, so evaluating cannot fail
  // on input. The chunks are then evaluated as the socket takes them, which overlaps the work
  // with sending. A failure after the first byte (only a bug can cause one) makes the host
  // close the connection, so the client sees an error, never a 200 cut short
  // (test/functions/local-host-stream-failure.test.ts).
  const pieces = evaluateResponseJson(envelope.applications, ruleset, messages);
  return jsonStream(200, pieces, { "x-ruleset-version": ruleset.version });
}

/**
 * The EvaluateResponse as JSON text, evaluated and serialised a chunk at a
 * time: a 10,000-application answer is about 6 MB, and serialising each chunk
 * as it is ready lets its result objects be collected young, so only the text
 * is held. The pieces join to one JSON document of type `EvaluateResponse`.
 */
function* evaluateResponseJson(
  applications: unknown[],
  ruleset: Ruleset,
  messages: MessageLanguages
): Generator<string> {
  const head: Omit<EvaluateResponse, "results"> = {
    ruleset: summariseRuleset(ruleset),
    outcomes: outcomeBands(ruleset.rules),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"results":[`;
  let first = true;
  for (const outcomes of evaluateInChunks(
    applications,
    ruleset,
    RESULTS_PER_CHUNK,
    "applications",
    messages
  )) {
    const items = outcomesJsonItems(outcomes); // JSON.stringify's text, faster (outcome-json.ts)
    if (items === "") continue;
    yield first ? items : `,${items}`;
    first = false;
  }
  yield "]}";
}

function refuseOversizedBatch(body: unknown): void {
  const applications = (body as { applications?: unknown } | null)?.applications;
  if (Array.isArray(applications) && applications.length > MAX_APPLICATIONS_PER_BATCH) {
    throw new HttpError(413, "BATCH_TOO_LARGE", {
      th: `ส่งมา ${applications.length} ใบสมัคร เกินขีดจำกัด ${MAX_APPLICATIONS_PER_BATCH} ใบต่อคำขอ กรุณาแบ่งส่งหลายครั้ง`,
      en: `The batch has ${applications.length} applications, above the limit of ${MAX_APPLICATIONS_PER_BATCH} per request; split it`,
    });
  }
}

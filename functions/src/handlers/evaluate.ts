import type { Readable } from "node:stream";
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
import { parseJsonText, readBodyText } from "../http/read-json-body";
import { jsonStream } from "../http/respond";
import type { Services } from "../services";
import type { HelperTurn } from "./evaluate-helper";
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
  const text = await readBodyText(request);
  // A big batch is shared with the helper thread, which starts on it now (evaluate-helper.ts).
  const helper = services.evaluateHelper.offer(text);
  try {
    const body = parseJsonText(text);
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
    const helperFrom = await helper?.splitAt(envelope.applications.length);
    // Everything that can refuse the request (body, depth, envelope, ruleset) is checked above,
    // before the first byte; each bad application is its own result, so evaluating cannot fail
    // on input. The chunks are then evaluated as the socket takes them, which overlaps the work
    // with sending. A failure after the first byte (only a bug can cause one) makes the host
    // close the connection, so the client sees an error, never a 200 cut short
    // (test/functions/local-host-stream-failure.test.ts).
    const pieces = evaluateResponseJson(
      envelope.applications,
      ruleset,
      messages,
      helper !== undefined && helperFrom !== undefined ? { helper, from: helperFrom } : undefined
    );
    const response = jsonStream(200, pieces, { "x-ruleset-version": ruleset.version });
    // Also when the body is dropped unread (the generator's own `finally` never runs then).
    if (helper !== undefined) (response.body as Readable).once("close", () => helper.release());
    return response;
  } catch (error) {
    helper?.release();
    throw error;
  }
}

/**
 * The EvaluateResponse as JSON text, evaluated and serialised a chunk at a
 * time: a 10,000-application answer is about 6 MB, and serialising each chunk
 * as it is ready lets its result objects be collected young, so only the text
 * is held. The pieces join to one JSON document of type `EvaluateResponse`.
 * With `helped`, the applications from `helped.from` on are the helper thread's: it evaluates
 * them while this evaluates and sends the others, and when it cannot, they are evaluated here.
 */
async function* evaluateResponseJson(
  applications: unknown[],
  ruleset: Ruleset,
  messages: MessageLanguages,
  helped?: { helper: HelperTurn; from: number }
): AsyncGenerator<string | Uint8Array> {
  try {
    const helpersJson = helped?.helper.evaluateRest(ruleset, messages);
    const head: Omit<EvaluateResponse, "results"> = {
      ruleset: summariseRuleset(ruleset),
      outcomes: outcomeBands(ruleset.rules),
    };
    yield `${JSON.stringify(head).slice(0, -1)},"results":[`;
    const ownEnd = helped?.from ?? applications.length;
    let first = true;
    for (const items of resultsJson(applications.slice(0, ownEnd), ruleset, messages, 0)) {
      yield first ? items : `,${items}`;
      first = false;
    }
    if (helped !== undefined) {
      const json = await helpersJson;
      if (json !== undefined && json.length > 0) {
        if (!first) yield ",";
        yield json;
      } else {
        for (const items of resultsJson(applications.slice(ownEnd), ruleset, messages, ownEnd)) {
          yield first ? items : `,${items}`;
          first = false;
        }
      }
    }
    yield "]}";
  } finally {
    helped?.helper.release();
  }
}

/** The results' JSON a chunk at a time, each chunk's results joined by commas. */
function* resultsJson(
  applications: unknown[],
  ruleset: Ruleset,
  messages: MessageLanguages,
  firstIndex: number
): Generator<string> {
  for (const outcomes of evaluateInChunks(
    applications,
    ruleset,
    RESULTS_PER_CHUNK,
    "applications",
    messages,
    firstIndex
  )) {
    const items = outcomesJsonItems(outcomes); // JSON.stringify's text, faster (outcome-json.ts)
    if (items !== "") yield items;
  }
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

import type { Readable } from "node:stream";
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  type EvaluateResponse,
  EvaluateRequestSchema,
  MAX_APPLICATIONS_PER_BATCH,
  MAX_JSON_DEPTH,
  type MessageLanguages,
  outcomeBands,
  ROLES,
  type Ruleset,
  RULESET_UNCONFIRMED_HEADER,
  type RulesetUnconfirmed,
  summariseRuleset,
} from "@smartcity/shared";
import { requireRole } from "../auth/authenticate";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { parseElements, parseEmptiedEnvelope, readArrayRest } from "../http/json-array-parts";
import { scanArrayStart } from "../http/json-depth";
import { jsonTooDeep, parseJsonText, readBodyText, refuseTooDeep } from "../http/read-json-body";
import { jsonStream } from "../http/respond";
import type { Services } from "../services";
import type { HelperTurn } from "./evaluate-helper";
import { resultsJson } from "./results-json";
import { findVersion, rulesetInForceAsKnown } from "./rulesets";
import { unconfirmedRuleset } from "./unconfirmed-ruleset";

const COMMA = Buffer.from(",");
const END = Buffer.from("]}");

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
  // A big batch is parsed and evaluated in two parts, the later one on the helper thread
  // (evaluate-helper.ts), which has it before this has read anything.
  const turn = services.evaluateHelper.offer(text);
  try {
    const split = turn !== undefined ? await parseInParts(text, turn) : undefined;
    const body = split?.body ?? parseJsonText(text);
    refuseOversizedBatch(split?.count ?? countOf(body));
    const envelope = parseRequest(EvaluateRequestSchema, body, {
      th: "คำขอประเมิน",
      en: "evaluate request",
    });
    // A version named by number never changes; the one in force is re-checked, and while
    // storage is unavailable it is the one this instance last read, said in the answer.
    const { ruleset, lastConfirmedAt } =
      envelope.rulesetVersion !== undefined
        ? {
            ruleset: await findVersion(services, envelope.rulesetVersion),
            lastConfirmedAt: undefined,
          }
        : await rulesetInForceAsKnown(services, envelope.asOf);
    const unconfirmed =
      lastConfirmedAt === undefined
        ? undefined
        : unconfirmedRuleset(ruleset.version, lastConfirmedAt);
    const messages = envelope.messages ?? "both";
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
      unconfirmed,
      split?.later
    );
    const response = jsonStream(200, pieces, {
      "x-ruleset-version": ruleset.version,
      ...(unconfirmed ? { [RULESET_UNCONFIRMED_HEADER]: unconfirmed.lastConfirmedAt } : {}),
    });
    // Also when the body is dropped unread (the generator's own `finally` never runs then).
    if (turn !== undefined) (response.body as Readable).once("close", () => turn.release());
    return response;
  } catch (error) {
    turn?.release();
    throw error;
  }
}

/** The applications from `from` on, evaluated by the helper, or read here when it cannot. */
interface LaterApplications {
  helper: HelperTurn;
  from: number;
  read: () => unknown[];
}

/**
 * The body parsed here without the applications after the helper's cut, which the helper
 * parses meanwhile (json-array-parts.ts says why the parts make the whole); `count` is how many
 * applications the whole batch holds. Each side's depth is checked before it is parsed, this
 * side's first, so a text too deep is refused where it first nests too deep, as a pass over
 * the whole text finds it. Undefined when the cut is not between two applications, or a part is
 * not JSON: the caller then checks and parses the whole text, which says where it breaks.
 * Returns only once the later applications are known to be JSON: the helper said so (and
 * evaluates them: `later`), or, when it did not answer, they were read here and are in the body.
 */
async function parseInParts(
  text: string,
  helper: HelperTurn
): Promise<
  { body: Record<string, unknown>; count: number; later?: LaterApplications } | undefined
> {
  const cut = helper.cut;
  const start = scanArrayStart(text, MAX_JSON_DEPTH, "applications", cut);
  refuseTooDeep(start);
  const earlier = start.array && parseElements(text, start.array.open + 1, cut);
  if (start.array === undefined || earlier?.length !== start.array.elements) {
    helper.release();
    return undefined;
  }
  const readRest = () => readArrayRest(text.slice(cut + 1), MAX_JSON_DEPTH, "applications");
  const answered = await helper.laterParsed();
  // The helper gone or late (its turn is over): the loop reads the rest itself.
  const rest = answered ?? readRest();
  if ("tooDeepAt" in rest) throw jsonTooDeep(cut + 1 + rest.tooDeepAt);
  if ("unread" in rest) return undefined;
  const body = parseEmptiedEnvelope(text, start.array.open, cut + 1 + rest.close, "applications");
  if (body === undefined) {
    helper.release();
    return undefined;
  }
  const count = earlier.length + ("count" in rest ? rest.count : rest.elements.length);
  if ("elements" in rest) {
    body.applications = earlier.concat(rest.elements);
    return { body, count };
  }
  body.applications = earlier;
  return {
    body,
    count,
    later: {
      helper,
      from: earlier.length,
      // The helper read this very text, so it reads here too; a bug otherwise, and the host
      // then cuts the answer off rather than send it short.
      read: () => {
        const read = readRest();
        if (!("elements" in read)) throw new Error("the later applications no longer parse");
        return read.elements;
      },
    },
  };
}

/**
 * The EvaluateResponse as JSON text, evaluated and serialised a chunk at a
 * time: a 10,000-application answer is about 6 MB, and serialising each chunk
 * as it is ready lets its result objects be collected young, so only the text
 * is held. The pieces join to one JSON document of type `EvaluateResponse`.
 * With `later`, the applications from `later.from` on are not in `applications`: the helper
 * thread evaluates them while this evaluates and sends the others, and when it cannot, they are
 * read and evaluated here.
 */
async function* evaluateResponseJson(
  applications: unknown[],
  ruleset: Ruleset,
  messages: MessageLanguages,
  unconfirmed: RulesetUnconfirmed | undefined,
  later?: LaterApplications
): AsyncGenerator<Uint8Array> {
  try {
    const helpersJson = later?.helper.evaluateRest(ruleset, messages, later.from);
    const head: Omit<EvaluateResponse, "results"> = {
      ruleset: summariseRuleset(ruleset),
      outcomes: outcomeBands(ruleset.rules),
      ...(unconfirmed ? { rulesetUnconfirmed: unconfirmed } : {}),
    };
    yield Buffer.from(`${JSON.stringify(head).slice(0, -1)},"results":[`);
    yield* resultsJson(applications, ruleset, messages, 0, false);
    if (later !== undefined) {
      const json = await helpersJson;
      if (json !== undefined && json.length > 0) {
        if (applications.length > 0) yield COMMA;
        yield* json;
      } else {
        yield* resultsJson(later.read(), ruleset, messages, later.from, applications.length > 0);
      }
    }
    yield END;
  } finally {
    later?.helper.release();
  }
}

/** How many applications the body holds, when `applications` is an array. */
function countOf(body: unknown): number {
  const applications = (body as { applications?: unknown } | null)?.applications;
  return Array.isArray(applications) ? applications.length : 0;
}

function refuseOversizedBatch(count: number): void {
  if (count > MAX_APPLICATIONS_PER_BATCH) {
    throw new HttpError(413, "BATCH_TOO_LARGE", {
      th: `ส่งมา ${count} ใบสมัคร เกินขีดจำกัด ${MAX_APPLICATIONS_PER_BATCH} ใบต่อคำขอ กรุณาแบ่งส่งหลายครั้ง`,
      en: `The batch has ${count} applications, above the limit of ${MAX_APPLICATIONS_PER_BATCH} per request; split it`,
    });
  }
}

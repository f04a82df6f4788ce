import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  dateInTimeZone,
  formatDate,
  historyWithStatus,
  ROLES,
  type Ruleset,
  VersionSchema,
} from "@smartcity/shared";
import { requireRole } from "../auth/authenticate";
import { HttpError } from "../http/http-error";
import { json } from "../http/respond";
import type { Services } from "../services";
import type { CurrentRuleset } from "../store/ruleset-store";

/** GET /api/rulesets — the history, newest first. */
export async function listRulesets(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  requireRole(await services.authenticate(request.headers.get("authorization")), ROLES);
  const { history } = await services.store.getCurrent();
  return json(200, { rulesets: historyWithStatus(history, today(services)) });
}

/**
 * GET /api/rulesets/current — the version in force. Its ETag names the
 * version, so a client polls cheaply with If-None-Match (304) and a publish
 * presents it as If-Match.
 */
export async function getCurrentRuleset(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  requireRole(await services.authenticate(request.headers.get("authorization")), ROLES);
  const current = await services.store.getCurrent();
  const ruleset = (await services.store.inForce(today(services), current)) ?? current.ruleset;
  return rulesetResponse(request, ruleset, currentEtag(ruleset, current.ruleset), "no-cache");
}

/** GET /api/rulesets/{version} — one version; immutable, so cacheable for good. */
export async function getRulesetVersion(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  requireRole(await services.authenticate(request.headers.get("authorization")), ROLES);
  const ruleset = await findVersion(services, request.params.version);
  return rulesetResponse(
    request,
    ruleset,
    `"${ruleset.hash}"`,
    "private, max-age=31536000, immutable"
  );
}

/**
 * The ETag of GET /api/rulesets/current: the version in force and the newest published one,
 * so that it changes when a version takes effect and when one is scheduled (a publish must
 * have seen both).
 */
export function currentEtag(inForce: Ruleset, latest: Ruleset): string {
  return inForce.version === latest.version
    ? `"v${inForce.version}"`
    : `"v${inForce.version}-${latest.version}"`;
}

/**
 * The ruleset in force on `asOf` (a date in the committee's time zone, default today there);
 * 404 before the first version took effect.
 */
export async function rulesetInForce(
  services: Services,
  asOf?: string,
  snapshot?: CurrentRuleset
): Promise<Ruleset> {
  const ruleset = await services.store.inForce(asOf ?? today(services), snapshot);
  if (ruleset === undefined) {
    throw new HttpError(404, "RULESET_NOT_FOUND", {
      th: `ไม่มีชุดเกณฑ์ที่มีผล ณ วันที่ ${asOf ? formatDate(asOf).th : "วันนี้"} (ฉบับแรกมีผลตั้งแต่ 27 กันยายน 2561)`,
      en: `No ruleset was in force on ${asOf ? formatDate(asOf).en : "today"} (the first took effect on 27 September 2018)`,
    });
  }
  return ruleset;
}

/**
 * The ruleset in force on `asOf`, as rulesetInForce, but while storage is unavailable from the
 * last state this instance read; `lastConfirmedAt` then says when storage last confirmed it.
 */
export async function rulesetInForceAsKnown(
  services: Services,
  asOf?: string
): Promise<{ ruleset: Ruleset; lastConfirmedAt?: Date }> {
  const { current, lastConfirmedAt } = await services.store.getCurrentOrLastKnown();
  return { ruleset: await rulesetInForce(services, asOf, current), lastConfirmedAt };
}

/** The ruleset of a version named by a client; 400 for a malformed version, 404 for an unknown one. */
export async function findVersion(
  services: Services,
  version: string | undefined
): Promise<Ruleset> {
  const parsed = VersionSchema.safeParse(version);
  if (!parsed.success) {
    throw new HttpError(400, "INVALID_VERSION", {
      th: `"${version}" ไม่ใช่หมายเลขฉบับของชุดเกณฑ์ (เช่น 1, 2, 3)`,
      en: `"${version}" is not a ruleset version (versions are numbers: 1, 2, 3…)`,
    });
  }
  const ruleset = await services.store.getVersion(parsed.data);
  if (ruleset === undefined) {
    throw new HttpError(404, "RULESET_NOT_FOUND", {
      th: `ไม่พบชุดเกณฑ์ฉบับที่ ${parsed.data} (ดูรายการฉบับทั้งหมดที่ GET /api/rulesets)`,
      en: `Ruleset version ${parsed.data} does not exist (GET /api/rulesets lists the versions)`,
    });
  }
  return ruleset;
}

/** Today in the committee's time zone (the one place the handlers read the clock for it). */
export function today(services: Services): string {
  return dateInTimeZone(services.now(), services.config.timeZone);
}

function rulesetResponse(
  request: HttpRequest,
  ruleset: Ruleset,
  etag: string,
  cacheControl: string
): HttpResponseInit {
  const headers = { etag, "cache-control": cacheControl };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (
    ifNoneMatch !== null &&
    ifNoneMatch.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")
  ) {
    return { status: 304, headers };
  }
  return json(200, ruleset, headers);
}

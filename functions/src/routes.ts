import type { HttpMethod } from "@azure/functions";
import { MAX_CONSOLIDATE_REQUEST_BYTES } from "@smartcity/shared";
import { consolidateWorkbooks } from "./handlers/consolidate";
import { diffVersions, listAudit, previewRules } from "./handlers/admin-views";
import { devSignIn } from "./handlers/dev-sign-in";
import { openApi } from "./handlers/openapi";
import { publishRuleset } from "./handlers/publish";
import { approveProposal, rejectProposal } from "./handlers/proposal-decisions";
import { createProposal, getProposal, listProposals } from "./handlers/proposals";
import { evaluateApplications } from "./handlers/evaluate";
import { health } from "./handlers/health";
import { getCurrentRuleset, getRulesetVersion, listRulesets } from "./handlers/rulesets";
import type { ServiceHandler } from "./http/handler";
import { unmatched } from "./http/unmatched";

/**
 * The one route table: `functions/index.ts` registers it with `app.http` for
 * the Azure Functions host, and the local host serves the same entries. Names
 * are unique per method (the host requires it); routes are below /api.
 * Authentication happens in the handlers (Entra ID JWTs), so the host's own
 * function keys are off.
 */
export interface Route {
  name: string;
  method: HttpMethod;
  route: string;
  handler: ServiceHandler;
  /**
   * The largest body this route reads, when above the service's usual
   * MAX_REQUEST_BYTES (the local host enforces it; on Azure set the host's
   * FUNCTIONS_REQUEST_BODY_SIZE_LIMIT, see docs/deploy.md).
   */
  maxRequestBytes?: number;
}

/** The service's own routes. */
const SERVICE_ROUTES: readonly Route[] = [
  { name: "health", method: "GET", route: "health", handler: health },
  { name: "evaluate", method: "POST", route: "evaluate", handler: evaluateApplications },
  {
    name: "consolidate",
    method: "POST",
    route: "consolidate",
    handler: consolidateWorkbooks,
    maxRequestBytes: MAX_CONSOLIDATE_REQUEST_BYTES,
  },
  { name: "listRulesets", method: "GET", route: "rulesets", handler: listRulesets },
  {
    name: "getCurrentRuleset",
    method: "GET",
    route: "rulesets/current",
    handler: getCurrentRuleset,
  },
  {
    name: "getRulesetVersion",
    method: "GET",
    route: "rulesets/{version:int}",
    handler: getRulesetVersion,
  },
  { name: "publishRuleset", method: "POST", route: "rulesets", handler: publishRuleset },
  { name: "previewRules", method: "POST", route: "rulesets/preview", handler: previewRules },
  {
    name: "diffVersions",
    method: "GET",
    route: "rulesets/{a:int}/diff/{b:int}",
    handler: diffVersions,
  },
  { name: "createProposal", method: "POST", route: "proposals", handler: createProposal },
  { name: "listProposals", method: "GET", route: "proposals", handler: listProposals },
  { name: "getProposal", method: "GET", route: "proposals/{id}", handler: getProposal },
  {
    name: "approveProposal",
    method: "POST",
    route: "proposals/{id}/approve",
    handler: approveProposal,
  },
  {
    name: "rejectProposal",
    method: "POST",
    route: "proposals/{id}/reject",
    handler: rejectProposal,
  },
  { name: "listAudit", method: "GET", route: "audit", handler: listAudit },
  { name: "devSignIn", method: "POST", route: "dev/sign-in", handler: devSignIn },
  { name: "openApi", method: "GET", route: "openapi.json", handler: openApi },
];

/** Every method a client may send; OPTIONS is the CORS preflight. */
const ALL_METHODS: readonly HttpMethod[] = [
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
];

/**
 * The service's routes, then a catch-all per method that answers what none of them takes (a
 * JSON 404 or 405, or a preflight) on both hosts; the host tries it last (route precedence).
 */
const answerUnmatched = unmatched(SERVICE_ROUTES); // one compiled route table for all methods

export const ROUTES: readonly Route[] = [
  ...SERVICE_ROUTES,
  ...ALL_METHODS.map((method): Route => ({
    name: `unmatched${method[0]}${method.slice(1).toLowerCase()}`,
    method,
    route: "{*path}",
    handler: answerUnmatched,
  })),
];

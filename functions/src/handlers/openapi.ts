import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { openApiDocument } from "@smartcity/shared";
import { json } from "../http/respond";

let document: Record<string, unknown> | undefined;

/** GET /api/openapi.json — the API's description, generated from the contract's zod schemas (anonymous). */
export async function openApi(_request: HttpRequest): Promise<HttpResponseInit> {
  document ??= openApiDocument();
  return json(200, document, { "cache-control": "public, max-age=300" });
}

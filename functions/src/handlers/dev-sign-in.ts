import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { ROLES } from "@smartcity/shared";
import { z } from "zod";
import { DEV_TOKEN_LIFETIME, signDevToken } from "../auth/dev-keys";
import { HttpError } from "../http/http-error";
import { parseRequest } from "../http/parse-request";
import { readJsonBody } from "../http/read-json-body";
import { json } from "../http/respond";
import type { Services } from "../services";

const DevSignInSchema = z
  .object({ role: z.enum(ROLES), name: z.string().trim().min(1).max(100).optional() })
  .strict();

/**
 * POST /api/dev/sign-in — dev mode only: the task pane's role picker gets a
 * token signed with the local dev key. Outside dev mode the endpoint does not
 * exist (404), and dev mode itself refuses to run in production (config.ts).
 */
export async function devSignIn(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  const auth = services.config.auth;
  if (auth.mode !== "dev") {
    throw new HttpError(404, "NOT_FOUND", {
      th: "ไม่มีบริการนี้: การลงชื่อเข้าใช้แบบทดสอบมีเฉพาะในโหมดทดสอบ (SMARTCITY_AUTH_MODE=dev)",
      en: "There is no endpoint here: dev sign-in exists only in dev mode",
    });
  }
  const { role, name } = parseRequest(DevSignInSchema, await readJsonBody(request), {
    th: "คำขอลงชื่อเข้าใช้แบบทดสอบ",
    en: "dev sign-in request",
  });
  const token = await signDevToken(auth.keyFile, { roles: [role], name });
  return json(200, { token, role, name: name ?? `Dev ${role}`, expiresIn: DEV_TOKEN_LIFETIME });
}

import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import { ROLES, type Role } from "@smartcity/shared";
import type { AuthConfig } from "../config";
import { HttpError } from "../http/http-error";
import { loadOrCreateDevKey } from "./dev-keys";

export interface Principal {
  /** Who, for audit records: the token's `preferred_username`, `name` or `sub`. */
  name: string;
  subject: string;
  roles: Role[];
}

export type Authenticator = (authorization: string | null) => Promise<Principal>;

/**
 * Verifies `Authorization: Bearer <JWT>` against the configured issuer,
 * audience and keys (Entra ID's JWKS in production, the local dev key in dev
 * mode). Only RS256 is accepted, so `alg: none` and HMAC tricks fail.
 */
export function createAuthenticator(config: AuthConfig): Authenticator {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const getKeys = (): Promise<JWTVerifyGetKey> => {
    keys ??=
      config.mode === "dev"
        ? loadOrCreateDevKey(config.keyFile).then((key) =>
            createLocalJWKSet({ keys: [key.publicJwk] })
          )
        : Promise.resolve(createRemoteJWKSet(new URL(config.jwksUrl)));
    return keys;
  };

  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await getKeys(), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ["RS256"],
        clockTolerance: 60,
      }));
    } catch (error) {
      throw unauthorized(describeTokenFailure(error));
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const subject = typeof payload.sub === "string" ? payload.sub : "unknown";
    const name = [payload.preferred_username, payload.name, subject].find(
      (value) => typeof value === "string"
    ) as string;
    return { name, subject, roles };
  };
}

/** Throws 403 unless the principal holds one of the roles. */
export function requireRole(principal: Principal, allowed: readonly Role[]): void {
  if (principal.roles.some((role) => allowed.includes(role))) return;
  const held = principal.roles.length === 0 ? "no role" : principal.roles.join(", ");
  throw new HttpError(403, "FORBIDDEN", {
    th: `ไม่มีสิทธิ์: ต้องมีบทบาท ${allowed.join(" หรือ ")} (บทบาทที่มี: ${held})`,
    en: `Forbidden: this needs the role ${allowed.join(" or ")} (the token has ${held})`,
  });
}

function bearerToken(authorization: string | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (match === null) {
    throw unauthorized(
      authorization === null
        ? "no Authorization header; send Authorization: Bearer <token>"
        : "the Authorization header is not of the form Bearer <token>"
    );
  }
  return match[1];
}

function describeTokenFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return "the token's signature does not verify";
  if (error instanceof errors.JOSEAlgNotAllowed)
    return "the token's signing algorithm is not accepted";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token was not signed by a trusted key";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return "the token is malformed";
  if (error instanceof errors.JOSEError) return `the token is not accepted (${error.code})`;
  throw error;
}

function unauthorized(why: string): HttpError {
  return new HttpError(
    401,
    "UNAUTHORIZED",
    { th: `ยังไม่ได้ยืนยันตัวตน: ${why}`, en: `Unauthorized: ${why}` },
    undefined,
    { "www-authenticate": 'Bearer realm="smartcity"' }
  );
}

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

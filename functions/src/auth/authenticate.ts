import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import { type LocalizedText, ROLE_NAMES, ROLES, type Role } from "@smartcity/shared";
import type { AuthConfig } from "../config";
import { HttpError } from "../http/http-error";
import { DEV_TOKEN_MAX_AGE, DEV_TOKEN_MAX_AGE_HOURS, loadOrCreateDevKey } from "./dev-keys";

export interface Principal {
  /**
   * Who this person is, to tell two admins apart (four-eyes approval): Entra ID's `oid`
   * (stable across applications), else `sub`.
   */
  id: string;
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
        // A token without an expiry would be valid forever.
        requiredClaims: ["exp"],
        // Dev tokens are signed by anyone holding the local key file: they live a bounded time
        // whatever `exp` they were given.
        ...(config.mode === "dev" ? { maxTokenAge: DEV_TOKEN_MAX_AGE } : {}),
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
        // Entra ID's key set could not be fetched: not the caller's fault, so not a 401.
        throw new HttpError(503, "AUTH_UNAVAILABLE", {
          th: "ตรวจสอบโทเคนไม่ได้ในขณะนี้: ดึงกุญแจของผู้ให้บริการยืนยันตัวตนไม่สำเร็จ กรุณาลองใหม่",
          en: `Tokens cannot be checked right now: the identity provider's keys could not be fetched (${(error as Error).message})`,
        });
      }
      throw unauthorized(describeTokenFailure(error));
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const subject = typeof payload.sub === "string" ? payload.sub : "unknown";
    const name = [payload.preferred_username, payload.name, subject].find(
      (value) => typeof value === "string"
    ) as string;
    const id = typeof payload.oid === "string" ? payload.oid : subject;
    return { id, name, subject, roles };
  };
}

/** Throws 403 unless the principal holds one of the roles. */
export function requireRole(principal: Principal, allowed: readonly Role[]): void {
  if (principal.roles.some((role) => allowed.includes(role))) return;
  const held = principal.roles.join(", ");
  throw new HttpError(403, "FORBIDDEN", {
    th: `ไม่มีสิทธิ์: ต้องมีบทบาท${allowed.map((role) => ROLE_NAMES[role].th).join(" หรือ ")} (บทบาทในโทเคน: ${principal.roles.map((role) => ROLE_NAMES[role].th).join(", ") || "ไม่มี"})`,
    en: `Forbidden: this needs the role ${allowed.join(" or ")} (the token has ${held || "no role"})`,
  });
}

function bearerToken(authorization: string | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (match === null) {
    throw unauthorized(
      authorization === null
        ? {
            th: "คำขอไม่มีข้อมูลการเข้าสู่ระบบแนบมา กรุณาเข้าสู่ระบบ",
            en: "no Authorization header; send Authorization: Bearer <token>",
          }
        : {
            th: "ข้อมูลการเข้าสู่ระบบที่แนบมากับคำขอมีรูปแบบไม่ถูกต้อง กรุณาเข้าสู่ระบบใหม่",
            en: "the Authorization header is not of the form Bearer <token>",
          }
    );
  }
  return match[1];
}

function describeTokenFailure(error: unknown): LocalizedText {
  if (error instanceof errors.JWTExpired && error.claim === "iat") {
    return {
      th: `โทเคนสำหรับทดสอบมีอายุเกิน ${DEV_TOKEN_MAX_AGE_HOURS} ชั่วโมงแล้ว กรุณาขอโทเคนใหม่`,
      en: `the dev token is older than ${DEV_TOKEN_MAX_AGE_HOURS} hours; get a new one`,
    };
  }
  if (error instanceof errors.JWTExpired)
    return { th: "โทเคนหมดอายุแล้ว", en: "the token has expired" };
  if (error instanceof errors.JWTClaimValidationFailed && error.reason === "missing") {
    const why = error.claim === "exp" ? " (a token must expire)" : "";
    return {
      th: MISSING_CLAIM_TH[error.claim] ?? "โทเคนขาดข้อมูลที่จำเป็นบางอย่าง",
      en: `the token has no "${error.claim}" claim, which is required${why}`,
    };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return {
      th: REFUSED_CLAIM_TH[error.claim] ?? "ข้อมูลบางอย่างในโทเคนไม่ผ่านการตรวจสอบ",
      en: `the token's "${error.claim}" claim is not accepted`,
    };
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return { th: "ลายมือชื่อของโทเคนไม่ถูกต้อง", en: "the token's signature does not verify" };
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return {
      th: "ไม่ยอมรับอัลกอริทึมที่ใช้ลงนามโทเคน",
      en: "the token's signing algorithm is not accepted",
    };
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return { th: "โทเคนไม่ได้ลงนามด้วยกุญแจที่เชื่อถือ", en: "the token was not signed by a trusted key" };
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return { th: "รูปแบบโทเคนไม่ถูกต้อง", en: "the token is malformed" };
  }
  const code = (error as errors.JOSEError).code;
  return { th: "ไม่ยอมรับโทเคน", en: `the token is not accepted (${code})` };
}

/**
 * The Thai for a claim a token lacks, or that was refused, as a whole sentence (the English
 * names the claim itself): the Thai messages carry no Latin letters, and a claim's name slotted
 * into one sentence read badly.
 */
const MISSING_CLAIM_TH: Record<string, string> = {
  exp: "โทเคนไม่มีเวลาหมดอายุ ซึ่งโทเคนทุกใบต้องมี",
  iss: "โทเคนไม่ระบุผู้ออกโทเคน ซึ่งจำเป็นต้องมี",
  aud: "โทเคนไม่ระบุระบบที่ออกให้ใช้ ซึ่งจำเป็นต้องมี",
};
const REFUSED_CLAIM_TH: Record<string, string> = {
  iss: "โทเคนไม่ได้ออกโดยผู้ให้บริการยืนยันตัวตนที่ระบบเชื่อถือ",
  aud: "โทเคนนี้ไม่ได้ออกให้ใช้กับระบบนี้",
  nbf: "โทเคนยังไม่ถึงเวลาเริ่มใช้ (นาฬิกาของเครื่องอาจไม่ตรง)",
  iat: "เวลาที่ออกโทเคนไม่ถูกต้อง (นาฬิกาของเครื่องอาจไม่ตรง)",
};

function unauthorized(why: LocalizedText): HttpError {
  return new HttpError(
    401,
    "UNAUTHORIZED",
    { th: `ยังไม่ได้ยืนยันตัวตน: ${why.th}`, en: `Unauthorized: ${why.en}` },
    undefined,
    { "www-authenticate": 'Bearer realm="smartcity"' }
  );
}

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

import { generateKeyPair, importJWK, SignJWT } from "jose";
import type { Role } from "@smartcity/shared";
import { loadOrCreateDevKey, signDevToken } from "../../functions/src/auth/dev-keys";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../functions/src/config";

/**
 * Tokens for tests, signed the way dev mode signs them (the same key file as
 * the service under test) or deliberately wrong in one respect each.
 */
export function tokenFor(keyFile: string, ...roles: Role[]): Promise<string> {
  return signDevToken(keyFile, { roles });
}

export async function badTokens(keyFile: string): Promise<Record<string, string>> {
  const { privateKey: strangerKey } = await generateKeyPair("RS256");
  const valid = await signDevToken(keyFile, { roles: ["Admin"] });
  const [header, payload] = valid.split(".");
  const unsignedHeader = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString(
    "base64url"
  );
  const sign = (claims: { issuer?: string; audience?: string; expiresAt?: number }) =>
    new SignJWT({ roles: ["Admin"] })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(claims.issuer ?? DEV_ISSUER)
      .setAudience(claims.audience ?? DEV_AUDIENCE)
      .setSubject("test")
      .setIssuedAt()
      .setExpirationTime(claims.expiresAt ?? "1h");
  const devKey = await importJWK((await loadOrCreateDevKey(keyFile)).privateJwk, "RS256");
  return {
    expired: await sign({ expiresAt: Math.floor(Date.now() / 1000) - 3600 }).sign(devKey),
    "wrong signature": await sign({}).sign(strangerKey),
    "wrong issuer": await sign({ issuer: "https://login.microsoftonline.com/other/v2.0" }).sign(
      devKey
    ),
    "wrong audience": await sign({ audience: "api://someone-else" }).sign(devKey),
    "alg none": `${unsignedHeader}.${payload}.`,
    "tampered payload": `${header}.${Buffer.from(JSON.stringify({ roles: ["Admin"], sub: "x" })).toString("base64url")}.${valid.split(".")[2]}`,
    "not a JWT": "hello",
    "no expiry": await new SignJWT({ roles: ["Admin"] })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("test")
      .setIssuedAt()
      .sign(devKey),
    "no issuer": await new SignJWT({ roles: ["Admin"] })
      .setProtectedHeader({ alg: "RS256" })
      .setAudience(DEV_AUDIENCE)
      .setSubject("test")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(devKey),
    "not valid yet": await sign({}).setNotBefore("2h").sign(devKey),
  };
}

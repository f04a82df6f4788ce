import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import type { Role } from "@smartcity/shared";
import { DEV_AUDIENCE, DEV_ISSUER } from "../config";

/**
 * Dev mode's signing key: generated on first use and kept in a git-ignored
 * file, so that `npm run dev-token` and the local service agree on it without
 * any secret in the repository.
 */
const ALGORITHM = "RS256";

interface DevKeyFile {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function loadOrCreateDevKey(keyFile: string): Promise<DevKeyFile> {
  try {
    return JSON.parse(readFileSync(keyFile, "utf8")) as DevKeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const created: DevKeyFile = {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM },
  };
  mkdirSync(path.dirname(keyFile), { recursive: true });
  try {
    // "wx": if another process created the file meanwhile, keep theirs.
    writeFileSync(keyFile, JSON.stringify(created), { flag: "wx", mode: 0o600 });
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(readFileSync(keyFile, "utf8")) as DevKeyFile;
  }
}

/** How long the service accepts a dev token after it was issued, whatever its `exp` says. */
export const DEV_TOKEN_MAX_AGE_HOURS = 12;
export const DEV_TOKEN_MAX_AGE = `${DEV_TOKEN_MAX_AGE_HOURS}h`;
/** The lifetime dev tokens are signed with, unless asked for a shorter one. */
export const DEV_TOKEN_LIFETIME = "8h";

export interface DevTokenOptions {
  roles: Role[];
  subject?: string;
  name?: string;
  expiresIn?: string;
}

export async function signDevToken(keyFile: string, options: DevTokenOptions): Promise<string> {
  const key = await loadOrCreateDevKey(keyFile);
  // A named person is a distinct subject, so two dev admins can propose and approve (four eyes).
  const subject =
    options.subject ??
    (options.name !== undefined
      ? `dev-user-${options.name}`
      : `dev-${options.roles.join("-").toLowerCase() || "norole"}`);
  return new SignJWT({
    roles: options.roles,
    name: options.name ?? `Dev ${options.roles.join(", ") || "user"}`,
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: "JWT" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? DEV_TOKEN_LIFETIME)
    .sign(await importJWK(key.privateJwk, ALGORITHM));
}

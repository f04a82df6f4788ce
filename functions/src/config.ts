import path from "node:path";
import { DEFAULT_TIME_ZONE, isTimeZone } from "@smartcity/shared";

/**
 * The service's settings, read once from the environment (Azure app settings,
 * `local.settings.json` under `func start`, or the variables that
 * `npm run start:api` sets). Every setting is named in docs/deploy.md.
 */
/** What the add-in needs to sign users in with Entra ID (public values, served by /api/health). */
export interface AddinSignIn {
  clientId: string;
  authority: string;
  scope: string;
}

export type AuthConfig =
  | { mode: "dev"; keyFile: string; issuer: string; audience: string }
  | { mode: "entra"; issuer: string; audience: string; jwksUrl: string; addin?: AddinSignIn };

export interface ServiceConfig {
  auth: AuthConfig;
  storage: StorageConfig;
  /** Origins allowed to call the API from a browser (the add-in's). */
  corsOrigins: string[];
  /** How long the pointer to the current ruleset is trusted before it is read again (ms). */
  currentRulesetTtlMs: number;
  /** The committee's time zone: "today", default effective dates, when a version takes effect, asOf. */
  timeZone: string;
  /** Distinct admins (other than the proposer) who must approve a new version; 0 = publish directly. */
  publishApprovals: number;
  /** Worker threads reading uploaded workbooks; 0 means one per core (workbook-pool.ts). */
  workbookThreads: number;
}

/**
 * Where the rulesets table is and how the service proves who it is: by the app's identity
 * (Entra ID tokens from DefaultAzureCredential: the managed identity in Azure, `az login`
 * locally), or by a connection string (Azurite, local runs).
 */
export type StorageConfig =
  | { kind: "identity"; tableUrl: string; clientId?: string; tableName: string }
  | { kind: "connection-string"; connectionString: string; tableName: string };

export const DEV_ISSUER = "urn:smartcity:dev";
export const DEV_AUDIENCE = "api://smartcity-dev";
export const DEFAULT_CORS_ORIGINS = ["https://localhost:3000"];

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): ServiceConfig {
  return {
    auth: loadAuthConfig(env),
    storage: loadStorageConfig(env),
    corsOrigins: (env.SMARTCITY_CORS_ORIGINS ?? DEFAULT_CORS_ORIGINS.join(","))
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
    currentRulesetTtlMs: numberSetting(env, "SMARTCITY_CURRENT_RULESET_TTL_MS", 5_000),
    timeZone: timeZoneSetting(env),
    publishApprovals: wholeNumberSetting(env, "SMARTCITY_PUBLISH_APPROVALS", 1),
    workbookThreads: Math.floor(numberSetting(env, "SMARTCITY_WORKBOOK_THREADS", 0)),
  };
}

/**
 * SMARTCITY_STORAGE_ACCOUNT_URL (or the host's own AzureWebJobsStorage__tableServiceUri) means
 * identity; SMARTCITY_STORAGE_CONNECTION_STRING (or AzureWebJobsStorage) a connection string.
 * Both of ours at once is refused rather than one silently preferred.
 */
export function loadStorageConfig(env: Env): StorageConfig {
  const tableName = env.SMARTCITY_RULESETS_TABLE ?? "rulesets";
  const url = env.SMARTCITY_STORAGE_ACCOUNT_URL?.trim();
  const connectionString = env.SMARTCITY_STORAGE_CONNECTION_STRING?.trim();
  if (url && connectionString) {
    throw new ConfigError(
      "Set SMARTCITY_STORAGE_ACCOUNT_URL (storage by identity) or SMARTCITY_STORAGE_CONNECTION_STRING (by key), not both"
    );
  }
  if (connectionString) return { kind: "connection-string", connectionString, tableName };
  const tableUrl = url || env.AzureWebJobsStorage__tableServiceUri?.trim();
  if (tableUrl) {
    const name = url ? "SMARTCITY_STORAGE_ACCOUNT_URL" : "AzureWebJobsStorage__tableServiceUri";
    let parsed: URL;
    try {
      parsed = new URL(tableUrl);
    } catch {
      throw new ConfigError(`The setting ${name} must be a URL, not "${tableUrl}"`);
    }
    // Tokens are never sent in the clear: the storage SDK refuses bearer tokens over http.
    if (parsed.protocol !== "https:")
      throw new ConfigError(`The setting ${name} must be an https URL, not "${tableUrl}"`);
    if (/\.(blob|queue|file|dfs)\.core\./.test(parsed.hostname))
      throw new ConfigError(
        `The setting ${name} must be the account's Table endpoint (https://<account>.table.core.windows.net), not "${tableUrl}"`
      );
    const clientId = env.AZURE_CLIENT_ID?.trim() || env.AzureWebJobsStorage__clientId?.trim();
    return { kind: "identity", tableUrl: tableUrl.replace(/\/+$/, ""), clientId, tableName };
  }
  const fallback = env.AzureWebJobsStorage?.trim();
  if (fallback) return { kind: "connection-string", connectionString: fallback, tableName };
  throw new ConfigError(
    "The storage setting is missing: SMARTCITY_STORAGE_ACCOUNT_URL (storage by identity) or SMARTCITY_STORAGE_CONNECTION_STRING (by key, e.g. Azurite)"
  );
}

/** True when any sign says this is a production deployment. */
export function productionSignal(env: Env): string | undefined {
  if ((env.SMARTCITY_ENVIRONMENT ?? "").toLowerCase() === "production")
    return "SMARTCITY_ENVIRONMENT=production";
  if ((env.AZURE_FUNCTIONS_ENVIRONMENT ?? "").toLowerCase() === "production") {
    return "AZURE_FUNCTIONS_ENVIRONMENT=Production";
  }
  if (env.WEBSITE_INSTANCE_ID) return "WEBSITE_INSTANCE_ID is set (running in Azure App Service)";
  return undefined;
}

function loadAuthConfig(env: Env): AuthConfig {
  const mode = env.SMARTCITY_AUTH_MODE ?? "entra";
  if (mode === "dev") {
    const production = productionSignal(env);
    if (production !== undefined) {
      throw new ConfigError(
        `SMARTCITY_AUTH_MODE=dev is refused: the app is configured for production (${production}). ` +
          "Dev mode signs its own tokens and must never guard real data; configure Entra ID instead."
      );
    }
    return {
      mode,
      keyFile: path.resolve(
        env.SMARTCITY_DEV_KEY_FILE ?? path.join(".local", "dev-signing-key.json")
      ),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    };
  }
  if (mode === "entra") {
    const tenant = env.SMARTCITY_AUTH_TENANT_ID;
    const issuer =
      env.SMARTCITY_AUTH_ISSUER ??
      (tenant ? `https://login.microsoftonline.com/${tenant}/v2.0` : undefined);
    const jwksUrl =
      env.SMARTCITY_AUTH_JWKS_URL ??
      (tenant ? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys` : undefined);
    const audience = required(env, "SMARTCITY_AUTH_AUDIENCE", env.SMARTCITY_AUTH_AUDIENCE);
    const clientId = env.SMARTCITY_ADDIN_CLIENT_ID;
    return {
      mode,
      issuer: required(env, "SMARTCITY_AUTH_ISSUER (or SMARTCITY_AUTH_TENANT_ID)", issuer),
      audience,
      jwksUrl: required(env, "SMARTCITY_AUTH_JWKS_URL (or SMARTCITY_AUTH_TENANT_ID)", jwksUrl),
      addin: clientId
        ? {
            clientId,
            authority:
              env.SMARTCITY_ADDIN_AUTHORITY ??
              `https://login.microsoftonline.com/${tenant ?? "organizations"}`,
            scope: env.SMARTCITY_API_SCOPE ?? `${audience.replace(/\/+$/, "")}/access_as_user`,
          }
        : undefined,
    };
  }
  throw new ConfigError(`SMARTCITY_AUTH_MODE must be "entra" or "dev", not "${mode}"`);
}

function required(env: Env, name: string, value = env[name]): string {
  if (value === undefined || value.trim() === "")
    throw new ConfigError(`The setting ${name} is missing`);
  return value;
}

function numberSetting(env: Env, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigError(`The setting ${name} must be a number ≥ 0, not "${text}"`);
  return value;
}

function timeZoneSetting(env: Env): string {
  const zone = env.SMARTCITY_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
  if (!isTimeZone(zone))
    throw new ConfigError(
      `The setting SMARTCITY_TIME_ZONE must be an IANA time zone such as Asia/Bangkok, not "${zone}"`
    );
  return zone;
}

function wholeNumberSetting(env: Env, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === "") return fallback;
  if (!/^\d{1,2}$/.test(text.trim()))
    throw new ConfigError(`The setting ${name} must be a whole number from 0 to 99, not "${text}"`);
  return Number(text.trim());
}

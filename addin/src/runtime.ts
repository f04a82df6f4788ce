import { ApiClient } from "./client/api-client";
import { RulesetSource } from "./client/ruleset-source";
import { ScoringClient } from "./client/scoring-client";
import { ServiceClient } from "./client/service-client";
import { createCellFactsReader } from "./office/cell-facts";
import { officeIsReady } from "./office/host";
import { recalculateWorkbook } from "./office/recalculate";
import { readPin } from "./office/workbook-pin";
import { ConnectionState } from "./offline/connection-state";
import { RulesetCache } from "./offline/ruleset-cache";
import { normaliseServiceUrl } from "./service-url";

/**
 * What the task pane and the custom functions share. In the shared runtime
 * they run in one JavaScript scope (and webpack's single runtime chunk makes
 * this one module instance), so the pane's sign-in is the functions' sign-in.
 */
declare const SMARTCITY_SERVICE_URL: string;

const STORAGE_KEYS = {
  serviceUrl: "smartcity.serviceUrl",
  session: "smartcity.session",
  language: "smartcity.language",
  tab: "smartcity.tab",
};

/** How long a call may take before its cells show #N/A (docs/excel-functions.md). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** How often the version in force is re-checked (≤ 60 s, so a publication reaches every unpinned formula within a minute). */
export const VERSION_POLL_MS = 30_000;
/** How often the service is asked while it cannot be reached: the functions return to it soon after. */
export const OFFLINE_POLL_MS = 10_000;

export interface Session {
  token: string;
  role: string;
  name: string;
  /** When the token expires (ms since 1970), when known; an expired session counts as signed out. */
  expiresAt?: number;
}

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage can be unavailable (private mode); the value then lasts for this session only.
  }
}

export const defaultServiceUrl =
  typeof SMARTCITY_SERVICE_URL === "string" ? SMARTCITY_SERVICE_URL : "http://127.0.0.1:7071";

let serviceUrl = stored(STORAGE_KEYS.serviceUrl) ?? defaultServiceUrl;
let session: Session | undefined = (() => {
  const text = stored(STORAGE_KEYS.session);
  try {
    return text ? (JSON.parse(text) as Session) : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * The session's bearer token, for every call to the service (the API client, the pane's uploads).
 * An expired token counts as signed out, so cells ask to sign in again rather than show a 401.
 */
export function currentToken(): string | undefined {
  return session && (session.expiresAt === undefined || session.expiresAt > Date.now())
    ? session.token
    : undefined;
}

export const api = new ApiClient({
  baseUrl: () => serviceUrl,
  token: currentToken,
  timeoutMs: REQUEST_TIMEOUT_MS,
});
/** Whether the functions can reach the service (offline/connection-state.ts). */
export const connection = new ConnectionState();
/** The ruleset versions used, kept per service for computing offline (offline/ruleset-cache.ts). */
const keptRulesets = new RulesetCache(
  () => {
    try {
      return globalThis.localStorage ?? undefined;
    } catch {
      return undefined;
    }
  },
  () => serviceUrl
);
export const rulesets = new RulesetSource(api, {
  pollMs: VERSION_POLL_MS,
  offlinePollMs: OFFLINE_POLL_MS,
  cache: keptRulesets,
  state: connection,
});
export const scoring = new ScoringClient(
  api,
  { windowMs: 20, maxBatch: 5_000 },
  { state: connection, ruleset: (version) => rulesets.peek(version) }
);
/** The panes' typed client of every endpoint they call. */
export const service = new ServiceClient({
  api,
  baseUrl: () => serviceUrl,
  token: currentToken,
});
export const cellFacts = createCellFactsReader();
export const workbookPin = readPin;

export function getServiceUrl(): string {
  return serviceUrl;
}

export function setServiceUrl(url: string): void {
  serviceUrl = normaliseServiceUrl(url, defaultServiceUrl);
  store(STORAGE_KEYS.serviceUrl, serviceUrl);
  dependentsChanged();
}

/** The pane's language as the person last chose it, if they did (and storage kept it). */
export function getChosenLanguage(): "en" | "th" | undefined {
  const chosen = stored(STORAGE_KEYS.language);
  return chosen === "en" || chosen === "th" ? chosen : undefined;
}

export function setChosenLanguage(chosen: "en" | "th"): void {
  store(STORAGE_KEYS.language, chosen);
  for (const listener of languageListeners) listener(chosen);
}

const languageListeners = new Set<(chosen: "en" | "th") => void>();

/** Hears each language the person chooses in the pane (VERSION() words its offline state in it). */
export function onChosenLanguage(listener: (chosen: "en" | "th") => void): () => void {
  languageListeners.add(listener);
  return () => languageListeners.delete(listener);
}

/** The pane's tab as the person last chose it (an id the pane checks), if storage kept it. */
export function getChosenTab(): string | undefined {
  return stored(STORAGE_KEYS.tab) ?? undefined;
}

export function setChosenTab(tab: string): void {
  store(STORAGE_KEYS.tab, tab);
}

export function getSession(): Session | undefined {
  return session;
}

export function setSession(next: Session | undefined): void {
  session = next;
  store(STORAGE_KEYS.session, next ? JSON.stringify(next) : null);
  dependentsChanged();
}

/** The version in force that unpinned formulas were last computed with (see the subscription below). */
let versionInForce: string | undefined;

/**
 * Another sign-in (or none) or another service: what was known belongs to the old one. Every
 * SMARTCITY formula depends on both, pinned or not (a signed-out cell asks to sign in; a new
 * sign-in must replace that), so the workbook is recalculated in full, and VERSION() and the
 * runtime's own subscription hear the version in force under the new settings.
 */
function dependentsChanged(): void {
  rulesets.reset();
  scoring.clear();
  versionInForce = undefined;
  void recalculateWorkbook().catch(() => undefined);
  void rulesets.checkInForce().catch(() => undefined);
}

/**
 * A new version in force: results are kept per version, so the old ones are only dead weight;
 * unpinned formulas must run again to use the new version, and Excel will not do that by itself
 * (Excel recalculates a function only when its inputs change). The first version heard (at load
 * when already signed in, else after the sign-in) is what later answers are compared with.
 */
rulesets.subscribe(
  (ruleset) => {
    const changed = versionInForce !== undefined && versionInForce !== ruleset.version;
    versionInForce = ruleset.version;
    if (!changed) return;
    // The pin lives in Office.context, readable once Office has initialised; until then, recalculate.
    const pinned = officeIsReady() && workbookPin() !== undefined;
    if (pinned) return;
    scoring.clear();
    void recalculateWorkbook().catch(() => undefined);
  },
  () => undefined
);

// The browser says the network is back: ask at once rather than at the next poll.
globalThis.addEventListener?.("online", () => {
  if (connection.isOffline()) void rulesets.checkInForce().catch(() => undefined);
});

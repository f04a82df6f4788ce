import type { Ruleset } from "@smartcity/shared";
import { checkedRuleset, rulesHashOf } from "./ruleset-hash";

/**
 * The ruleset versions this add-in has used, kept in the browser's storage so the custom
 * functions can compute without the service. A version never changes once published and is
 * identified by its hash, so a kept copy that still hashes right IS that version: it is checked
 * when it is put and again each time it is read, and a copy that fails (edited, cut short by a
 * full disk) is removed rather than used.
 *
 * The storage is the page's localStorage: in a shared runtime the functions and the pane are one
 * page, and Microsoft's shared-runtime samples keep state there (OfficeRuntime.storage is for
 * functions WITHOUT a shared runtime, "Custom functions runtime" › "Store and access data").
 * Everything is kept per service address, since two services number their versions apart.
 */
export type WebStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export interface InForce {
  ruleset: Ruleset;
  /** When the service last said this version was in force (ms since 1970). */
  confirmedAt: number;
}

const PREFIX = "smartcity.offline.";

export class RulesetCache {
  constructor(
    private readonly storage: () => WebStorage | undefined,
    private readonly scope: () => string
  ) {}

  /** The kept copy of `version`, if there is one and it passes its hash. */
  async get(version: string): Promise<Ruleset | undefined> {
    const key = this.versionKey(version);
    const text = this.read(key);
    if (text === undefined) return undefined;
    const ruleset = await checkedRuleset(parseJson(text));
    if (ruleset === undefined || ruleset.version !== version) {
      this.remove(key);
      return undefined;
    }
    return ruleset;
  }

  /**
   * Keeps `ruleset` if its rules hash to its `hash`. "wrong hash": its rules are not the ones
   * the hash names, so the caller must not use it either; "not kept": storage (or Web Crypto,
   * without which nothing can be checked) is unavailable, and the ruleset is only not kept.
   */
  async put(ruleset: Ruleset): Promise<"kept" | "wrong hash" | "not kept"> {
    const hash = await rulesHashOf(ruleset.rules);
    if (hash === undefined) return "not kept";
    if (hash !== ruleset.hash) return "wrong hash";
    return this.write(this.versionKey(ruleset.version), JSON.stringify(ruleset))
      ? "kept"
      : "not kept";
  }

  /** The version last known to be in force, with when that was said, if it is kept and sound. */
  async inForce(): Promise<InForce | undefined> {
    const text = this.read(this.inForceKey());
    const said = parseJson(text ?? "") as { version?: unknown; confirmedAt?: unknown } | undefined;
    if (typeof said?.version !== "string" || typeof said.confirmedAt !== "number") return undefined;
    const ruleset = await this.get(said.version);
    return ruleset === undefined ? undefined : { ruleset, confirmedAt: said.confirmedAt };
  }

  /** Remembers that the service said `version` was in force at `confirmedAt`. */
  setInForce(version: string, confirmedAt: number): void {
    this.write(this.inForceKey(), JSON.stringify({ version, confirmedAt }));
  }

  private versionKey(version: string): string {
    return `${PREFIX}ruleset ${this.scope()} ${version}`;
  }

  private inForceKey(): string {
    return `${PREFIX}in-force ${this.scope()}`;
  }

  private read(key: string): string | undefined {
    try {
      return this.storage()?.getItem(key) ?? undefined;
    } catch {
      return undefined; // storage unavailable (private mode, a locked-down webview)
    }
  }

  private remove(key: string): void {
    try {
      this.storage()?.removeItem(key);
    } catch {
      // Unavailable storage has nothing to remove.
    }
  }

  /**
   * Full storage (the browser allows an origin about 5 MB; a version is a few KB) makes room by
   * dropping kept versions one at a time, other services' first, until the value fits.
   */
  private write(key: string, value: string): boolean {
    const storage = this.storage();
    if (storage === undefined) return false;
    const dropping = this.keptKeys(storage).filter((other) => other !== key);
    for (;;) {
      try {
        storage.setItem(key, value);
        return true;
      } catch (error) {
        // Only a full storage is helped by room; any other refusal (a SecurityError, storage
        // turned off) would otherwise wipe every kept version for nothing.
        if (!isQuotaExceeded(error)) return false;
        const next = dropping.shift();
        if (next === undefined) return false;
        this.remove(next);
      }
    }
  }

  /** The kept versions' keys in the order to drop them: other services', this one's, the version in force. */
  private keptKeys(storage: WebStorage): string[] {
    const mine = `${PREFIX}ruleset ${this.scope()} `;
    const said = parseJson(this.read(this.inForceKey()) ?? "") as { version?: unknown } | undefined;
    const inForce = typeof said?.version === "string" ? this.versionKey(said.version) : undefined;
    const rank = (key: string) => (key === inForce ? 2 : key.startsWith(mine) ? 1 : 0);
    const keys: string[] = [];
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index);
      if (key?.startsWith(`${PREFIX}ruleset `)) keys.push(key);
    }
    return keys.sort((a, b) => rank(a) - rank(b));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A full storage, as browsers name it (Firefox's older name too). */
function isQuotaExceeded(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}

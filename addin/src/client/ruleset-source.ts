import { type Ruleset, RulesetSchema } from "@smartcity/shared";
import type { ApiClient } from "./api-client";
import { asServiceError, ServiceError } from "./service-error";

/**
 * The rulesets the add-in works with. Versions are immutable, so each is
 * fetched once. The version in force is re-checked at most every `pollMs`
 * with If-None-Match (a 304 costs nothing), and listeners hear of a change,
 * so unpinned formulas and SMARTCITY.VERSION() follow a new publication.
 */
export class RulesetSource {
  private readonly versions = new Map<string, Promise<Ruleset>>();
  private readonly known = new Map<string, Ruleset>();
  private current?: { ruleset: Ruleset; etag: string | null; checkedAt: number };
  private currentRequest?: Promise<Ruleset>;
  private readonly listeners = new Set<(ruleset: Ruleset) => void>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly api: ApiClient,
    private readonly options: { pollMs: number; now?: () => number }
  ) {}

  /** The ruleset of a version named in a cell, pinned in the workbook, or in force. */
  resolve(version?: string): Promise<Ruleset> {
    return version === undefined ? this.inForce() : this.version(version);
  }

  /**
   * The same ruleset as resolve(), when it is at hand without asking the service (a known
   * version, or the version in force checked less than `pollMs` ago); else undefined. Lets a
   * recalculation of thousands of cells skip a promise per cell.
   */
  peek(version?: string): Ruleset | undefined {
    if (version !== undefined) return this.known.get(version);
    const now = (this.options.now ?? Date.now)();
    return this.current && now - this.current.checkedAt < this.options.pollMs
      ? this.current.ruleset
      : undefined;
  }

  version(version: string): Promise<Ruleset> {
    let request = this.versions.get(version);
    if (request === undefined) {
      request = this.api
        .request(`/api/rulesets/${encodeURIComponent(version)}`)
        .then((response) => parseRuleset(response.body));
      // A failure is not remembered: the next recalculation asks again.
      request.catch(() => this.versions.delete(version));
      this.versions.set(version, request);
    }
    return request;
  }

  inForce(): Promise<Ruleset> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && now - this.current.checkedAt < this.options.pollMs)
      return Promise.resolve(this.current.ruleset);
    return this.checkInForce();
  }

  /** Asks the service for the version in force, joining a question already on its way. */
  private checkInForce(): Promise<Ruleset> {
    this.currentRequest ??= this.refresh().finally(() => (this.currentRequest = undefined));
    return this.currentRequest;
  }

  /** Calls `listener` with the version in force now and whenever it changes; returns the unsubscribe. */
  subscribe(
    listener: (ruleset: Ruleset) => void,
    onError: (error: ServiceError) => void
  ): () => void {
    this.listeners.add(listener);
    this.inForce().then(listener, (error: unknown) => onError(asServiceError(error)));
    if (this.timer === undefined) {
      // A poll while the previous question is unanswered (a slow service) joins it rather than
      // sending a second, unconditional one.
      this.timer = setInterval(() => {
        this.checkInForce().catch(() => undefined);
      }, this.options.pollMs);
      // In Node (tests, tools) polling alone must not keep the process alive; browsers have no unref.
      (this.timer as { unref?: () => void }).unref?.();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Forget everything (the service URL or the sign-in changed). */
  reset(): void {
    this.versions.clear();
    this.known.clear();
    this.current = undefined;
  }

  private async refresh(): Promise<Ruleset> {
    const headers: Record<string, string> = {};
    if (this.current?.etag) headers["if-none-match"] = this.current.etag;
    const response = await this.api.request("/api/rulesets/current", { headers });
    const now = (this.options.now ?? Date.now)();
    if (response.status === 304 && this.current) {
      this.current.checkedAt = now;
      return this.current.ruleset;
    }
    const ruleset = parseRuleset(response.body);
    // The first answer reaches subscribers through inForce(); only a later change is news.
    const changed = this.current !== undefined && this.current.ruleset.version !== ruleset.version;
    this.current = { ruleset, etag: response.etag, checkedAt: now };
    this.versions.set(ruleset.version, Promise.resolve(ruleset));
    this.known.set(ruleset.version, ruleset);
    if (changed) for (const listener of this.listeners) listener(ruleset);
    return ruleset;
  }
}

function parseRuleset(body: unknown): Ruleset {
  const parsed = RulesetSchema.safeParse(body);
  if (!parsed.success)
    throw new ServiceError(
      "unavailable",
      "the scoring service sent a ruleset this add-in cannot read"
    );
  return parsed.data;
}

/** Kept here too for the modules that import it from the ruleset source. */
export { asServiceError };

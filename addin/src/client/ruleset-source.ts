import { type Ruleset, RulesetSchema } from "@smartcity/shared";
import type { ApiClient } from "./api-client";
import { asServiceError, ServiceError } from "./service-error";

/**
 * The rulesets the add-in works with. Versions are immutable, so each is
 * fetched once. The version in force is re-checked at most every `pollMs`
 * with If-None-Match (a 304 costs nothing), and listeners hear of a change,
 * so unpinned formulas and SMARTCITY.VERSION() follow a new publication.
 *
 * Each subscriber hears every answer that differs from the last one it heard,
 * starting with the very first: the runtime subscribes when it loads, usually
 * before anyone has signed in, and the first version it learns of (after the
 * sign-in) is the one later publications are compared with. reset() (sign-in,
 * sign-out, another service) forgets what each subscriber heard, so the next
 * answer, or the next failure, reaches them all.
 */
interface Subscription {
  listener: (ruleset: Ruleset) => void;
  onError: (error: ServiceError) => void;
  /** The version this subscriber was last told of; undefined when it knows of none. */
  heard?: string;
}

export class RulesetSource {
  private readonly versions = new Map<string, Promise<Ruleset>>();
  private readonly known = new Map<string, Ruleset>();
  private current?: { ruleset: Ruleset; etag: string | null; checkedAt: number };
  private currentRequest?: Promise<Ruleset>;
  private readonly subscriptions = new Set<Subscription>();
  private timer?: ReturnType<typeof setInterval>;
  /** Bumped by reset(): an answer to a question asked before it is not kept. */
  private generation = 0;

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

  /**
   * Asks the service for the version in force now (the poll does this every `pollMs`), joining
   * a question already on its way; subscribers hear the answer if it is news to them.
   */
  checkInForce(): Promise<Ruleset> {
    if (this.currentRequest === undefined) {
      const request = this.refresh().finally(() => {
        if (this.currentRequest === request) this.currentRequest = undefined;
      });
      this.currentRequest = request;
    }
    return this.currentRequest;
  }

  /**
   * Calls `listener` with the version in force as soon as it is known and whenever it changes,
   * and `onError` when it cannot be known (not signed in, service down) while the subscriber
   * knows of no version; returns the unsubscribe.
   */
  subscribe(
    listener: (ruleset: Ruleset) => void,
    onError: (error: ServiceError) => void
  ): () => void {
    const subscription: Subscription = { listener, onError };
    this.subscriptions.add(subscription);
    // A failure reaches the subscriber through refresh(), which tells everyone who knows nothing.
    this.inForce().then(
      (ruleset) => this.tell(subscription, ruleset),
      () => undefined
    );
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
      this.subscriptions.delete(subscription);
      if (this.subscriptions.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /**
   * Forget everything (the service URL or the sign-in changed): the versions, the version in
   * force, the question on its way, and what each subscriber heard.
   */
  reset(): void {
    this.generation++;
    this.versions.clear();
    this.known.clear();
    this.current = undefined;
    this.currentRequest = undefined;
    for (const subscription of this.subscriptions) subscription.heard = undefined;
  }

  private tell(subscription: Subscription, ruleset: Ruleset): void {
    if (!this.subscriptions.has(subscription) || subscription.heard === ruleset.version) return;
    subscription.heard = ruleset.version;
    subscription.listener(ruleset);
  }

  private async refresh(): Promise<Ruleset> {
    const generation = this.generation;
    const headers = this.current?.etag ? { "if-none-match": this.current.etag } : {};
    let ruleset: Ruleset;
    try {
      const response = await this.api.request("/api/rulesets/current", { headers });
      // Asked before reset(): the answer belongs to the old sign-in or service; ask again.
      if (generation !== this.generation) return this.checkInForce();
      const now = (this.options.now ?? Date.now)();
      if (response.status === 304 && this.current) {
        this.current.checkedAt = now;
        ruleset = this.current.ruleset;
      } else {
        ruleset = parseRuleset(response.body);
        this.current = { ruleset, etag: response.etag, checkedAt: now };
        this.versions.set(ruleset.version, Promise.resolve(ruleset));
        this.known.set(ruleset.version, ruleset);
      }
    } catch (error) {
      if (generation === this.generation) {
        const failure = asServiceError(error);
        for (const subscription of [...this.subscriptions])
          if (subscription.heard === undefined) subscription.onError(failure);
      }
      throw error;
    }
    for (const subscription of [...this.subscriptions]) this.tell(subscription, ruleset);
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

import { type Ruleset, RulesetSchema } from "@smartcity/shared";
import { type ConnectionState, meansOffline } from "../offline/connection-state";
import type { RulesetCache } from "../offline/ruleset-cache";
import type { ApiClient, ApiResponse } from "./api-client";
import { asServiceError, badAnswer, ServiceError } from "./service-error";

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
 *
 * With a cache, every version used is kept (checked against its hash) and a pinned version is
 * read from it before the service is asked: a version never changes. When the service cannot be
 * reached, the version in force is the one it last said was in force (kept in the cache), until
 * it answers again: offline/connection-state.ts.
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
  /** While the service cannot be reached: the version it last said was in force. */
  private offlineInForce?: Ruleset;
  private currentRequest?: Promise<Ruleset>;
  private readonly subscriptions = new Set<Subscription>();
  private timer?: ReturnType<typeof setInterval>;
  /** Bumped by reset(): an answer to a question asked before it is not kept. */
  private generation = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly options: {
      pollMs: number;
      /** How often to ask while the service cannot be reached (default `pollMs`). */
      offlinePollMs?: number;
      now?: () => number;
      cache?: RulesetCache;
      state?: ConnectionState;
    }
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
    if (this.current && now - this.current.checkedAt < this.options.pollMs)
      return this.current.ruleset;
    return this.options.state?.isOffline() ? this.offlineInForce : undefined;
  }

  /**
   * The ruleset resolve() would give, from what this add-in holds, with no request (a formula's
   * value preview): a known or kept version; for the version in force, the one last heard of,
   * even if not re-checked within `pollMs`. Undefined when none is held.
   */
  async withoutRequest(version?: string): Promise<Ruleset | undefined> {
    if (version !== undefined) {
      const known = this.known.get(version);
      if (known !== undefined) return known;
      const kept = await this.options.cache?.get(version);
      if (kept !== undefined) this.known.set(version, kept);
      return kept;
    }
    return (
      this.current?.ruleset ?? this.offlineInForce ?? (await this.options.cache?.inForce())?.ruleset
    );
  }

  /**
   * The version unpinned formulas compute with while offline: the one last said to be in force
   * (this session's, until a question about it fails and the kept one is read).
   */
  get usedOffline(): Ruleset | undefined {
    if (!this.options.state?.isOffline()) return undefined;
    return this.offlineInForce ?? this.current?.ruleset;
  }

  version(version: string): Promise<Ruleset> {
    let request = this.versions.get(version);
    if (request === undefined) {
      request = this.fetchVersion(version);
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
    // Known to be unreachable: no request per recalculation; the poll finds the service back.
    if (this.offlineInForce !== undefined && this.options.state?.isOffline())
      return Promise.resolve(this.offlineInForce);
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
      // While offline it ticks every `offlinePollMs`, so the functions return to the service soon
      // after it answers again; online, a tick asks only once `pollMs` has passed since the last.
      const tick = Math.min(this.options.offlinePollMs ?? this.options.pollMs, this.options.pollMs);
      let lastAsked = (this.options.now ?? Date.now)();
      this.timer = setInterval(() => {
        const now = (this.options.now ?? Date.now)();
        if (!this.options.state?.isOffline() && now - lastAsked < this.options.pollMs - tick / 2)
          return;
        lastAsked = now;
        this.checkInForce().catch(() => undefined);
      }, tick);
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
    this.offlineInForce = undefined;
    // An outage of the old service says nothing of the new one (or of the new sign-in).
    this.options.state?.reset();
    for (const subscription of this.subscriptions) subscription.heard = undefined;
  }

  /** A version: the kept copy if there is one, else the service's (then kept). */
  private async fetchVersion(version: string): Promise<Ruleset> {
    const kept = await this.options.cache?.get(version);
    if (kept !== undefined) {
      this.known.set(version, kept);
      return kept;
    }
    const response = await this.asked(() =>
      this.api.request(`/api/rulesets/${encodeURIComponent(version)}`)
    );
    const ruleset = await this.keep(parseRuleset(response.body));
    this.known.set(version, ruleset);
    return ruleset;
  }

  /** A request whose outcome tells the connection state whether the service can be reached. */
  private async asked<T>(request: () => Promise<T>): Promise<T> {
    const state = this.options.state;
    const epoch = state?.epoch;
    try {
      const answer = await request();
      state?.answered(epoch);
      return answer;
    } catch (error) {
      const failure = asServiceError(error);
      if (meansOffline(failure)) state?.failed(failure, epoch);
      else if (failure.status !== undefined) state?.answered(epoch);
      throw error;
    }
  }

  /** Keeps a ruleset the service sent; one whose rules do not match its hash is refused. */
  private async keep(ruleset: Ruleset): Promise<Ruleset> {
    if ((await this.options.cache?.put(ruleset)) === "wrong hash")
      throw badAnswer(
        { en: "a ruleset", th: "ชุดเกณฑ์" },
        `the rules of version ${ruleset.version} do not match its hash`
      );
    return ruleset;
  }

  private tell(subscription: Subscription, ruleset: Ruleset): void {
    if (!this.subscriptions.has(subscription) || subscription.heard === ruleset.version) return;
    subscription.heard = ruleset.version;
    subscription.listener(ruleset);
  }

  private async refresh(): Promise<Ruleset> {
    const generation = this.generation;
    const headers = this.current?.etag ? { "if-none-match": this.current.etag } : {};
    let response: ApiResponse;
    try {
      response = await this.asked(() => this.api.request("/api/rulesets/current", { headers }));
    } catch (error) {
      // Unreachable, but the version last said to be in force is held: the functions go on
      // with it, and say so (VERSION(), the pane's banner). Only the request's own failure
      // does this: an answer that cannot be used is an error, below, never a quiet fallback.
      const failure = asServiceError(error);
      const fallback = meansOffline(failure) ? await this.lastInForce() : undefined;
      if (generation !== this.generation) throw error;
      if (fallback !== undefined) {
        this.offlineInForce = fallback;
        this.versions.set(fallback.version, Promise.resolve(fallback));
        this.known.set(fallback.version, fallback);
        for (const subscription of [...this.subscriptions]) this.tell(subscription, fallback);
        return fallback;
      }
      throw this.failedFor(generation, failure);
    }
    // Asked before reset(): the answer belongs to the old sign-in or service; ask again.
    if (generation !== this.generation) return this.checkInForce();
    const now = (this.options.now ?? Date.now)();
    let ruleset: Ruleset;
    if (response.status === 304 && this.current) {
      this.current.checkedAt = now;
      ruleset = this.current.ruleset;
    } else {
      try {
        ruleset = await this.keep(parseRuleset(response.body));
      } catch (error) {
        // The service says another version is in force, one that cannot be used: the one held
        // is no longer known to be in force, so nothing computes with it meanwhile.
        if (generation === this.generation) this.current = undefined;
        throw this.failedFor(generation, asServiceError(error));
      }
      if (generation !== this.generation) return this.checkInForce();
      this.current = { ruleset, etag: response.etag, checkedAt: now };
      this.versions.set(ruleset.version, Promise.resolve(ruleset));
      this.known.set(ruleset.version, ruleset);
    }
    this.offlineInForce = undefined;
    this.options.cache?.setInForce(ruleset.version, now);
    for (const subscription of [...this.subscriptions]) this.tell(subscription, ruleset);
    return ruleset;
  }

  /** Tells the subscribers that know no version why none is known; gives the error to throw. */
  private failedFor(generation: number, failure: ServiceError): ServiceError {
    if (generation === this.generation)
      for (const subscription of [...this.subscriptions])
        if (subscription.heard === undefined) subscription.onError(failure);
    return failure;
  }

  /** The version last said to be in force: this session's, else the kept one. */
  private async lastInForce(): Promise<Ruleset | undefined> {
    return this.current?.ruleset ?? (await this.options.cache?.inForce())?.ruleset;
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

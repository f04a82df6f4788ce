import type { ServiceError } from "../client/service-error";

/**
 * Whether the custom functions can reach the scoring service, as their own requests found it.
 * Offline starts at the first request that gets no answer (refused, timed out, a 5xx; a browser
 * with no network fails at once) and ends at the first answer. While offline, the functions
 * compute with the shared engine and the kept versions instead of asking (local-evaluation.ts);
 * the poll of the version in force keeps asking, and its first answer ends it.
 */
export interface Offline {
  /** When the first unanswered request failed (ms since 1970). */
  since: number;
  /** Why, in the words of the request that failed. */
  cause: ServiceError;
}

export class ConnectionState {
  private offline?: Offline;
  /**
   * Bumped by reset() (another service or sign-in): a request asked before it reports with the
   * epoch it was asked in, and its outcome, which concerns the old service, is ignored.
   */
  private currentEpoch = 0;
  private readonly listeners = new Set<(offline: Offline | undefined) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The current outage, if any. */
  get current(): Offline | undefined {
    return this.offline;
  }

  isOffline(): boolean {
    return this.offline !== undefined;
  }

  /** The epoch a request is asked in: give it back with its outcome. */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** Another service or sign-in: what was known of the old one's reachability is forgotten. */
  reset(): void {
    this.currentEpoch++;
    this.answered(this.currentEpoch);
  }

  /** A request failed: offline from now, unless already (the outage's start stays). */
  failed(cause: ServiceError, epoch = this.currentEpoch): void {
    if (epoch !== this.currentEpoch || this.offline !== undefined) return;
    this.offline = { since: this.now(), cause };
    this.tell();
  }

  /** The service answered: online again. */
  answered(epoch = this.currentEpoch): void {
    if (epoch !== this.currentEpoch || this.offline === undefined) return;
    this.offline = undefined;
    this.tell();
  }

  /** Listens to every change (called at once with the present state); returns the unsubscribe. */
  subscribe(listener: (offline: Offline | undefined) => void): () => void {
    this.listeners.add(listener);
    listener(this.offline);
    return () => this.listeners.delete(listener);
  }

  private tell(): void {
    for (const listener of [...this.listeners]) listener(this.offline);
  }
}

/**
 * Failures that mean the service cannot be reached, as opposed to an answer about the request
 * (a 4xx: signed out, not allowed, an unknown version), which stays the cell's error. An answer
 * that cannot be read (or a ruleset whose rules do not match its hash) is not an outage either:
 * it is an error to show, never a reason to go on quietly with an older version. (The service
 * is reached over https, so a network's sign-in page cannot answer in its place.)
 */
export function meansOffline(error: ServiceError): boolean {
  if (error.failure === "UNREACHABLE" || error.failure === "TIMEOUT") return true;
  return error.failure === "REFUSED" && error.status !== undefined && error.status >= 500;
}

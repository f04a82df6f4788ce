import type { ServiceError } from "../client/service-error";

/**
 * Whether the custom functions can reach the scoring service, as their own requests found it.
 * Offline starts at the first request that gets no usable answer (refused, timed out, a 5xx, an
 * answer that is not the service's — a hotel's sign-in page, say; a browser with no network fails
 * at once) and ends at the first answer. While offline, the functions compute with the shared
 * engine and the stored versions instead of asking (offline-scoring.ts); the poll of the version
 * in force keeps asking, and its first answer ends it.
 */
export interface Offline {
  /** When the first unanswered request failed (ms since 1970). */
  since: number;
  /** Why, in the words of the request that failed. */
  cause: ServiceError;
}

export class ConnectionState {
  private offline?: Offline;
  private readonly listeners = new Set<(offline: Offline | undefined) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The current outage, if any. */
  get current(): Offline | undefined {
    return this.offline;
  }

  isOffline(): boolean {
    return this.offline !== undefined;
  }

  /** A request failed: offline from now, unless already (the outage's start stays). */
  failed(cause: ServiceError): void {
    if (this.offline !== undefined) return;
    this.offline = { since: this.now(), cause };
    this.tell();
  }

  /** The service answered: online again. */
  answered(): void {
    if (this.offline === undefined) return;
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
 * (a 4xx: signed out, not allowed, an unknown version), which stays the cell's error.
 */
export function meansOffline(error: ServiceError): boolean {
  if (error.failure === "UNREACHABLE" || error.failure === "TIMEOUT") return true;
  if (error.failure === "BAD_ANSWER") return true;
  return error.failure === "REFUSED" && error.status !== undefined && error.status >= 500;
}

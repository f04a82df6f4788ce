import type { RulesetStore } from "./ruleset-store";

/** What the last check of storage found. */
export interface StorageCheck {
  status: "ok" | "unavailable";
  /** Why storage is unavailable. */
  message?: string;
  /** When the check ended. */
  checkedAt: Date;
  /** Why the ruleset in force could not be read although storage answered (not an outage). */
  rulesetError?: unknown;
}

type Check = () => Promise<Omit<StorageCheck, "checkedAt">>;

/**
 * Storage's last known state, for GET /api/health, checked in the background: a probe (a load
 * balancer's, the platform's) must get an answer at once whatever storage does, not wait on the
 * SDK's retries. At most one check runs at a time; a read while one runs shares it.
 */
export class StorageStatus {
  private last?: StorageCheck;
  private running?: Promise<void>;

  constructor(private readonly check: Check) {}

  /** Whether any check has ended since the instance started. */
  get everChecked(): boolean {
    return this.last !== undefined;
  }

  /**
   * Starts a check unless one is running, and answers the last known state at once, or when
   * nothing is known from the last `recentMs`, once that check has ended or `waitMs` has
   * passed, whichever is first: probes that come often get the state as of the check before
   * (storage down, checks take the SDK's retries); a rare probe gets it as it is now when
   * storage answers at once. Undefined before any check has ended.
   */
  async read(waitMs: number, recentMs: number): Promise<StorageCheck | undefined> {
    const running = this.refresh();
    if (this.last && Date.now() - this.last.checkedAt.getTime() < recentMs) return this.last;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([running, waited]);
    clearTimeout(timer);
    return this.last;
  }

  /** Starts a check unless one is running; resolves when it has ended (it never rejects). */
  refresh(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    let found: Omit<StorageCheck, "checkedAt">;
    try {
      found = await this.check();
    } catch (error) {
      found = { status: "unavailable", message: (error as Error).message };
    }
    this.last = { ...found, checkedAt: new Date() };
  }
}

/**
 * The check: a cheap read that proves storage answers, then the ruleset in force today, which
 * also keeps the store's snapshot (what health reports as in force) no older than its TTL; its
 * own failure, in a store that answers but is inconsistent, is reported apart from an outage.
 */
export function storageStatusOf(store: RulesetStore, today: () => string): StorageStatus {
  return new StorageStatus(async () => {
    await store.checkHealth();
    try {
      await store.inForce(today());
      return { status: "ok" };
    } catch (error) {
      return { status: "ok", rulesetError: error };
    }
  });
}

import {
  type TableClient,
  type TableTransaction,
  type TableTransactionResponse,
  odata,
} from "@azure/data-tables";
import {
  BASELINE_RULESET,
  type Ruleset,
  RulesetSchema,
  type RulesetSummary,
  summariseRuleset,
  versionInForce,
} from "@smartcity/shared";
import { jsonColumns, readJsonText } from "./json-columns";
import {
  asGuardedWriteError,
  asStorageError,
  isStatus,
  StorageCorruptError,
  StorageUnavailableError,
} from "./storage-errors";

/**
 * Rulesets in one Azure Table, all in one partition so that a publish is one
 * entity-group transaction (all-or-nothing, ≤ 100 operations):
 *
 *   PartitionKey "ruleset"
 *   RowKey "version-0000000001"  one row per version, never updated or deleted;
 *                                `ruleset` (and `ruleset_1`… for a long one, see
 *                                json-columns.ts) holds the whole ruleset as JSON.
 *   RowKey "current"             the pointer to the newest version; its ETag
 *                                guards publishing (a stale ETag fails the whole
 *                                transaction and writes nothing).
 *
 * Proposals (proposal-store.ts) and the audit log (audit-log.ts) share the
 * partition, so that their rows join a publish's transaction.
 *
 * Versions are immutable, so each is cached for the life of the process; the
 * pointer is cached for `currentTtlMs` so that a busy service does not read it
 * on every request, and a publish elsewhere is seen within that time. A snapshot
 * (the pointer, its ETag and the history up to it) is one consistent state, and
 * one read before this instance's publish committed is never cached after it:
 * the ETag served is always one that a publish accepts.
 *
 * The last snapshot read is kept until a newer one is read, also when a read fails: while
 * storage is down, evaluating can go on under the versions this instance holds
 * (getCurrentOrLastKnown), saying that the version in force could not be re-checked.
 */
export const PARTITION = "ruleset";
export const CURRENT_ROW = "current";
export const VERSION_ROW_PREFIX = "version-";

type VersionEntity = {
  partitionKey: string;
  rowKey: string;
  version: string;
  effectiveFrom: string;
  publishedAt: string;
} & Record<string, unknown>;

type CurrentEntity = {
  partitionKey: string;
  rowKey: string;
  version: string;
};

export function versionRowKey(version: string): string {
  return VERSION_ROW_PREFIX + version.padStart(10, "0");
}

export interface CurrentRuleset {
  /** The newest published version (which may take effect later). */
  ruleset: Ruleset;
  /** The storage ETag of the pointer row; a publish must present it. */
  pointerEtag: string;
  /** Every version up to the newest, newest first. */
  history: RulesetSummary[];
}

/** A snapshot served while storage could not confirm it, and when storage last did. */
export interface KnownRuleset {
  current: CurrentRuleset;
  /** Set only when the snapshot could not be re-checked: when it last was. */
  lastConfirmedAt?: Date;
}

export class RulesetStore {
  private readonly versions = new Map<string, Ruleset>();
  /**
   * The newest snapshot this instance knows to be true: when storage confirmed it (a read, or
   * this instance's own publish), and until when it is served without reading again.
   */
  private known?: { value: CurrentRuleset; confirmedAt: number; freshUntil: number };
  /** When a read of the pointer last failed because storage was unavailable; cleared by a read. */
  private unavailableAt?: number;
  /** Counts this instance's commits: a snapshot read across one is not cached. */
  private generation = 0;
  private ready?: Promise<void>;

  constructor(
    readonly table: TableClient,
    private readonly options: { currentTtlMs: number; now?: () => number }
  ) {}

  /**
   * Creates the table and seeds the baseline on first start. Memoised; a
   * failure (storage down) is forgotten so the next call tries again, and the
   * service recovers without a restart.
   */
  initialise(): Promise<void> {
    this.ready ??= this.createAndSeed().catch((error: unknown) => {
      this.ready = undefined;
      throw asStorageError(error);
    });
    return this.ready;
  }

  async getVersion(version: string): Promise<Ruleset | undefined> {
    const cached = this.versions.get(version);
    if (cached) return cached;
    await this.initialise();
    let entity: VersionEntity;
    try {
      entity = await this.table.getEntity<VersionEntity>(PARTITION, versionRowKey(version));
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw asStorageError(error);
    }
    return this.remember(parseRuleset(entity));
  }

  async getCurrent(): Promise<CurrentRuleset> {
    const known = this.known;
    if (known && this.now() < known.freshUntil) return known.value;
    return this.readCurrent();
  }

  /** Reads the pointer afresh (a publish decides on it); a failure keeps the last snapshot. */
  async getCurrentFresh(): Promise<CurrentRuleset> {
    return this.readCurrent();
  }

  /**
   * The current snapshot, or while storage is unavailable the last one this instance read,
   * marked with when storage last confirmed it: versions never change, so it answers as it did,
   * unless a version was published elsewhere meanwhile. Throws when storage is unavailable and
   * nothing was ever read. After a failed read, the next `currentTtlMs` answer from the last
   * snapshot at once rather than each wait for the SDK's retries again.
   */
  async getCurrentOrLastKnown(): Promise<KnownRuleset> {
    const now = this.now();
    const known = this.known;
    if (known && now < known.freshUntil) return { current: known.value };
    if (known && this.unavailableAt !== undefined && now - this.unavailableAt < this.ttl)
      return { current: known.value, lastConfirmedAt: new Date(known.confirmedAt) };
    try {
      return { current: await this.readCurrent() };
    } catch (error) {
      const last = this.known;
      if (last === undefined || !(error instanceof StorageUnavailableError)) throw error;
      return { current: last.value, lastConfirmedAt: new Date(last.confirmedAt) };
    }
  }

  /** The last snapshot this instance read or made, without asking storage; undefined before one. */
  lastKnown(): CurrentRuleset | undefined {
    return this.known?.value;
  }

  private async readCurrent(): Promise<CurrentRuleset> {
    const now = this.now();
    const generation = this.generation;
    let value: CurrentRuleset;
    try {
      value = await this.readSnapshot();
    } catch (error) {
      if (error instanceof StorageUnavailableError) this.unavailableAt = this.now();
      throw error;
    }
    this.unavailableAt = undefined;
    const known = this.known?.value.ruleset.version;
    if (
      generation === this.generation &&
      (known === undefined || Number(known) <= Number(value.ruleset.version))
    )
      this.known = { value, confirmedAt: now, freshUntil: now + this.ttl };
    return value;
  }

  private async readSnapshot(): Promise<CurrentRuleset> {
    await this.initialise();
    let pointer: CurrentEntity & { etag: string };
    try {
      pointer = await this.table.getEntity<CurrentEntity>(PARTITION, CURRENT_ROW);
    } catch (error) {
      throw asStorageError(error);
    }
    const ruleset = await this.getVersion(pointer.version);
    if (ruleset === undefined)
      throw new StorageCorruptError(
        `the current pointer names version ${pointer.version}, which does not exist`
      );
    // The history as of the pointer read: a version committed after it (seen by the listing)
    // would pair a newer history with an older ETag.
    const history = (await this.listHistory()).filter(
      (summary) => Number(summary.version) <= Number(pointer.version)
    );
    return { ruleset, pointerEtag: pointer.etag, history };
  }

  /**
   * The version in force on a date (YYYY-MM-DD in the committee's time zone; see
   * versionInForce in shared). Undefined before the first version took effect.
   */
  async inForce(asOf: string, snapshot?: CurrentRuleset): Promise<Ruleset | undefined> {
    // With the caller's snapshot, the answer belongs to the same state as its ETag.
    const { history } = snapshot ?? (await this.getCurrent());
    const entry = versionInForce(history, asOf);
    return entry === undefined ? undefined : this.getVersion(entry.version);
  }

  /** Every version, newest first. */
  async listHistory(): Promise<RulesetSummary[]> {
    await this.initialise();
    const summaries: RulesetSummary[] = [];
    try {
      const rows = this.table.listEntities<VersionEntity>({
        queryOptions: {
          filter: odata`PartitionKey eq ${PARTITION} and RowKey ge ${VERSION_ROW_PREFIX} and RowKey lt ${"version."}`,
        },
      });
      for await (const row of rows)
        summaries.push(summariseRuleset(this.remember(parseRuleset(row))));
    } catch (error) {
      throw asStorageError(error);
    }
    return summaries.sort((a, b) => Number(b.version) - Number(a.version));
  }

  /**
   * Appends a version and moves the pointer to it in one transaction, guarded
   * by the pointer's ETag as read by the caller. Throws StaleWriteError when the
   * pointer (or a row that `extraOperations` guard, such as a proposal) changed
   * meanwhile; nothing is written then. `extraOperations` (the audit record, the
   * proposal's new state) join the same transaction and must be in this partition.
   */
  async publish(
    ruleset: Ruleset,
    expectedPointerEtag: string,
    extraOperations: TableTransaction["actions"] = []
  ): Promise<void> {
    await this.initialise();
    let committed: TableTransactionResponse;
    try {
      committed = await this.table.submitTransaction([
        ["create", versionRow(ruleset)],
        ["update", pointerRow(ruleset.version), "Replace", { etag: expectedPointerEtag }],
        ...extraOperations,
      ]);
    } catch (error) {
      throw asGuardedWriteError(error, "the rulesets");
    }
    this.generation++;
    this.remember(ruleset);
    // The state this publish made is known without a read: the snapshot it was decided on plus
    // the new version. It is read again before it is served (freshUntil 0), and stands in for
    // that read while storage is unavailable.
    const known = this.known;
    if (known?.value.pointerEtag === expectedPointerEtag) {
      const value: CurrentRuleset = {
        ruleset,
        pointerEtag: committed.getResponseForEntity(CURRENT_ROW)?.etag?.trim() ?? "",
        history: [summariseRuleset(ruleset), ...known.value.history],
      };
      this.known = { value, confirmedAt: this.now(), freshUntil: 0 };
    } else if (known) {
      this.known = { ...known, freshUntil: 0 };
    }
  }

  /** A cheap read that proves storage answers. */
  async checkHealth(): Promise<void> {
    await this.initialise();
    try {
      await this.table.getEntity(PARTITION, CURRENT_ROW);
    } catch (error) {
      throw asStorageError(error);
    }
  }

  private async createAndSeed(): Promise<void> {
    try {
      await this.table.createTable();
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
    try {
      await this.table.getEntity(PARTITION, CURRENT_ROW);
      return;
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
    try {
      await this.table.submitTransaction([
        ["create", versionRow(BASELINE_RULESET)],
        ["create", pointerRow(BASELINE_RULESET.version)],
      ]);
    } catch (error) {
      // Another instance seeded first: the same baseline is there now.
      if (!isStatus(error, 409)) throw error;
    }
  }

  private remember(ruleset: Ruleset): Ruleset {
    const cached = this.versions.get(ruleset.version);
    if (cached) return cached;
    this.versions.set(ruleset.version, ruleset);
    return ruleset;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get ttl(): number {
    return this.options.currentTtlMs;
  }
}

/** The row of a version (also what an import writes). */
export function versionRow(ruleset: Ruleset) {
  return {
    partitionKey: PARTITION,
    rowKey: versionRowKey(ruleset.version),
    version: ruleset.version,
    effectiveFrom: ruleset.effectiveFrom,
    publishedAt: ruleset.publishedAt,
    ...jsonColumns("ruleset", ruleset),
  };
}

/** The row of the pointer to the newest version. */
export function pointerRow(version: string): CurrentEntity {
  return { partitionKey: PARTITION, rowKey: CURRENT_ROW, version };
}

function parseRuleset(entity: VersionEntity): Ruleset {
  const parsed = RulesetSchema.safeParse(JSON.parse(readJsonText(entity, "ruleset")));
  if (!parsed.success) {
    throw new StorageCorruptError(
      `stored version ${entity.version} does not match the ruleset schema: ${parsed.error.message}`
    );
  }
  return parsed.data;
}

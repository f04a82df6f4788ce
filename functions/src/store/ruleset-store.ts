import {
  type TableClient,
  type TableEntity,
  type TableTransaction,
  odata,
} from "@azure/data-tables";
import {
  BASELINE_RULESET,
  type Ruleset,
  RulesetSchema,
  type RulesetSummary,
  summariseRuleset,
} from "@smartcity/shared";
import { asStorageError, isStatus, StorageCorruptError } from "./storage-errors";

/**
 * Rulesets in one Azure Table, all in one partition so that a publish is one
 * entity-group transaction (all-or-nothing, ≤ 100 operations):
 *
 *   PartitionKey "ruleset"
 *   RowKey "version-0000000001"  one row per version, never updated or deleted;
 *                                `ruleset` holds the whole ruleset as JSON.
 *   RowKey "current"             the pointer to the newest version; its ETag
 *                                guards publishing (a stale ETag fails the whole
 *                                transaction with 412 and writes nothing).
 *
 * Versions are immutable, so each is cached for the life of the process; the
 * pointer is cached for `currentTtlMs` so that a busy service does not read it
 * on every request, and a publish elsewhere is seen within that time.
 */
export const PARTITION = "ruleset";
export const CURRENT_ROW = "current";
const VERSION_ROW_PREFIX = "version-";

type VersionEntity = {
  partitionKey: string;
  rowKey: string;
  version: string;
  effectiveFrom: string;
  publishedAt: string;
  ruleset: string;
};

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
  /** Every version, newest first. */
  history: RulesetSummary[];
}

export interface AuditEntry {
  at: string;
  who: string;
  action: "publish" | "refused";
  endpoint: string;
  version?: string;
  approval?: { reference: string; date: string };
  why?: string;
  changes?: unknown;
}

/** Audit rows sort newest first: their keys count down from this instant (ms). */
const AUDIT_KEY_BASE = 9_999_999_999_999;
const AUDIT_ROW_PREFIX = "audit-";

export class RulesetStore {
  private readonly versions = new Map<string, Ruleset>();
  private current?: { value: CurrentRuleset; readAt: number };
  private ready?: Promise<void>;

  constructor(
    private readonly table: TableClient,
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
    const now = this.now();
    if (this.current && now - this.current.readAt < this.options.currentTtlMs)
      return this.current.value;
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
    const value = { ruleset, pointerEtag: pointer.etag, history: await this.listHistory() };
    this.current = { value, readAt: now };
    return value;
  }

  /** Reads the pointer afresh (a publish decides on it). */
  async getCurrentFresh(): Promise<CurrentRuleset> {
    this.current = undefined;
    return this.getCurrent();
  }

  /**
   * The version in force on a date (ISO, default today, UTC): the newest whose
   * effectiveFrom is on or before it. Undefined before the first version took effect.
   */
  async inForce(
    asOf = new Date(this.now()).toISOString().slice(0, 10)
  ): Promise<Ruleset | undefined> {
    const { history } = await this.getCurrent();
    const entry = history.find((summary) => summary.effectiveFrom <= asOf);
    return entry === undefined ? undefined : this.getVersion(entry.version);
  }

  /** An audit row (append-only: created, never updated), for use inside publish's transaction or alone. */
  auditRow(entry: AuditEntry): TableTransaction["actions"][number] {
    const key = String(AUDIT_KEY_BASE - Date.parse(entry.at)).padStart(13, "0");
    const rowKey = `${AUDIT_ROW_PREFIX}${key}-${Math.random().toString(36).slice(2, 10)}`;
    return ["create", { partitionKey: PARTITION, rowKey, entry: JSON.stringify(entry) }];
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.initialise();
    try {
      await this.table.submitTransaction([this.auditRow(entry)]);
    } catch (error) {
      throw asStorageError(error);
    }
  }

  /** Audit entries, newest first, a page at a time. */
  async listAudit(
    pageSize: number,
    continuation?: string
  ): Promise<{ entries: AuditEntry[]; next?: string }> {
    await this.initialise();
    try {
      const pages = this.table
        .listEntities<{ entry: string }>({
          queryOptions: {
            filter: odata`PartitionKey eq ${PARTITION} and RowKey ge ${AUDIT_ROW_PREFIX} and RowKey lt ${"audit."}`,
          },
        })
        .byPage({ maxPageSize: pageSize, continuationToken: continuation });
      const { value } = await pages.next();
      if (!value) return { entries: [] };
      return {
        entries: value.map((row: { entry: string }) => JSON.parse(row.entry) as AuditEntry),
        next: value.continuationToken,
      };
    } catch (error) {
      throw asStorageError(error);
    }
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
   * by the pointer's ETag as read by the caller. Throws the storage 412 when the
   * pointer moved meanwhile; nothing is written then. `extraOperations` (e.g.
   * the audit record) join the same transaction and must be in this partition.
   */
  async publish(
    ruleset: Ruleset,
    expectedPointerEtag: string,
    extraOperations: TableTransaction["actions"] = []
  ): Promise<void> {
    await this.initialise();
    try {
      await this.table.submitTransaction([
        ["create", versionRow(ruleset)],
        ["update", pointerRow(ruleset.version), "Replace", { etag: expectedPointerEtag }],
        ...extraOperations,
      ]);
    } catch (error) {
      throw asStorageError(error);
    }
    this.remember(ruleset);
    this.current = undefined;
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
}

function versionRow(ruleset: Ruleset): VersionEntity {
  return {
    partitionKey: PARTITION,
    rowKey: versionRowKey(ruleset.version),
    version: ruleset.version,
    effectiveFrom: ruleset.effectiveFrom,
    publishedAt: ruleset.publishedAt,
    ruleset: JSON.stringify(ruleset),
  };
}

function pointerRow(version: string): CurrentEntity {
  return { partitionKey: PARTITION, rowKey: CURRENT_ROW, version };
}

function parseRuleset(entity: TableEntity<VersionEntity>): Ruleset {
  const parsed = RulesetSchema.safeParse(JSON.parse(entity.ruleset));
  if (!parsed.success) {
    throw new StorageCorruptError(
      `stored version ${entity.version} does not match the ruleset schema: ${parsed.error.message}`
    );
  }
  return parsed.data;
}

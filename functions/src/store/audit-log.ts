import type { AuditEntry } from "@smartcity/shared";
import { type TableClient, type TableTransaction, odata } from "@azure/data-tables";
import { randomBytes } from "node:crypto";
import { checkContinuation, refusedContinuation } from "./continuation";
import { jsonColumns, readJsonText } from "./json-columns";
import { asStorageError } from "./storage-errors";

/**
 * The audit log: who did what to the committee's rulesets, and when, append-only (rows are
 * created, never updated). It lives in the rulesets' partition so that an audit row can join
 * the same transaction as the change it records (a publish, an approval): both land or neither.
 * The entries' shape is the contract's (shared's audit-entry.ts): the store writes what the API
 * answers.
 */
export type { AuditEntry };

type Operation = TableTransaction["actions"][number];

/** Audit rows sort newest first: their keys count down from this instant (ms). */
const KEY_BASE = 9_999_999_999_999;
export const AUDIT_ROW_PREFIX = "audit-";

export class AuditLog {
  constructor(
    private readonly table: TableClient,
    private readonly partition: string,
    private readonly ready: () => Promise<void>
  ) {}

  /** The row of an entry, for a transaction that also makes the change it records. */
  row(entry: AuditEntry): Operation {
    const key = String(KEY_BASE - Date.parse(entry.at)).padStart(13, "0");
    const rowKey = `${AUDIT_ROW_PREFIX}${key}-${randomBytes(5).toString("hex")}`;
    return ["create", auditRow(this.partition, rowKey, entry)];
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.ready();
    try {
      await this.table.submitTransaction([this.row(entry)]);
    } catch (error) {
      throw asStorageError(error);
    }
  }

  /** Entries, newest first, a page at a time; InvalidContinuationError for a token not from here. */
  async list(
    pageSize: number,
    continuation?: string
  ): Promise<{ entries: AuditEntry[]; next?: string }> {
    const token = checkContinuation(continuation);
    await this.ready();
    try {
      const pages = this.table
        .listEntities<Record<string, unknown>>({
          queryOptions: {
            filter: odata`PartitionKey eq ${this.partition} and RowKey ge ${AUDIT_ROW_PREFIX} and RowKey lt ${"audit."}`,
          },
        })
        .byPage({ maxPageSize: pageSize, continuationToken: token });
      const { value } = await pages.next();
      if (!value) return { entries: [] };
      return {
        entries: value.map(
          (row: Record<string, unknown>) => JSON.parse(readJsonText(row, "entry")) as AuditEntry
        ),
        next: value.continuationToken,
      };
    } catch (error) {
      throw asStorageError(refusedContinuation(error, token));
    }
  }
}

/** The row of an audit entry under its key (also what an import writes). */
export function auditRow(partition: string, rowKey: string, entry: AuditEntry) {
  return { partitionKey: partition, rowKey, ...jsonColumns("entry", entry) };
}

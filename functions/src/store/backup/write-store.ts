import type { TableClient, TableEntity } from "@azure/data-tables";
import { type AuditEntry, auditRow } from "../audit-log";
import { proposalRow } from "../proposal-store";
import { PARTITION, pointerRow, versionRow } from "../ruleset-store";
import { asStorageError, isStatus } from "../storage-errors";
import type { ProposalRecord, Ruleset } from "@smartcity/shared";
import type { StoreFile } from "./store-file";

/** The store to import into already holds rows: an import never mixes two records. */
export class StoreNotEmptyError extends Error {
  override name = "StoreNotEmptyError";
  constructor(readonly firstRow: string) {
    super(`the store already holds rows (the first: ${firstRow})`);
  }
}

/** The import stopped part way: some rows are written, the pointer is not. */
export class ImportInterruptedError extends Error {
  override name = "ImportInterruptedError";
  constructor(
    readonly written: number,
    readonly total: number,
    readonly reason: unknown
  ) {
    super(`the import stopped after ${written} of ${total} rows: ${(reason as Error).message}`);
  }
}

/**
 * An entity-group transaction takes at most 100 operations and 4 MiB; a version row alone may
 * be close to 1 MiB (json-columns.ts), so batches are cut by size too, with room for the
 * request's own framing.
 */
const MAX_OPERATIONS = 100;
const MAX_BATCH_BYTES = 3 * 1024 * 1024;

/**
 * Writes a checked store file (checkStoreFile) into an empty table, each row as the service
 * writes it, in transactions of the one partition. The pointer is written last, so an import
 * that stops part way leaves no pointer: the store is visibly incomplete, never a smaller record
 * that looks whole. Returns how many rows it wrote.
 */
export async function writeStore(table: TableClient, file: StoreFile): Promise<number> {
  try {
    await table.createTable();
  } catch (error) {
    if (!isStatus(error, 409)) throw asStorageError(error);
  }
  const first = await firstRow(table);
  if (first !== undefined) throw new StoreNotEmptyError(first);

  // Every row is made before the first write: a row too large fails here, with nothing written.
  const rows: TableEntity[] = [
    ...file.versions.map((ruleset) => versionRow(ruleset as Ruleset)),
    ...file.proposals.map((proposal) => proposalRow(PARTITION, proposal as ProposalRecord)),
    ...file.audit.map(({ rowKey, entry }) =>
      auditRow(PARTITION, rowKey, entry as unknown as AuditEntry)
    ),
    pointerRow(file.pointer.version),
  ];
  let written = 0;
  for (const batch of batches(rows)) {
    try {
      await table.submitTransaction(batch.map((row) => ["create", row]));
    } catch (error) {
      throw new ImportInterruptedError(written, rows.length, asStorageError(error));
    }
    written += batch.length;
  }
  return written;
}

async function firstRow(table: TableClient): Promise<string | undefined> {
  try {
    const page = await table.listEntities().byPage({ maxPageSize: 1 }).next();
    const row = page.value?.[0] as { partitionKey: string; rowKey: string } | undefined;
    return row && `${row.partitionKey}/${row.rowKey}`;
  } catch (error) {
    throw asStorageError(error);
  }
}

function* batches(rows: TableEntity[]): Generator<TableEntity[]> {
  let batch: TableEntity[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row));
    if (batch.length === MAX_OPERATIONS || (batch.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

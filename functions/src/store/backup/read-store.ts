import type { TableClient } from "@azure/data-tables";
import { AUDIT_ROW_PREFIX } from "../audit-log";
import { readJsonText } from "../json-columns";
import { PROPOSAL_ROW_PREFIX } from "../proposal-store";
import { CURRENT_ROW, PARTITION, VERSION_ROW_PREFIX } from "../ruleset-store";
import { asStorageError } from "../storage-errors";
import { STORE_FILE_FORMAT, type StoreFile } from "./store-file";

/** The store holds a row this tool does not know: a backup without it would not be whole. */
export class UnknownRowError extends Error {
  override name = "UnknownRowError";
}

/**
 * Every row of the store, as a store file: each version, proposal and audit entry as the JSON
 * the store holds (not as this code's schemas would rewrite it), the pointer, and the audit
 * entries under their keys. Refuses a row it does not know rather than leave it out.
 */
export async function readStore(table: TableClient, now = new Date()): Promise<StoreFile> {
  const file: StoreFile = {
    format: STORE_FILE_FORMAT,
    formatVersion: 1,
    exportedAt: now.toISOString(),
    table: table.tableName,
    pointer: { version: "" },
    versions: [],
    proposals: [],
    audit: [],
  };
  const json = (row: Record<string, unknown>, name: string) =>
    JSON.parse(readJsonText(row, name)) as Record<string, unknown>;
  try {
    for await (const row of table.listEntities<Record<string, unknown>>()) {
      const { partitionKey, rowKey } = row as { partitionKey: string; rowKey: string };
      if (partitionKey !== PARTITION)
        throw new UnknownRowError(`a row in partition "${partitionKey}" (row "${rowKey}")`);
      if (rowKey === CURRENT_ROW) file.pointer.version = String(row.version);
      else if (rowKey.startsWith(VERSION_ROW_PREFIX)) file.versions.push(json(row, "ruleset"));
      else if (rowKey.startsWith(PROPOSAL_ROW_PREFIX)) file.proposals.push(json(row, "proposal"));
      else if (rowKey.startsWith(AUDIT_ROW_PREFIX))
        file.audit.push({ rowKey, entry: json(row, "entry") });
      else throw new UnknownRowError(`the row "${rowKey}"`);
    }
  } catch (error) {
    throw asStorageError(error);
  }
  // Row keys order versions by their zero-padded number already; said here, not relied on.
  file.versions.sort((a, b) => Number(a.version) - Number(b.version));
  return file;
}

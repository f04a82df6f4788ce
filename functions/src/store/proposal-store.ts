import { type TableClient, type TableTransaction, odata } from "@azure/data-tables";
import { type ProposalRecord, ProposalRecordSchema, type ProposalStatus } from "@smartcity/shared";
import { randomBytes } from "node:crypto";
import { checkContinuation, refusedContinuation } from "./continuation";
import { jsonColumns, readJsonText } from "./json-columns";
import {
  asGuardedWriteError,
  asStorageError,
  isStatus,
  StorageCorruptError,
} from "./storage-errors";

/**
 * Proposals of new ruleset versions (four-eyes publishing), one row each in the rulesets'
 * partition: RowKey `proposal-<id>`, where the id counts down from a fixed instant so that
 * a listing is newest first. A row changes only under its ETag (an approval, a rejection),
 * and the approval that makes it a version is the same transaction as the publish.
 */
type Operation = TableTransaction["actions"][number];

export const PROPOSAL_ROW_PREFIX = "proposal-";
const KEY_BASE = 9_999_999_999_999;

export interface StoredProposal {
  proposal: ProposalRecord;
  etag: string;
}

export class ProposalStore {
  constructor(
    private readonly table: TableClient,
    private readonly partition: string,
    private readonly ready: () => Promise<void>
  ) {}

  /** A new id: newest first in listings, unguessable suffix. */
  newId(now: Date): string {
    return `${String(KEY_BASE - now.getTime()).padStart(13, "0")}-${randomBytes(4).toString("hex")}`;
  }

  async create(proposal: ProposalRecord, extraOperations: Operation[] = []): Promise<void> {
    await this.ready();
    try {
      await this.table.submitTransaction([["create", this.row(proposal)], ...extraOperations]);
    } catch (error) {
      throw asStorageError(error);
    }
  }

  async get(id: string): Promise<StoredProposal | undefined> {
    if (!/^\d{13}-[0-9a-f]{8}$/.test(id)) return undefined;
    await this.ready();
    try {
      const row = await this.table.getEntity<Record<string, unknown>>(
        this.partition,
        PROPOSAL_ROW_PREFIX + id
      );
      return { proposal: parse(row), etag: row.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw asStorageError(error);
    }
  }

  /** Proposals newest first, a page at a time, optionally of one status. */
  async list(
    pageSize: number,
    options: { status?: ProposalStatus; continuation?: string } = {}
  ): Promise<{ proposals: ProposalRecord[]; next?: string }> {
    const token = checkContinuation(options.continuation);
    await this.ready();
    const range = odata`PartitionKey eq ${this.partition} and RowKey ge ${PROPOSAL_ROW_PREFIX} and RowKey lt ${"proposal."}`;
    const filter = options.status ? `${range} and ${odata`status eq ${options.status}`}` : range;
    try {
      const pages = this.table
        .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
        .byPage({ maxPageSize: pageSize, continuationToken: token });
      const { value } = await pages.next();
      if (!value) return { proposals: [] };
      return {
        proposals: value.map((row: Record<string, unknown>) => parse(row)),
        next: value.continuationToken,
      };
    } catch (error) {
      throw asStorageError(refusedContinuation(error, token));
    }
  }

  /** The operation that replaces a proposal under the ETag it was read with (for a transaction). */
  replaceOperation(proposal: ProposalRecord, etag: string): Operation {
    return ["update", this.row(proposal), "Replace", { etag }];
  }

  /** Replaces a proposal under its ETag, with other rows in the same transaction; StaleWriteError if it changed. */
  async replace(
    proposal: ProposalRecord,
    etag: string,
    extraOperations: Operation[] = []
  ): Promise<void> {
    await this.ready();
    try {
      await this.table.submitTransaction([
        this.replaceOperation(proposal, etag),
        ...extraOperations,
      ]);
    } catch (error) {
      throw asGuardedWriteError(error, "the proposal");
    }
  }

  private row(proposal: ProposalRecord) {
    return proposalRow(this.partition, proposal);
  }
}

/** The row of a proposal (also what an import writes). */
export function proposalRow(partition: string, proposal: ProposalRecord) {
  return {
    partitionKey: partition,
    rowKey: PROPOSAL_ROW_PREFIX + proposal.id,
    // A column of its own, so that a listing can filter by it.
    status: proposal.status,
    ...jsonColumns("proposal", proposal),
  };
}

function parse(row: Record<string, unknown>): ProposalRecord {
  const parsed = ProposalRecordSchema.safeParse(JSON.parse(readJsonText(row, "proposal")));
  if (!parsed.success)
    throw new StorageCorruptError(`stored proposal ${String(row.rowKey)} is not a proposal`);
  return parsed.data;
}

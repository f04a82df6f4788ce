import { ProposalRecordSchema, RulesetSchema, VersionSchema } from "@smartcity/shared";
import { z } from "zod";

/**
 * The committee's record in one JSON file, as `npm run store -- export` writes it and `import`
 * reads it: every version (with its hash), the pointer to the newest, the proposals and the
 * audit log. Each version, proposal and audit entry is exactly the JSON the store held, so that
 * a store imported from the file answers every GET as the exported one did.
 */
export const STORE_FILE_FORMAT = "smartcity-scoring-store";

/** An audit entry as the service writes it (audit-log.ts); other fields are kept as they are. */
const AuditEntrySchema = z.object({
  at: z.iso.datetime(),
  who: z.string(),
  whoId: z.string().optional(),
  action: z.enum(["publish", "refused", "propose", "approve", "reject"]),
  endpoint: z.string(),
  version: z.string().optional(),
  proposal: z.string().optional(),
});

export const StoreFileSchema = z
  .object({
    format: z.literal(STORE_FILE_FORMAT),
    formatVersion: z.literal(1),
    /** When the file was written, and from which table (for the reader; not checked). */
    exportedAt: z.string(),
    table: z.string(),
    /** The newest version, which the store's pointer names. */
    pointer: z.object({ version: VersionSchema }),
    /** Every version, oldest first. */
    versions: z.array(RulesetSchema).min(1),
    /** Every proposal, newest first. */
    proposals: z.array(ProposalRecordSchema),
    /** Every audit entry, newest first, under the key it was stored with (its order). */
    audit: z.array(
      z.object({ rowKey: z.string().regex(/^audit-\d{13}-[0-9a-f]{10}$/), entry: AuditEntrySchema })
    ),
  })
  .strict();

/** The file as written: each record as stored (the schema checks it; its output is not used). */
export interface StoreFile {
  format: typeof STORE_FILE_FORMAT;
  formatVersion: 1;
  exportedAt: string;
  table: string;
  pointer: { version: string };
  versions: Record<string, unknown>[];
  proposals: Record<string, unknown>[];
  audit: { rowKey: string; entry: Record<string, unknown> }[];
}

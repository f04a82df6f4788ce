import { z } from "zod";

/**
 * An entry of the audit log as `GET /api/audit` answers it (the store writes the same shape):
 * who did what to the committee's rulesets, and when. The fields the service may add later
 * pass through, so an older pane still reads a newer log.
 */
export const AUDIT_ACTIONS = ["publish", "refused", "propose", "approve", "reject"] as const;

export const AuditEntrySchema = z
  .object({
    at: z.string(),
    who: z.string(),
    /** The person's id (token oid/sub), to tell two people of the same name apart. */
    whoId: z.string().optional(),
    action: z.enum(AUDIT_ACTIONS),
    endpoint: z.string(),
    version: z.string().optional(),
    proposal: z.string().optional(),
    approval: z.object({ reference: z.string(), date: z.string() }).optional(),
    why: z.string().optional(),
    note: z.string().optional(),
    changes: z.unknown().optional(),
  })
  .loose();

/** One page of the log, newest first; `next` reads the page after it. */
export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  next: z.string().optional(),
});

export type AuditEntry = z.output<typeof AuditEntrySchema>;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

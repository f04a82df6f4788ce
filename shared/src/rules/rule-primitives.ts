import { z } from "zod";
import type { LocalizedText } from "../text/localized-text";
import { bilingual, bilingualIssue } from "./schema-issues";

/** The small schemas every part of a ruleset is built from (kept apart so parts import them without a cycle). */

/** camelCase ids: they are JSON keys in requests and must survive Excel headers. */
export const RuleIdSchema = z
  .string()
  .regex(
    /^[a-z][A-Za-z0-9]{0,39}$/,
    "must be a camelCase id of letters and digits, starting with a lower-case letter"
  );

export const LocalizedTextSchema = z.object({
  th: z
    .string()
    .trim()
    .min(1, bilingual({ th: "ข้อความภาษาไทยว่างอยู่", en: "the Thai text is empty" })),
  en: z
    .string()
    .trim()
    .min(1, bilingual({ th: "ข้อความภาษาอังกฤษว่างอยู่", en: "the English text is empty" })),
});

export const PercentSchema = z
  .number()
  .min(0, bilingual({ th: "ร้อยละต้องไม่ต่ำกว่า 0", en: "a percentage cannot be below 0" }))
  .max(100, bilingual({ th: "ร้อยละต้องไม่เกิน 100", en: "a percentage cannot be above 100" }));

export const CriterionRuleSchema = z.object({
  id: RuleIdSchema,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  aliases: z.array(z.string().trim().min(1)).default([]),
});

export type CriterionRule = z.output<typeof CriterionRuleSchema>;

export function reportDuplicateIds(
  entries: readonly { id: string }[],
  field: string,
  what: LocalizedText,
  ctx: z.RefinementCtx
): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({
        code: "custom",
        path: [field, index, "id"],
        ...bilingualIssue({
          th: `${what.th} "${entry.id}" ซ้ำ`,
          en: `duplicate ${what.en} "${entry.id}"`,
        }),
      });
    }
    seen.add(entry.id);
  });
}

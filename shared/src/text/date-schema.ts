import { z } from "zod";
import { bilingualIssue } from "../rules/schema-issues";
import { readThaiDate } from "./thai-date";

/**
 * A date as Thai documents write it (see thai-date.ts), parsed to ISO
 * `YYYY-MM-DD`: for approval dates and `asOf`, which accept the same forms.
 */
export const DateTextSchema = z.string().transform((text, ctx) => {
  const reading = readThaiDate(text);
  if (!reading.ok) {
    ctx.addIssue({ code: "custom", ...bilingualIssue(reading.problem) });
    return z.NEVER;
  }
  return reading.iso;
});

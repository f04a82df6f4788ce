import { thaiDigitsToAscii } from "../text/thai-digits";

/**
 * How names and applicant ids are compared wherever entries are matched (consolidate.ts,
 * identical-submissions.ts): Unicode NFC, trimmed, runs of spaces as one, case-folded; ids
 * also with Thai digits as ASCII.
 */
export function normaliseName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

export function normaliseApplicantId(id: string): string {
  return thaiDigitsToAscii(normaliseName(id));
}

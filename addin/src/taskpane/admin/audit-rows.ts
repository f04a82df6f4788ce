import {
  type AuditEntry,
  formatBangkokDateTime,
  formatDate,
  type LocalizedText,
} from "@smartcity/shared";
import { AUDIT_TEXTS, type AttemptKind, type AuditLanguage, type RefusalKind } from "./audit-texts";

/**
 * The audit log's entries as the rows the pane shows: each step in words in both languages
 * (never its code or the proposal's id alone), the person, the time in Bangkok, and the version
 * it concerns. Pure, so a language switch re-words the same rows.
 */
export interface AuditRow {
  at: string;
  /** What tells people apart: the token's id, else the name (an old or anonymous entry). */
  personKey: string;
  person: LocalizedText;
  when: LocalizedText;
  what: LocalizedText;
  /** The version it made or would have made, when the log tells it. */
  version?: string;
  details: LocalizedText;
}

const both = (words: (language: AuditLanguage) => string): LocalizedText => ({
  en: words("en"),
  th: words("th"),
});

/**
 * Rows newest first. A proposal's steps carry no version until it is published, so each takes
 * the version its proposal became from the step that published it, when that step is among
 * the entries; a withdrawal is a rejection by the proposer, known from the proposal's own step.
 */
export function auditRows(entries: readonly AuditEntry[]): AuditRow[] {
  const became = new Map<string, string>();
  const proposer = new Map<string, string>();
  for (const entry of entries) {
    if (entry.proposal === undefined) continue;
    if (entry.version !== undefined) became.set(entry.proposal, entry.version);
    if (entry.action === "propose") proposer.set(entry.proposal, personKey(entry));
  }
  return [...entries]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .map((entry) => {
      const version =
        entry.version ?? (entry.proposal === undefined ? undefined : became.get(entry.proposal));
      const withdrawn =
        entry.action === "reject" &&
        entry.proposal !== undefined &&
        proposer.get(entry.proposal) === personKey(entry);
      return {
        at: entry.at,
        personKey: personKey(entry),
        person: personName(entry),
        when: formatBangkokDateTime(entry.at),
        what: both((language) => whatWords(entry, withdrawn, language)),
        version,
        details: both((language) => detailWords(entry, language)),
      };
    });
}

function personKey(entry: AuditEntry): string {
  return entry.whoId === undefined ? `name:${entry.who}` : `id:${entry.whoId}`;
}

/** The service writes "anonymous" for an attempt without a valid sign-in: that is no name. */
function personName(entry: AuditEntry): LocalizedText {
  if (entry.whoId === undefined && entry.who === "anonymous")
    return both((language) => AUDIT_TEXTS[language].notSignedIn);
  return { en: entry.who, th: entry.who };
}

function whatWords(entry: AuditEntry, withdrawn: boolean, language: AuditLanguage): string {
  const texts = AUDIT_TEXTS[language];
  switch (entry.action) {
    case "propose":
      return texts.propose;
    case "approve":
      return entry.version === undefined ? texts.approve : texts.approvedAs(entry.version);
    case "reject":
      return withdrawn ? texts.withdraw : texts.reject;
    case "publish":
      return texts.publish(entry.version ?? "?");
    case "refused":
      return texts.refused(
        texts.attempts[attemptOf(entry.endpoint)],
        refusalWords(entry, language)
      );
  }
}

function detailWords(entry: AuditEntry, language: AuditLanguage): string {
  const texts = AUDIT_TEXTS[language];
  const parts: string[] = [];
  if (entry.approval)
    parts.push(texts.meeting(entry.approval.reference, formatDate(entry.approval.date)[language]));
  if (entry.note) parts.push(entry.action === "reject" ? texts.reason(entry.note) : entry.note);
  return parts.join(" · ");
}

/** Which step an endpoint of the log was (`POST /api/proposals/{id}/approve` …), in words. */
function attemptOf(endpoint: string): AttemptKind {
  const [method, path = ""] = endpoint.split(" ");
  if (/^\/api\/proposals\/[^/]+\/approve$/.test(path)) return "approve";
  if (/^\/api\/proposals\/[^/]+\/reject$/.test(path)) return "reject";
  if (path === "/api/proposals") return method === "POST" ? "propose" : "proposals";
  if (path.startsWith("/api/proposals")) return "proposals";
  if (path === "/api/rulesets/preview") return "preview";
  if (path === "/api/rulesets" && method === "POST") return "publish";
  if (path === "/api/audit") return "audit";
  return "other";
}

/**
 * Why an attempt was refused: the service records its HTTP status and its English words
 * (`403 You cannot approve your own proposal`). The Thai says the status's meaning; the English
 * gives the service's own sentence, which says more.
 */
function refusalWords(entry: AuditEntry, language: AuditLanguage): string {
  const match = /^(\d{3}) ?(.*)$/s.exec(entry.why ?? "");
  const refusals = AUDIT_TEXTS[language].refusals;
  if (language === "en" && match?.[2]) return match[2];
  const status = Number(match?.[1]);
  return status in refusals ? refusals[status as RefusalKind] : refusals.other;
}

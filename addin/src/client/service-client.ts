import {
  type Application,
  type AuditEntry,
  AuditPageSchema,
  type ConsolidateResponse,
  DevSignInResponseSchema,
  formatIssuePath,
  HealthResponseSchema,
  type LocalizedText,
  PreviewResponseSchema,
  ProposalListSchema,
  type ProposalResponse,
  ProposalResponseSchema,
  type Role,
  type Rules,
  RulesetDiffResponseSchema,
  type RulesetHistoryEntry,
  RulesetHistoryResponseSchema,
  type Ruleset,
  RulesetSchema,
} from "@smartcity/shared";
import type { z } from "zod";
import type { ApiClient } from "./api-client";
import {
  type ConsolidateRequest,
  requestConsolidatedWorkbook,
  requestConsolidation,
} from "./consolidate-upload";
import { badAnswer } from "./service-error";

/**
 * The one typed client of every endpoint the task pane calls. Each answer is parsed with
 * shared's schema for it (the service builds its answers from the same modules), so the panes
 * get plain typed data or a ServiceError whose text is in Thai and English — never a cast.
 * Transport is ApiClient (fetch, timeout, sign-in header) and, for the consolidation's upload
 * with progress, consolidate-upload.ts (XMLHttpRequest).
 */
export interface ServiceClientOptions {
  api: ApiClient;
  baseUrl: () => string;
  token: () => string | undefined;
}

export type Health = z.infer<typeof HealthResponseSchema>;
export type { RulesetHistoryEntry };

const WHAT = {
  health: { en: "a health report", th: "รายงานสถานะ" },
  signIn: { en: "a sign-in", th: "ผลการลงชื่อเข้าใช้" },
  history: { en: "a ruleset history", th: "ประวัติชุดเกณฑ์" },
  ruleset: { en: "a ruleset", th: "ชุดเกณฑ์" },
  diff: { en: "a diff", th: "ความแตกต่างของชุดเกณฑ์" },
  preview: { en: "a preview", th: "ผลทดลอง" },
  proposal: { en: "a proposal", th: "ข้อเสนอ" },
  proposals: { en: "a list of proposals", th: "รายการข้อเสนอ" },
  audit: { en: "a page of the audit log", th: "บันทึกการตรวจสอบ" },
} satisfies Record<string, LocalizedText>;

function parse<T extends z.ZodType>(schema: T, body: unknown, what: LocalizedText): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badAnswer(what, `${formatIssuePath(issue?.path ?? [])}: ${issue?.message ?? "?"}`);
}

export class ServiceClient {
  constructor(private readonly options: ServiceClientOptions) {}

  /** GET /api/health (anonymous): whether the service is up, and how it signs people in. */
  async health(): Promise<Health> {
    const { body } = await this.options.api.request("/api/health", { anonymous: true });
    return parse(HealthResponseSchema, body, WHAT.health);
  }

  /** POST /api/dev/sign-in (dev mode only): a token for a role (and a person's name, if given). */
  async devSignIn(role: Role, name?: string) {
    const { body } = await this.options.api.request("/api/dev/sign-in", {
      body: { role, ...(name ? { name } : {}) },
      anonymous: true,
    });
    return parse(DevSignInResponseSchema, body, WHAT.signIn);
  }

  /** GET /api/rulesets: every published version, newest first. */
  async history(): Promise<RulesetHistoryEntry[]> {
    const { body } = await this.options.api.request("/api/rulesets");
    return parse(RulesetHistoryResponseSchema, body, WHAT.history).rulesets;
  }

  /** GET /api/rulesets/current, past any cache, with the ETag a publish must send as If-Match. */
  async current(): Promise<{ ruleset: Ruleset; etag: string | null }> {
    const response = await this.options.api.request("/api/rulesets/current", {
      cache: "no-store",
    });
    return { ruleset: parse(RulesetSchema, response.body, WHAT.ruleset), etag: response.etag };
  }

  /** GET /api/rulesets/{a}/diff/{b}. */
  async diff(from: string, to: string) {
    const path = `/api/rulesets/${encodeURIComponent(from)}/diff/${encodeURIComponent(to)}`;
    const { body } = await this.options.api.request(path);
    return parse(RulesetDiffResponseSchema, body, WHAT.diff);
  }

  /** POST /api/rulesets/preview: which applications would change eligibility under `rules`. */
  async preview(rules: Rules, applications: Application[]) {
    const { body } = await this.options.api.request("/api/rulesets/preview", {
      body: { rules, applications },
    });
    return parse(PreviewResponseSchema, body, WHAT.preview);
  }

  /** POST /api/rulesets: publish a new version (`etag`: the version in force the form began from). */
  async publish(request: unknown, etag: string | null): Promise<Ruleset> {
    const { body } = await this.options.api.request("/api/rulesets", {
      body: request,
      headers: etag ? { "if-match": etag } : {},
    });
    return parse(RulesetSchema, body, WHAT.ruleset);
  }

  /** How many other admins must approve a new version (GET /api/health); 0: publish directly. */
  async approvalsRequired(): Promise<number> {
    return (await this.health()).publishApprovals ?? 0;
  }

  /** POST /api/proposals: a new version for other admins to approve. */
  async propose(request: unknown, etag: string | null): Promise<ProposalResponse> {
    const { body } = await this.options.api.request("/api/proposals", {
      body: request,
      headers: etag ? { "if-match": etag } : {},
    });
    return parse(ProposalResponseSchema, body, WHAT.proposal);
  }

  /** GET /api/proposals?status=…: the proposals in that state. */
  async proposals(status: "pending"): Promise<ProposalResponse[]> {
    const { body } = await this.options.api.request(`/api/proposals?status=${status}`);
    return parse(ProposalListSchema, body, WHAT.proposals).proposals;
  }

  /**
   * GET /api/audit: one page of the audit log, newest first, at most `pageSize` entries (the
   * service allows 1–1000); `continuation` is the previous page's `next`.
   */
  async audit(
    pageSize: number,
    continuation?: string
  ): Promise<{ entries: AuditEntry[]; next?: string }> {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (continuation !== undefined) query.set("continuation", continuation);
    const { body } = await this.options.api.request(`/api/audit?${query}`, { cache: "no-store" });
    return parse(AuditPageSchema, body, WHAT.audit);
  }

  /**
   * POST /api/proposals/{id}/approve or …/reject. An approval that completes the proposal
   * publishes it (201, the new ruleset); otherwise the answer is the proposal as it now stands.
   */
  async decide(
    id: string,
    action: "approve" | "reject",
    note?: string
  ): Promise<{ published: Ruleset } | { proposal: ProposalResponse }> {
    const response = await this.options.api.request(
      `/api/proposals/${encodeURIComponent(id)}/${action}`,
      { method: "POST", ...(note === undefined ? {} : { body: { note } }) }
    );
    return response.status === 201
      ? { published: parse(RulesetSchema, response.body, WHAT.ruleset) }
      : { proposal: parse(ProposalResponseSchema, response.body, WHAT.proposal) };
  }

  /** POST /api/consolidate as JSON, with upload progress. */
  consolidate(
    files: readonly File[],
    rulesetVersion: string | undefined,
    onProgress: (percent: number) => void
  ): Promise<ConsolidateResponse> {
    return requestConsolidation(this.upload(files, rulesetVersion, onProgress));
  }

  /** POST /api/consolidate as the .xlsx workbook. */
  consolidatedWorkbook(
    files: readonly File[],
    rulesetVersion: string,
    onProgress: (percent: number) => void,
    fallbackName: string
  ): Promise<{ blob: Blob; fileName: string }> {
    return requestConsolidatedWorkbook(
      this.upload(files, rulesetVersion, onProgress),
      fallbackName
    );
  }

  private upload(
    files: readonly File[],
    rulesetVersion: string | undefined,
    onProgress: (percent: number) => void
  ): ConsolidateRequest {
    return {
      baseUrl: this.options.baseUrl(),
      token: this.options.token(),
      files,
      rulesetVersion,
      onProgress,
    };
  }
}

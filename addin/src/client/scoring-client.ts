import {
  type AnyReason,
  type Application,
  type ApplicationOutcome,
  type EvaluationResult,
  EvaluateResponseSchema,
  MAX_APPLICATIONS_PER_BATCH,
} from "@smartcity/shared";
import type { ApiClient } from "./api-client";
import { ServiceError } from "./service-error";

/**
 * Evaluations for cells. The calls of one recalculation arrive within a few
 * milliseconds of each other; they are gathered for `windowMs` (or until
 * `maxBatch` are waiting) and sent as one POST /api/evaluate per ruleset
 * version. Identical inputs are sent once, and results are kept per (version,
 * inputs) until `clear()` (the version in force changed). Every call settles:
 * with a result, or with a ServiceError saying why. It asks for `"messages":
 * "none"`: reasons come as codes and facts, and REASONS words them with shared's
 * reasonText in the cell's language (smaller answers, one set of words).
 */
export interface ScoringClientOptions {
  windowMs: number;
  maxBatch: number;
}

/** A result as the add-in gets it: reasons without words. */
export type CellResult = EvaluationResult<AnyReason>;

interface Waiting {
  application: Application;
  settle: { resolve: (result: CellResult) => void; reject: (error: ServiceError) => void }[];
}

export interface ScoringStats {
  requests: number;
  applicationsSent: number;
  cacheHits: number;
}

export class ScoringClient {
  private readonly cache = new Map<string, CellResult>();
  private readonly byCells = new Map<string, CellResult>();
  private readonly queues = new Map<string, Map<string, Waiting>>();
  private timer?: ReturnType<typeof setTimeout>;
  readonly stats: ScoringStats = { requests: 0, applicationsSent: 0, cacheHits: 0 };

  constructor(
    private readonly api: ApiClient,
    private readonly options: ScoringClientOptions = {
      windowMs: 20,
      maxBatch: MAX_APPLICATIONS_PER_BATCH,
    }
  ) {}

  /** The result of one application under a ruleset version (always a concrete version: resolve pins first). */
  evaluate(application: Application, version: string): Promise<CellResult> {
    // toApplication builds applications with a fixed key order, so equal cells give equal JSON.
    const inputKey = JSON.stringify(application);
    const cached = this.cache.get(`${version}\u0000${inputKey}`);
    if (cached) {
      this.stats.cacheHits++;
      return Promise.resolve(cached);
    }
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(version);
      if (queue === undefined) {
        queue = new Map();
        this.queues.set(version, queue);
      }
      const waiting = queue.get(inputKey);
      if (waiting) waiting.settle.push({ resolve, reject });
      else queue.set(inputKey, { application, settle: [{ resolve, reject }] });
      if (queue.size >= this.options.maxBatch) this.flushVersion(version);
      else this.timer ??= setTimeout(() => this.flushAll(), this.options.windowMs);
    });
  }

  /**
   * As evaluate(), keyed first by the cells themselves (`cellsKey`: their values and what is
   * known of them), so that a recalculation with nothing changed skips even reading the cells
   * into an application. `application` is called only on a miss, and may throw a ServiceError.
   */
  evaluateCells(
    cellsKey: string,
    version: string,
    application: () => Application
  ): Promise<CellResult> {
    const key = `${version}\u0000${cellsKey}`;
    const hit = this.byCells.get(key);
    if (hit) {
      this.stats.cacheHits++;
      return Promise.resolve(hit);
    }
    return this.evaluate(application(), version).then((result) => {
      this.byCells.set(key, result);
      return result;
    });
  }

  /** The kept result for these cells under `version`, if any (what evaluateCells would give at once). */
  knownForCells(cellsKey: string, version: string): CellResult | undefined {
    const hit = this.byCells.get(`${version}\u0000${cellsKey}`);
    if (hit !== undefined) this.stats.cacheHits++;
    return hit;
  }

  /** Forget every kept result (a new ruleset version is in force, or the service changed). */
  clear(): void {
    this.cache.clear();
    this.byCells.clear();
  }

  private flushAll(): void {
    this.timer = undefined;
    for (const version of [...this.queues.keys()]) this.flushVersion(version);
  }

  private flushVersion(version: string): void {
    const queue = this.queues.get(version);
    if (queue === undefined || queue.size === 0) return;
    this.queues.delete(version);
    void this.send(version, [...queue.entries()]);
  }

  private async send(version: string, batch: [string, Waiting][]): Promise<void> {
    this.stats.requests++;
    this.stats.applicationsSent += batch.length;
    let results: ApplicationOutcome<AnyReason>[];
    try {
      const response = await this.api.request("/api/evaluate", {
        body: {
          rulesetVersion: version,
          messages: "none",
          applications: batch.map(([, waiting]) => waiting.application),
        },
      });
      const parsed = EvaluateResponseSchema.safeParse(response.body);
      if (!parsed.success || parsed.data.results.length !== batch.length) {
        throw new ServiceError(
          "unavailable",
          "the scoring service sent an answer this add-in cannot read"
        );
      }
      results = parsed.data.results as ApplicationOutcome<AnyReason>[];
    } catch (error) {
      const failure =
        error instanceof ServiceError ? error : new ServiceError("unavailable", String(error));
      for (const [, waiting] of batch) for (const { reject } of waiting.settle) reject(failure);
      return;
    }
    batch.forEach(([inputKey, waiting], index) => {
      const outcome = results[index];
      if ("error" in outcome) {
        const failure = new ServiceError("invalid", outcome.error.message.en);
        for (const { reject } of waiting.settle) reject(failure);
        return;
      }
      this.cache.set(`${version}\u0000${inputKey}`, outcome);
      for (const { resolve } of waiting.settle) resolve(outcome);
    });
  }
}

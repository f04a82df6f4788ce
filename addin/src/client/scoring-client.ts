import {
  type AnyReason,
  type Application,
  type ApplicationOutcome,
  type EvaluationResult,
  MAX_APPLICATIONS_PER_BATCH,
  type Outcome,
  readEvaluateResponse,
  type Ruleset,
} from "@smartcity/shared";
import { type ConnectionState, meansOffline } from "../offline/connection-state";
import { evaluateLocally } from "../offline/local-evaluation";
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
 * An application carries its track and requirement answers (later criteria), and both keys below
 * (the application's JSON, or the cells' JSON with the track and answers cells in it) include
 * them, so a kept result for one track never answers a formula naming another.
 */
export interface ScoringClientOptions {
  windowMs: number;
  maxBatch: number;
}

/** A result as the add-in gets it: reasons without words. */
/**
 * A result as a cell uses it: asked for with no words (`"messages": "none"`), its outcome band
 * named from the answer's `outcomes`, which lists each band once.
 */
export type CellResult = EvaluationResult<AnyReason> & { outcome: Outcome };

interface Waiting {
  application: Application;
  settle: { resolve: (result: CellResult) => void; reject: (error: ServiceError) => void }[];
}

export interface ScoringStats {
  requests: number;
  applicationsSent: number;
  cacheHits: number;
  /** Applications computed here by the shared engine (offline, or in a formula's preview). */
  computedHere: number;
}

/**
 * How to answer without the service: whether it is known to be unreachable, and the ruleset of
 * a version when the add-in holds it (checked against its hash). See offline/connection-state.ts.
 */
export interface OfflineScoring {
  state: ConnectionState;
  ruleset(version: string): Ruleset | undefined;
}

export class ScoringClient {
  // Per version, then per key: keying by `${version}${key}` would build (and hash) a new long
  // string per cell of every recalculation. Keys are an application's JSON (an object) or the
  // cells' JSON (an array), so the two never meet.
  private readonly kept = new Map<string, Map<string, CellResult>>();
  private readonly queues = new Map<string, Map<string, Waiting>>();
  private timer?: ReturnType<typeof setTimeout>;
  readonly stats: ScoringStats = {
    requests: 0,
    applicationsSent: 0,
    cacheHits: 0,
    computedHere: 0,
  };

  constructor(
    private readonly api: ApiClient,
    private readonly options: ScoringClientOptions = {
      windowMs: 20,
      maxBatch: MAX_APPLICATIONS_PER_BATCH,
    },
    private readonly offline?: OfflineScoring
  ) {}

  /** The result of one application under a ruleset version (always a concrete version: resolve pins first). */
  evaluate(application: Application, version: string): Promise<CellResult> {
    // toApplication builds applications with a fixed key order, so equal cells give equal JSON.
    const key = JSON.stringify(application);
    return this.known(key, version) ?? this.enqueue(key, version, application);
  }

  /**
   * As evaluate(), keyed by the cells themselves (`cellsKey`: their values and what is known of
   * them), so that a recalculation with nothing changed skips even reading the cells into an
   * application. `application` is called only on a miss, and may throw a ServiceError.
   */
  evaluateCells(
    cellsKey: string,
    version: string,
    application: () => Application
  ): Promise<CellResult> {
    return this.known(cellsKey, version) ?? this.enqueue(cellsKey, version, application());
  }

  /** The kept result for these cells under `version`, if any (what evaluateCells would give at once). */
  knownForCells(cellsKey: string, version: string): CellResult | undefined {
    const hit = this.kept.get(version)?.get(cellsKey);
    if (hit !== undefined) this.stats.cacheHits++;
    return hit;
  }

  /**
   * The result for these cells computed here at once, with no request (a formula's value
   * preview: Excel runs it while the person is still typing). Throws the application's error as
   * a ServiceError, as the service's answer would have it.
   */
  evaluateHere(cellsKey: string, ruleset: Ruleset, application: () => Application): CellResult {
    const known = this.knownForCells(cellsKey, ruleset.version);
    if (known !== undefined) return known;
    const read = application();
    let answer: CellResult | ServiceError | undefined;
    this.settleBatch(ruleset.version, [[cellsKey, { application: read, settle: [] }]], {
      ...evaluateLocally([read], ruleset),
      each: (_waiting, outcome) => (answer = outcome),
    });
    this.stats.computedHere++;
    if (answer instanceof ServiceError || answer === undefined)
      throw answer ?? new ServiceError("unavailable", "no result");
    return answer;
  }

  /** Forget every kept result (a new ruleset version is in force, or the service changed). */
  clear(): void {
    this.kept.clear();
  }

  private known(key: string, version: string): Promise<CellResult> | undefined {
    const hit = this.knownForCells(key, version);
    return hit === undefined ? undefined : Promise.resolve(hit);
  }

  /** Waits for the next batch of `version`; the same key twice in a batch is sent once. */
  private enqueue(key: string, version: string, application: Application): Promise<CellResult> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(version);
      if (queue === undefined) {
        queue = new Map();
        this.queues.set(version, queue);
      }
      const waiting = queue.get(key);
      if (waiting) waiting.settle.push({ resolve, reject });
      else queue.set(key, { application, settle: [{ resolve, reject }] });
      if (queue.size >= this.options.maxBatch) this.flushVersion(version);
      else this.timer ??= setTimeout(() => this.flushAll(), this.options.windowMs);
    });
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
    const offline = this.offline;
    const here = offline?.ruleset(version);
    // Known to be unreachable: computed here at once, no request (the version poll finds it back).
    if (here !== undefined && offline?.state.isOffline()) return this.computeHere(here, batch);
    this.stats.requests++;
    this.stats.applicationsSent += batch.length;
    let answer: { results: ApplicationOutcome<AnyReason>[]; outcomes: Outcome[] };
    try {
      const response = await this.api.request("/api/evaluate", {
        body: {
          rulesetVersion: version,
          messages: "none",
          applications: batch.map(([, waiting]) => waiting.application),
        },
      });
      // The contract's check, written out for speed (shared's readEvaluateResponse).
      const parsed = readEvaluateResponse(response.body);
      if (parsed === undefined || parsed.results.length !== batch.length) {
        throw new ServiceError(
          "unavailable",
          "the scoring service sent an answer this add-in cannot read",
          { failure: "BAD_ANSWER" }
        );
      }
      answer = parsed;
      offline?.state.answered();
    } catch (error) {
      const failure =
        error instanceof ServiceError ? error : new ServiceError("unavailable", String(error));
      if (offline !== undefined && meansOffline(failure)) {
        offline.state.failed(failure);
        // The same engine, the same version (checked against its hash): the same answer.
        const ruleset = offline.ruleset(version);
        if (ruleset !== undefined) return this.computeHere(ruleset, batch);
      } else if (failure.status !== undefined) offline?.state.answered();
      for (const [, waiting] of batch) for (const { reject } of waiting.settle) reject(failure);
      return;
    }
    this.settleBatch(version, batch, answer);
  }

  private computeHere(ruleset: Ruleset, batch: [string, Waiting][]): void {
    this.stats.computedHere += batch.length;
    this.settleBatch(
      ruleset.version,
      batch,
      evaluateLocally(
        batch.map(([, waiting]) => waiting.application),
        ruleset
      )
    );
  }

  /**
   * Settles each waiting cell with its outcome, the service's or this add-in's (the same shape):
   * a result named by its outcome band is kept; an application's error, or a band the answer
   * does not list, is the cell's error. `each` also hears every outcome.
   */
  private settleBatch(
    version: string,
    batch: [string, Waiting][],
    answer: {
      results: ApplicationOutcome<AnyReason>[];
      outcomes: Outcome[];
      each?: (waiting: Waiting, outcome: CellResult | ServiceError) => void;
    }
  ): void {
    const bands = new Map(answer.outcomes.map((band) => [band.id, band]));
    const kept = keptFor(this.kept, version);
    for (let index = 0; index < batch.length; index++) {
      const [key, waiting] = batch[index];
      const outcome = answer.results[index];
      let settled: CellResult | ServiceError;
      if ("error" in outcome) {
        // Both languages, so a cell with a language argument shows the service's own Thai.
        settled = new ServiceError("invalid", outcome.error.message, { code: outcome.error.code });
      } else {
        const band = bands.get(outcome.outcome.id);
        if (band === undefined) {
          settled = new ServiceError(
            "unavailable",
            "the scoring service sent an answer this add-in cannot read",
            { failure: "BAD_ANSWER" }
          );
        } else {
          settled = Object.assign(outcome, { outcome: band });
          kept.set(key, settled);
        }
      }
      answer.each?.(waiting, settled);
      if (settled instanceof ServiceError) for (const { reject } of waiting.settle) reject(settled);
      else for (const { resolve } of waiting.settle) resolve(settled);
    }
  }
}

function keptFor(
  kept: Map<string, Map<string, CellResult>>,
  version: string
): Map<string, CellResult> {
  let forVersion = kept.get(version);
  if (forVersion === undefined) {
    forVersion = new Map();
    kept.set(version, forVersion);
  }
  return forVersion;
}

import path from "node:path";
import { Worker } from "node:worker_threads";
import type { MessageLanguages, Ruleset } from "@smartcity/shared";
import type { HelperAnswer, HelperRequest } from "./evaluate-helper-worker";

/**
 * A second thread for POST /api/evaluate's big batches. On its own thread, a batch of 10,000
 * spends its time parsing the request, checking its depth, evaluating and writing about 5 MB of
 * JSON, one after the other; the helper does part of that at the same time:
 * - it finds where the later part of `applications` (about half of its characters) starts and
 *   parses that part while the request loop checks the depth of the whole text and parses it
 *   (the depth check stays on the loop, before its parse: a deep text is refused at its first
 *   bracket too many, never parsed);
 * - it evaluates and writes that part while the loop evaluates and sends the earlier part.
 *
 * The request loop still parses the whole text and validates the whole envelope, so every
 * refusal and every message are exactly what they are without the helper. The helper only
 * takes work away: its part is used only when the loop's own parse agrees with it (the same
 * number of applications), and whenever the helper is busy with another request, not started
 * yet, failed, or late past its deadline, the loop does that work itself. It is a persistent
 * worker, not a pool task, because its part is parsed while the loop is still parsing the rest;
 * one worker, because more would only share the same cores with the loop.
 */
export interface EvaluateHelperOptions {
  /** Requests shorter than this are done on the loop alone: posting the text costs more than it saves. */
  minChars?: number;
  /** The share of the array's characters the helper takes (the later part). */
  share?: number;
  /** How long the loop waits for each of the helper's answers before doing the work itself. */
  deadlineMs?: number;
  /** The helper thread's heap (it holds one request's text and part). */
  heapMb?: number;
  /** The thread's module; tests give a faulty one. */
  workerFile?: string;
}

const DEFAULTS = {
  minChars: 500_000,
  share: 0.5,
  deadlineMs: 10_000,
  heapMb: 256,
  workerFile: workerFile(),
};

export class EvaluateHelper {
  private readonly options: typeof DEFAULTS;
  private worker: Worker | undefined;
  private online: Promise<void> | undefined;
  private ready = false;
  private serving: HelperTurn | undefined;
  private nextId = 1;
  private evaluatedParts = 0;

  constructor(options: EvaluateHelperOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Starts the thread now, so that the first big batch finds it ready. */
  warm(): Promise<void> {
    this.start();
    return this.online ?? Promise.resolve();
  }

  /**
   * The helper's turn on this request's text, or undefined when the loop does it alone (the
   * text is short, the thread is busy with another request or not started yet). The text is
   * posted now, so the helper scans and parses its part while the caller parses the whole.
   */
  offer(text: string): HelperTurn | undefined {
    if (text.length < this.options.minChars) return undefined;
    try {
      const worker = this.start();
      if (!this.ready) return undefined;
      const previous = this.serving;
      if (previous !== undefined && !previous.expired()) return undefined;
      previous?.fail(); // given up: whatever it still asks of the thread is not sent
      const turn: HelperTurn = new HelperTurn(this.nextId++, worker, this.options.deadlineMs, {
        stuck: () => {
          if (this.serving === turn) this.stop();
        },
        evaluated: () => this.evaluatedParts++,
      });
      this.serving = turn;
      worker.postMessage({
        kind: "scan",
        id: turn.id,
        text,
        share: this.options.share,
      } satisfies HelperRequest);
      return turn;
    } catch {
      this.stop(); // a thread that cannot be started or posted to: the loop does the work
      return undefined;
    }
  }

  /** How many requests' later parts the helper has evaluated (the others were the loop's alone). */
  get partsEvaluated(): number {
    return this.evaluatedParts;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.stop();
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.options.workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    worker.unref(); // an idle helper never keeps the process alive
    this.worker = worker;
    let settle!: () => void;
    this.online = new Promise((resolve) => (settle = resolve));
    worker.on("message", (answer: HelperAnswer) => {
      if (answer.kind === "ready") {
        // Said once its modules are loaded ('online' comes before), so a first turn never waits on them.
        if (this.worker === worker) this.ready = true;
        settle();
        return;
      }
      const turn = this.serving;
      if (turn === undefined || turn.id !== answer.id) return; // a turn already given up
      turn.receive(answer);
      if (answer.kind !== "scanned") this.serving = undefined;
    });
    const lost = () => {
      settle(); // warm() never waits on a thread that died starting
      if (this.worker === worker) this.stop();
    };
    worker.on("error", lost); // e.g. out of its heap: the loop does the work, a new thread starts on the next request
    worker.on("exit", lost);
    return worker;
  }

  /** Forgets the thread (dead, or stuck past a deadline) and every answer it still owes. */
  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.online = undefined;
    this.ready = false;
    const turn = this.serving;
    this.serving = undefined;
    turn?.fail();
    void worker?.terminate();
  }
}

/** One request's use of the helper; `release` it when the request no longer needs it. */
export class HelperTurn {
  private scanned = deferred<Extract<HelperAnswer, { kind: "scanned" }> | undefined>();
  private evaluated = deferred<Uint8Array | undefined>();
  private state: "scanning" | "split" | "evaluating" | "over" = "scanning";
  private readonly startedAt = Date.now();

  constructor(
    readonly id: number,
    private readonly worker: Worker,
    private readonly deadlineMs: number,
    private readonly helper: { stuck: () => void; evaluated: () => void }
  ) {}

  /**
   * Where the helper's part starts in the batch the loop parsed, when the helper found the same
   * `count` of applications; otherwise undefined, and the turn is over.
   */
  async splitAt(count: number): Promise<number | undefined> {
    const rest = (await this.withDeadline(this.scanned.promise))?.rest;
    if (rest === undefined || rest.count !== count || this.state !== "scanning") {
      this.release();
      return undefined;
    }
    this.state = "split";
    return rest.firstIndex;
  }

  /** The JSON of the helper's part (its results joined by commas), or undefined: the loop does it. */
  async evaluateRest(
    ruleset: Ruleset,
    messages: MessageLanguages
  ): Promise<Uint8Array | undefined> {
    if (this.state !== "split") return undefined;
    this.state = "evaluating";
    this.worker.postMessage({
      kind: "evaluate",
      id: this.id,
      ruleset,
      rulesetKey: rulesetKey(ruleset),
      messages,
    } satisfies HelperRequest);
    const json = await this.withDeadline(this.evaluated.promise);
    this.state = "over";
    if (json !== undefined) this.helper.evaluated();
    return json;
  }

  /** The request is done with the helper (answered, refused, or gone). */
  release(): void {
    if (this.state === "scanning" || this.state === "split")
      this.worker.postMessage({ kind: "drop", id: this.id } satisfies HelperRequest);
    if (this.state !== "evaluating") this.state = "over";
  }

  /**
   * A turn this old (its request still not released: a body stream never read, say) no longer
   * keeps the helper from others; it is failed then, so it asks nothing more of the thread.
   */
  expired(): boolean {
    return Date.now() - this.startedAt > 6 * this.deadlineMs;
  }

  receive(answer: HelperAnswer): void {
    if (answer.kind === "scanned") this.scanned.resolve(answer);
    else if (answer.kind === "evaluated") this.evaluated.resolve(answer.json);
    else {
      this.scanned.resolve(undefined);
      this.evaluated.resolve(undefined);
    }
  }

  /** The turn is over without the thread: nothing more is sent, every wait ends now. */
  fail(): void {
    this.state = "over";
    this.scanned.resolve(undefined);
    this.evaluated.resolve(undefined);
  }

  private async withDeadline<T>(promise: Promise<T | undefined>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    let answered = false;
    const answer = promise.then((value) => {
      answered = true;
      return value;
    });
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(
        // After the poll phase: an answer that came while the loop itself was busy counts.
        () =>
          setImmediate(() => {
            if (answered) return;
            this.helper.stuck(); // a thread this late is stuck: it is replaced, and the loop does its work
            resolve(undefined);
          }),
        this.deadlineMs
      );
    });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const rulesetKeys = new WeakMap<Ruleset, string>();
function rulesetKey(ruleset: Ruleset): string {
  let key = rulesetKeys.get(ruleset);
  if (key === undefined) {
    key = JSON.stringify(ruleset);
    rulesetKeys.set(ruleset, key);
  }
  return key;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** The compiled worker beside this module; from the TypeScript sources (under jest), the build's. */
function workerFile(): string {
  const here = __filename.endsWith(".ts")
    ? __dirname.replace(/([\\/])src([\\/]handlers)$/, "$1dist$2")
    : __dirname;
  return path.join(here, "evaluate-helper-worker.js");
}

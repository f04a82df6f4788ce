import path from "node:path";
import { Worker } from "node:worker_threads";
import type { MessageLanguages, Ruleset } from "@smartcity/shared";
import { guessCut } from "../http/json-array-parts";
import type { HelperAnswer, HelperRequest, PartReading } from "./evaluate-helper-worker";

/**
 * A second thread for POST /api/evaluate's big batches. On its own thread, a batch of 10,000
 * spends its time lexing and parsing the request, evaluating and writing about 5 MB of JSON, one
 * after the other; the helper does part of that at the same time. The request loop cuts the
 * text between two applications by a guess that reads almost nothing (json-array-parts.ts), at
 * about the helper's share from the end, and posts what follows the cut at once. Then
 * - the helper lexes and parses the later applications while the loop lexes and parses the
 *   text before the cut; each checks the depth of its side before it parses it, so a deep text
 *   is refused at its first bracket too many, never parsed (json-depth.ts). The loop also checks
 *   that the guess was a comma of the array; when it was not, it does everything alone;
 * - the helper evaluates and writes its applications while the loop evaluates and sends the
 *   earlier ones.
 *
 * Nothing is sent before the helper's part is known to be JSON (the helper said so, or, when it
 * did not answer, the loop read that part itself), so every refusal and every message are
 * exactly what they are without the helper: a part that is not JSON makes the loop check and
 * parse the whole text itself, and JSON.parse then says where it breaks. Whenever the helper
 * is busy with another request, not started yet, failed, or late past its deadline, the loop
 * does that work itself. It is a persistent worker, not a pool task, so that it is ready the
 * moment the request's text is; one worker, because more would only share the same cores with
 * the loop.
 */
export interface EvaluateHelperOptions {
  /** Requests shorter than this are done on the loop alone: posting the text costs more than it saves. */
  minChars?: number;
  /** The share of the text's characters the helper takes (the later applications, from the first cut there). */
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
   * The helper's turn on this request's batch, or undefined when the loop does it alone (the
   * text is short, no cut between two applications is found, the thread is busy with another
   * request or not started yet). The text after the cut is posted now, so that the helper
   * lexes and parses it while the loop does the text before the cut.
   */
  offer(text: string): HelperTurn | undefined {
    if (text.length < this.options.minChars) return undefined;
    try {
      const worker = this.start();
      if (!this.ready) return undefined;
      const previous = this.serving;
      if (previous !== undefined && !previous.expired()) return undefined;
      const cut = guessCut(text, this.options.share);
      if (cut === -1) return undefined;
      previous?.fail(); // given up: whatever it still asks of the thread is not sent
      const turn: HelperTurn = new HelperTurn(this.nextId++, cut, worker, this.options.deadlineMs, {
        stuck: () => {
          if (this.serving === turn) this.stop();
        },
        evaluated: () => this.evaluatedParts++,
      });
      this.serving = turn;
      worker.postMessage({
        kind: "part",
        id: turn.id,
        text: text.slice(cut + 1),
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
      // Free for the next request once it holds no part (it holds one after reading applications).
      if (answer.kind !== "parsed" || !("count" in answer)) this.serving = undefined;
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
  private parsed = deferred<PartReading | undefined>();
  private evaluated = deferred<Uint8Array[] | undefined>();
  private state: "parsing" | "parsed" | "evaluating" | "over" = "parsing";
  private readonly startedAt = Date.now();

  constructor(
    readonly id: number,
    /** Where the text is cut: the helper has what follows. */
    readonly cut: number,
    private readonly worker: Worker,
    private readonly deadlineMs: number,
    private readonly helper: { stuck: () => void; evaluated: () => void }
  ) {}

  /**
   * What the helper read after the cut (offsets in the text after it): where it nests too deep,
   * where the array closes and how many applications come before, or that it is not known to be
   * JSON; undefined when the helper did not say (gone, late), and the loop then reads it itself.
   * Only after it read the applications does the helper take its part.
   */
  async laterParsed(): Promise<PartReading | undefined> {
    const reading = await this.withDeadline(this.parsed.promise);
    if (this.state !== "parsing") return undefined; // given up meanwhile: the loop reads them
    if (reading === undefined || !("count" in reading)) {
      this.release();
      return reading;
    }
    this.state = "parsed";
    return reading;
  }

  /**
   * The JSON of the helper's part in UTF-8, in chunks (its results joined by commas), or
   * undefined: the loop does it. `firstIndex` is the index of its first application in the batch.
   */
  async evaluateRest(
    ruleset: Ruleset,
    messages: MessageLanguages,
    firstIndex: number
  ): Promise<Uint8Array[] | undefined> {
    if (this.state !== "parsed") return undefined;
    this.state = "evaluating";
    this.worker.postMessage({
      kind: "evaluate",
      id: this.id,
      firstIndex,
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
    if (this.state === "parsing" || this.state === "parsed")
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
    if (answer.kind === "parsed") {
      this.parsed.resolve(readingOf(answer));
    } else if (answer.kind === "evaluated") this.evaluated.resolve(answer.json);
    else {
      this.parsed.resolve(undefined);
      this.evaluated.resolve(undefined);
    }
  }

  /** The turn is over without the thread: nothing more is sent, every wait ends now. */
  fail(): void {
    this.state = "over";
    this.parsed.resolve(undefined);
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

/** The reading in a `parsed` answer, without the message's own fields. */
function readingOf(answer: Extract<HelperAnswer, { kind: "parsed" }>): PartReading {
  if ("tooDeepAt" in answer) return { tooDeepAt: answer.tooDeepAt };
  if ("count" in answer) return { close: answer.close, count: answer.count };
  return { unread: true };
}

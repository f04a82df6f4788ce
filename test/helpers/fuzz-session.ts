import fc from "fast-check";
import { checkAnswer, type FuzzAnswer, InputWords } from "./fuzz-answers";
import { type FuzzRequest, fuzzRequests, type Who } from "./fuzz-requests";

/**
 * One endpoint fuzz run against one way of calling the service (`send`: in-process or over
 * HTTP): fills in the placeholders of each generated request (tokens, the current ETag, a
 * proposal created earlier), sends it, checks the answer (fuzz-answers.ts), and tallies the
 * answers by endpoint, so that the run can show it reached every endpoint.
 */
export interface SentAnswer extends FuzzAnswer {
  etag?: string;
  /** The host answered on its own (outside /api): no handler of the service took it. */
  outsideApi?: boolean;
}

/** The requests whose content is stored, and may be quoted by the answers to later ones. */
const STORING = /^(publishRuleset|createProposal|approveProposal)/;

export type Send = (request: FuzzRequest) => Promise<SentAnswer>;

export class FuzzSession {
  /** The words of the requests whose content the service stored (published, proposed). */
  readonly stored = new InputWords();
  readonly tally = new Map<string, Map<string, number>>();
  private readonly proposals: string[] = [];

  constructor(
    private readonly send: Send,
    private readonly tokens: ReadonlyMap<Who, string>
  ) {}

  /** Fills a request's placeholders, sends it and checks the answer (throws when it breaks a rule). */
  async run(generated: FuzzRequest): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(generated.headers))
      headers[name] = await this.fill(value);
    const request = { ...generated, path: await this.fill(generated.path), headers };
    const words = new InputWords(this.stored);
    words.add(request);
    const answer = await this.send(request);
    if (answer.status >= 200 && answer.status < 300 && STORING.test(request.endpoint))
      this.stored.add(request);
    if (answer.status === 201 && request.endpoint === "createProposal")
      this.proposals.push((JSON.parse(answer.text) as { id: string }).id);
    const code = answer.status >= 400 ? /"code":"(\w+)"/.exec(answer.text)?.[1] : undefined;
    const outcome = code === undefined ? String(answer.status) : `${answer.status} ${code}`;
    const counts = this.tally.get(request.endpoint) ?? new Map<string, number>();
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    this.tally.set(request.endpoint, counts);
    if (answer.outsideApi) {
      if (answer.status >= 500) throw new Error(`a ${answer.status} outside /api`);
      return;
    }
    checkAnswer(request, answer, words);
  }

  private async fill(text: string): Promise<string> {
    let filled = text.replace(
      /\{token:(\w+)\}/g,
      (_, who: string) => `Bearer ${this.tokens.get(who as Who)}`
    );
    if (filled.includes("{current}"))
      filled = filled.replace("{current}", await this.currentEtag());
    if (filled.includes("{proposal}"))
      filled = filled.replace("{proposal}", this.proposals.at(-1) ?? "no-proposal-yet");
    return filled;
  }

  private async currentEtag(): Promise<string> {
    const answer = await this.send({
      endpoint: "(the current ETag)",
      method: "GET",
      path: "/api/rulesets/current",
      query: "",
      headers: { authorization: `Bearer ${this.tokens.get("admin")}` },
    });
    return answer.etag ?? "";
  }

  report(seconds: number): string {
    const cases = [...this.tally.values()]
      .flatMap((counts) => [...counts.values()])
      .reduce((sum, count) => sum + count, 0);
    return `${cases} cases in ${seconds.toFixed(1)} s; answers by endpoint:\n${[...this.tally]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([endpoint, counts]) =>
          `  ${endpoint}: ${[...counts].map(([outcome, count]) => `${outcome} ×${count}`).join(", ")}`
      )
      .join("\n")}`;
  }
}

/**
 * Runs `cases` generated requests through the sessions (`pick` chooses one per case) with
 * fc.assert. The run is stateful (publishing changes what later cases see), so a failure is
 * reported as found, not shrunk; the seed printed with it replays the run (FUZZ_SEED).
 */
export async function fuzzEndpoints(
  cases: number,
  files: Buffer[],
  sessions: readonly FuzzSession[]
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fuzzRequests(files), fc.nat(), (request, which) =>
      sessions[which % sessions.length].run(request)
    ),
    {
      numRuns: cases,
      endOnFailure: true,
      ...(process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) }),
    }
  );
}

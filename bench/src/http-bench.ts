import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { startAzurite } from "@smartcity/functions/dist/local/azurite";
import { signDevToken } from "@smartcity/functions/dist/auth/dev-keys";
import { sampleApplications } from "./applications";
import { elapsedMs, median, percentile } from "./stats";

export interface LatencyFigures {
  batchSize: number;
  /** The request's `messages` (absent: the default, "both"). */
  messages?: "none";
  requests: number;
  medianMs: number;
  p99Ms: number;
  /** The answer's size in bytes. */
  responseBytes: number;
}

const START_API = path.resolve(__dirname, "../../functions/dist/local/start-api.js");

/**
 * POST /api/evaluate over loopback against the API as users start it (its own
 * process, Azurite in memory), one request at a time, after a warm-up.
 */
export async function benchHttp(keyFile: string): Promise<LatencyFigures[]> {
  const api = await startService(keyFile);
  try {
    const token = await signDevToken(keyFile, { roles: ["Evaluator"] });
    const figures: LatencyFigures[] = [];
    for (const [batchSize, requests, warmUp, messages] of [
      [1, 1000, 200, undefined],
      [100, 500, 50, undefined],
    ] as const) {
      const body = JSON.stringify({
        messages,
        applications: sampleApplications(batchSize, batchSize),
      });
      const times: number[] = [];
      let responseBytes = 0;
      for (let i = 0; i < warmUp + requests; i++) {
        const start = process.hrtime.bigint();
        const response = await fetch(`${api.url}/api/evaluate`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        });
        const text = await response.text();
        if (response.status !== 200)
          throw new Error(`evaluate answered ${response.status}: ${text.slice(0, 300)}`);
        if (i >= warmUp) times.push(elapsedMs(start));
        responseBytes = Buffer.byteLength(text);
      }
      figures.push({
        batchSize,
        messages,
        requests,
        medianMs: median(times),
        p99Ms: percentile(times, 99),
        responseBytes,
      });
    }
    return figures;
  } finally {
    await api.stop();
  }
}

/**
 * The API as users start it (start-api.js, its own process) in dev mode, on a free port, with
 * an in-memory Azurite of its own; stop() ends both. `nodeArgs` go to the API's node (e.g.
 * `--cpu-prof`, which NODE_OPTIONS does not take); `pid` is the API's process.
 */
export async function startService(
  keyFile: string,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = []
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const azurite = await startAzurite();
  const api = await startApi(
    {
      SMARTCITY_AUTH_MODE: "dev",
      SMARTCITY_DEV_KEY_FILE: keyFile,
      SMARTCITY_STORAGE_CONNECTION_STRING: azurite.connectionString,
      // The load benchmark publishes directly mid-run (no four-eyes approval).
      SMARTCITY_PUBLISH_APPROVALS: "0",
      ...env,
    },
    START_API,
    nodeArgs
  ).catch(async (error: unknown) => {
    // An API that never became ready must not leave its Azurite running.
    await azurite.stop();
    throw error;
  });
  return {
    url: api.url,
    pid: api.pid,
    async stop() {
      await api.stop();
      await azurite.stop();
    },
  };
}

/**
 * The 10,000 batch against the service and against bench/src/bare-server.ts (the floor any Node
 * service meets here, for the same request bytes and the same answer bytes), one request to
 * each in turn, so that both see the same machine: on a machine shared with other work, timing
 * one after the other compares two different loads.
 */
export async function benchAgainstFloor(
  keyFile: string,
  messages?: "none",
  requests = 40,
  warmUp = 10
): Promise<{ service: LatencyFigures; floor: LatencyFigures }> {
  const api = await startService(keyFile);
  const bare = await startApi({}, path.join(__dirname, "bare-server.js")).catch(
    async (error: unknown) => {
      await api.stop();
      throw error;
    }
  );
  try {
    const token = await signDevToken(keyFile, { roles: ["Evaluator"] });
    const body = JSON.stringify({ messages, applications: sampleApplications(10_000, 10_000) });
    const targets: {
      url: string;
      headers: Record<string, string>;
      times: number[];
      bytes: number;
    }[] = [
      {
        url: `${api.url}/api/evaluate`,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        times: [],
        bytes: 0,
      },
      { url: `${bare.url}/`, headers: {}, times: [], bytes: 0 },
    ];
    // A floor is only a floor for the same bytes: an answer of other bytes (once, one without
    // the outcome bands' Thai names, so ASCII and cheaper to decode) measures something else.
    // Every answer, timed or not, must be the service's first (the helper thread may take
    // part in some and not others).
    let expected: string | undefined;
    for (let i = 0; i < warmUp + requests; i++) {
      for (const target of i % 2 === 0 ? targets : [...targets].reverse()) {
        const start = process.hrtime.bigint();
        const response = await fetch(target.url, { method: "POST", headers: target.headers, body });
        const text = await response.text();
        if (response.status !== 200)
          throw new Error(`${target.url} answered ${response.status}: ${text.slice(0, 300)}`);
        if (i >= warmUp) target.times.push(elapsedMs(start));
        target.bytes = Buffer.byteLength(text);
        expected ??= text; // round 0 asks the service first
        if (text !== expected) {
          let at = 0;
          while (text[at] === expected[at]) at++;
          throw new Error(
            `${target === targets[0] ? "the service" : "the bare server"} answered other text than the service's first answer, from character ${at} (service: ${JSON.stringify(expected.slice(at, at + 80))}, this: ${JSON.stringify(text.slice(at, at + 80))})`
          );
        }
      }
    }
    const figures = (target: (typeof targets)[number]): LatencyFigures => ({
      batchSize: 10_000,
      messages,
      requests,
      medianMs: median(target.times),
      p99Ms: percentile(target.times, 99),
      responseBytes: target.bytes,
    });
    return { service: figures(targets[0]), floor: figures(targets[1]) };
  } finally {
    await bare.stop();
    await api.stop();
  }
}

export async function startApi(
  env: Record<string, string>,
  script = START_API,
  nodeArgs: readonly string[] = []
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, PORT: "0", SMARTCITY_LOCAL_HOST: "node", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (ready) resolve(ready[1]);
    });
    child.once("exit", (code) =>
      reject(new Error(`the API exited (${code}) before it was ready:\n${output}`))
    );
  });
  return {
    url,
    pid: child.pid as number,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/**
 * The API as a user runs it (`npm run start:api` runs this same file after
 * building), on a free port, against the storage the test gives it.
 */
export interface ApiProcess {
  url: string;
  /** The service process's id, e.g. to read its peak memory in /proc/<pid>/status. */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

const START_API = path.resolve(__dirname, "../../functions/dist/local/start-api.js");

export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const child: ChildProcess = spawn(process.execPath, [START_API], {
    env: { ...process.env, PORT: "0", SMARTCITY_LOCAL_HOST: "node", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the API did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const ready = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({
          url: ready[1],
          pid: child.pid as number,
          output: () => output,
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

/** Runs start-api expecting it to refuse to start; resolves with its exit code and output. */
export function runApiExpectingExit(
  env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [START_API], {
    env: { ...process.env, PORT: "0", SMARTCITY_LOCAL_HOST: "node", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    })
  );
}

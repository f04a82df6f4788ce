import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { appSettings } from "./bicep-text";

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
const FUNCTIONS_HOST = path.resolve(__dirname, "../../bench/dist/harness/functions-host.js");

/**
 * The program that serves the API: the local host (start-api), or, when the suite runs under
 * the Functions worker (SMARTCITY_TEST_HOST=worker, see jest.config.js), the deployable package
 * unpacked in SMARTCITY_TEST_APP_DIR, run by the host-and-worker stand-in with the real
 * @azure/functions library.
 */
function apiCommand(env: Record<string, string | undefined>): string[] {
  if (env.SMARTCITY_TEST_HOST !== "worker") return [START_API];
  const appDir = env.SMARTCITY_TEST_APP_DIR;
  if (!appDir)
    throw new Error(
      "SMARTCITY_TEST_HOST=worker needs SMARTCITY_TEST_APP_DIR (jest.config.js sets it)"
    );
  // No platform CORS, as deployed: the app answers CORS itself (functions/src/http/cors.ts).
  return [FUNCTIONS_HOST, appDir];
}

/** The host's settings as the infrastructure sets them (infra/app/api.bicep). */
function hostSettings(env: Record<string, string | undefined>): Record<string, string> {
  if (env.SMARTCITY_TEST_HOST !== "worker") return {};
  const limit = appSettings().FUNCTIONS_REQUEST_BODY_SIZE_LIMIT?.replace(/'/g, "");
  return limit ? { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: limit } : {};
}

/** Which host the suite runs on: "local" or "worker". */
export const API_HOST: "local" | "worker" =
  process.env.SMARTCITY_TEST_HOST === "worker" ? "worker" : "local";

export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const merged = { ...process.env, PORT: "0", SMARTCITY_LOCAL_HOST: "node", ...env };
  const child: ChildProcess = spawn(process.execPath, apiCommand(merged), {
    env: { ...merged, ...hostSettings(merged) },
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
  const merged = { ...process.env, PORT: "0", SMARTCITY_LOCAL_HOST: "node", ...env };
  const child = spawn(process.execPath, apiCommand(merged), {
    env: { ...merged, ...hostSettings(merged) },
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

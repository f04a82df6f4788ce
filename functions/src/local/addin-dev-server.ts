import { spawn } from "node:child_process";
import https from "node:https";
import path from "node:path";
import { REPO_ROOT } from "./paths";

/**
 * The add-in's webpack dev server (https://localhost:ADDIN_PORT), as
 * Microsoft's templates run it, for `npm start`. Its file listing and progress
 * are kept quiet (errors and warnings still show); once it answers, one line
 * says the pane is ready. If it stops on its own (a build error, a port taken
 * in between), `onExit` is told, so that the caller stops the API too rather
 * than leave it running behind a stack trace.
 */
export const DEFAULT_ADDIN_PORT = 3000;

export interface AddinDevServer {
  url: string;
  /** Resolves when the pane's page answers. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export function startAddinDevServer(options: {
  port: number;
  serviceUrl: string;
  env: Record<string, string | undefined>;
  onExit: (code: number | null) => void;
}): AddinDevServer {
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", {
    paths: [path.join(REPO_ROOT, "addin")],
  });
  const child = spawn(
    process.execPath,
    [
      webpackCli,
      "serve",
      "--mode",
      "development",
      "--stats",
      "errors-warnings",
      "--infrastructure-logging-level",
      "warn",
    ],
    {
      cwd: path.join(REPO_ROOT, "addin"),
      env: {
        ...options.env,
        ADDIN_PORT: String(options.port),
        SMARTCITY_SERVICE_URL: options.serviceUrl,
      },
      stdio: ["ignore", "inherit", "inherit"],
    }
  );
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code) => {
    if (!stopping) options.onExit(code);
  });
  const url = `https://localhost:${options.port}/taskpane.html`;
  return {
    url,
    ready: waitForPage(url, exited),
    async stop() {
      stopping = true;
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls the page until it answers 200 (the dev certificate may be untrusted here). */
async function waitForPage(url: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let attempt = 0; attempt < 600 && !gone; attempt++) {
    const status = await new Promise<number>((resolve) => {
      const request = https.get(url, { rejectUnauthorized: false, timeout: 2000 }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", () => resolve(0));
      request.on("timeout", () => request.destroy());
    });
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    gone ? "the add-in dev server stopped" : `${url} did not answer within 2.5 minutes`
  );
}

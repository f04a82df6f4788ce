import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { ConfigError, loadConfig } from "../config";
import { ROUTES } from "../routes";
import { createServices } from "../services";
import { type RunningAzurite, startAzurite } from "./azurite";
import { isListening } from "./free-port";
import { type LocalHost, startLocalHost } from "./host";
import { DEFAULT_DEV_KEY_FILE, LOCAL_STATE_DIR, REPO_ROOT } from "./paths";

/**
 * `npm run start:api`: Azurite (unless a storage connection string is set)
 * and the API, on the embedded defaults: dev sign-in, data under .local/.
 * Uses `func start` when Azure Functions Core Tools work here, else serves the
 * same handlers with the local host. Ctrl-C stops everything it started.
 *
 * Settings (environment): PORT (7071), SMARTCITY_STORAGE_CONNECTION_STRING,
 * SMARTCITY_AZURITE_IN_MEMORY=1, SMARTCITY_LOCAL_HOST=node|func, and every
 * service setting of config.ts.
 */
const AZURITE_TABLE_PORT = 10002;

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  env.SMARTCITY_AUTH_MODE ??= "dev";
  if (env.SMARTCITY_AUTH_MODE === "dev") env.SMARTCITY_DEV_KEY_FILE ??= DEFAULT_DEV_KEY_FILE;
  const port = Number(env.PORT ?? "7071");

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`\nStopping (${signal})…`);
      void stopAll().then(() => process.exit(0));
    });
  }

  try {
    // Check the settings before starting anything (e.g. dev mode refused in production).
    loadConfig({
      ...env,
      SMARTCITY_STORAGE_CONNECTION_STRING: env.SMARTCITY_STORAGE_CONNECTION_STRING ?? "pending",
    });
    if (!env.SMARTCITY_STORAGE_CONNECTION_STRING) {
      const inMemory = env.SMARTCITY_AZURITE_IN_MEMORY === "1";
      const azurite: RunningAzurite = await startAzurite({
        location: inMemory ? undefined : path.join(LOCAL_STATE_DIR, "azurite"),
        port: await azuritePort(env),
      });
      stoppers.push(() => azurite.stop());
      env.SMARTCITY_STORAGE_CONNECTION_STRING = azurite.connectionString;
      const where = inMemory
        ? "in memory"
        : `data in ${path.relative(REPO_ROOT, LOCAL_STATE_DIR)}/azurite`;
      console.log(
        `Azurite (Table storage) listening on http://127.0.0.1:${azurite.port} (${where})`
      );
    }
    const config = loadConfig(env);

    let url: string;
    if (useFuncHost(env)) {
      url = await startFuncHost(env, port, stoppers);
    } else {
      const services = createServices(config);
      await services.store.initialise();
      const host: LocalHost = await startLocalHost({ routes: ROUTES, services, port });
      stoppers.push(() => host.close());
      url = host.url;
    }
    if (process.argv.includes("--with-addin")) startAddinDevServer(stoppers);
    console.log(
      `Smart City API ready at ${url}/api  (health: ${url}/api/health, auth: ${config.auth.mode})`
    );
    if (config.auth.mode === "dev") {
      console.log(
        "Get a dev token:  npm run --silent dev-token -- Evaluator   (or Secretary, Admin; --user <name> for a named person)"
      );
      if (config.publishApprovals > 0)
        console.log(
          `Publishing needs ${config.publishApprovals} other admin's approval: propose as one admin (--user somchai), approve as another (--user suda); SMARTCITY_PUBLISH_APPROVALS=0 publishes directly`
        );
    }
  } catch (error) {
    await stopAll();
    console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
    process.exit(1);
  }
}

/** Azurite's usual Table port (10002, where Storage Explorer looks) when free, else any free port. */
async function azuritePort(env: Record<string, string | undefined>): Promise<number | undefined> {
  if (env.SMARTCITY_AZURITE_PORT) return Number(env.SMARTCITY_AZURITE_PORT);
  return (await isListening(AZURITE_TABLE_PORT)) ? undefined : AZURITE_TABLE_PORT;
}

/** The add-in's webpack dev server (https://localhost:3000), as Microsoft's templates run it. */
function startAddinDevServer(stoppers: (() => Promise<void>)[]): void {
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", {
    paths: [path.join(REPO_ROOT, "addin")],
  });
  const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: path.join(REPO_ROOT, "addin"),
    stdio: ["ignore", "inherit", "inherit"],
  });
  stoppers.push(async () => {
    child.kill("SIGTERM");
  });
  console.log(
    "Add-in dev server starting at https://localhost:3000/taskpane.html (sideload manifest.xml into Excel)"
  );
}

/** Azure Functions Core Tools, when installed and working (they cannot install on every machine). */
function useFuncHost(env: Record<string, string | undefined>): boolean {
  if (env.SMARTCITY_LOCAL_HOST === "node") return false;
  const probe = spawnSync("func", ["--version"], { encoding: "utf8", timeout: 10_000 });
  const works = probe.status === 0;
  if (env.SMARTCITY_LOCAL_HOST === "func" && !works) {
    throw new ConfigError("SMARTCITY_LOCAL_HOST=func, but `func --version` does not run here");
  }
  return works;
}

async function startFuncHost(
  env: Record<string, string | undefined>,
  port: number,
  stoppers: (() => Promise<void>)[]
): Promise<string> {
  const cors = env.SMARTCITY_CORS_ORIGINS ?? "https://localhost:3000";
  const child = spawn("func", ["start", "--port", String(port), "--cors", cors], {
    cwd: path.join(REPO_ROOT, "functions"),
    env: {
      ...env,
      FUNCTIONS_WORKER_RUNTIME: "node",
      AzureWebJobsStorage: env.SMARTCITY_STORAGE_CONNECTION_STRING,
    },
    stdio: "inherit",
  });
  stoppers.push(async () => {
    child.kill("SIGTERM");
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`func start exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false
    );
    if (ok) return url;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("func start did not answer /api/health within 60 s");
}

void main();

import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { ConfigError, loadConfig } from "../config";
import { ROUTES } from "../routes";
import { StorageUnavailableError } from "../store/storage-errors";
import { createServices } from "../services";
import { type RunningAzurite, startAzurite } from "./azurite";
import { type AddinDevServer, DEFAULT_ADDIN_PORT, startAddinDevServer } from "./addin-dev-server";
import { claimDataFolder, dataFolderHolder } from "./data-folder-claim";
import { canListen, isListening } from "./free-port";
import { type LocalHost, startLocalHost } from "./host";
import { DEFAULT_DEV_KEY_FILE, LOCAL_STATE_DIR, REPO_ROOT } from "./paths";

/**
 * `npm run start:api`: Azurite (unless a storage connection string is set)
 * and the API, on the embedded defaults: dev sign-in, data under .local/.
 * Uses `func start` when Azure Functions Core Tools work here, else serves the
 * same handlers with the local host. Ctrl-C stops everything it started.
 *
 * Settings (environment): PORT (7071) for the API, ADDIN_PORT (3000) for the
 * add-in's dev server (`--with-addin`), SMARTCITY_STORAGE_CONNECTION_STRING,
 * SMARTCITY_AZURITE_IN_MEMORY=1, SMARTCITY_AZURITE_LOCATION (Azurite's data folder,
 * .local/azurite; one start at a time holds it), SMARTCITY_LOCAL_HOST=node|func, and every
 * service setting of config.ts. The two ports move together: the pane served
 * by the dev server calls the API on PORT (unless SMARTCITY_SERVICE_URL says
 * otherwise), and the API allows the pane's origin https://localhost:ADDIN_PORT
 * (unless SMARTCITY_CORS_ORIGINS says otherwise). A port already taken is
 * said in one line before anything starts.
 *
 * `--check-only` makes the same checks (settings, ports, the data folder, claiming nothing) and
 * exits: `npm start` runs it with the previous build before building again, so a second start
 * is refused at once instead of after a rebuild that rewrites what the first one serves.
 */
const AZURITE_TABLE_PORT = 10002;

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  env.SMARTCITY_AUTH_MODE ??= "dev";
  if (env.SMARTCITY_AUTH_MODE === "dev") env.SMARTCITY_DEV_KEY_FILE ??= DEFAULT_DEV_KEY_FILE;
  const withAddin = process.argv.includes("--with-addin");
  const checkOnly = process.argv.includes("--check-only");

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
    const port = portSetting(env, "PORT", 7071);
    const addinPort = portSetting(env, "ADDIN_PORT", DEFAULT_ADDIN_PORT);
    env.SMARTCITY_CORS_ORIGINS ||= `https://localhost:${addinPort}`;
    await refuseBusyPorts([
      { port, host: "127.0.0.1", name: "PORT", what: "the API" },
      ...(withAddin
        ? [{ port: addinPort, host: "localhost", name: "ADDIN_PORT", what: "the add-in" }]
        : []),
    ]);
    // Check the settings before starting anything (e.g. dev mode refused in production).
    // Storage named by either setting is used as it is; with neither, Azurite is started below.
    const storageGiven = Boolean(
      env.SMARTCITY_STORAGE_CONNECTION_STRING || env.SMARTCITY_STORAGE_ACCOUNT_URL
    );
    loadConfig(storageGiven ? env : { ...env, SMARTCITY_STORAGE_CONNECTION_STRING: "pending" });
    if (checkOnly && (storageGiven || env.SMARTCITY_AZURITE_IN_MEMORY === "1")) return;
    if (!storageGiven) {
      const inMemory = env.SMARTCITY_AZURITE_IN_MEMORY === "1";
      const location = inMemory
        ? undefined
        : path.resolve(env.SMARTCITY_AZURITE_LOCATION || path.join(LOCAL_STATE_DIR, "azurite"));
      if (location !== undefined) {
        // The claim file is named: a process id reused by another program after a restart
        // would otherwise refuse every start with no way out.
        const inUse = (pid: number, file: string) =>
          new StartRefused(
            `the local data in ${path.relative(process.cwd(), location) || location} is in use by another npm start (process ${pid}); two at once would overwrite each other's data. Stop that one, or start this one on a store of its own that is gone when it stops: SMARTCITY_AZURITE_IN_MEMORY=1 ${startCommand()} (if no npm start is running, delete ${file})`
          );
        if (checkOnly) {
          const holder = dataFolderHolder(location);
          if (holder !== undefined) throw inUse(holder.pid, holder.file);
        }
        if (checkOnly) return;
        const claim = claimDataFolder(location);
        if (!claim.claimed) throw inUse(claim.heldBy, claim.file);
        stoppers.push(async () => claim.release());
      }
      const azurite: RunningAzurite = await startAzurite({
        location,
        port: await azuritePort(env),
      });
      stoppers.push(() => azurite.stop());
      env.SMARTCITY_STORAGE_CONNECTION_STRING = azurite.connectionString;
      const where =
        location === undefined ? "in memory" : `data in ${path.relative(REPO_ROOT, location)}`;
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
      // As under the Functions host, which seeds on the first request: storage that refuses or
      // is down at start is said in one line, and requests get 503 until it answers.
      await services.store.initialise().catch((error: unknown) => {
        if (!(error instanceof StorageUnavailableError)) throw error;
        console.warn(`Storage is not answering yet: ${error.message}`);
      });
      // Health reports storage as last checked; the first check starts now, not at the first probe.
      void services.storageStatus.refresh();
      const host: LocalHost = await startLocalHost({ routes: ROUTES, services, port });
      stoppers.push(() => host.close());
      stoppers.push(() => services.workbooks.close());
      // A worker that has loaded exceljs makes the first upload as quick as the next ones.
      services.workbooks.warm().catch((error: unknown) => console.error(error));
      stoppers.push(() => services.evaluateHelper.close());
      void services.evaluateHelper.warm();
      url = host.url;
    }
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
    if (withAddin) {
      const serviceUrl = env.SMARTCITY_SERVICE_URL || url;
      console.log(`Building the add-in for https://localhost:${addinPort} …`);
      const addin: AddinDevServer = startAddinDevServer({
        port: addinPort,
        serviceUrl,
        env,
        onExit: (code) => {
          console.error(
            `The add-in dev server stopped (exit code ${code}); stopping the API too. Its own message is above.`
          );
          void stopAll().then(() => process.exit(1));
        },
      });
      stoppers.push(() => addin.stop());
      await addin.ready;
      console.log(
        `Smart City pane ready at ${addin.url}  (calls ${serviceUrl}; sideload manifest.xml into Excel)`
      );
    }
  } catch (error) {
    await stopAll();
    console.error(startFailure(error));
    process.exit(1);
  }
}

/** The command the user ran, so that a suggestion can be pasted as it is. */
function startCommand(): string {
  return process.argv.includes("--with-addin") ? "npm start" : "npm run start:api";
}

/** A start refused before anything started, for a reason a person can fix. */
class StartRefused extends Error {
  override name = "StartRefused";
}

/** One line for the reasons a start fails that a person can fix; the stack for anything else. */
function startFailure(error: unknown): unknown {
  if (error instanceof StartRefused) return `Cannot start: ${error.message}`;
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
    return `Cannot start: ${(error as Error).message} (a port is taken; choose another with PORT or ADDIN_PORT)`;
  return error;
}

function portSetting(env: Record<string, string | undefined>, name: string, fallback: number) {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  // 0 lets the system pick a free port (the tests start the API so).
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new ConfigError(`${name} must be a port number (1–65535), not "${text}"`);
  return value;
}

async function refuseBusyPorts(
  wanted: ReadonlyArray<{ port: number; host: string; name: string; what: string }>
): Promise<void> {
  const command = startCommand();
  for (const { port, host, name, what } of wanted) {
    if (port === 0 || (await canListen(port, host))) continue;
    let free = port + 1;
    while (free < port + 50 && !(await canListen(free, host))) free++;
    throw new StartRefused(
      `port ${port} (${name}, for ${what}) is already in use, perhaps by another npm start. Stop that, or choose another port, e.g. ${name}=${free} ${command}`
    );
  }
}

/** Azurite's usual Table port (10002, where Storage Explorer looks) when free, else any free port. */
async function azuritePort(env: Record<string, string | undefined>): Promise<number | undefined> {
  if (env.SMARTCITY_AZURITE_PORT) return Number(env.SMARTCITY_AZURITE_PORT);
  return (await isListening(AZURITE_TABLE_PORT)) ? undefined : AZURITE_TABLE_PORT;
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
  // No --cors: as on Azure (docs/deploy.md), the app answers CORS itself from
  // SMARTCITY_CORS_ORIGINS; the host's CORS would answer preflights in its place.
  const child = spawn("func", ["start", "--port", String(port)], {
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

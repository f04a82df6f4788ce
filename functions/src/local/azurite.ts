import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { freePort, isListening } from "./free-port";

/**
 * Azurite's Table service as a child process, for local runs and tests.
 * Azurite cannot be loaded as a library (PLATFORM-NOTES), so its CLI is
 * spawned with the running Node and stopped by PID.
 */
export interface AzuriteOptions {
  /** Keep data in this folder; without it, data lives in memory and dies with the process. */
  location?: string;
  port?: number;
  /**
   * Serve over HTTPS with this certificate and accept Entra ID bearer tokens (`--oauth basic`:
   * Azurite checks a token's issuer, audience and lifetime, not its signature), as storage by
   * identity needs. Shared keys are still accepted.
   */
  https?: { cert: string; key: string; oauth?: boolean };
}

export interface RunningAzurite {
  port: number;
  connectionString: string;
  /** The Table endpoint of its account (http://, or https:// when started with `https`). */
  tableUrl: string;
  process: ChildProcess;
  /** Stops it; with a data folder, after it has written its data there (a restart finds it all). */
  stop(): Promise<void>;
}

/** Azurite's published development account (the same for every Azurite; not a secret). */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const START_TIMEOUT_MS = 30_000;

export function azuriteConnectionString(port: number, scheme = "http", host = "127.0.0.1"): string {
  return (
    `DefaultEndpointsProtocol=${scheme};AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
    `TableEndpoint=${scheme}://${host}:${port}/${DEV_ACCOUNT};`
  );
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const port = options.port ?? (await freePort());
  const args = [
    require.resolve("azurite/dist/src/table/main.js"),
    "--tableHost",
    "127.0.0.1",
    "--tablePort",
    String(port),
    "--disableTelemetry",
    "--skipApiVersionCheck",
    "--silent",
  ];
  if (options.https) {
    args.push("--cert", options.https.cert, "--key", options.https.key);
    if (options.https.oauth) args.push("--oauth", "basic");
  }
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push("--location", path.resolve(options.location));
  } else {
    args.push("--inMemoryPersistence");
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await isListening(port))) {
    if (child.exitCode !== null)
      throw new Error(`Azurite exited (code ${child.exitCode}) before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(
        `Azurite did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms:\n${output}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // A certificate names a host (localhost), not the address.
  const [scheme, host] = options.https ? ["https", "localhost"] : ["http", "127.0.0.1"];
  return {
    port,
    connectionString: azuriteConnectionString(port, scheme, host),
    tableUrl: `${scheme}://${host}:${port}/${DEV_ACCOUNT}`,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // With a data folder, SIGINT: Azurite then closes its database, which writes it to disk
      // (it saves only every 5 s otherwise, so SIGTERM loses the last writes). In memory there is
      // nothing to save.
      child.kill(options.location ? "SIGINT" : "SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

import net from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { signDevToken } from "../../functions/src/auth/dev-keys";
import { azuriteConnectionString } from "../../functions/src/local/azurite";
import { asStorageError, StorageUnavailableError } from "../../functions/src/store/storage-errors";
import { createTableClient, SERVICE_TIME_LIMITS } from "../../functions/src/store/table-client";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { tempDir } from "../helpers/temp";

// Storage that accepts connections and then says nothing (a hung load balancer, a half-open
// connection): no call may wait on it past its deadline, and health does not wait on it at all.
let silent: net.Server;
const connections: net.Socket[] = [];
const temp = tempDir("stuck");

beforeAll(async () => {
  silent = net.createServer((socket) => {
    connections.push(socket);
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  temp.remove();
});

const connectionString = () => azuriteConnectionString((silent.address() as AddressInfo).port);

test("a call to storage that never answers is tried three times and ends by its 5-s deadline as storage unavailable", async () => {
  const table = createTableClient({
    kind: "connection-string",
    connectionString: connectionString(),
    tableName: "stuck",
  });
  const before = connections.length;
  const started = Date.now();
  const error = await table.getEntity("ruleset", "current").then(
    () => undefined,
    (failure: unknown) => asStorageError(failure)
  );
  const took = Date.now() - started;
  expect(error).toBeInstanceOf(StorageUnavailableError);
  // Two tries of 2 s each timed out and were retried; the third was cut by the call's deadline.
  expect(connections.length - before).toBe(3);
  expect(took).toBeGreaterThanOrEqual(SERVICE_TIME_LIMITS.callDeadlineMs - 50);
  expect(took).toBeLessThan(SERVICE_TIME_LIMITS.callDeadlineMs + 1_500);
});

test("the service answers 503 STORAGE_UNAVAILABLE within its deadline, and health at once", async () => {
  const keyFile = path.join(temp.dir, "key.json");
  const token = await signDevToken(keyFile, { roles: ["Evaluator"] });
  let api: ApiProcess | undefined;
  try {
    api = await startApiProcess({
      SMARTCITY_AUTH_MODE: "dev",
      SMARTCITY_DEV_KEY_FILE: keyFile,
      SMARTCITY_STORAGE_CONNECTION_STRING: connectionString(),
    });
    const url = api.url;
    const timed = async (route: string, headers: Record<string, string> = {}) => {
      const started = Date.now();
      const response = await fetch(`${url}${route}`, { headers });
      const body = (await response.json()) as any;
      return { status: response.status, body, took: Date.now() - started };
    };
    const [history, health] = await Promise.all([
      timed("/api/rulesets", { authorization: `Bearer ${token}` }),
      timed("/api/health"),
    ]);
    expect(history.status).toBe(503);
    expect(history.body.error.code).toBe("STORAGE_UNAVAILABLE");
    // The add-in gives up after 10 s: the service's answer comes first.
    expect(history.took).toBeLessThan(SERVICE_TIME_LIMITS.callDeadlineMs + 2_000);
    expect(health.status).toBe(503);
    expect(health.took).toBeLessThan(1_000);
  } finally {
    await api?.stop();
  }
}, 30_000);

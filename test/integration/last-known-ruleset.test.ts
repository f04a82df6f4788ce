import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { azuriteConnectionString } from "../../functions/src/local/azurite";
import { RulesetStore } from "../../functions/src/store/ruleset-store";
import { StorageUnavailableError } from "../../functions/src/store/storage-errors";
import { createTableClient } from "../../functions/src/store/table-client";
import { rulesetWith } from "../helpers/rulesets";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { startTcpProxy, type TcpProxy } from "../../bench/src/harness/tcp-proxy";

// The store's snapshot of the rulesets while storage comes and goes: a real Azurite behind a
// link the test cuts and restores.
let storage: TestStorage;
let link: TcpProxy;
beforeAll(async () => {
  storage = await startTestStorage();
  link = await startTcpProxy(storage.azurite.port);
});
afterAll(async () => {
  await link?.close();
  await storage?.stop();
});

let tables = 0;
const storeOver = (currentTtlMs: number, now?: () => number) =>
  new RulesetStore(
    createTableClient({
      kind: "connection-string",
      connectionString: azuriteConnectionString(link.port),
      tableName: `known${++tables}`,
    }),
    { currentTtlMs, now }
  );

test("a failed read keeps the last snapshot: served marked unconfirmed until a read succeeds", async () => {
  const store = storeOver(0);
  const read = await store.getCurrent();
  const confirmed = Date.now();
  await link.cut();
  try {
    // A publish decides on a fresh read: it fails, and the snapshot stays.
    await expect(store.getCurrentFresh()).rejects.toBeInstanceOf(StorageUnavailableError);
    const known = await store.getCurrentOrLastKnown();
    expect(known.current).toEqual(read);
    expect(known.lastConfirmedAt?.getTime()).toBeLessThanOrEqual(confirmed);
  } finally {
    await link.restore();
  }
  expect(await store.getCurrentOrLastKnown()).toEqual({ current: read });
});

test("after its own publish, an instance holds the new version while storage is away", async () => {
  const store = storeOver(60_000);
  const { pointerEtag } = await store.getCurrentFresh();
  const second = rulesetWith({ overallMinPercent: 75 }, "2");
  await store.publish(second, pointerEtag);
  const published = Date.now();
  await link.cut();
  try {
    const known = await store.getCurrentOrLastKnown();
    expect(known.current.ruleset).toEqual(second);
    expect(known.current.history.map((entry) => entry.version)).toEqual(["2", "1"]);
    expect(known.lastConfirmedAt?.getTime()).toBeLessThanOrEqual(published);
  } finally {
    await link.restore();
  }
});

test("after a failed read, the answers within the pointer's TTL come at once, without waiting on storage again", async () => {
  let clock = 0;
  const store = storeOver(2_000, () => clock);
  await store.getCurrentFresh();
  await link.cut();
  try {
    clock = 2_500; // the snapshot read at 0 is no longer fresh
    await expect(store.getCurrentFresh()).rejects.toBeInstanceOf(StorageUnavailableError);
    clock = 2_600;
    const started = Date.now();
    const known = await store.getCurrentOrLastKnown();
    expect(known.lastConfirmedAt).toEqual(new Date(0));
    // The SDK's retries alone wait 200 ms or more (two delays of at least 100 ms each).
    expect(Date.now() - started).toBeLessThan(100);
  } finally {
    await link.restore();
  }
});

import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { TableClient } from "@azure/data-tables";
import { BASELINE_RULESET, type Ruleset } from "@smartcity/shared";
import { RulesetStore, versionRowKey } from "../../functions/src/store/ruleset-store";
import { StaleWriteError } from "../../functions/src/store/storage-errors";
import { startApiProcess } from "../helpers/api-process";
import { rulesetWith } from "../helpers/rulesets";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(async () => {
  await storage?.stop();
});

async function getJson(url: string, token: string): Promise<any> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.json();
}

test("rulesets persist in storage across a restart of the API process, and the baseline is seeded once", async () => {
  const token = await tokenFor(storage.keyFile, "Evaluator");
  const first = await startApiProcess(storage.env);
  const seeded = await getJson(`${first.url}/api/rulesets/current`, token);
  expect(seeded).toEqual(BASELINE_RULESET);

  // Publish version 2 straight through the store, as the publish endpoint will: one ETag-guarded transaction.
  const store = new RulesetStore(
    TableClient.fromConnectionString(storage.azurite.connectionString, "rulesets", {
      allowInsecureConnection: true,
    }),
    {
      currentTtlMs: 0,
    }
  );
  const { pointerEtag } = await store.getCurrent();
  const second: Ruleset = {
    ...rulesetWith({ overallMinPercent: 75 }),
    publishedAt: new Date().toISOString(),
    note: "lower the bar",
  };
  await store.publish(second, pointerEtag);
  await first.stop();

  const restarted = await startApiProcess(storage.env);
  try {
    const history = await getJson(`${restarted.url}/api/rulesets`, token);
    expect(history.rulesets.map((r: Ruleset) => r.version)).toEqual(["2", "1"]);
    expect(
      (await getJson(`${restarted.url}/api/rulesets/current`, token)).rules.overallMinPercent
    ).toBe(75);
    expect(await getJson(`${restarted.url}/api/rulesets/1`, token)).toEqual(BASELINE_RULESET);
  } finally {
    await restarted.stop();
  }
});

test("a publish with a stale pointer ETag writes nothing", async () => {
  const table = TableClient.fromConnectionString(storage.azurite.connectionString, "stale", {
    allowInsecureConnection: true,
  });
  const store = new RulesetStore(table, { currentTtlMs: 0 });
  const { pointerEtag } = await store.getCurrent();
  await store.publish({ ...rulesetWith({ overallMinPercent: 75 }, "2") }, pointerEtag);
  await expect(
    store.publish({ ...rulesetWith({ overallMinPercent: 70 }, "3") }, pointerEtag)
  ).rejects.toBeInstanceOf(StaleWriteError); // the store's own error, not Azure's 412
  expect((await store.listHistory()).map((r) => r.version)).toEqual(["2", "1"]);
  expect((await store.getCurrent()).ruleset.version).toBe("2");
});

test("a version stored before chunking (the whole ruleset in one `ruleset` property) stays readable", async () => {
  const table = TableClient.fromConnectionString(storage.azurite.connectionString, "legacy", {
    allowInsecureConnection: true,
  });
  const store = new RulesetStore(table, { currentTtlMs: 0 });
  await store.initialise();
  const old = rulesetWith({ overallMinPercent: 77 }, "2");
  // Exactly the row layout the store wrote first: one JSON property, no part count.
  await table.submitTransaction([
    [
      "create",
      {
        partitionKey: "ruleset",
        rowKey: versionRowKey("2"),
        version: "2",
        effectiveFrom: old.effectiveFrom,
        publishedAt: old.publishedAt,
        ruleset: JSON.stringify(old),
      },
    ],
    ["update", { partitionKey: "ruleset", rowKey: "current", version: "2" }, "Replace"],
  ]);
  const fresh = new RulesetStore(table, { currentTtlMs: 0 });
  expect(await fresh.getVersion("2")).toEqual(old);
  expect((await fresh.getCurrent()).history.map((r) => r.version)).toEqual(["2", "1"]);
});

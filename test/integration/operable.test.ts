import { TableClient } from "@azure/data-tables";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { BASELINE_RULESET, evaluateBatch } from "@smartcity/shared";
import { sampleApplications } from "../../bench/src/applications";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

/**
 * On either host (the local one, and the package under the Functions worker): a streamed answer
 * of 10,000 results is the engine's, whole; and a 500's reference id is in the service's log
 * beside its invocation, where an operator looks for it (Application Insights keeps the
 * invocation id of every log line).
 */
let storage: TestStorage;
let api: ApiProcess;
beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess({ ...storage.env, SMARTCITY_CURRENT_RULESET_TTL_MS: "0" });
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

test("POST /api/evaluate of 10,000 streams the engine's 10,000 results", async () => {
  const applications = sampleApplications(10_000);
  const response = await fetch(`${api.url}/api/evaluate`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await tokenFor(storage.keyFile, "Evaluator")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ applications }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { ruleset: { version: string }; results: unknown[] };
  expect(body.ruleset.version).toBe("1");
  expect(body.results).toHaveLength(10_000);
  expect(body.results).toEqual(
    JSON.parse(JSON.stringify(evaluateBatch(applications, BASELINE_RULESET)))
  );
});

test("a 500 names a reference that the log shows with its invocation", async () => {
  // The store made inconsistent behind the service's back: the pointer names no version.
  const table = TableClient.fromConnectionString(storage.azurite.connectionString, "rulesets", {
    allowInsecureConnection: true,
  });
  await table.updateEntity({ partitionKey: "ruleset", rowKey: "current", version: "999" }, "Merge");
  const response = await fetch(`${api.url}/api/rulesets/current`, {
    headers: { authorization: `Bearer ${await tokenFor(storage.keyFile, "Evaluator")}` },
  });
  expect(response.status).toBe(500);
  const error = (
    (await response.json()) as { error: { code: string; message: { th: string; en: string } } }
  ).error;
  expect(error.code).toBe("INTERNAL_ERROR");
  const reference = /reference ([0-9a-f-]{36})/.exec(error.message.en)?.[1];
  expect(reference).toBeDefined();
  expect(error.message.th).toContain(reference as string);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const logged = api
    .output()
    .split("\n")
    .filter((line) => line.includes(reference as string));
  // The line with the reference is the one that says what went wrong.
  expect(logged.some((line) => line.includes("StorageCorruptError"))).toBe(true);
});

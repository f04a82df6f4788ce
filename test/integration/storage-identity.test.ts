import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { generateCertificates } from "office-addin-dev-certs/lib/generate";
import { signDevToken } from "../../functions/src/auth/dev-keys";
import { type RunningAzurite, startAzurite } from "../../functions/src/local/azurite";
import { API_HOST, type ApiProcess, startApiProcess } from "../helpers/api-process";
import { apiCaller, bodyWith } from "../helpers/api-calls";
import {
  type ManagedIdentityEndpoint,
  startManagedIdentityEndpoint,
} from "../helpers/managed-identity-endpoint";
import { tempDir } from "../helpers/temp";

/**
 * Storage by identity, as in Azure: Azurite over HTTPS accepting Entra ID bearer tokens
 * (`--oauth basic`), the API reaching it with DefaultAzureCredential through the managed
 * identity endpoint the platform provides (a stand-in that follows Microsoft's protocol), and
 * the same store reached by connection string, as Azurite and local runs do.
 */
const run = promisify(execFile);
const scratch = tempDir("storage-identity");
const keyFile = path.join(scratch.dir, "dev-key.json");
const ca = path.join(scratch.dir, "ca.crt");
let azurite: RunningAzurite;
let identity: ManagedIdentityEndpoint;
const running: ApiProcess[] = [];

function serviceEnv(storage: Record<string, string>): Record<string, string> {
  return {
    SMARTCITY_AUTH_MODE: "dev",
    SMARTCITY_DEV_KEY_FILE: keyFile,
    SMARTCITY_TIME_ZONE: "Asia/Bangkok",
    SMARTCITY_PUBLISH_APPROVALS: "1",
    // Two services on one store: each reads the version in force afresh.
    SMARTCITY_CURRENT_RULESET_TTL_MS: "0",
    // The test's own CA, as a company CA would be trusted: Node reads it at start.
    NODE_EXTRA_CA_CERTS: ca,
    SMARTCITY_STORAGE_CONNECTION_STRING: "",
    SMARTCITY_STORAGE_ACCOUNT_URL: "",
    ...storage,
  };
}

async function start(storage: Record<string, string>): Promise<ApiProcess> {
  const api = await startApiProcess(serviceEnv(storage));
  running.push(api);
  return api;
}

const byIdentity = (): Record<string, string> => ({
  SMARTCITY_STORAGE_ACCOUNT_URL: azurite.tableUrl,
  ...identity.env,
});

beforeAll(async () => {
  const cert = path.join(scratch.dir, "localhost.crt");
  const key = path.join(scratch.dir, "localhost.key");
  await generateCertificates(ca, cert, key, 2);
  azurite = await startAzurite({ https: { cert, key, oauth: true } });
  identity = await startManagedIdentityEndpoint();
}, 60_000);

afterAll(async () => {
  for (const api of running) await api.stop();
  await identity?.close();
  await azurite?.stop();
  scratch.remove();
});

const admin = (name: string) => signDevToken(keyFile, { roles: ["Admin"], name });

describe("by identity, then by connection string, on one store", () => {
  let viaIdentity: ApiProcess;

  test("by identity: the baseline is seeded, and propose → approve publishes version 2", async () => {
    viaIdentity = await start(byIdentity());
    const call = apiCaller(() => viaIdentity.url);
    const evaluator = await signDevToken(keyFile, { roles: ["Evaluator"] });
    const current = await call("/api/rulesets/current", evaluator);
    expect(current.status).toBe(200);
    expect(current.body.version).toBe("1");

    const proposed = await call("/api/proposals", await admin("somchai"), { body: bodyWith(75) });
    expect(proposed.status).toBe(201);
    const approved = await call(`/api/proposals/${proposed.body.id}/approve`, await admin("suda"), {
      method: "POST",
    });
    expect(approved.status).toBe(201);
    expect(
      (await call("/api/rulesets", evaluator)).body.rulesets.map((r: any) => r.version)
    ).toEqual(["2", "1"]);
    const audit = await call("/api/audit", await admin("suda"));
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain("suda");

    // Every token was asked for storage, for this identity, through the platform's endpoint.
    expect(identity.requests.length).toBeGreaterThan(0);
    for (const request of identity.requests) {
      expect(request).toEqual({
        resource: "https://storage.azure.com",
        clientId: identity.clientId,
      });
    }
  });

  test("by connection string: the same versions, and a publish the identity's service then serves", async () => {
    const viaKey = await start({ SMARTCITY_STORAGE_CONNECTION_STRING: azurite.connectionString });
    const call = apiCaller(() => viaKey.url);
    const evaluator = await signDevToken(keyFile, { roles: ["Evaluator"] });
    expect((await call("/api/rulesets/current", evaluator)).body.rules.overallMinPercent).toBe(75);

    const proposed = await call("/api/proposals", await admin("niran"), { body: bodyWith(72) });
    expect(proposed.status).toBe(201);
    const approved = await call(`/api/proposals/${proposed.body.id}/approve`, await admin("suda"), {
      method: "POST",
    });
    expect(approved.status).toBe(201);

    const viaToken = apiCaller(() => viaIdentity.url);
    const versions = await viaToken("/api/rulesets", evaluator);
    expect(versions.body.rulesets.map((r: any) => r.version)).toEqual(["3", "2", "1"]);
  });

  test("the record backed up and restored by identity: npm run store with the account URL, into a new table", async () => {
    const file = path.join(scratch.dir, "record.json");
    const store = (args: string[], table: string) =>
      run("npm", ["run", "--silent", "store", "--", ...args], {
        cwd: path.join(__dirname, "..", ".."),
        env: { ...process.env, ...serviceEnv(byIdentity()), SMARTCITY_RULESETS_TABLE: table },
      });
    const tokensBefore = identity.requests.length;
    await store(["export", file], "rulesets");
    const record = JSON.parse(readFileSync(file, "utf8"));
    expect(record.pointer.version).toBe("3");
    expect(record.versions.map((version: { version: string }) => version.version)).toEqual([
      "1",
      "2",
      "3",
    ]);

    await store(["import", file], "restored");
    // The CLI asked the platform's endpoint for storage tokens, as the service does.
    expect(identity.requests.length).toBeGreaterThan(tokensBefore);

    const restored = await start({ ...byIdentity(), SMARTCITY_RULESETS_TABLE: "restored" });
    const evaluator = await signDevToken(keyFile, { roles: ["Evaluator"] });
    const before = await apiCaller(() => viaIdentity.url)("/api/rulesets", evaluator);
    const after = await apiCaller(() => restored.url)("/api/rulesets", evaluator);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
  });
});

describe("a token storage refuses", () => {
  test("a token for another audience: 503 STORAGE_UNAVAILABLE in words an operator can act on, never 500", async () => {
    const wrong = await startManagedIdentityEndpoint({ audience: "https://management.azure.com" });
    try {
      const api = await start({ SMARTCITY_STORAGE_ACCOUNT_URL: azurite.tableUrl, ...wrong.env });
      // The local start seeds the store before it is ready, and says so; the Functions worker
      // seeds on the first request (nothing slow runs at its start).
      if (API_HOST === "local")
        expect(api.output()).toContain(
          "Storage is not answering yet: storage refused the service's credentials (403"
        );
      const call = apiCaller(() => api.url);
      const evaluator = await signDevToken(keyFile, { roles: ["Evaluator"] });
      const answer = await call("/api/rulesets/current", evaluator);
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe("STORAGE_UNAVAILABLE");
      expect(answer.body.error.message.en).toMatch(
        /^The ruleset store refused the service: storage refused the service's credentials \(403 [^)]*\): the app's identity needs the Storage Table Data Contributor role on the storage account, and a token for https:\/\/storage\.azure\.com/
      );
      expect(answer.body.error.message.th).not.toMatch(/[A-Za-z]/);
      expect(wrong.requests.length).toBeGreaterThan(0);

      const health = await call("/api/health", undefined);
      expect(health.status).toBe(503);
      expect(health.body.storage.status).toBe("unavailable");
    } finally {
      await wrong.close();
    }
  });

  test("no identity to be had: 503 STORAGE_UNAVAILABLE saying the service got no token", async () => {
    const gone = await startManagedIdentityEndpoint();
    await gone.close(); // its address now refuses connections
    const api = await start({ SMARTCITY_STORAGE_ACCOUNT_URL: azurite.tableUrl, ...gone.env });
    const call = apiCaller(() => api.url);
    const answer = await call(
      "/api/rulesets/current",
      await signDevToken(keyFile, { roles: ["Evaluator"] })
    );
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe("STORAGE_UNAVAILABLE");
    expect(answer.body.error.message.en).toContain("the service could not get a storage token");
    expect(answer.body.error.message.en).toContain("Storage Table Data Contributor");
  }, 60_000);
});

import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { TableClient } from "@azure/data-tables";
import { signDevToken } from "../../functions/src/auth/dev-keys";
import { type RunningAzurite, startAzurite } from "../../functions/src/local/azurite";
import { bodyWith } from "../helpers/api-calls";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { tempDir } from "../helpers/temp";

// `npm run store -- export` from one store and `import` into another, each a real Azurite, and
// the service over each: after the import every GET answers as it did before the export.
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const temp = tempDir("backup");
const keyFile = path.join(temp.dir, "key.json");
const exported = path.join(temp.dir, "record.json");
let first: RunningAzurite;
let second: RunningAzurite;
let somchai: string;
let suda: string;
let evaluator: string;

beforeAll(async () => {
  [first, second] = await Promise.all([startAzurite(), startAzurite()]);
  const admin = (name: string) => signDevToken(keyFile, { roles: ["Admin"], name });
  somchai = await admin("somchai");
  suda = await admin("suda");
  evaluator = await signDevToken(keyFile, { roles: ["Evaluator"] });
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  temp.remove();
});

/** The service over a store, as the tests run it (dev sign-in, one approval, Bangkok). */
const serviceOn = (azurite: RunningAzurite, table = "rulesets") =>
  startApiProcess({
    SMARTCITY_AUTH_MODE: "dev",
    SMARTCITY_DEV_KEY_FILE: keyFile,
    SMARTCITY_STORAGE_CONNECTION_STRING: azurite.connectionString,
    SMARTCITY_RULESETS_TABLE: table,
    SMARTCITY_TIME_ZONE: "Asia/Bangkok",
    SMARTCITY_PUBLISH_APPROVALS: "1",
    SMARTCITY_CURRENT_RULESET_TTL_MS: "0",
  });

/** `npm run store -- <args>` against a store; its exit code and what it said. */
async function store(azurite: RunningAzurite, args: string[], table = "rulesets") {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "store", "--", ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        SMARTCITY_STORAGE_CONNECTION_STRING: azurite.connectionString,
        SMARTCITY_RULESETS_TABLE: table,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function send(api: ApiProcess, route: string, token: string, body?: unknown) {
  const response = await fetch(`${api.url}${route}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as any;
}

/** Every GET the service answers over this record, with its status, type and body as sent. */
async function everyGet(api: ApiProcess, ids: string[]) {
  const routes = [
    "/api/rulesets",
    "/api/rulesets/current",
    "/api/rulesets/1",
    "/api/rulesets/2",
    "/api/rulesets/3",
    "/api/rulesets/1/diff/3",
    "/api/rulesets/2/diff/3",
    "/api/proposals",
    "/api/proposals?status=pending",
    "/api/proposals?status=rejected",
    ...ids.map((id) => `/api/proposals/${id}`),
    "/api/audit",
    "/api/openapi.json",
    "/api/health",
  ];
  const answers: Record<string, { status: number; type: string | null; body: string }> = {};
  const get = async (route: string) => {
    const response = await fetch(`${api.url}${route}`, {
      headers: { authorization: `Bearer ${route.startsWith("/api/rulesets") ? evaluator : suda}` },
    });
    const body = await response.text();
    answers[route] = { status: response.status, type: response.headers.get("content-type"), body };
    return body;
  };
  for (const route of routes) await get(route);
  // Pages after the first, by the continuation each answer gives.
  for (const route of ["/api/proposals?pageSize=2", "/api/audit?pageSize=3"]) {
    let next: string | undefined = JSON.parse(await get(route)).next;
    for (let page = 2; next !== undefined; page++) {
      const body = await get(`${route}&continuation=${encodeURIComponent(next)}`);
      next = JSON.parse(body).next;
    }
  }
  // Health carries the clock (when it answered, when storage was checked); the rest must match.
  const health = JSON.parse(answers["/api/health"].body);
  answers["/api/health"].body = JSON.stringify({
    ...health,
    time: "(clock)",
    storage: { ...health.storage, checkedAt: "(clock)" },
  });
  return answers;
}

test("after an import into an empty store, every GET answers as it did before the export, byte for byte", async () => {
  const before = await serviceOn(first);
  const ids: string[] = [];
  let answers;
  try {
    // Versions 2 and 3 through proposals (3 takes effect later), one rejected, one pending, a refusal.
    const propose = async (body: object) => {
      const { id } = await send(before, "/api/proposals", somchai, body);
      ids.push(id);
      return id as string;
    };
    await send(before, `/api/proposals/${await propose(bodyWith(71))}/approve`, suda);
    const later = await propose(bodyWith(72, { effectiveFrom: "2099-01-01" }));
    await send(before, `/api/proposals/${later}/approve`, suda);
    const rejected = await propose(bodyWith(73));
    await send(before, `/api/proposals/${rejected}/reject`, suda, {
      note: "ไม่ตรงกับมติที่ประชุม",
    });
    const pending = await propose(bodyWith(74));
    const selfApproval = await fetch(`${before.url}/api/proposals/${pending}/approve`, {
      method: "POST",
      headers: { authorization: `Bearer ${somchai}` },
    });
    expect(selfApproval.status).toBe(403); // audited as refused

    const exporting = await store(first, ["export", exported]);
    expect(exporting).toMatchObject({ code: 0 });
    expect(exporting.stdout).toContain(
      "Exported 3 versions (the newest 3), 4 proposals, 8 audit entries"
    );
    answers = await everyGet(before, ids);
  } finally {
    await before.stop();
  }
  const file = JSON.parse(readFileSync(exported, "utf8"));
  expect(file).toMatchObject({
    format: "smartcity-scoring-store",
    pointer: { version: "3" },
    versions: [{ version: "1" }, { version: "2" }, { version: "3" }],
  });
  expect(file.versions.map((version: { hash: string }) => version.hash)).toEqual(
    JSON.parse(answers["/api/rulesets"].body)
      .rulesets.map((entry: { hash: string }) => entry.hash)
      .reverse()
  );

  const importing = await store(second, ["import", exported]);
  expect(importing).toMatchObject({ code: 0 });
  expect(importing.stdout).toContain("Imported 3 versions (the newest 3), 4 proposals");
  const after = await serviceOn(second);
  try {
    expect(await everyGet(after, ids)).toEqual(answers);
  } finally {
    await after.stop();
  }
}, 120_000);

test("an import refuses a store that is not empty, and writes nothing", async () => {
  // The store filled by the test above, or seeded by a service that started on it.
  const refused = await store(second, ["import", exported]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("is not empty (it holds ruleset/");
  expect(refused.stderr).toContain("nothing was written");
  // A service seeds an empty store at its start or its first request (under the Functions host).
  const seeded = await serviceOn(second, "seeded");
  try {
    const current = await fetch(`${seeded.url}/api/rulesets/current`, {
      headers: { authorization: `Bearer ${evaluator}` },
    });
    expect(current.status).toBe(200);
  } finally {
    await seeded.stop();
  }
  const again = await store(second, ["import", exported], "seeded");
  expect(again.stderr).toContain('The table "seeded" at');
  expect(again.stderr).toContain("is not empty");
  expect(await rowsOf(second, "seeded")).toBe(2); // the baseline and its pointer, as seeded
});

test("an import checks the whole file first: a changed rule (its hash no longer matches) or a malformed file is refused, naming where, and nothing is written", async () => {
  const file = JSON.parse(readFileSync(exported, "utf8"));
  file.versions[1].rules.overallMinPercent = 50;
  delete file.proposals[0].approval;
  const tampered = path.join(temp.dir, "tampered.json");
  writeFileSync(tampered, JSON.stringify(file));
  const shape = await store(second, ["import", tampered], "tampered");
  expect(shape.code).toBe(1);
  expect(shape.stderr).toContain("does not check out; nothing was written");
  expect(shape.stderr).toContain("- proposals[0].approval:");

  file.proposals[0].approval = { reference: "1/2569", date: "2026-07-14" };
  writeFileSync(tampered, JSON.stringify(file));
  const hash = await store(second, ["import", tampered], "tampered");
  expect(hash.code).toBe(1);
  expect(hash.stderr).toMatch(
    /- versions\[1\]\.hash: version 2 says its hash is sha256:[0-9a-f]{64}, but its rules hash to sha256:[0-9a-f]{64}: the rules were changed after they were recorded/
  );
  expect(hash.stderr).toMatch(/ชุดเกณฑ์ฉบับที่ 2 ระบุค่าแฮช/);
  expect(await rowsOf(second, "tampered")).toBe(0);

  writeFileSync(tampered, "{ not json");
  expect((await store(second, ["import", tampered], "tampered")).stderr).toContain("is not JSON");
});

test("an export never overwrites a file", async () => {
  const refused = await store(first, ["export", exported]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("an export never overwrites a file");
});

/** How many rows a table holds (0 when there is no such table). */
async function rowsOf(azurite: RunningAzurite, table: string): Promise<number> {
  const client = TableClient.fromConnectionString(azurite.connectionString, table, {
    allowInsecureConnection: true,
  });
  let rows = 0;
  try {
    for await (const page of client.listEntities().byPage()) rows += page.length;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return 0;
    throw error;
  }
  return rows;
}

import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { signDevToken } from "../../functions/src/auth/dev-keys";
import { type RunningAzurite, startAzurite } from "../../functions/src/local/azurite";
import { bodyWith } from "../helpers/api-calls";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { steadyPort } from "../helpers/steady-port";
import { tempDir } from "../helpers/temp";
import { until } from "../helpers/until";

// Two instances of the service on one store, as Azure runs it when it scales out, and that
// store stopped and started again (the same data folder and port) while both are busy. Real
// processes throughout: two API processes and Azurite.

/** How long an instance trusts the pointer; short, so that following a publish is quick to see. */
const TTL_MS = 500;
/** How long Azurite stays stopped before it is started again, which itself takes 1–5 s here. */
const STOPPED_MS = 3_000;
/** Health must answer within this whatever storage does. */
const HEALTH_LIMIT_MS = 100;

const data = tempDir("outage");
const location = path.join(data.dir, "azurite");
let azurite: RunningAzurite;
let instances: { name: string; api: ApiProcess }[];
let somchai: string;
let suda: string;
let niran: string;
let evaluator: string;

beforeAll(async () => {
  // Stopped and started again on this port: one nothing else takes meanwhile.
  azurite = await startAzurite({ location, port: await steadyPort() });
  const keyFile = path.join(data.dir, "key.json");
  // Made before either instance starts, so that they never race to create the key file.
  const admin = (name: string) => signDevToken(keyFile, { roles: ["Admin"], name });
  somchai = await admin("somchai");
  [suda, niran] = await Promise.all([admin("suda"), admin("niran")]);
  evaluator = await signDevToken(keyFile, { roles: ["Evaluator"] });
  const env = {
    SMARTCITY_AUTH_MODE: "dev",
    SMARTCITY_DEV_KEY_FILE: keyFile,
    SMARTCITY_STORAGE_CONNECTION_STRING: azurite.connectionString,
    SMARTCITY_TIME_ZONE: "Asia/Bangkok",
    SMARTCITY_PUBLISH_APPROVALS: "1",
    SMARTCITY_CURRENT_RULESET_TTL_MS: String(TTL_MS),
  };
  const [a, b] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  instances = [
    { name: "a", api: a },
    { name: "b", api: b },
  ];
});
afterAll(async () => {
  await Promise.all((instances ?? []).map(({ api }) => api.stop()));
  await azurite?.stop();
  data.remove();
});

/** One answer, with when it was asked and answered (ms since the epoch). */
interface Answer {
  instance: string;
  route: string;
  startedAt: number;
  endedAt: number;
  status: number;
  headers: Headers;
  body: any;
}

async function ask(
  instance: { name: string; api: ApiProcess },
  route: string,
  token: string | undefined,
  init: { method?: string; body?: unknown } = {}
): Promise<Answer> {
  const startedAt = Date.now();
  const response = await fetch(`${instance.api.url}${route}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    instance: instance.name,
    route,
    startedAt,
    endedAt: Date.now(),
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

const evaluateBody = { applications: [{ id: "x", scores: { environment: 90, energy: 90 } }] };
const inForce = async (instance: { name: string; api: ApiProcess }) =>
  (await ask(instance, "/api/rulesets/current", evaluator)).body.version as string;

test("of 20 approvals split between two instances exactly one publishes", async () => {
  const [a, b] = instances;
  const { id } = (await ask(a, "/api/proposals", somchai, { body: bodyWith(71) })).body;
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      ask(i % 2 === 0 ? a : b, `/api/proposals/${id}/approve`, i % 4 < 2 ? suda : niran, {
        method: "POST",
      })
    )
  );
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  const { version } = (answers.find((answer) => answer.status === 201) as Answer).body;
  for (const instance of instances) {
    const history = (await ask(instance, "/api/rulesets", evaluator)).body.rulesets;
    expect(history.map((entry: { version: string }) => entry.version)).toEqual([version, "1"]);
  }
});

test("a version published on one instance is served by the other within 1 s", async () => {
  const [a, b] = instances;
  const { id } = (await ask(a, "/api/proposals", somchai, { body: bodyWith(74) })).body;
  // The other instance's version in force, asked back to back from before the publish on.
  const served: Answer[] = [];
  let watching = true;
  const watch = (async () => {
    while (watching) served.push(await ask(b, "/api/rulesets/current", evaluator));
  })();
  const landed = await ask(a, `/api/proposals/${id}/approve`, suda, { method: "POST" });
  expect(landed.status).toBe(201);
  const version = landed.body.version as string;
  const first = () => served.find((answer) => answer.body.version === version);
  await until(() => first() !== undefined, `instance b to serve version ${version}`, 5_000);
  watching = false;
  await watch;
  // The publishing instance serves it at once; the other once its cached pointer has run out
  // (TTL_MS): the last request it answered with the old version started at most 1 s after
  // the publish was answered.
  expect(await inForce(a)).toBe(version);
  const lastOld = served
    .filter(
      (answer) =>
        answer.body.version !== version && answer.startedAt < (first() as Answer).startedAt
    )
    .at(-1);
  const followedAfter = Math.max(0, (lastOld?.startedAt ?? 0) - landed.endedAt);
  expect(followedAfter).toBeLessThanOrEqual(1_000);
  console.info(`instance b served the old version until ${followedAfter} ms after the publish`);
});

test("storage stopped and started again under load: evaluate goes on under the version held and says so, the rest is 503 with Retry-After, health answers at once, nothing is half-written, and both instances recover", async () => {
  const [a, b] = instances;
  const version = await inForce(a);
  const pending = (await ask(a, "/api/proposals", somchai, { body: bodyWith(72) })).body;
  const recordOf = async () => ({
    versions: (await ask(a, "/api/rulesets", evaluator)).body,
    proposals: (await ask(a, "/api/proposals?pageSize=100", suda)).body,
    audit: (await ask(a, "/api/audit?pageSize=200", suda)).body,
  });
  const before = await recordOf();

  // The load: on each instance, evaluate twice over, the history and health, until stopped.
  const answers: Answer[] = [];
  let loading = true;
  const loop = async (call: () => Promise<Answer>, pauseMs: number) => {
    while (loading) {
      answers.push(await call());
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const load = instances.flatMap((instance) => [
    loop(() => ask(instance, "/api/evaluate", evaluator, { body: evaluateBody }), 20),
    loop(() => ask(instance, "/api/evaluate", evaluator, { body: evaluateBody }), 20),
    loop(() => ask(instance, "/api/rulesets", evaluator), 50),
    loop(() => ask(instance, "/api/health", undefined), 50),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  await azurite.stop();
  const down = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // Writes during the outage: a proposal on one instance, the approval on the other.
  const proposed = await ask(a, "/api/proposals", somchai, {
    body: bodyWith(73, { note: "proposed during the outage" }),
  });
  const approved = await ask(b, `/api/proposals/${pending.id}/approve`, suda, { method: "POST" });
  await new Promise((resolve) => setTimeout(resolve, down + STOPPED_MS - Date.now()));

  // Storage may answer a little before startAzurite sees it listening: the outage is the time
  // between the stop and this start; recovery is counted from when it is seen listening.
  const restarting = Date.now();
  azurite = await startAzurite({ location, port: azurite.port });
  const back = Date.now();
  // The first request that needs storage once it is back (the proposals are read every time).
  const firstBack = await Promise.all(
    instances.map((instance) => ask(instance, "/api/proposals?pageSize=1", suda))
  );
  const recovered: Record<string, { evaluate: number; history: number; health: number }> = {};
  const firstAfterBack = (instance: string, route: string, ok: (answer: Answer) => boolean) =>
    answers.find(
      (answer) =>
        answer.instance === instance &&
        answer.route === route &&
        answer.startedAt >= back &&
        ok(answer)
    );
  await until(
    () =>
      instances.every(({ name }) =>
        [
          firstAfterBack(name, "/api/evaluate", (answer) => isConfirmed(answer)),
          firstAfterBack(name, "/api/rulesets", (answer) => answer.status === 200),
          firstAfterBack(name, "/api/health", (answer) => answer.status === 200),
        ].every(Boolean)
      ),
    "both instances to answer from storage again",
    10_000
  );
  for (const { name } of instances) {
    const at = (route: string, ok: (answer: Answer) => boolean) =>
      (firstAfterBack(name, route, ok) as Answer).endedAt - back;
    recovered[name] = {
      evaluate: at("/api/evaluate", isConfirmed),
      history: at("/api/rulesets", (answer) => answer.status === 200),
      health: at("/api/health", (answer) => answer.status === 200),
    };
  }
  loading = false;
  await Promise.all(load);

  // What a failing check names: the answer, and when it was asked relative to the stop.
  const brief = (answer: Answer) =>
    `${answer.instance} ${answer.route} ${answer.status} asked at ${answer.startedAt - down} ms`;
  // Never a 500: each answer is 200 or, where storage is needed, 503.
  expect(
    answers.filter((answer) => answer.status !== 200 && answer.status !== 503).map(brief)
  ).toEqual([]);

  // Evaluate never failed: under the version held, saying so once the pointer's TTL ran out.
  const evaluated = answers.filter((answer) => answer.route === "/api/evaluate");
  expect(evaluated.filter((answer) => answer.status !== 200).map(brief)).toEqual([]);
  expect(new Set(evaluated.map((answer) => answer.headers.get("x-ruleset-version")))).toEqual(
    new Set([version])
  );
  const inOutage = (answer: Answer) =>
    answer.startedAt > down + TTL_MS + 200 && answer.endedAt < restarting;
  for (const { name } of instances) {
    const during = evaluated.filter((answer) => answer.instance === name && inOutage(answer));
    // How many fit in the outage depends on the machine's load; more than one shows it went on.
    expect(during.length).toBeGreaterThan(1);
    for (const answer of during) {
      expect(answer.headers.get("x-ruleset-unconfirmed")).toBe(
        answer.body.rulesetUnconfirmed.lastConfirmedAt
      );
      expect(Date.parse(answer.body.rulesetUnconfirmed.lastConfirmedAt)).toBeLessThanOrEqual(down);
      expect(answer.body.results[0]).toMatchObject({ id: "x", eligible: expect.any(Boolean) });
    }
    const said = during[0].body.rulesetUnconfirmed.message;
    expect(said.en).toMatch(/could not be re-checked: these results are under version/);
    expect(said.th).not.toMatch(/[A-Za-z]/);
  }
  // Before the outage and after recovery, the version in force is confirmed.
  expect(
    evaluated
      .filter(
        (answer) =>
          (answer.endedAt < down || answer.startedAt > back + TTL_MS + 1_000) &&
          !isConfirmed(answer)
      )
      .map(brief)
  ).toEqual([]);

  // What needs storage is a 503 STORAGE_UNAVAILABLE with Retry-After, in both languages.
  const history = answers.filter((answer) => answer.route === "/api/rulesets" && inOutage(answer));
  // Each waits on the SDK's retries (0.3–0.6 s), so a few per instance.
  for (const { name } of instances)
    expect(history.filter((answer) => answer.instance === name).length).toBeGreaterThan(0);
  const refused = [...history, proposed, approved].map((answer) => ({
    route: answer.route,
    after: answer.startedAt - down,
    status: answer.status,
    retryAfter: answer.headers.get("retry-after"),
    code: answer.body.error?.code,
    thai: /[A-Za-z]/.test(answer.body.error?.message.th) ? "has Latin letters" : "Thai",
  }));
  expect(
    refused.filter(
      (answer) =>
        answer.status !== 503 ||
        answer.retryAfter !== "5" ||
        answer.code !== "STORAGE_UNAVAILABLE" ||
        answer.thai !== "Thai"
    )
  ).toEqual([]);

  // Health answered at once throughout, and said storage was unavailable while it was.
  const probes = answers.filter((answer) => answer.route === "/api/health");
  const healthTimes = probes.map((answer) => answer.endedAt - answer.startedAt);
  // The middle answer while storage was down, measured here on a shared machine whose load
  // spikes single answers; the SDK's retries alone took 300–600 ms then, every time.
  const sorted = [...healthTimes].sort((x, y) => x - y);
  const downTimes = probes
    .filter(inOutage)
    .map((answer) => answer.endedAt - answer.startedAt)
    .sort((x, y) => x - y);
  expect(downTimes[Math.floor(downTimes.length / 2)]).toBeLessThan(HEALTH_LIMIT_MS);
  for (const { name } of instances) {
    const unavailable = probes.filter(
      (answer) => answer.instance === name && inOutage(answer) && answer.status === 503
    );
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable[0].body.storage).toMatchObject({
      status: "unavailable",
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  }

  // Storage back, each instance answers from it at once, and evaluate confirms the version in
  // force again once the failure it remembers is older than the pointer's TTL.
  for (const answer of firstBack) {
    expect(answer.status).toBe(200);
    expect(answer.endedAt - answer.startedAt).toBeLessThan(1_000);
  }
  for (const { name } of instances) expect(recovered[name].evaluate).toBeLessThan(TTL_MS + 1_000);

  // Nothing was half-written: the record is as it was, the pending proposal still pending.
  expect(await recordOf()).toEqual(before);
  // And the service works again without a restart: the approval lands, both instances follow.
  const landed = await ask(b, `/api/proposals/${pending.id}/approve`, suda, { method: "POST" });
  expect(landed.status).toBe(201);
  for (const instance of instances)
    await until(
      async () => (await inForce(instance)) === landed.body.version,
      `instance ${instance.name} to serve version ${landed.body.version}`,
      5_000
    );

  const counts = (list: Answer[]) =>
    Object.entries(
      list.reduce<Record<string, number>>((tally, answer) => {
        const key = `${answer.route} ${answer.status}${isConfirmed(answer) ? "" : " unconfirmed"}`;
        tally[key] = (tally[key] ?? 0) + 1;
        return tally;
      }, {})
    );
  console.info(
    [
      `outage ${restarting - down} ms (and ${back - restarting} ms for Azurite to start); answers during it: ${JSON.stringify(counts(answers.filter(inOutage)))}`,
      `first request once storage was back (ms): ${firstBack.map((answer) => `${answer.instance} ${answer.status} in ${answer.endedAt - answer.startedAt}`).join(", ")}`,
      `first answer from storage under load, after storage was back (ms): ${JSON.stringify(recovered)}`,
      `health while storage was down (ms): median ${downTimes[Math.floor(downTimes.length / 2)]}, max ${downTimes[downTimes.length - 1]} of ${downTimes.length}; throughout: median ${sorted[Math.floor(sorted.length / 2)]}, 90th ${sorted[Math.floor(sorted.length * 0.9)]}, max ${sorted[sorted.length - 1]} of ${sorted.length}`,
    ].join("\n")
  );
}, 60_000);

/** An evaluate answer under a version storage confirmed (other routes' answers count as confirmed). */
function isConfirmed(answer: Answer): boolean {
  if (answer.route !== "/api/evaluate") return true;
  return answer.status === 200 && !answer.headers.has("x-ruleset-unconfirmed");
}

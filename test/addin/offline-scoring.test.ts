import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type Application, BASELINE_RULESET } from "@smartcity/shared";
import { ApiClient } from "../../addin/src/client/api-client";
import { RulesetSource } from "../../addin/src/client/ruleset-source";
import { ScoringClient } from "../../addin/src/client/scoring-client";
import type { ServiceError } from "../../addin/src/client/service-error";
import { ConnectionState } from "../../addin/src/offline/connection-state";
import { RulesetCache } from "../../addin/src/offline/ruleset-cache";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { BASELINE_CASES } from "../helpers/baseline-cases";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";
import { WebStorageStandIn } from "../helpers/web-storage";

/**
 * Which failures make the functions compute offline, against real servers on loopback: the real
 * API for the answers, a server that answers 503 to everything (a service failing), and one that
 * takes connections and never answers (a hung service). Each client starts with nothing in
 * memory, sharing only the kept rulesets (the browser's storage), as a reloaded add-in does.
 */
let storage: TestStorage;
let api: ApiProcess;
let token: string;
const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let failing: string;
let hung: string;
let refusing: string;
let forging: string;
/** What the forging server answers for the version in force: the baseline, then a forgery. */
let forged = false;
beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  token = await tokenFor(storage.keyFile, "Evaluator");
  failing = await serve((_request, response) => {
    response.writeHead(503, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ error: { code: "UNAVAILABLE", message: { en: "down", th: "ล่ม" } } })
    );
  });
  hung = await serve(() => undefined);
  forging = await serve((_request, response) => {
    const body = forged
      ? {
          ...BASELINE_RULESET,
          version: "2",
          rules: { ...BASELINE_RULESET.rules, overallMinPercent: 50 },
        }
      : BASELINE_RULESET;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  refusing = await serve((_request, response) => {
    response.writeHead(401, { "content-type": "application/json" });
    response.end("{}");
  });
}, 60_000);

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await api?.stop();
  await storage?.stop();
});

/** One add-in's clients, as runtime.ts makes them, over `kept` storage and the service at `url`. */
function addIn(kept: WebStorageStandIn, url: () => string, timeoutMs = 5_000) {
  const client = new ApiClient({ baseUrl: url, token: () => token, timeoutMs });
  const state = new ConnectionState();
  const cache = new RulesetCache(
    () => kept,
    () => "one service"
  );
  const rulesets = new RulesetSource(client, { pollMs: 60_000, cache, state });
  const scoring = new ScoringClient(
    client,
    { windowMs: 5, maxBatch: 100 },
    { state, ruleset: (version) => rulesets.peek(version) }
  );
  // A cell's value: the result, or the message of the error it shows.
  const evaluate = async (application: Application, version?: string) => {
    try {
      const ruleset = await rulesets.resolve(version);
      return { ...(await scoring.evaluate(application, ruleset.version)) };
    } catch (error) {
      return (error as ServiceError).message;
    }
  };
  return { state, rulesets, scoring, evaluate };
}

const applications: Application[] = BASELINE_CASES.map((entry) => ({
  scores: entry.scores,
  ...(entry.overall === undefined ? {} : { overall: entry.overall }),
  preliminary: Object.fromEntries(
    BASELINE_RULESET.rules.preliminaryCriteria.map((criterion) => [criterion.id, true])
  ),
}));

describe("offline, each way the service can fail", () => {
  const kept = new WebStorageStandIn();
  let online: unknown[];

  beforeAll(async () => {
    const first = addIn(kept, () => api.url);
    online = await Promise.all(applications.map((application) => first.evaluate(application)));
    await Promise.all(applications.map((application) => first.evaluate(application, "1")));
    expect(first.state.isOffline()).toBe(false);
    expect(first.scoring.stats.computedHere).toBe(0);
  });

  const ways: [string, () => string, number, Record<string, unknown>][] = [
    ["a 503 answer", () => failing, 5_000, { failure: "REFUSED", status: 503 }],
    ["a service that never answers", () => hung, 300, { failure: "TIMEOUT" }],
    ["a refused connection", () => "http://127.0.0.1:9", 5_000, { failure: "UNREACHABLE" }],
  ];
  test.each(ways)(
    "%s: the kept version in force gives the service's results",
    async (_name, url, timeoutMs, cause) => {
      const later = addIn(kept, url, timeoutMs);
      const offline = await Promise.all(
        applications.map((application) => later.evaluate(application))
      );
      expect(offline).toEqual(online);
      expect(later.state.current?.cause).toMatchObject(cause);
      expect(later.scoring.stats.computedHere).toBe(applications.length);
      expect(later.rulesets.usedOffline?.version).toBe("1");
      // Offline already: the next cells are computed at once, with no request.
      const requests = later.scoring.stats.requests;
      expect(await later.evaluate({ scores: { environment: 99, energy: 98 } })).toMatchObject({
        eligible: true,
        preliminary: "notAssessed",
        overallPercent: 98.5,
      });
      expect(later.scoring.stats.requests).toBe(requests);
    }
  );

  test("an answer about the request (401) is the cell's error, not an outage", async () => {
    const later = addIn(kept, () => refusing);
    // Both the question of the version in force and the evaluation (of a kept version) are refused.
    expect(await later.evaluate(applications[0])).toMatch(/^Sign in from the Smart City pane/);
    expect(await later.evaluate(applications[0], "1")).toMatch(/^Sign in from the Smart City pane/);
    expect(later.state.isOffline()).toBe(false);
  });

  test("the first answer after an outage ends it", async () => {
    let url = failing;
    const later = addIn(kept, () => url);
    await later.evaluate(applications[0]);
    expect(later.state.isOffline()).toBe(true);
    url = api.url;
    await later.rulesets.checkInForce();
    expect(later.state.isOffline()).toBe(false);
    expect(later.rulesets.usedOffline).toBeUndefined();
  });
});

describe("an answer that cannot be used is an error, never a quiet fallback", () => {
  test("a version in force whose rules do not match its hash: cells fail, the old one is not used", async () => {
    forged = false;
    const later = addIn(new WebStorageStandIn(), () => forging);
    expect((await later.rulesets.checkInForce()).version).toBe("1");
    forged = true;
    await expect(later.rulesets.checkInForce()).rejects.toThrow(
      "the rules of version 2 do not match its hash"
    );
    expect(later.state.isOffline()).toBe(false);
    expect(later.rulesets.usedOffline).toBeUndefined();
    expect(await later.evaluate(applications[0])).toMatch(/do not match its hash/);
  });

  test("an outcome of the old service, settled after a reset, says nothing of the new one", () => {
    const state = new ConnectionState();
    const asked = state.epoch;
    state.reset(); // another service
    state.failed({ failure: "UNREACHABLE" } as ServiceError, asked);
    expect(state.isOffline()).toBe(false);
    state.failed({ failure: "UNREACHABLE" } as ServiceError, state.epoch);
    expect(state.isOffline()).toBe(true);
    state.answered(asked);
    expect(state.isOffline()).toBe(true);
  });
});

describe("the kept rulesets", () => {
  test("a ruleset whose rules do not match its hash is neither kept nor used", async () => {
    const kept = new WebStorageStandIn();
    const cache = new RulesetCache(
      () => kept,
      () => "one service"
    );
    const forged = {
      ...BASELINE_RULESET,
      version: "7",
      rules: { ...BASELINE_RULESET.rules, overallMinPercent: 50 },
    };
    expect(await cache.put(forged)).toBe("wrong hash");
    expect(await cache.get("7")).toBeUndefined();
    expect(await cache.put(BASELINE_RULESET)).toBe("kept");
    expect(await cache.get(BASELINE_RULESET.version)).toEqual(BASELINE_RULESET);
  });

  test("each service's versions are its own", async () => {
    const kept = new WebStorageStandIn();
    let scope = "service A";
    const cache = new RulesetCache(
      () => kept,
      () => scope
    );
    await cache.put(BASELINE_RULESET);
    cache.setInForce(BASELINE_RULESET.version, 1_000);
    scope = "service B";
    expect(await cache.get(BASELINE_RULESET.version)).toBeUndefined();
    expect(await cache.inForce()).toBeUndefined();
    scope = "service A";
    expect(await cache.inForce()).toEqual({ ruleset: BASELINE_RULESET, confirmedAt: 1_000 });
  });

  test("full storage makes room by dropping other services' versions first", async () => {
    const size = JSON.stringify(BASELINE_RULESET).length + 100;
    const kept = new WebStorageStandIn(size * 2);
    let scope = "service A";
    const cache = new RulesetCache(
      () => kept,
      () => scope
    );
    expect(await cache.put(BASELINE_RULESET)).toBe("kept");
    scope = "service B";
    expect(await cache.put(BASELINE_RULESET)).toBe("kept");
    expect(await cache.put({ ...BASELINE_RULESET, version: "2" })).toBe("kept");
    expect(await cache.get(BASELINE_RULESET.version)).toEqual(BASELINE_RULESET);
    scope = "service A";
    expect(await cache.get(BASELINE_RULESET.version)).toBeUndefined();
  });

  test("storage that refuses for another reason than room keeps what it has", async () => {
    const kept = new WebStorageStandIn();
    const cache = new RulesetCache(
      () => kept,
      () => "one service"
    );
    await cache.put(BASELINE_RULESET);
    const setItem = kept.setItem.bind(kept);
    kept.setItem = () => {
      throw new DOMException("storage is turned off", "SecurityError");
    };
    expect(await cache.put({ ...BASELINE_RULESET, version: "2" })).toBe("not kept");
    kept.setItem = setItem;
    expect(await cache.get(BASELINE_RULESET.version)).toEqual(BASELINE_RULESET);
  });

  test("full storage drops the version in force last", async () => {
    const size = JSON.stringify(BASELINE_RULESET).length + 100;
    const kept = new WebStorageStandIn(size * 2 + 200);
    const cache = new RulesetCache(
      () => kept,
      () => "one service"
    );
    await cache.put(BASELINE_RULESET); // version 1, in force
    cache.setInForce("1", 1_000);
    await cache.put({ ...BASELINE_RULESET, version: "2" });
    expect(await cache.put({ ...BASELINE_RULESET, version: "3" })).toBe("kept");
    expect(await cache.get("1")).toEqual(BASELINE_RULESET);
    expect(await cache.get("2")).toBeUndefined();
  });

  test("storage that is unavailable keeps nothing and breaks nothing", async () => {
    const cache = new RulesetCache(
      () => undefined,
      () => "one service"
    );
    expect(await cache.put(BASELINE_RULESET)).toBe("not kept");
    expect(await cache.get(BASELINE_RULESET.version)).toBeUndefined();
    expect(await cache.inForce()).toBeUndefined();
  });
});

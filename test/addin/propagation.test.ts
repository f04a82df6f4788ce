import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { BASELINE_RULESET, type Ruleset } from "@smartcity/shared";
import { ApiClient } from "../../addin/src/client/api-client";
import { RulesetSource } from "../../addin/src/client/ruleset-source";
import { VERSION_POLL_MS } from "../../addin/src/runtime";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { publishOverHttp } from "../helpers/publish";
import { tokenFor } from "../helpers/tokens";
import { until } from "../helpers/until";

/**
 * Propagation: the add-in re-checks the version in force every VERSION_POLL_MS with
 * If-None-Match, which costs a 304 while nothing changes, and tells its listeners (VERSION(),
 * the recalculation of unpinned formulas) when a new version is published. Here the poll is
 * shortened so the test runs in a second; the product's interval must stay within 60 s.
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

test("the add-in polls often enough to follow a publication within 60 s", () => {
  expect(VERSION_POLL_MS).toBeLessThanOrEqual(60_000);
});

test("a publication reaches subscribers at the next poll; unchanged polls are 304s", async () => {
  const statuses: number[] = [];
  const evaluator = await tokenFor(storage.keyFile, "Evaluator");
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith("/api/rulesets/current")) statuses.push(response.status);
    return response;
  };
  const source = new RulesetSource(
    new ApiClient({
      baseUrl: () => api.url,
      token: () => evaluator,
      timeoutMs: 5_000,
      fetch: counting,
    }),
    {
      pollMs: 100,
    }
  );
  const seen: string[] = [];
  const unsubscribe = source.subscribe(
    (ruleset: Ruleset) => seen.push(ruleset.version),
    () => undefined
  );
  await until(() => statuses.length >= 3, "three answers to the poll");
  expect(seen).toEqual(["1"]);
  expect(statuses[0]).toBe(200);
  expect(statuses.slice(1).length).toBeGreaterThanOrEqual(2);
  expect(new Set(statuses.slice(1))).toEqual(new Set([304]));

  const admin = await tokenFor(storage.keyFile, "Admin");
  const published = await publishOverHttp(api.url, admin, {
    rules: { ...BASELINE_RULESET.rules, overallMinPercent: 75 },
    approval: { reference: "1/2566", date: "2023-07-14" },
    note: "propagation",
  });
  expect(published.status).toBe(201);
  await until(() => seen.length >= 2, "version 2 reaching the subscriber");
  unsubscribe();
  expect(seen).toEqual(["1", "2"]);
});

test("polls while the service is slow join the question on its way instead of sending more", async () => {
  const evaluator = await tokenFor(storage.keyFile, "Evaluator");
  let inFlight = 0;
  let mostInFlight = 0;
  const statuses: number[] = [];
  const slow: typeof fetch = async (input, init) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 350)); // 3.5 poll intervals
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    } finally {
      inFlight--;
    }
  };
  const source = new RulesetSource(
    new ApiClient({
      baseUrl: () => api.url,
      token: () => evaluator,
      timeoutMs: 5_000,
      fetch: slow,
    }),
    { pollMs: 100 }
  );
  const unsubscribe = source.subscribe(
    () => undefined,
    () => undefined
  );
  await until(() => statuses.length >= 3, "three slow answers");
  unsubscribe();
  expect(mostInFlight).toBe(1);
  expect(statuses[0]).toBe(200);
  expect(new Set(statuses.slice(1))).toEqual(new Set([304]));
});

test("a subscriber from before the sign-in hears the first answer, and every later change", async () => {
  let signedIn: string | undefined;
  const evaluator = await tokenFor(storage.keyFile, "Evaluator");
  const source = new RulesetSource(
    new ApiClient({ baseUrl: () => api.url, token: () => signedIn, timeoutMs: 5_000 }),
    { pollMs: 60_000 }
  );
  const seen: string[] = [];
  const errors: string[] = [];
  const unsubscribe = source.subscribe(
    (ruleset) => seen.push(ruleset.version),
    (error) => errors.push(error.message)
  );
  await until(() => errors.length > 0, "the signed-out error");
  expect(errors[0]).toMatch(/Sign in/);
  signedIn = evaluator;
  source.reset(); // what setSession does
  const first = await source.checkInForce();
  expect(seen).toEqual([first.version]);
  // Another question with the same answer is not news.
  await source.checkInForce();
  expect(seen).toEqual([first.version]);
  unsubscribe();
});

import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { API_REQUEST_HEADERS } from "../../addin/src/client/api-client";
import { UPLOAD_REQUEST_HEADERS } from "../../addin/src/client/consolidate-upload";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { startTestStorage, type TestStorage } from "../helpers/service-env";

/**
 * The add-in calls the service from another origin, so the browser first preflights each call
 * (OPTIONS with the headers it is about to send) and fails it as a bare TypeError when one is
 * not allowed. This asks the REAL local host what a browser asks, with exactly the headers the
 * add-in's clients can send (their own exported lists): a client that starts sending a new
 * header fails here until the service allows it. (Playwright's request interception in the
 * e2e tests changes how preflights are seen, so they cannot catch this.)
 */
const ORIGIN = "https://localhost:3000";
let storage: TestStorage;
let api: ApiProcess;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess({ ...storage.env, SMARTCITY_CORS_ORIGINS: ORIGIN });
});

afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

async function preflight(path: string, method: string, headers: readonly string[]) {
  const response = await fetch(`${api.url}${path}`, {
    method: "OPTIONS",
    headers: {
      origin: ORIGIN,
      "access-control-request-method": method,
      "access-control-request-headers": headers.join(", "),
    },
  });
  const allowed = (response.headers.get("access-control-allow-headers") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  return { response, allowed };
}

test.each([
  ["/api/rulesets/current", "GET", API_REQUEST_HEADERS],
  ["/api/rulesets", "POST", API_REQUEST_HEADERS],
  ["/api/consolidate", "POST", UPLOAD_REQUEST_HEADERS],
])(
  "a preflight of %s (%s) with every header the add-in's client sends allows each of them",
  async (path, method, headers) => {
    const { response, allowed } = await preflight(path, method, headers);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(response.headers.get("access-control-allow-methods")).toContain(method);
    for (const name of headers) expect(allowed).toContain(name);
  }
);

test("a header the service does not allow is not listed (so the test above can fail)", async () => {
  const { allowed } = await preflight("/api/rulesets/current", "GET", ["cache-control"]);
  expect(allowed).not.toContain("cache-control");
});

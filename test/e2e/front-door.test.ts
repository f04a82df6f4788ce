import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Browser } from "playwright-core";
import { launchChromium, OFFICE_JS_HOST, withOfficeStandIn } from "../../bench/src/harness/browser";
import { OFFICE_STANDIN_SCRIPT } from "../../bench/src/harness/office-standin";
import { freePort } from "../../functions/src/local/free-port";
import { tempDir } from "../helpers/temp";
import { until } from "../helpers/until";

/**
 * `npm start`'s own program (start-api --with-addin: Azurite, the API and the add-in's webpack
 * dev server) on ports other than the defaults, as a user sets them: PORT for the API and
 * ADDIN_PORT for the add-in. The pane it serves, opened in headless Chromium without being told
 * any service URL, must call the API on PORT and be allowed by CORS; a taken port must be one
 * line, with nothing left running.
 */
const START_API = path.resolve(__dirname, "../../functions/dist/local/start-api.js");
const state = tempDir("front-door");
let child: ChildProcess;
let output = "";
let apiPort: number;
let addinPort: number;
let browser: Browser | undefined;

function start(env: Record<string, string>, args: string[] = ["--with-addin"]): ChildProcess {
  const process_ = spawn(process.execPath, [START_API, ...args], {
    env: {
      ...process.env,
      SMARTCITY_LOCAL_HOST: "node",
      SMARTCITY_AZURITE_IN_MEMORY: "1",
      SMARTCITY_DEV_KEY_FILE: path.join(state.dir, "dev-key.json"),
      SMARTCITY_SERVICE_URL: "",
      SMARTCITY_CORS_ORIGINS: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return process_;
}

beforeAll(async () => {
  apiPort = await freePort();
  addinPort = await freePort();
  const azurite = await freePort();
  child = start({
    PORT: String(apiPort),
    ADDIN_PORT: String(addinPort),
    SMARTCITY_AZURITE_PORT: String(azurite),
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await until(
    () => output.includes("Smart City pane ready at") || child.exitCode !== null,
    "the pane-ready line",
    180_000
  );
}, 200_000);

afterAll(async () => {
  await browser?.close();
  if (child?.exitCode === null) {
    child.kill("SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
  }
  state.remove();
});

test("it says where the API and the pane are, without webpack's file listing", () => {
  expect(output).toContain(`Smart City API ready at http://127.0.0.1:${apiPort}/api`);
  expect(output).toContain(
    `Smart City pane ready at https://localhost:${addinPort}/taskpane.html  (calls http://127.0.0.1:${apiPort};`
  );
  expect(output).not.toMatch(/^asset |\[webpack-dev-server\]|modules by path|orphan modules/m);
});

test("the pane served on ADDIN_PORT calls the API on PORT, allowed by CORS", async () => {
  browser = await launchChromium();
  const page = await browser.newPage();
  await withOfficeStandIn(page, OFFICE_STANDIN_SCRIPT);
  const failed: string[] = [];
  // office.js itself cannot load here (the stand-in answers instead: see launchChromium).
  page.on("requestfailed", (request) => {
    if (new URL(request.url()).hostname !== OFFICE_JS_HOST) failed.push(request.url());
  });
  const health = page.waitForResponse((response) => response.url().endsWith("/api/health"));
  await page.goto(`https://localhost:${addinPort}/taskpane.html`);
  const answer = await health;
  expect(answer.url()).toBe(`http://127.0.0.1:${apiPort}/api/health`);
  expect(answer.status()).toBe(200);
  expect(answer.headers()["access-control-allow-origin"]).toBe(`https://localhost:${addinPort}`);
  await page.waitForSelector("#service-status.ok", { timeout: 10_000 });
  expect(failed).toEqual([]);
  // The manifest the dev server serves names the port it serves on.
  const manifest = await page.evaluate(async () => (await fetch("/manifest.xml")).text());
  expect(manifest).toContain(`https://localhost:${addinPort}/taskpane.html`);
  expect(manifest).not.toContain("https://localhost:3000");
});

test.each([
  ["PORT", "the API"],
  ["ADDIN_PORT", "the add-in"],
])("a taken %s is one line, before anything starts", async (name, what) => {
  const taken = name === "PORT" ? apiPort : addinPort;
  const other = await freePort();
  const second = start({
    PORT: String(name === "PORT" ? taken : other),
    ADDIN_PORT: String(name === "PORT" ? other : taken),
  });
  let out = "";
  second.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  second.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
  expect(code).toBe(1);
  expect(out.trim().split("\n")).toEqual([
    expect.stringMatching(
      new RegExp(
        `^Cannot start: port ${taken} \\(${name}, for ${what}\\) is already in use, perhaps by another npm start\\. Stop that, or choose another port, e\\.g\\. ${name}=\\d+ npm start$`
      )
    ),
  ]);
});

test("the taken-port line suggests the command that was run: npm run start:api starts no add-in", async () => {
  const api = start({ PORT: String(apiPort) }, []);
  let out = "";
  api.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  api.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  expect(await new Promise<number | null>((resolve) => api.once("exit", resolve))).toBe(1);
  expect(out.trim()).toMatch(/ e\.g\. PORT=\d+ npm run start:api$/);
});

/** Waits for a start's API-ready line, failing with what it printed when it stops before that. */
async function ready(process_: ChildProcess): Promise<void> {
  let out = "";
  process_.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  process_.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await until(
    () => out.includes("Smart City API ready at") || process_.exitCode !== null,
    "the API-ready line",
    60_000
  );
  expect(out).toContain("Smart City API ready at");
}

async function stopStart(process_: ChildProcess): Promise<void> {
  process_.kill("SIGINT");
  if (process_.exitCode === null) await new Promise((resolve) => process_.once("exit", resolve));
}

test("one start at a time on a data folder: a second is refused in one line, and the folder is free again once the first stops", async () => {
  const data = path.join(state.dir, "azurite");
  const onFolder = (extra: Record<string, string> = {}) =>
    start({ SMARTCITY_AZURITE_IN_MEMORY: "", SMARTCITY_AZURITE_LOCATION: data, ...extra }, []);

  const first = onFolder({ PORT: String(await freePort()) });
  try {
    await ready(first);
    const second = onFolder({ PORT: String(await freePort()) });
    let out = "";
    second.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    second.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => second.once("exit", resolve))).toBe(1);
    expect(out.trim().split("\n")).toEqual([
      `Cannot start: the local data in ${path.relative(process.cwd(), data)} is in use by another npm start (process ${first.pid}); two at once would overwrite each other's data. Stop that one, or start this one on a store of its own that is gone when it stops: SMARTCITY_AZURITE_IN_MEMORY=1 npm run start:api (if no npm start is running, delete ${path.resolve(`${data}.in-use`)})`,
    ]);
  } finally {
    await stopStart(first);
  }
  // Stopped: the folder is free for the next start.
  const third = onFolder({ PORT: String(await freePort()) });
  try {
    await ready(third);
  } finally {
    await stopStart(third);
  }
}, 180_000);

test("a second npm start on a data folder in use is refused before it builds anything", async () => {
  const data = path.join(state.dir, "azurite-held");
  mkdirSync(data, { recursive: true });
  // Held by a live process other than the start: this test's own.
  writeFileSync(`${data}.in-use`, JSON.stringify({ pid: process.pid }));
  const npm = spawn("npm", ["start"], {
    cwd: path.resolve(__dirname, "../.."),
    env: {
      ...process.env,
      SMARTCITY_AZURITE_LOCATION: data,
      SMARTCITY_AZURITE_IN_MEMORY: "",
      PORT: String(await freePort()),
      ADDIN_PORT: String(await freePort()),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  npm.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  npm.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => npm.once("exit", resolve));
  expect(out).toContain(
    `Cannot start: the local data in ${path.relative(path.resolve(__dirname, "../.."), data)} is in use by another npm start (process ${process.pid}); two at once would overwrite each other's data. Stop that one, or start this one on a store of its own that is gone when it stops: SMARTCITY_AZURITE_IN_MEMORY=1 npm start`
  );
  expect(code).not.toBe(0);
  // Refused by the previous build's check: the build did not run (it says it compiled).
  expect(out).not.toContain("compiled");
  expect(JSON.parse(readFileSync(`${data}.in-use`, "utf8"))).toEqual({ pid: process.pid });
}, 60_000);

test("a claim left by a start that died is taken over", async () => {
  const data = path.join(state.dir, "azurite-left");
  mkdirSync(data, { recursive: true });
  writeFileSync(`${data}.in-use`, JSON.stringify({ pid: 2 ** 22 + 1 })); // above Linux's pid_max
  const next = start(
    {
      SMARTCITY_AZURITE_IN_MEMORY: "",
      SMARTCITY_AZURITE_LOCATION: data,
      PORT: String(await freePort()),
    },
    []
  );
  try {
    await ready(next);
    expect(JSON.parse(readFileSync(`${data}.in-use`, "utf8"))).toEqual({ pid: next.pid });
  } finally {
    await stopStart(next);
  }
  expect(existsSync(`${data}.in-use`)).toBe(false); // released when it stopped
}, 120_000);

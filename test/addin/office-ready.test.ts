import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import {
  excelCalls,
  installCustomFunctionsStandIn,
  Workbook,
} from "../helpers/custom-functions-standin";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { publishOverHttp } from "../helpers/publish";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

/**
 * "Initialize your Office Add-in" (office-js-docs-pr, develop/initialize-add-in.md): Office.context
 * is usable only once Office.onReady has resolved. This Office stand-in initialises 50 ms after
 * the functions load and throws on any earlier read of Office.context; the workbook is pinned to
 * version 1 in its settings (Office.context.document.settings). A formula computed before Office
 * is ready must wait for it and then use the pin, not fail and not ignore the pin.
 */
let ready = false;
let earlyReads = 0;
const settings = new Map<string, unknown>([["smartcity.rulesetVersion", "1"]]);
const context = { document: { settings: { get: (name: string) => settings.get(name) } } };
const office: Record<string, unknown> = {
  onReady: () =>
    new Promise((resolve) =>
      setTimeout(() => {
        ready = true;
        resolve({ host: "Excel", platform: "PC" });
      }, 50)
    ),
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
};
Object.defineProperty(office, "context", {
  get() {
    if (!ready) {
      earlyReads++;
      throw new Error("Office.context read before Office.onReady");
    }
    return context;
  },
});
(globalThis as Record<string, unknown>).Office = office;
installCustomFunctionsStandIn();
const functions = require("../../addin/src/functions/functions") as Record<string, unknown>;
const runtime = require("../../addin/src/runtime") as typeof import("../../addin/src/runtime");

let storage: TestStorage;
let api: ApiProcess;
beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess({ ...storage.env, SMARTCITY_CURRENT_RULESET_TTL_MS: "0" });
  const admin = await tokenFor(storage.keyFile, "Admin");
  const published = await publishOverHttp(api.url, admin, {
    rules: { ...BASELINE_RULESET.rules, overallMinPercent: 75 },
    approval: { reference: "9/2569", date: "2026-11-30" },
    note: "version 2, so the pin to 1 shows",
  });
  expect(published.status).toBe(201);
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
  delete (globalThis as Record<string, unknown>).Office;
});

test("a formula computed before Office is ready waits for it, then uses the workbook's pin", async () => {
  ready = false;
  runtime.setServiceUrl(api.url);
  runtime.setSession({
    token: await tokenFor(storage.keyFile, "Evaluator"),
    role: "Evaluator",
    name: "t",
  });
  const shown = await excelCalls(functions, "THRESHOLD", [{ value: "overall" }], {
    platform: "desktop",
    workbook: new Workbook(),
  });
  expect(shown).toBe(80); // version 1's bar, from the pin; version 2 (75) is in force
  expect(earlyReads).toBe(0);
});

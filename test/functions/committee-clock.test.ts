import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { HttpRequest, InvocationContext } from "@azure/functions";
import { loadConfig } from "../../functions/src/config";
import { withServices } from "../../functions/src/http/handler";
import { ROUTES } from "../../functions/src/routes";
import { createServices, type Services } from "../../functions/src/services";
import { bodyWith as anyDayBody } from "../helpers/api-calls";
import { responseText } from "../helpers/response-text";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";
import { signDevToken } from "../../functions/src/auth/dev-keys";

/**
 * The committee's calendar through the handlers, with the service's clock injected (only
 * this test's services see it; nothing is faked globally), over a real Azurite.
 */
let storage: TestStorage;
let services: Services;
let clock = new Date("2026-03-01T16:00:00Z"); // 23:00 in Bangkok, 1 March
let admin: string;

beforeAll(async () => {
  storage = await startTestStorage();
  services = createServices(
    loadConfig({
      ...storage.env,
      SMARTCITY_RULESETS_TABLE: "clock",
      SMARTCITY_CURRENT_RULESET_TTL_MS: "0",
    }),
    { now: () => clock }
  );
  admin = await tokenFor(storage.keyFile, "Admin");
});
afterAll(async () => {
  await storage?.stop();
});

const context = () =>
  new InvocationContext({ functionName: "test", invocationId: "t", logHandler: () => undefined });

async function call(
  name: string,
  init: {
    body?: unknown;
    headers?: Record<string, string>;
    params?: Record<string, string>;
    token?: string;
  } = {}
) {
  const route = ROUTES.find((r) => r.name === name)!;
  const response = await withServices(route.handler, () => services)(
    new HttpRequest({
      method: route.method,
      url: `http://localhost/api/${route.route}`,
      headers: {
        authorization: `Bearer ${init.token ?? admin}`,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: { string: JSON.stringify(init.body) } }),
      params: init.params ?? {},
    }),
    context()
  );
  const headers = new Headers(response.headers as Record<string, string>);
  const text = await responseText(response.body);
  return {
    status: response.status,
    etag: headers.get("etag"),
    body: text ? JSON.parse(text) : undefined,
  };
}

/** A request approved at a meeting before this file's clock (March 2026), so its date is no refusal. */
const bodyWith = (overallMinPercent: number, extra: Record<string, unknown> = {}) =>
  anyDayBody(overallMinPercent, {
    approval: { reference: "1/2569", date: "2026-02-20" },
    ...extra,
  });

const publish = async (body: object) =>
  call("publishRuleset", {
    body,
    headers: { "if-match": (await call("getCurrentRuleset")).etag! },
  });

test("a version for 2 March is scheduled at 23:00 Bangkok on 1 March and in force from midnight Bangkok", async () => {
  const scheduled = await publish(bodyWith(75, { effectiveFrom: "2026-03-02" }));
  expect(scheduled.status).toBe(201);
  expect((await call("listRulesets")).body.rulesets[0]).toMatchObject({
    version: "2",
    status: "scheduled",
  });
  expect((await call("getCurrentRuleset")).body.version).toBe("1");
  clock = new Date("2026-03-01T17:00:00Z"); // 00:00 in Bangkok, 2 March (still 1 March in UTC)
  expect((await call("getCurrentRuleset")).body.version).toBe("2");
  expect((await call("listRulesets")).body.rulesets[0].status).toBe("inForce");
  const evaluated = await call("evaluate", {
    body: { asOf: "2026-03-01", applications: [{ scores: { environment: 90, energy: 90 } }] },
  });
  expect(evaluated.body.ruleset.version).toBe("1");
  expect(evaluated.body.results).toMatchObject([{ eligible: true, overallPercent: 90 }]);
});

test("a publish at 06:30 Bangkok time gets that Bangkok date; the day before is refused as past", async () => {
  clock = new Date("2026-03-01T23:30:00Z"); // 06:30 in Bangkok, 2 March
  const published = await publish(bodyWith(74));
  expect(published.status).toBe(201);
  expect(published.body).toMatchObject({
    effectiveFrom: "2026-03-02",
    publishedAt: "2026-03-01T23:30:00.000Z",
  });
  const refused = await publish(bodyWith(73, { effectiveFrom: "2026-03-01" }));
  expect(refused.status).toBe(400);
  expect(refused.body.error.message.en).toContain("today is 2026-03-02");
});

test("a proposal for a date that passes before its approval cannot be approved (400 EFFECTIVE_DATE_IN_PAST)", async () => {
  clock = new Date("2026-03-02T05:00:00Z"); // 12:00 in Bangkok, 2 March
  const proposed = await call("createProposal", {
    body: bodyWith(72, { effectiveFrom: "2026-03-03" }),
  });
  expect(proposed.status).toBe(201);
  clock = new Date("2026-03-03T17:30:00Z"); // 00:30 in Bangkok, 4 March
  const suda = await signDevToken(storage.keyFile, { roles: ["Admin"], name: "suda" });
  const approved = await call("approveProposal", { params: { id: proposed.body.id }, token: suda });
  expect(approved.status).toBe(400);
  expect(approved.body.error.code).toBe("EFFECTIVE_DATE_IN_PAST");
  expect(approved.body.error.message.en).toContain("today is 2026-03-04");
});

test("an approval date after today in Bangkok is refused with 400 naming approval.date, by publish and by propose", async () => {
  clock = new Date("2026-03-04T17:30:00Z"); // 00:30 in Bangkok, 5 March (still 4 March in UTC)
  const tomorrow = { reference: "3/2569", date: "๖ มีนาคม ๒๕๖๙" }; // 6 March, in Thai digits
  for (const refused of [
    await publish(bodyWith(71, { approval: tomorrow })),
    await call("createProposal", { body: bodyWith(71, { approval: tomorrow }) }),
  ]) {
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("APPROVAL_DATE_IN_FUTURE");
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ path: "approval.date" })]);
    expect(refused.body.error.message.en).toContain("approval.date 2026-03-06 is in the future");
    expect(refused.body.error.message.en).toContain("today is 2026-03-05");
    expect(refused.body.error.message.th).toContain("6 มีนาคม 2569");
    expect(refused.body.error.message.th).not.toMatch(/[A-Za-z]/);
  }
  // Today in Bangkok (a day after the UTC date) is no future.
  const today = { reference: "3/2569", date: "2026-03-05" };
  expect((await call("createProposal", { body: bodyWith(71, { approval: today }) })).status).toBe(
    201
  );
  expect((await publish(bodyWith(71, { approval: today }))).status).toBe(201);
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { EvaluateResponseSchema, RulesSchema } from "@smartcity/shared";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { publishOverHttp } from "../helpers/publish";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

// Later criteria: the example ruleset shaped after announcement 1/2562 publishes through the API
// with no change of code, and its cases evaluate over HTTP (Azurite + the API process).
const fixtures = join(__dirname, "..", "fixtures", "rulesets");
const body = JSON.parse(readFileSync(join(fixtures, "announcement-1-2562.json"), "utf8"));
const { cases } = JSON.parse(
  readFileSync(join(fixtures, "announcement-1-2562.cases.json"), "utf8")
) as {
  cases: { application: { id: string }; expected: Record<string, unknown> }[];
};

let storage: TestStorage;
let api: ApiProcess;
let admin: string;
let evaluator: string;

beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess(storage.env);
  admin = await tokenFor(storage.keyFile, "Admin");
  evaluator = await tokenFor(storage.keyFile, "Evaluator");
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

async function evaluateOverHttp(messages?: string) {
  const response = await fetch(`${api.url}/api/evaluate`, {
    method: "POST",
    headers: { authorization: `Bearer ${evaluator}`, "content-type": "application/json" },
    body: JSON.stringify({
      applications: cases.map((entry) => entry.application),
      ...(messages ? { messages } : {}),
    }),
  });
  expect(response.status).toBe(200);
  return EvaluateResponseSchema.parse(await response.json());
}

describe("the example ruleset of announcement 1/2562", () => {
  test("a structure error is a 400 naming the problem in Thai and English", async () => {
    const broken = structuredClone(body);
    broken.rules.tracks[1].overrides = { dimensions: [{ id: "culture", minPercent: 60 }] };
    const response = await publishOverHttp(api.url, admin, broken);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: { code: string; issues: unknown[] } };
    expect(answer.error.code).toBe("INVALID_REQUEST");
    expect(answer.error.issues).toContainEqual({
      path: "rules.tracks[1].overrides.dimensions[0].id",
      message: expect.stringContaining('"culture" is not a dimension of these rules'),
      th: expect.stringContaining('"culture" ไม่ใช่ด้านในชุดเกณฑ์นี้'),
    });
  });

  test("publishes (201) and reads back with its groups, tracks, bands and rubric", async () => {
    const response = await publishOverHttp(api.url, admin, body);
    expect(response.status).toBe(201);
    const current = await fetch(`${api.url}/api/rulesets/current`, {
      headers: { authorization: `Bearer ${evaluator}` },
    });
    const ruleset = (await current.json()) as { version: string; rules: Record<string, unknown> };
    expect(ruleset.version).toBe("2");
    expect(ruleset.rules).toEqual(JSON.parse(JSON.stringify(RulesSchema.parse(body.rules))));
  });

  test("its cases evaluate over HTTP", async () => {
    const { ruleset, results } = await evaluateOverHttp();
    expect(ruleset.version).toBe("2");
    results.forEach((outcome, index) => {
      const expected = cases[index].expected;
      if ("error" in outcome) {
        expect({ error: outcome.error.code, path: outcome.error.path }).toEqual(expected);
        return;
      }
      const { environment, ...rest } = expected;
      expect({
        outcome: outcome.outcome.id,
        eligible: outcome.eligible,
        track: outcome.track,
        reasons: outcome.reasons.map((reason) =>
          [reason.code, reason.group, reason.item].filter(Boolean).join(":")
        ),
      }).toEqual(rest);
      if (environment)
        expect(outcome.dimensions.find((d) => d.id === "environment")).toMatchObject(
          environment as Record<string, unknown>
        );
    });
    const revise = results[1];
    expect("outcome" in revise && revise.outcome).toEqual({
      id: "inPrinciple",
      name: {
        th: "เห็นชอบในหลักการ ให้ปรับปรุงแล้วเสนอใหม่",
        en: "Approved in principle: revise and resubmit",
      },
    });
    const noPlatform = results[2];
    expect("reasons" in noPlatform && noPlatform.reasons[0].message).toEqual({
      th: "ไม่ผ่านข้อกำหนดองค์ประกอบของข้อเสนอเมืองอัจฉริยะ: การออกแบบแพลตฟอร์มข้อมูลเมืองที่เปิดกว้างและมั่นคงปลอดภัย",
      en: "Required plan components not met: Design of an open, secure City Data Platform",
    });
  });

  test('with "messages": "none" the reasons carry their facts only', async () => {
    const { results } = await evaluateOverHttp("none");
    const noPlatform = results[2];
    expect("reasons" in noPlatform && noPlatform.reasons).toEqual([
      {
        code: "REQUIREMENT_NOT_MET",
        group: "components",
        item: "cityDataPlatform",
        answered: true,
      },
    ]);
  });
});

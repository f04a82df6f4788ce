import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import {
  DevSignInResponseSchema,
  EvaluateResponseSchema,
  type Rules,
  RulesetSchema,
  RulesSchema,
} from "@smartcity/shared";
import type { z } from "zod";
import {
  requirementCells as requirementCellsOf,
  scoreCells as scoreCellsOf,
  trackCell as trackCellOf,
} from "../helpers/case-cells";
import { EXAMPLE_CASES, type ExampleCase } from "../helpers/example-evaluations";
import { publishOverHttp } from "../helpers/publish";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";

/**
 * The later criteria, "evaluated … through the add-in's functions, without any change of code": the
 * example ruleset after announcement 1/2562 is published through the API, and its cases are
 * written into cells the way docs/excel-functions.md says (labels naming
 * dimensions and rubric items, one requirements row in the ruleset's order, the track by name)
 * and evaluated by the BUILT add-in in headless Chromium (office-standin.ts for Office) against
 * the real service. The translation below reads only the ruleset, never a case's ids.
 */
const fixtures = join(__dirname, "..", "fixtures", "rulesets");
const body = JSON.parse(readFileSync(join(fixtures, "announcement-1-2562.json"), "utf8")) as {
  rules: Rules;
};
type Case = ExampleCase;
const cases = EXAMPLE_CASES;
const rules = RulesSchema.parse(body.rules);

let stack: PaneStack;
let version: string;
/** What the service says of each case with both languages' words (the same module words both). */
let served: z.infer<typeof EvaluateResponseSchema>["results"];
beforeAll(async () => {
  stack = await startPaneStack();
  const signIn = await fetch(`${stack.api.url}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ role: "Admin" }),
  });
  const { token } = DevSignInResponseSchema.parse(await signIn.json());
  const published = await publishOverHttp(stack.api.url, token, body as never);
  expect(published.status).toBe(201);
  version = RulesetSchema.parse(await published.json()).version;
  const evaluated = await fetch(`${stack.api.url}/api/evaluate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      rulesetVersion: version,
      applications: cases.map((entry) => entry.application),
    }),
  });
  served = EvaluateResponseSchema.parse(await evaluated.json()).results;
  await stack.page.waitForSelector("#service-status.ok", { timeout: 10_000 });
  await stack.page.selectOption("#role", "Evaluator");
  await stack.page.click("#sign-in");
  await stack.page.waitForSelector("#ruleset-table", { timeout: 10_000 });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

const at = { parameterAddresses: ["Sheet1!B2:H2"] };

const scoreCells = (application: Case["application"]) => scoreCellsOf(rules, application);
const requirementCells = (application: Case["application"]) =>
  requirementCellsOf(rules, application);
const trackCell = (application: Case["application"]) => trackCellOf(rules, application);

describe("the cases of announcement 1/2562 through the add-in's functions", () => {
  test.each(cases.map((entry, index) => [entry.application.id, index] as const))(
    "%s",
    async (_id, index) => {
      const { application, expected } = cases[index];
      const { labels, scores } = scoreCells(application);
      const requirements = requirementCells(application);
      const track = trackCell(application);
      const outcome = (language: string) =>
        stack.cell("OUTCOME", scores, labels, requirements, null, track, version, language, at);
      const answer = served[index];
      if (expected.error !== undefined) {
        // An item error of the service (UNKNOWN_TRACK, INVALID_POINTS) is #VALUE! with its words.
        expect("error" in answer && answer.error.code).toBe(expected.error);
        if (!("error" in answer)) return;
        expect(await outcome("en")).toBe(`#VALUE!: ${answer.error.message.en}`);
        expect(await outcome("th")).toBe(`#VALUE!: ${answer.error.message.th}`);
        expect(
          await stack.cell("REASONS", scores, labels, requirements, null, version, "th", track, at)
        ).toBe(`#VALUE!: ${answer.error.message.th}`);
        return;
      }
      const band = rules.outcomes?.find((entry) => entry.id === expected.outcome);
      expect(band).toBeDefined();
      expect(await outcome("en")).toBe(band?.name.en);
      expect(await outcome("th")).toBe(band?.name.th);
      expect(
        await stack.cell("ELIGIBLE", scores, labels, requirements, null, version, track, at)
      ).toBe(expected.eligible);
      if ("error" in answer) throw new Error(`the service refused case ${index}`);
      // REASONS words the codes with shared's reasonText: the service's own sentences, joined.
      expect(answer.reasons.map((reason) => reason.code.split(":")[0])).toEqual(
        (expected.reasons ?? []).map((reason) => reason.split(":")[0])
      );
      for (const language of ["en", "th"] as const)
        expect(
          await stack.cell(
            "REASONS",
            scores,
            labels,
            requirements,
            null,
            version,
            language,
            track,
            at
          )
        ).toBe(answer.reasons.map((reason) => reason.message?.[language]).join("; "));
      expect(await stack.cell("SCORE", scores, labels, version, track, at)).toBe(
        answer.overallPercent
      );
    }
  );

  test("the same cells under two tracks give two answers, not one kept for both", async () => {
    const application = cases.find((entry) => entry.application.track === "newCity")?.application;
    if (application === undefined) throw new Error("the cases have no newCity case");
    const { labels, scores } = scoreCells(application);
    const requirements = requirementCells(application);
    const under = (track: unknown) =>
      stack.cell("ELIGIBLE", scores, labels, requirements, null, version, track, at);
    expect(await under(null)).toBe(true); // the default track: two dimensions are enough
    expect(await under("newCity")).toBe(false); // three are required
    expect(await under(null)).toBe(true);
  });
});

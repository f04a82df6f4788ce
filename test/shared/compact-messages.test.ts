import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import {
  type AnyReason,
  type ApplicationOutcome,
  BASELINE_RULESET,
  DIMENSION_IDS,
  EvaluateRequestSchema,
  EvaluateResponseSchema,
  evaluateBatch,
  evaluateInChunks,
  isApplicationError,
  type MessageLanguages,
  PRELIMINARY_CRITERION_IDS,
  openApiDocument,
  outcomesJson,
  reasonText,
  outcomeBands,
  summariseRuleset,
} from "@smartcity/shared";

/**
 * `"messages"` on POST /api/evaluate: "both" (default) is the answer as before;
 * "th" / "en" keep one language; "none" keeps each reason's code and facts and no words, and
 * shared's reasonText gives back exactly the words "both" would have sent.
 */
const application = fc.record(
  {
    scores: fc.dictionary(
      fc.constantFrom(...DIMENSION_IDS),
      fc.oneof(
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.constant(null)
      ),
      { maxKeys: 7 }
    ),
    overall: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)),
    preliminary: fc.dictionary(fc.constantFrom(...PRELIMINARY_CRITERION_IDS), fc.boolean(), {
      maxKeys: 5,
    }),
  },
  { requiredKeys: ["scores"] }
);

const inMode = (applications: unknown[], messages: MessageLanguages) =>
  [...evaluateInChunks(applications, BASELINE_RULESET, 7, "applications", messages)].flat();

const withoutWords = (outcome: ApplicationOutcome<AnyReason>) =>
  isApplicationError(outcome)
    ? outcome
    : {
        ...outcome,
        outcome: { id: outcome.outcome.id },
        reasons: outcome.reasons.map(({ message: _message, ...facts }) => facts),
      };

describe('"messages" choices', () => {
  test("OpenAPI documents the choice and the facts", () => {
    const document = openApiDocument() as { components: { schemas: Record<string, unknown> } };
    const schemas = document.components.schemas;
    const request = schemas.EvaluateRequest as { properties: Record<string, { enum?: string[] }> };
    expect(request.properties.messages.enum).toEqual(["both", "th", "en", "none"]);
    const response = JSON.stringify(schemas.EvaluateResponse);
    for (const fact of ["answered", "proposed", "required", "percent", "minPercent", "source"])
      expect(response).toContain(`"${fact}"`);
  });

  test("the request takes both, th, en, none; anything else is refused", () => {
    for (const messages of ["both", "th", "en", "none"])
      expect(EvaluateRequestSchema.safeParse({ messages, applications: [] }).success).toBe(true);
    expect(EvaluateRequestSchema.safeParse({ messages: "fr", applications: [] }).success).toBe(
      false
    );
  });

  test("none keeps the facts and no words; reasonText gives the words of both; th and en keep one language", () => {
    fc.assert(
      fc.property(fc.array(application, { minLength: 1, maxLength: 20 }), (applications) => {
        const both = evaluateBatch(applications, BASELINE_RULESET);
        const none = inMode(applications, "none");
        const th = inMode(applications, "th");
        const en = inMode(applications, "en");
        expect(inMode(applications, "both")).toEqual(both);
        expect(none).toEqual(both.map(withoutWords));
        both.forEach((outcome, index) => {
          if (isApplicationError(outcome)) return;
          const compact = none[index] as Exclude<(typeof none)[number], { error: unknown }>;
          // The band: no words for "none", one language for "th" and "en".
          expect(compact.outcome).toEqual({ id: outcome.outcome.id });
          expect((th[index] as typeof compact).outcome.name).toEqual({
            th: outcome.outcome.name.th,
          });
          expect((en[index] as typeof compact).outcome.name).toEqual({
            en: outcome.outcome.name.en,
          });
          outcome.reasons.forEach((reason, r) => {
            expect("message" in compact.reasons[r]).toBe(false);
            expect(reasonText(compact.reasons[r], BASELINE_RULESET.rules)).toEqual(reason.message);
            expect((th[index] as typeof compact).reasons[r].message).toEqual({
              th: reason.message.th,
            });
            expect((en[index] as typeof compact).reasons[r].message).toEqual({
              en: reason.message.en,
            });
          });
        });
        for (const results of [none, th, en]) {
          const parsed = EvaluateResponseSchema.safeParse(
            JSON.parse(
              JSON.stringify({
                ruleset: summariseRuleset(BASELINE_RULESET),
                outcomes: outcomeBands(BASELINE_RULESET.rules),
                results,
              })
            )
          );
          expect(parsed.success).toBe(true);
        }
      }),
      { numRuns: 100 }
    );
  });

  test("each reason's facts, as docs/api.md lists them", () => {
    const [outcome] = inMode(
      [
        {
          scores: { energy: 60 },
          overall: 50,
          preliminary: { juristicPerson: false, developmentPlan: true },
        },
      ],
      "none"
    );
    expect(outcome).toMatchObject({
      reasons: [
        { code: "PRELIMINARY_NOT_MET", criterion: "juristicPerson", answered: true },
        { code: "PRELIMINARY_NOT_MET", criterion: "leadershipCommitment", answered: false },
        { code: "PRELIMINARY_NOT_MET", criterion: "publicCooperation", answered: false },
        { code: "PRELIMINARY_NOT_MET", criterion: "monitoringEvaluation", answered: false },
        { code: "TOO_FEW_DIMENSIONS", proposed: 1, required: 2 },
        { code: "DIMENSION_BELOW_MIN", dimension: "energy", percent: 60, minPercent: 70 },
        { code: "MANDATORY_DIMENSION_MISSING", dimension: "environment" },
        { code: "OVERALL_BELOW_MIN", percent: 50, minPercent: 80, source: "subcommittee" },
      ],
    });
  });
});

describe("outcomesJson, the service's fast serialiser", () => {
  test("writes exactly what JSON.stringify writes, in every messages choice, errors and odd ids included", () => {
    const anyApplication = fc.oneof(
      application.map((app) => ({ ...app, id: "APP-1" })),
      fc.record({
        id: fc.string(),
        scores: fc.dictionary(
          fc.constantFrom(...DIMENSION_IDS),
          fc.double({ min: 0, max: 100, noNaN: true })
        ),
      }),
      fc.anything()
    );
    fc.assert(
      fc.property(
        fc.array(anyApplication, { maxLength: 15 }),
        fc.constantFrom<MessageLanguages>("both", "th", "en", "none"),
        (applications, messages) => {
          const received = JSON.parse(JSON.stringify(applications) ?? "[]") as unknown[];
          const outcomes = inMode(received, messages);
          expect(outcomesJson(outcomes)).toBe(JSON.stringify(outcomes));
          // Again: now from the remembered parts.
          expect(outcomesJson(outcomes)).toBe(JSON.stringify(outcomes));
        }
      ),
      { numRuns: 300 }
    );
  });
});

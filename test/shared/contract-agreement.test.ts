import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import {
  ApplicationSchema,
  BASELINE_RULESET,
  DIMENSION_IDS,
  evaluate,
  EvaluationResultSchema,
  isApplicationError,
  ApplicationErrorSchema,
  PRELIMINARY_CRITERION_IDS,
} from "@smartcity/shared";

/**
 * readApplication is hand-written for speed; ApplicationSchema (zod) is the
 * documented contract. Over many generated inputs they must agree: an input
 * the schema accepts (with known ids) evaluates, and one it refuses gets an
 * application error. Outcomes also match the response schemas.
 */
const dimensionKey = fc.oneof(
  fc.constantFrom(...DIMENSION_IDS),
  fc.constantFrom("enviroment", "Energy", "__proto__", "constructor")
);
const criterionKey = fc.oneof(
  fc.constantFrom(...PRELIMINARY_CRITERION_IDS),
  fc.constant("taxPaid")
);
const scoreValue = fc.oneof(
  fc.double({ min: -10, max: 110, noNaN: false }),
  fc.integer({ min: 0, max: 100 }),
  fc.constant(null),
  fc.constantFrom("85", true, [], {})
);
const application = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.string(), fc.integer()),
      name: fc.string(),
      scores: fc.oneof(
        fc.dictionary(dimensionKey, scoreValue, { maxKeys: 8 }),
        fc.constant(null),
        fc.constant([])
      ),
      overall: scoreValue,
      preliminary: fc.oneof(
        fc.dictionary(criterionKey, fc.oneof(fc.boolean(), fc.constant("yes")), { maxKeys: 6 }),
        fc.constant(null)
      ),
      extra: fc.anything(),
    },
    { requiredKeys: [] }
  ),
  fc.anything()
);

const knownIds = (value: unknown): boolean => {
  const app = value as {
    scores?: Record<string, unknown>;
    preliminary?: Record<string, unknown> | null;
  };
  const dimensionsKnown = Object.keys(app.scores ?? {}).every((key) =>
    (DIMENSION_IDS as readonly string[]).includes(key)
  );
  const criteriaKnown = Object.keys(app.preliminary ?? {}).every((key) =>
    (PRELIMINARY_CRITERION_IDS as readonly string[]).includes(key)
  );
  return dimensionsKnown && criteriaKnown;
};

describe("the hand-written checker and the zod contract agree", () => {
  test("on generated applications", () => {
    fc.assert(
      fc.property(application, (input) => {
        // JSON round trip: what the service can actually receive.
        const json = JSON.stringify(input);
        if (json === undefined) return;
        const received: unknown = JSON.parse(json);
        const outcome = evaluate(received, BASELINE_RULESET);
        const acceptedByContract =
          ApplicationSchema.safeParse(received).success && knownIds(received);
        expect(isApplicationError(outcome)).toBe(!acceptedByContract);
        const schema = isApplicationError(outcome)
          ? ApplicationErrorSchema
          : EvaluationResultSchema;
        expect(schema.safeParse(JSON.parse(JSON.stringify(outcome))).success).toBe(true);
      }),
      { numRuns: 3_000 }
    );
  });
});

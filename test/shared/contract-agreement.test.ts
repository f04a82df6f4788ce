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
  EvaluateResponseSchema,
  evaluateInChunks,
  readEvaluateResponse,
  outcomeBands,
  summariseRuleset,
} from "@smartcity/shared";
import { laterRuleset } from "../helpers/later-rules";

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

/**
 * readEvaluateResponse (the add-in's fast check of an evaluate answer) and EvaluateResponseSchema
 * accept the same answers: real answers in every `messages` choice, and those answers with one
 * value somewhere replaced by anything.
 */
describe("the hand-written answer checker and the zod contract agree", () => {
  const answers = fc
    .tuple(
      fc.array(application, { maxLength: 6 }),
      fc.constantFrom("both" as const, "th" as const, "en" as const, "none" as const),
      fc.boolean()
    )
    .map(([applications, messages, unconfirmed]) => {
      const received = JSON.parse(JSON.stringify(applications) ?? "[]") as unknown[];
      const results = [
        ...evaluateInChunks(received, BASELINE_RULESET, 4, "applications", messages),
      ].flat();
      const head = {
        ruleset: summariseRuleset(BASELINE_RULESET),
        outcomes: outcomeBands(BASELINE_RULESET.rules),
        // As answered while storage could not confirm the version in force.
        ...(unconfirmed
          ? {
              rulesetUnconfirmed: {
                lastConfirmedAt: "2026-12-01T04:21:00.000Z",
                message: { th: "ยังไม่ได้ตรวจสอบ", en: "not re-checked" },
              },
            }
          : {}),
      };
      return JSON.parse(JSON.stringify({ ...head, results })) as unknown;
    });

  /** Every place in a JSON value, as a path of keys. */
  function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
    const here = [at];
    if (Array.isArray(value)) value.forEach((v, i) => here.push(...paths(v, [...at, i])));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) here.push(...paths(v, [...at, k]));
    return here;
  }
  function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
    if (path.length === 0) return by;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
      string | number,
      unknown
    >;
    copy[path[0]] = replaced(copy[path[0]], path.slice(1), by);
    return copy;
  }

  test("on real answers and on answers with one value changed", () => {
    fc.assert(
      fc.property(
        answers,
        fc.nat(),
        fc.oneof(
          fc.anything(),
          fc.constantFrom(null, "", " ", -1, 1.5, Infinity, "met", "DIMENSION_BELOW_MIN", [], {})
        ),
        fc.boolean(),
        (answer, pick, by, change) => {
          let body = answer;
          if (change) {
            const all = paths(answer);
            body = JSON.parse(
              JSON.stringify(replaced(answer, all[pick % all.length], by)) ?? "null"
            );
          }
          const zod = EvaluateResponseSchema.safeParse(body).success;
          expect(readEvaluateResponse(body) !== undefined).toBe(zod);
        }
      ),
      { numRuns: 2_000 }
    );
  });

  // The later criteria's fields (outcome, track, requirements, points, REQUIREMENT_NOT_MET and the new
  // item errors): real answers under the later test ruleset, then with one value changed.
  test("on answers under a ruleset with groups, tracks, bands and a rubric", () => {
    const later = laterRuleset();
    const yes = { boundaries: true, cityDataPlatform: true };
    const laterApplication = fc.record({
      scores: fc.dictionary(fc.constantFrom("energy", "governance", "living"), scoreValue, {
        maxKeys: 3,
      }),
      track: fc.constantFrom(undefined, "livable", "newCity", "village"),
      requirements: fc.constantFrom(
        undefined,
        { components: yes },
        { components: { boundaries: false } }
      ),
      points: fc.constantFrom(
        undefined,
        { environment: { air: 8, water: 9 } },
        { environment: { air: 11 } }
      ),
    });
    fc.assert(
      fc.property(
        fc.array(laterApplication, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("both" as const, "th" as const, "en" as const, "none" as const),
        fc.nat(),
        fc.oneof(fc.anything(), fc.constantFrom(null, "", 1.5, "met", "REQUIREMENT_NOT_MET", {})),
        fc.boolean(),
        (applications, messages, pick, by, change) => {
          const received = JSON.parse(JSON.stringify(applications)) as unknown[];
          const results = [
            ...evaluateInChunks(received, later, 4, "applications", messages),
          ].flat();
          let body = JSON.parse(
            JSON.stringify({
              ruleset: summariseRuleset(later),
              outcomes: outcomeBands(later.rules),
              results,
            })
          ) as unknown;
          if (change) {
            const all = paths(body);
            body = JSON.parse(JSON.stringify(replaced(body, all[pick % all.length], by)) ?? "null");
          }
          const zod = EvaluateResponseSchema.safeParse(body).success;
          expect(readEvaluateResponse(body) !== undefined).toBe(zod);
        }
      ),
      { numRuns: 1_000 }
    );
  });
});

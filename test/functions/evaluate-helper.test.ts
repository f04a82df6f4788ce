import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import path from "node:path";
import fc from "fast-check";
import {
  BASELINE_RULESET,
  evaluateInChunks,
  MAX_APPLICATIONS_PER_BATCH,
  type MessageLanguages,
  outcomeBands,
  summariseRuleset,
} from "@smartcity/shared";
import { loadConfig } from "../../functions/src/config";
import { EvaluateHelper } from "../../functions/src/handlers/evaluate-helper";
import {
  guessCut,
  parseElements,
  parseEmptiedEnvelope,
  readArrayRest,
} from "../../functions/src/http/json-array-parts";
import { scanArrayRest, scanArrayStart, scanJson } from "../../functions/src/http/json-depth";
import { type LocalHost, startLocalHost } from "../../functions/src/local/host";
import { ROUTES } from "../../functions/src/routes";
import { createServices, type Services } from "../../functions/src/services";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";

/**
 * POST /api/evaluate with the helper thread (functions/src/handlers/evaluate-helper.ts) must
 * answer exactly what the request loop alone answers: the same bytes for every batch, the same
 * refusal for every bad text, whether the helper takes its part, is busy, or fails. Two real
 * local hosts over loopback on one Azurite: one never uses the helper, the other uses it for
 * every request (no minimum size), so small batches exercise every path.
 */
let storage: TestStorage;
let token: string;
const hosts: LocalHost[] = [];
const helpers: EvaluateHelper[] = [];

async function startHost(helper: EvaluateHelper, table: string): Promise<string> {
  const services: Services = createServices(
    loadConfig({ ...storage.env, SMARTCITY_RULESETS_TABLE: table })
  );
  services.evaluateHelper = helper;
  helpers.push(helper);
  await services.store.initialise();
  await helper.warm();
  const host = await startLocalHost({ routes: ROUTES, services, port: 0, log: () => {} });
  hosts.push(host);
  return host.url;
}

let alone: string;
let helped: string;
let helper: EvaluateHelper;

beforeAll(async () => {
  storage = await startTestStorage();
  token = await tokenFor(storage.keyFile, "Evaluator");
  alone = await startHost(new EvaluateHelper({ minChars: Infinity }), "helperalone");
  helper = new EvaluateHelper({ minChars: 0 });
  helped = await startHost(helper, "helperhelped");
}, 60_000);

afterAll(async () => {
  for (const host of hosts) await host.close();
  for (const each of helpers) await each.close();
  await storage?.stop();
});

async function post(url: string, text: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/api/evaluate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: text,
  });
  return { status: response.status, body: await response.text() };
}

/** Applications of every kind, good and bad, with strings that hold brackets, commas and quotes. */
function mixedApplications(count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => {
    switch (index % 7) {
      case 0:
        return { id: `เมือง ${index}`, scores: { environment: 90, energy: 85, economy: 72 } };
      case 1:
        return { id: `bad ${index}`, scores: { environment: "ninety" } }; // its own error
      case 2:
        return { id: `"quoted", [bracketed] {braced} \\ ${index}`, scores: { environment: 60 } };
      case 3:
        return "not an application";
      case 4:
        return {
          scores: { environment: 95, mobility: 88, living: 91 },
          preliminary: { vision: true, area: true, data: false },
          overallPercent: 82.5,
        };
      case 5:
        return { id: index, scores: {} };
      default:
        return { id: `city-${index}`, scores: { environment: 70, governance: 69.9 } };
    }
  });
}

describe("the helper's answers are the request loop's, byte for byte", () => {
  test.each(["none", "both", "th", "en", undefined])(
    "a mixed batch of 61 with messages %s: the same bytes, and the helper took its part",
    async (messages) => {
      const text = JSON.stringify({ messages, applications: mixedApplications(61) });
      const before = helper.partsEvaluated;
      const expected = await post(alone, text);
      expect(expected.status).toBe(200);
      expect(await post(helped, text)).toEqual(expected);
      expect(helper.partsEvaluated).toBe(before + 1);
      // The errors of the later part still count from the start of the batch.
      expect(expected.body).toContain('"applications[57]');
    }
  );

  test.each<MessageLanguages | undefined>(["none", undefined])(
    "batches past a chunk of results on both sides, messages %s: JSON.stringify's own text, helped or not",
    async (messages) => {
      for (const count of [1001, 2003]) {
        const applications = mixedApplications(count);
        const text = JSON.stringify({ messages, applications });
        const results = [
          ...evaluateInChunks(
            JSON.parse(JSON.stringify(applications)) as unknown[],
            BASELINE_RULESET,
            100,
            "applications",
            messages ?? "both"
          ),
        ].flat();
        const expected = JSON.stringify({
          ruleset: summariseRuleset(BASELINE_RULESET),
          outcomes: outcomeBands(BASELINE_RULESET.rules),
          results,
        });
        const before = helper.partsEvaluated;
        expect(await post(alone, text)).toEqual({ status: 200, body: expected });
        expect(await post(helped, text)).toEqual({ status: 200, body: expected });
        expect(helper.partsEvaluated).toBe(before + 1);
      }
    }
  );

  test("the same bytes for batches of every size and spacing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom(undefined, 1, "\t"),
        async (count, space) => {
          const text = JSON.stringify({ applications: mixedApplications(count) }, null, space);
          expect(await post(helped, text)).toEqual(await post(alone, text));
        }
      ),
      { numRuns: 25 }
    );
  });

  test.each([0.01, 0.3, 0.99])(
    "a helper that takes %f of the characters: still at least one application each, the same bytes",
    async (share) => {
      const skewed = new EvaluateHelper({ minChars: 0, share });
      const url = await startHost(skewed, `helpershare${Math.round(share * 100)}`);
      for (const count of [2, 3, 61]) {
        const text = JSON.stringify({ applications: mixedApplications(count) });
        expect(await post(url, text)).toEqual(await post(alone, text));
      }
      expect(skewed.partsEvaluated).toBe(3);
    }
  );

  test("concurrent requests: one has the helper, the others the loop alone, all answered right", async () => {
    const texts = [13, 29, 47, 5].map((count) =>
      JSON.stringify({ messages: "none", applications: mixedApplications(count) })
    );
    const expected = await Promise.all(texts.map((text) => post(alone, text)));
    const before = helper.partsEvaluated;
    expect(await Promise.all(texts.map((text) => post(helped, text)))).toEqual(expected);
    expect(helper.partsEvaluated).toBeGreaterThan(before);
  });
});

describe("texts the helper must not be fooled by: the same refusal or answer as the loop alone", () => {
  const valid = JSON.stringify(mixedApplications(20));
  // As many applications as `valid`, others: a misread key would still pass the count check.
  const other = JSON.stringify(mixedApplications(21).slice(1));
  const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
  test.each([
    ["too deep in the later part", `{"applications":[{},{},{},{"d":${deep}}]}`],
    ["too deep in the earlier part", `{"applications":[{"d":${deep}},{},{},{}]}`],
    ["too deep in both parts", `{"applications":[{"d":${deep}},{},{},{"d":${deep}}]}`],
    ["too deep after the array", `{"applications":[{},{},{},{}],"d":${deep}}`],
    ["too deep and not JSON", `{"applications":[{},{},{},{"d":${deep}`],
    ["not JSON in the later part", `{"applications":[{},{},{},{"id":"x",}]}`],
    ["a cut guessed inside a string", `{"applications":[{"id":"a"},{"id":"}, {"}]}`],
    ["a cut guessed in a nested array", `{"applications":[{"id":[{},{}]}]}`],
    ["a cut guessed in another key's array", `{"x":[{},{}],"applications":[{"id":"a"}]}`],
    ["not JSON after the array", `{"applications":${valid} , }`],
    ["not JSON before the array", `{"messages":"none",,"applications":${valid}}`],
    ["not JSON in the earlier part", `{"applications":[{"id":"x",},${valid.slice(1)}}`],
    ["not JSON in both parts", `{"applications":[{"id":"x",},${valid.slice(1, -1)},tru]}`],
    [
      "two applications keys (JSON.parse keeps the last)",
      `{"applications":${valid},"applications":[{"id":"last"}]}`,
    ],
    ["an escaped key", `{"applic\\u0061tions":${valid}}`],
    [
      "two keys of the same length, the later escaped",
      `{"applications":${valid},"applic\\u0061tions":${other}}`,
    ],
    [
      "two keys of the same length, the earlier escaped",
      `{"applic\\u0061tions":${other},"applications":${valid}}`,
    ],
    [
      "the key inside a string",
      `{"messages":"none","x":"\\"applications\\":[1,2]","applications":${valid}}`,
    ],
    [
      "the key nested, not top level",
      `{"nested":{"applications":[1,2,3]},"applications":${valid}}`,
    ],
    ["applications not an array", `{"applications":{"0":1,"1":2}}`],
    ["a top-level array", `[{"applications":[1,2]}]`],
    [
      "white space everywhere",
      ` { "applications" : [ 1 , {"id" : "a"} , 3 ] , "messages" : "none" } `,
    ],
    ["a later envelope key that is refused", `{"applications":${valid},"unknown":1}`],
    ["an empty array", `{"applications":[ ]}`],
    ["one application", `{"applications":[{"id":"only"}]}`],
    ["an unfinished string", `{"applications":[1,"abc]}`],
    [
      "__proto__ keys before and inside",
      `{"__proto__":{"applications":[1]},"applications":[{"__proto__":{"id":"x"}},${valid.slice(1)}}`,
    ],
  ])("%s", async (_, text) => {
    expect(await post(helped, text)).toEqual(await post(alone, text));
  });

  test("a batch over the limit is refused the same way", async () => {
    const text = JSON.stringify({
      applications: new Array(MAX_APPLICATIONS_PER_BATCH + 1).fill(1),
    });
    const expected = await post(alone, text);
    expect(expected.status).toBe(413);
    expect(await post(helped, text)).toEqual(expected);
  });
});

describe("when the helper cannot help, the loop does its part", () => {
  // With no time at all, whether an answer counts depends on when it arrives: an answer that
  // came while the loop was busy still counts (the deadline waits out one poll phase). So this
  // asserts only that every answer is right; a thread that is always late is the
  // never-answering stand-in below (no part evaluated).
  test("a helper with no time to spare: every answer is right, in time or not", async () => {
    const late = new EvaluateHelper({ minChars: 0, deadlineMs: 0 });
    const url = await startHost(late, "helperlate");
    for (const count of [30, 31, 32, 33]) {
      const text = JSON.stringify({ applications: mixedApplications(count) });
      expect(await post(url, text)).toEqual(await post(alone, text));
    }
  });

  test.each([
    ["never answers", "faulty-helper-worker.mjs"],
    ["exits", "faulty-helper-worker-exits.mjs"],
  ])(
    "a helper that says its part is JSON and then %s: the loop sends its part, then evaluates the rest itself",
    async (_, file) => {
      const faulty = new EvaluateHelper({
        minChars: 0,
        deadlineMs: 300,
        workerFile: path.join(__dirname, "../helpers", file),
      });
      const url = await startHost(faulty, `helperfaulty${file.length}`);
      const text = JSON.stringify({ messages: "none", applications: mixedApplications(61) });
      const expected = await post(alone, text);
      expect(await post(url, text)).toEqual(expected);
      expect(expected.body).toContain('"applications[57]');
      expect(faulty.partsEvaluated).toBe(0);
    }
  );

  test("a helper that never says whether its part is JSON: the loop reads that part itself", async () => {
    const silent = new EvaluateHelper({
      minChars: 0,
      deadlineMs: 300,
      workerFile: path.join(__dirname, "../helpers", "faulty-helper-worker-silent.mjs"),
    });
    const url = await startHost(silent, "helpersilent");
    const valid = JSON.stringify({ messages: "none", applications: mixedApplications(61) });
    const broken = `{"applications":[${JSON.stringify(mixedApplications(30)).slice(1, -1)},{"id":"x",}]}`;
    for (const text of [valid, broken]) {
      const expected = await post(alone, text);
      expect(await post(url, text)).toEqual(expected);
    }
    expect((await post(alone, broken)).status).toBe(400);
    expect(silent.partsEvaluated).toBe(0);
  });

  test("a helper whose thread has stopped is restarted for a later request", async () => {
    const stopping = new EvaluateHelper({ minChars: 0 });
    const url = await startHost(stopping, "helperstopped");
    await stopping.close(); // as a thread that ran out of its heap would
    const text = JSON.stringify({ applications: mixedApplications(25) });
    expect(await post(url, text)).toEqual(await post(alone, text));
    await stopping.warm();
    expect(await post(url, text)).toEqual(await post(alone, text));
    expect(stopping.partsEvaluated).toBe(1);
  });
});

/** The whole text read as the two threads read it, cut at `cut`: what the request would hold. */
function readInParts(text: string, cut: number, max = 32) {
  const start = scanArrayStart(text, max, "applications", cut);
  if (start.tooDeepAt !== undefined) return { tooDeepAt: start.tooDeepAt };
  if (start.array === undefined) return undefined;
  const earlier = parseElements(text, start.array.open + 1, cut);
  const rest = readArrayRest(text.slice(cut + 1), max, "applications");
  if ("tooDeepAt" in rest) return { tooDeepAt: cut + 1 + rest.tooDeepAt };
  if ("unread" in rest || earlier?.length !== start.array.elements) return undefined;
  const envelope = parseEmptiedEnvelope(
    text,
    start.array.open,
    cut + 1 + rest.close,
    "applications"
  );
  if (envelope === undefined) return undefined;
  return { value: { ...envelope, applications: [...earlier, ...rest.elements] } };
}

/** Every offset of a comma in the text, whatever it stands in. */
function commasOf(text: string): number[] {
  return [...text.matchAll(/,/g)].map((match) => match.index ?? -1);
}

describe("scanArrayStart and scanArrayRest: the array under a key, cut at a comma", () => {
  test.each([
    ['{"a":[1,2,3]}', 7, { open: 5, elements: 1 }, { close: 3, elements: 2 }],
    ['{"a":[1,2,3]}', 9, { open: 5, elements: 2 }, { close: 1, elements: 1 }],
    ['{"a":[[1,2],{"b":[3,4]},"5,6"]}', 11, { open: 5, elements: 1 }, { close: 17, elements: 2 }],
    ['{ "a" :\n[1 , 2]}', 11, { open: 8, elements: 1 }, { close: 2, elements: 1 }],
    ['{"\\u0061":[1,2]}', 12, { open: 10, elements: 1 }, { close: 1, elements: 1 }],
  ])("%s cut at %d", (text, cut, array, rest) => {
    expect(scanArrayStart(text, 32, "a", cut)).toEqual({ array });
    expect(scanArrayRest(text.slice(cut + 1), 32, "a")).toEqual(rest);
  });

  test.each([
    ['{"a":[[1,2],3]}', 8, "a comma of a nested array"],
    ['{"a":["x,y",1]}', 8, "a comma inside a string"],
    ['{"a":[1],"a":[2,3]}', 15, "the key twice before the cut"],
    ['{"b":[1,2],"a":[3]}', 7, "another key's array"],
    ['{"a":[1,2]}', 4, "not a comma"],
    ['{"b":{"a":[1,2]}}', 12, "the key not at the top level"],
    ['["a",[1,2]]', 7, "a top-level array"],
  ])("%s cut at %d: not the array's (%s)", (text, cut) => {
    expect(scanArrayStart(text, 32, "a", cut)).toEqual({});
  });

  test.each([
    ['{"a":[1,2],"a":[3]}', 7, "the key again after the array"],
    ['{"a":[1,2', 7, "no end"],
    ['{"a":[1,"2]}', 7, "an unfinished string"],
  ])("%s cut at %d: the rest is not known (%s)", (text, cut) => {
    expect(scanArrayStart(text, 32, "a", cut).array).toBeDefined();
    expect(scanArrayRest(text.slice(cut + 1), 32, "a")).toEqual({});
  });

  test("every comma between two applications is found, and the parts make the whole", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 12 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        (elements, others) => {
          const envelope: Record<string, unknown> = { ...others, applications: elements };
          delete envelope["__proto__"];
          const text = JSON.stringify(envelope, null, elements.length % 2 === 0 ? 1 : undefined);
          const whole = JSON.parse(text) as Record<string, unknown>;
          const cuts = commasOf(text).filter(
            (cut) => scanArrayStart(text, 32, "applications", cut).array !== undefined
          );
          expect(cuts).toHaveLength(elements.length - 1);
          cuts.forEach((cut, index) => {
            expect(scanArrayStart(text, 32, "applications", cut).array?.elements).toBe(index + 1);
            expect(readInParts(text, cut)).toEqual({ value: whole });
          });
        }
      ),
      { numRuns: 500 }
    );
  });

  test("a text broken anywhere: when every part parses, the whole parses to the same value, and a text too deep is refused where a pass over the whole finds it", () => {
    const pieces = fc.constantFrom(
      ",",
      "]",
      "[",
      "}",
      "{",
      '"',
      "\\",
      '\\"',
      ":",
      " ",
      "1",
      "[[[[",
      '"applications"',
      '"applic\\u0061tions"',
      '"__proto__"',
      "\\u0022"
    );
    const base = JSON.stringify({ messages: "none", applications: mixedApplications(6) });
    const broken = fc
      .array(fc.tuple(fc.nat(base.length), fc.nat(3), pieces), { minLength: 1, maxLength: 3 })
      .map((edits) =>
        edits.reduce(
          (text, [at, cut, piece]) => text.slice(0, at) + piece + text.slice(at + cut),
          base
        )
      );
    fc.assert(
      fc.property(broken, fc.constantFrom(4, 5, 32), (text, max) => {
        let whole: unknown;
        try {
          whole = JSON.parse(text);
        } catch {
          whole = undefined;
        }
        const deep = scanJson(text, max).tooDeepAt;
        for (const cut of commasOf(text)) {
          const read = readInParts(text, cut, max);
          if (read === undefined) continue;
          if ("tooDeepAt" in read) expect(read.tooDeepAt).toBe(deep);
          else {
            expect(deep).toBeUndefined();
            expect(read.value).toEqual(whole);
          }
        }
      }),
      { numRuns: 3000 }
    );
  });

  test.each([
    ['{"applications":[{"x":1,},2]}', 24, "the earlier part is not JSON"],
    ['{"applications":[1,{"x":1,}]}', 18, "the later part is not JSON"],
    ['{"b":,"applications":[1,2]}', 24, "the text before the array is not JSON"],
    ['{"applications":[1,2]]', 18, "the text after the array is not JSON"],
  ])("%s cut at %d: not read where %s", (text, cut) => {
    expect(readInParts(text, cut)).toBeUndefined();
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe("guessCut: a comma between two applications, about `share` from the end", () => {
  const text = '{"applications":[{"i":1},{"i":2} ,\n{"i":3},{"i":4}]}';
  test.each([
    [0.99, 24],
    [0.5, 33],
    [0.3, 42],
    [0.01, 42], // none in the last 1%: the last one before
  ])("share %f: at %d", (share, cut) => {
    expect(text[cut]).toBe(",");
    expect(guessCut(text, share)).toBe(cut);
  });

  test.each(['{"applications":[1,2,3]}', '{"applications":[{"i":1}]}', ""])("%s: none", (none) => {
    expect(guessCut(none, 0.5)).toBe(-1);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import path from "node:path";
import fc from "fast-check";
import { MAX_APPLICATIONS_PER_BATCH } from "@smartcity/shared";
import { loadConfig } from "../../functions/src/config";
import { EvaluateHelper } from "../../functions/src/handlers/evaluate-helper";
import {
  parseLaterElements,
  parseWithoutLaterElements,
} from "../../functions/src/http/json-array-parts";
import { scanJson } from "../../functions/src/http/json-depth";
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
    ["too deep in the later part", `{"applications":[1,2,3,${deep}]}`],
    ["too deep and not JSON", `{"applications":[1,2,3,${deep}`],
    ["not JSON in the later part", `{"applications":[1,2,3,{"id":"x",}]}`],
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

describe("scanJson: the top-level array under a key", () => {
  test.each([
    ['{"a":[1,2,3]}', { open: 5, close: 11, commas: [7, 9] }],
    ['{"a":[ ]}', { open: 5, close: 7, commas: [] }],
    ['{"a":[[1,2],{"b":[3,4]},"5,6"]}', { open: 5, close: 29, commas: [11, 23] }],
    ['{ "a" :\n[1]}', { open: 8, close: 10, commas: [] }],
    ['{"\\u0061":[1,2]}', { open: 10, close: 14, commas: [12] }],
  ])("%s", (text, array) => {
    expect(scanJson(text, 32, "a")).toEqual({ array });
  });

  test.each([
    ['{"a":[1],"a":[2]}', "the key twice"],
    ['{"a":1}', "not an array"],
    ['{"b":{"a":[1]}}', "not at the top level"],
    ['["a",[1]]', "a top-level array"],
    ['{"a":[1,2', "no end"],
    ['{"x":"\\"a\\":[1]"}', "inside a string"],
  ])("%s: none (%s)", (text) => {
    expect(scanJson(text, 32, "a").array).toBeUndefined();
  });

  test("each part cut at a comma parses to the same elements as the whole", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 12 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        (elements, others) => {
          const envelope = { ...others, applications: elements };
          delete (envelope as Record<string, unknown>)["__proto__"];
          const text = JSON.stringify(envelope, null, elements.length % 2 === 0 ? 1 : undefined);
          const array = scanJson(text, 32, "applications").array;
          expect(array).toBeDefined();
          if (array === undefined) return;
          expect(array.commas).toHaveLength(elements.length - 1);
          array.commas.forEach((comma, index) => {
            expect(JSON.parse(`[${text.slice(comma + 1, array.close)}]`)).toEqual(
              (JSON.parse(text) as { applications: unknown[] }).applications.slice(index + 1)
            );
          });
        }
      ),
      { numRuns: 500 }
    );
  });

  test("the text parsed in parts, cut at any application, is the text parsed whole", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 2, maxLength: 12 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        (elements, others) => {
          const envelope: Record<string, unknown> = { ...others, applications: elements };
          delete envelope["__proto__"];
          const text = JSON.stringify(envelope, null, elements.length % 2 === 0 ? 1 : undefined);
          const array = scanJson(text, 32, "applications").array;
          if (array === undefined) throw new Error(`no array found in ${text}`);
          const whole = JSON.parse(text) as { applications: unknown[] };
          for (let from = 1; from < elements.length; from++) {
            const earlier = parseWithoutLaterElements(text, array, "applications", from);
            const later = parseLaterElements(text, array, from);
            expect({
              ...earlier,
              applications: [...(earlier?.applications as unknown[]), ...(later ?? [])],
            }).toEqual(whole);
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  test("a text broken anywhere: when every part parses, the whole parses to the same value", () => {
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
      fc.property(broken, (text) => {
        const array = scanJson(text, 32, "applications").array;
        if (array === undefined) return;
        let whole: unknown;
        try {
          whole = JSON.parse(text);
        } catch {
          whole = undefined;
        }
        for (let from = 1; from <= array.commas.length; from++) {
          const earlier = parseWithoutLaterElements(text, array, "applications", from);
          const later = parseLaterElements(text, array, from);
          if (earlier === undefined || later === undefined) continue;
          expect(whole).toEqual({
            ...earlier,
            applications: [...(earlier.applications as unknown[]), ...later],
          });
        }
      }),
      { numRuns: 3000 }
    );
  });

  test.each([
    ['{"a":[{"x":1,},2]}', "the earlier part is not JSON"],
    ['{"a":[1,{"x":1,}]}', "the later part is not JSON"],
    ['{"b":,"a":[1,2]}', "the text before the array is not JSON"],
    ['{"a":[1,2]]', "the text after the array is not JSON"],
  ])("%s: undefined where %s", (text) => {
    const array = scanJson(text, 32, "a").array;
    if (array === undefined) throw new Error("no array found");
    const parts = [
      parseWithoutLaterElements(text, array, "a", 1),
      parseLaterElements(text, array, 1),
    ];
    expect(parts).toContain(undefined);
    expect(() => JSON.parse(text)).toThrow();
  });
});

import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { Utf8Writer } from "@smartcity/shared";

/**
 * The writer the evaluate answer is written with (outcome-json.ts): whatever it writes must be
 * the UTF-8 of JSON.stringify's text, byte for byte, whatever the value, and however small the
 * buffer it starts with.
 */
const written = (write: (out: Utf8Writer) => void, capacity = 16): Buffer => {
  const out = new Utf8Writer(capacity);
  write(out);
  return Buffer.from(out.take());
};
const utf8 = (text: string) => Buffer.from(text, "utf8");

describe("Utf8Writer", () => {
  test("json(value) is JSON.stringify(value) in UTF-8, for any value JSON.stringify writes", () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
        fc.integer({ min: 1, max: 64 }),
        (value, capacity) => {
          const text = JSON.stringify(value);
          if (text === undefined) return; // undefined, a function: nothing to write
          expect(written((out) => out.json(value), capacity)).toEqual(utf8(text));
        }
      ),
      { numRuns: 2000 }
    );
  });

  test("strings: escapes, Thai, astral characters and lone surrogates as JSON.stringify writes them", () => {
    const strings = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom("ผ่านเกณฑ์", 'a"b\\c', "a\\b", "\u0000\u001f\u007f", "\ud800", "x\udc00y", "😀")
    );
    fc.assert(
      fc.property(strings, (text) => {
        expect(written((out) => out.jsonString(text))).toEqual(utf8(JSON.stringify(text)));
        expect(written((out) => out.json({ [text]: [text] }))).toEqual(
          utf8(JSON.stringify({ [text]: [text] }))
        );
      }),
      { numRuns: 2000 }
    );
  });

  test("numbers as JSON.stringify writes them: integers digit by digit, -0, fractions, exponents, not finite", () => {
    const numbers = fc.oneof(
      fc.integer({ min: -1e10, max: 1e10 }),
      fc.double(),
      fc.constantFrom(0, -0, 999_999_999, 1e9, 1e21, 1e-7, 78.525, NaN, Infinity, -Infinity)
    );
    fc.assert(
      fc.property(numbers, (value) => {
        expect(written((out) => out.jsonNumber(value))).toEqual(utf8(JSON.stringify(value)));
      }),
      { numRuns: 5000 }
    );
  });

  test("what JSON.stringify writes its own way is left to it: toJSON, class instances, boxed values", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    for (const value of [
      { when: new Date(Date.UTC(2026, 11, 7)) },
      [new Point(1), { toJSON: () => "own" }],
      { boxed: [Object(1), Object("s"), Object(false)] },
      { skipped: undefined, fn: () => 1, kept: [undefined, () => 1] },
      // toJSON is given its own key or index, however deep it stands.
      { a: { toJSON: (key: string) => `key=${key}` } },
      [{ toJSON: (key: string) => key }, "x"],
      { deep: [[{ deeper: { at: { toJSON: (key: string) => [key, 1] } } }]] },
      { past: [[[[[[[[[[{ toJSON: (key: string) => key }]]]]]]]]]] },
    ])
      expect(written((out) => out.json(value))).toEqual(utf8(JSON.stringify(value)));
  });

  test("a value JSON.stringify refuses is refused the same way", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { again: cyclic };
    expect(() => written((out) => out.json(cyclic))).toThrow(TypeError);
    expect(() => written((out) => out.json({ big: BigInt(1) }))).toThrow(TypeError);
  });

  test("take() hands over what was written, alone on its buffer, and the writer starts again empty", () => {
    const out = new Utf8Writer(4);
    out.text("0123456789");
    out.bytes(new Uint8Array(40).fill(0x41));
    const first = out.take();
    expect(first.byteOffset).toBe(0); // a worker can transfer first.buffer
    expect(Buffer.from(first).toString()).toBe(`0123456789${"A".repeat(40)}`);
    expect(out.size).toBe(0);
    out.text("ต่อ");
    expect(Buffer.from(out.take()).toString()).toBe("ต่อ");
    expect(Buffer.from(first).toString()).toBe(`0123456789${"A".repeat(40)}`); // not overwritten
  });
});

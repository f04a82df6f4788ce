import { describe, expect, test } from "@jest/globals";
import { looksLikeFractions, readScore, thaiDigitsToAscii } from "@smartcity/shared";

describe("readScore: a cell's value as a percent", () => {
  test.each([
    [85, {}, 85],
    [0, {}, 0],
    [100, {}, 100],
    [0.85, { fraction: true }, 85],
    [0.7, { fraction: true }, 70], // 0.7 × 100 is 70.00000000000001 in floats
    [1, { fraction: true }, 100],
    ["85", {}, 85],
    ["85%", {}, 85],
    [" 85.5 % ", {}, 85.5],
    ["85％", {}, 85],
    ["๘๕", {}, 85],
    ["๘๕.๕%", {}, 85.5],
    ["ร้อยละ ๗๐", {}, 70],
    ["0.85", { fraction: true }, 0.85], // text is never a fraction
  ])("%j %j → %d", (value, options, percent) => {
    expect(readScore(value, options)).toEqual({ kind: "score", percent });
  });

  test.each([null, undefined, "", "   "])("%j is blank: not proposed, never 0", (value) => {
    expect(readScore(value)).toEqual({ kind: "blank" });
  });

  test.each([
    ["eighty", '"eighty" is not a number'],
    ["85,5", '"85,5" is not a number'],
    [true, "true is not a number"],
    [Number.NaN, "NaN is not a number"],
    [120, "120 is above 100"],
    ["120%", "120 is above 100"],
    [-5, "-5 is below 0"],
  ])("%j is refused: %s", (value, en) => {
    const reading = readScore(value);
    expect(reading.kind).toBe("invalid");
    expect(reading.kind === "invalid" && reading.problem.en).toBe(en);
  });

  test("a percent-formatted 1.2 is 120, above 100", () => {
    const reading = readScore(1.2, { fraction: true });
    expect(reading.kind === "invalid" && reading.problem.en).toBe("120 is above 100");
  });
});

describe("looksLikeFractions: telling 0.85-in-a-% -cell from 85", () => {
  test.each([
    [[0.85, 0.7, null], true],
    [[0.85, "90%", 1], true],
    [[0, 0.5, 1], true],
    [[85, 70], false],
    [[1, 0], false],
    [[0.85, 85], false],
    [[null, ""], false],
  ])("%j → %s", (values, expected) => {
    expect(looksLikeFractions(values)).toBe(expected);
  });
});

test("thaiDigitsToAscii changes only Thai digits", () => {
  expect(thaiDigitsToAscii("๐๑๒๓๔๕๖๗๘๙ ครั้งที่ ๓/๒๕๖๑")).toBe("0123456789 ครั้งที่ 3/2561");
});

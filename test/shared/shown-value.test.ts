import { expect, test } from "@jest/globals";
import { showValue } from "@smartcity/shared";

// A value a caller gave, as messages show it: JSON as written, shortened, with its quotes closed.

test("a long text is shortened inside its quotes, so the message around it is not taken for it", () => {
  const shown = showValue("a".repeat(200));
  expect(shown.en).toBe(`"${"a".repeat(36)}"...`);
  expect(shown.th).toBe(shown.en);
});

test("an object cut inside one of its texts closes that text", () => {
  expect(showValue({ note: "x".repeat(100) }).en).toBe(`{"note":"${"x".repeat(28)}"...`);
  // Cut after a text has closed: nothing to close.
  expect(showValue({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 }).en).toBe(
    '{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,...'
  );
});

test("short values are shown whole", () => {
  expect(showValue("village").en).toBe('"village"');
  expect(showValue(120).en).toBe("120");
  expect(showValue([true, false]).en).toBe("[true,false]");
});

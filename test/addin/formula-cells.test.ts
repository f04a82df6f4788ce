import { describe, expect, test } from "@jest/globals";
import { callsSmartcity, markedRanges } from "../../addin/src/office/formula-cells";

/**
 * Which cells the pane's recalculation reaches: formulas that call a SMARTCITY function (not
 * text or a string that names one), and those cells as few A1 ranges.
 */
describe("a formula that calls SMARTCITY.", () => {
  test.each([
    ["=SMARTCITY.SCORE(A1:G1)", true],
    ["=smartcity.eligible(A1:G1)", true],
    ["=ROUND(SMARTCITY.SCORE(A1:G1),0)", true],
    ['=IF(A1="x",SMARTCITY.REASONS(A1:G1,,,,,"th"),"")', true],
    ["=SUM(A1:G1)", false],
    ['=IF(A1="SMARTCITY.SCORE(",1,0)', false],
    ['="SMARTCITY."&"X"', false],
    ['=""""&SMARTCITY.VERSION()', true],
    ["='SMARTCITY.old'!A1", false],
    ["=MYSMARTCITY.SCORE(A1)", false],
    ["SMARTCITY.SCORE is the function", false],
    [42, false],
    ["", false],
  ])("%p → %p", (formula, calls) => {
    expect(callsSmartcity(formula)).toBe(calls);
  });
});

describe("marked cells as ranges", () => {
  test("a column of formulas is one range, a lone cell its address, from the grid's first cell", () => {
    const X = true;
    const _ = false;
    expect(
      markedRanges(
        [
          [_, X, _, X],
          [_, X, _, _],
          [_, X, X, _],
          [X, X, X, X],
        ],
        1,
        1
      )
    ).toEqual(["C2:C3", "E2", "C4:D4", "B5:E5"]);
    expect(markedRanges([[_, _]], 0, 0)).toEqual([]);
  });
});

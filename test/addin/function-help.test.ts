import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@jest/globals";
import { FUNCTION_HELP } from "../../addin/src/taskpane/evaluator/function-help";

/**
 * The pane's Functions help against the built functions.json (what Excel reads, generated from
 * the functions' JSDoc): the same functions, each with its parameters in the order Excel takes
 * them, optional ones in brackets. A parameter added to a function and not to the help fails here.
 */
interface FunctionMetadata {
  name: string;
  parameters: { name: string; optional?: boolean }[];
}

const metadata = JSON.parse(
  readFileSync(path.resolve(__dirname, "../../addin/dist/functions.json"), "utf8")
) as { functions: FunctionMetadata[] };

test("the help lists every function of functions.json, with its parameters in Excel's order", () => {
  const signatures = metadata.functions.map(
    (fn) =>
      `SMARTCITY.${fn.name}(${fn.parameters
        .map((parameter) => (parameter.optional ? `[${parameter.name}]` : parameter.name))
        .join(", ")})`
  );
  expect(FUNCTION_HELP.map((entry) => entry.name)).toEqual(signatures);
});

test("each function's help exists in Thai with no Latin letters in it", () => {
  for (const entry of FUNCTION_HELP) expect(entry.th).not.toMatch(/[A-Za-z]/);
});

import { expect, test } from "@jest/globals";
import type { LocalizedText } from "@smartcity/shared";
import {
  ARGUMENT_NAMES,
  type ArgumentName,
  cellMessages,
} from "../../addin/src/functions/cell-messages";

/**
 * What a formula's arguments got wrong, in Thai with no English inside (handbook: "Thai
 * first"): what the user typed is quoted, a key to press is a key; every other word is Thai.
 */
const environment: LocalizedText = { en: "Smart Environment", th: "สิ่งแวดล้อมอัจฉริยะ" };
const air: LocalizedText = { en: "Air quality", th: "คุณภาพอากาศ" };
const every = (Object.keys(ARGUMENT_NAMES) as ArgumentName[]).flatMap((argument) => [
  cellMessages.zeroOrBlank(argument),
  cellMessages.notARange(argument),
  cellMessages.notOneLine(argument, 2, 3),
  cellMessages.notOneCell(argument),
  cellMessages.answersCount(argument, 2, "5", [air], [{ name: environment, items: [air] }]),
]);
const messages: LocalizedText[] = [
  ...every,
  cellMessages.labelledTwice(environment),
  cellMessages.notPoints(environment, { th: '"lots"', en: '"lots"' }),
  cellMessages.tooManyScores(9, "5", 7),
  cellMessages.labelsShape(3, 4),
  cellMessages.unknownLabel("culture", "5", [environment], {
    id: "environment.air",
    name: { en: "", th: "สิ่งแวดล้อมอัจฉริยะ: คุณภาพอากาศ" },
  }),
];

test.each(messages.map((message) => [message.en, message.th]))(
  "%s — in Thai without English words",
  (_en, th) => {
    const words = th.replace(/"[^"]*"/g, "").replace("Ctrl+Alt+F9", "");
    expect(words).not.toMatch(/[A-Za-z]/);
    expect(th).toMatch(/[\u0E00-\u0E7F]/);
  }
);

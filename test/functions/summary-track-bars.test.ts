import { describe, expect, test } from "@jest/globals";
import {
  consolidate,
  type EvaluatorEntry,
  readEvaluationSheet,
  type Ruleset,
  RulesSchema,
  summariseRuleset,
} from "@smartcity/shared";
import { Workbook } from "exceljs";
import { writeConsolidatedWorkbook } from "../../functions/src/consolidation/write-consolidated-workbook";
import { type EvaluationRow, evaluationSnapshot } from "../helpers/example-evaluations";
import { headerText } from "../helpers/header-text";
import { laterRuleset, laterRulesWritten } from "../helpers/later-rules";

/**
 * The consolidated workbook colours each applicant's scores against the bars it was held to, as
 * evaluate held it (not the ruleset's own bars for every row). Here the new city's bars are 85
 * overall and 75 per dimension; the livable city's (the default track), the ruleset's 80 and 70.
 * Every applicant scores 82 overall and 72 per dimension: red for the new city only.
 */
function rulesetWith(change: (written: Record<string, unknown>) => void): Ruleset {
  const written = laterRulesWritten();
  (written.tracks as { overrides?: object }[])[1].overrides = {
    overallMinPercent: 85,
    dimensionMinPercent: 75,
  };
  change(written);
  return { ...laterRuleset(), rules: RulesSchema.parse(written) };
}
const ruleset = rulesetWith(() => {});
const SCORES = { living: 72, people: 72, energy: 72, overall: 82 };

type Formats = Array<{ ref: string; rules: Array<{ type: string; formulae?: string[] }> }>;

/** The bar of a rule "under the bar" (red) or "at or above it" (green), from its formula. */
const barIn = (formula: string, comparison: "<" | ">=") =>
  Number(new RegExp(`${comparison}(\\d+(?:\\.\\d+)?)\\)$`).exec(formula)![1]);

async function written(under: Ruleset, rows: EvaluationRow[]) {
  const reading = readEvaluationSheet(
    evaluationSnapshot(under, rows),
    under.rules,
    "somchai.xlsx",
    "somchai"
  );
  expect(reading.warnings).toEqual([]);
  const entries: EvaluatorEntry[] = reading.entries;
  const { applicants, superseded, calibration } = consolidate(entries, under);
  const buffer = await writeConsolidatedWorkbook({
    response: {
      ruleset: summariseRuleset(under),
      consolidatedAt: "2026-12-02T03:00:00.000Z",
      applicants,
      files: [],
      calibration,
    },
    ruleset: under,
    entries,
    superseded,
  });
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as never);
  /** Each rule's bar (from its "under the bar" formula), by the ranges it covers. */
  const bars = (sheet: string) =>
    Object.fromEntries(
      (
        workbook.getWorksheet(sheet) as unknown as { conditionalFormattings: Formats }
      ).conditionalFormattings.map((format) => {
        // Red under the bar, green at or above the same bar; no data bar (printed, it hid both).
        expect(format.rules.map((rule) => rule.type)).toEqual(["expression", "expression"]);
        const bar = barIn(format.rules[0].formulae![0], "<");
        expect(barIn(format.rules[1].formulae![0], ">=")).toBe(bar);
        return [format.ref, bar];
      })
    );
  /** The column letter and first data row of a header ending with `header`. */
  const column = (sheet: string, header: string) => {
    const rows = workbook.getWorksheet(sheet)!.getRows(1, 20)!;
    const headerRow = rows.find(
      (row) => headerText(row.getCell(1).value) === "รหัส / Applicant ID"
    )!;
    let letter = "";
    headerRow.eachCell((cell, index) => {
      if (headerText(cell.value).endsWith(header)) letter = String.fromCharCode(64 + index);
    });
    expect(letter).not.toBe("");
    return { letter, first: headerRow.number + 1 };
  };
  return { applicants, bars, column };
}

describe("score colours follow the bars each row was held to", () => {
  test("Summary and Details: a new city's row against 85 and 75, the others against 80 and 70, interleaved", async () => {
    const { bars, column } = await written(ruleset, [
      { id: "A1", name: "เทศบาลนครภูเก็ต", ...SCORES },
      { id: "B1", name: "เมืองใหม่", track: "newCity", ...SCORES },
      { id: "C1", name: "เทศบาลนครขอนแก่น", ...SCORES },
    ]);
    const overall = column("Summary", "/ Overall %");
    const living = column("Summary", "/ Smart Living %");
    const at = (letter: string, row: number) => `${letter}${row}:${letter}${row}`;
    const n = overall.first;
    // One rule per distinct bar, over the runs of rows that have it.
    expect(bars("Summary")).toMatchObject({
      [`${at(overall.letter, n)} ${at(overall.letter, n + 2)}`]: 80,
      [at(overall.letter, n + 1)]: 85,
      [`${at(living.letter, n)} ${at(living.letter, n + 2)}`]: 70,
      [at(living.letter, n + 1)]: 75,
    });
    // Details: a row per evaluator's entry, coloured by the track that evaluator named.
    const detail = column("Details", "/ Smart Living");
    const d = detail.first;
    expect(bars("Details")).toMatchObject({
      [`${at(detail.letter, d)} ${at(detail.letter, d + 2)}`]: 70,
      [at(detail.letter, d + 1)]: 75,
    });
  });

  test("tracks without a default: a row nobody named a track for is held to the ruleset's own bars", async () => {
    const noDefault = rulesetWith((rules) => {
      delete rules.defaultTrack;
      // The first track (the consolidation's fallback name) gets bars unlike the ruleset's own.
      (rules.tracks as { overrides?: object }[])[0].overrides = { overallMinPercent: 90 };
    });
    const { applicants, bars, column } = await written(noDefault, [
      { id: "A1", name: "เทศบาลนครภูเก็ต", ...SCORES },
    ]);
    expect(applicants[0].track?.source).toBe("default");
    const overall = column("Summary", "/ Overall %");
    const ref = `${overall.letter}${overall.first}:${overall.letter}${overall.first}`;
    expect(bars("Summary")[ref]).toBe(80);
  });

  test("no applicant at all: the workbook is still written, with its formats", async () => {
    const { applicants, bars } = await written(ruleset, []);
    expect(applicants).toEqual([]);
    expect(Object.values(bars("Summary"))).toContain(80);
  });
});

import { expect, test } from "@jest/globals";
import {
  consolidate,
  readEvaluationSheet,
  type Ruleset,
  RulesSchema,
  summariseRuleset,
} from "@smartcity/shared";
import { Workbook } from "exceljs";
import { writeConsolidatedWorkbook } from "../../functions/src/consolidation/write-consolidated-workbook";
import { evaluationSnapshot } from "../helpers/example-evaluations";
import { laterRuleset, laterRulesWritten } from "../helpers/later-rules";

/**
 * The consolidated workbook colours each applicant's scores against the bars of the track it was
 * evaluated under, as evaluate held it (not the ruleset's own bars for every row). Here the new
 * city's bars are 85 overall and 75 per dimension; the livable city's, the ruleset's 80 and 70.
 * Both applicants score 82 overall and 72 per dimension: red for the new city only.
 */
const written = laterRulesWritten() as { tracks: { id: string; overrides?: object }[] };
written.tracks[1].overrides = { overallMinPercent: 85, dimensionMinPercent: 75 };
const ruleset: Ruleset = { ...laterRuleset(), rules: RulesSchema.parse(written) };

type Formats = Array<{ ref: string; rules: Array<{ type: string; formulae?: string[] }> }>;

test("the Summary's and the Details' score colours follow each row's track", async () => {
  const row = { living: 72, people: 72, energy: 72, overall: 82 };
  const reading = readEvaluationSheet(
    evaluationSnapshot(ruleset, [
      { id: "A1", name: "เทศบาลนครภูเก็ต", ...row },
      { id: "B1", name: "เมืองใหม่", track: "newCity", ...row },
    ]),
    ruleset.rules,
    "somchai.xlsx",
    "somchai"
  );
  expect(reading.warnings).toEqual([]);
  const { applicants, superseded } = consolidate(reading.entries, ruleset);
  expect(applicants.map((applicant) => applicant.track?.id)).toEqual(["livable", "newCity"]);
  const buffer = await writeConsolidatedWorkbook({
    response: {
      ruleset: summariseRuleset(ruleset),
      consolidatedAt: "2026-12-02T03:00:00.000Z",
      applicants,
      files: [],
    },
    ruleset,
    entries: reading.entries,
    superseded,
  });
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as never);

  // Each rule's "under the bar" formula, by the range it covers.
  const bars = (sheet: string) =>
    Object.fromEntries(
      (
        workbook.getWorksheet(sheet) as unknown as { conditionalFormattings: Formats }
      ).conditionalFormattings.map((format) => [
        format.ref,
        Number(/<(\d+(?:\.\d+)?)\)$/.exec(format.rules[0].formulae![0])![1]),
      ])
    );
  const summary = workbook.getWorksheet("Summary")!;
  const headerRow = summary
    .getRows(1, 20)!
    .find((r) => r.getCell(1).value === "รหัส / Applicant ID")!;
  const first = headerRow.number + 1;
  const letterOf = (header: string) => {
    let found = "";
    headerRow.eachCell((cell, column) => {
      if (String(cell.value).endsWith(header)) found = String.fromCharCode(64 + column);
    });
    return found;
  };
  const overall = letterOf("/ Overall %");
  const living = letterOf("/ Smart Living %");
  expect(overall).not.toBe("");
  expect(bars("Summary")).toMatchObject({
    [`${overall}${first}:${overall}${first}`]: 80,
    [`${overall}${first + 1}:${overall}${first + 1}`]: 85,
    [`${living}${first}:${living}${first}`]: 70,
    [`${living}${first + 1}:${living}${first + 1}`]: 75,
  });
  // Details: a row per evaluator's entry, coloured by the track that evaluator named.
  const details = Object.entries(bars("Details"));
  expect(details.filter(([, bar]) => bar === 75)).toHaveLength(
    details.filter(([, bar]) => bar === 70).length
  );
});

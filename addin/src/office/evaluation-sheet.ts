/* global Excel */
import {
  columnLetter,
  evaluationSheetHeaders,
  requirementItems,
  rubricItems,
  type Language,
  type Ruleset,
} from "@smartcity/shared";

/**
 * "Insert evaluation sheet": a new worksheet with a formatted table — applicant
 * id and name, the ruleset's preliminary criteria and dimensions, the
 * subcommittee overall — with bilingual headers (Thai / English, which the
 * workbook import and the label resolver both read), data validation 0–100 on
 * scores, SCORE / ELIGIBLE / REASONS filled in as calculated columns, and
 * pass/fail formatting.
 *
 * The columns follow the ruleset in force (shared's `evaluationSheetHeaders`): under a ruleset
 * with tracks a track column (a drop-down of the tracks' names), with requirement groups one
 * yes/no column per item, and with a rubric one points column per item (0 to its maximum)
 * after the overall; the rubric dimension's percent is then a formula over its points, so the
 * percents stay one range for SCORE, ELIGIBLE and REASONS. A 2018 ruleset gets the 2018 sheet.
 *
 * The last column is the conflict-of-interest declaration (a yes/no drop-down): after the
 * computed columns, so every column a sheet made before it had keeps its place and the
 * formulas their ranges. An evaluator answering yes is kept out of the applicant's consolidation.
 */
export async function insertEvaluationSheet(
  ruleset: Ruleset,
  language: Language = "en"
): Promise<string> {
  const { dimensions, preliminaryCriteria, tracks, outcomes } = ruleset.rules;
  const headers = evaluationSheetHeaders(ruleset.rules);
  const trackColumn = tracks !== undefined ? 2 : undefined;
  const firstCriterion = trackColumn !== undefined ? 3 : 2;
  const firstRequirement = firstCriterion + preliminaryCriteria.length;
  const requirements = requirementItems(ruleset.rules);
  const firstDimension = firstRequirement + requirements.length;
  const overallColumn = firstDimension + dimensions.length;
  const rubric = rubricItems(ruleset.rules);
  const firstPoints = overallColumn + 1;
  const computedColumn = firstPoints + rubric.length;
  const conflictColumn = headers.length - 1;
  const col = (index: number): string => columnLetter(index);
  const scores = `${col(firstDimension)}2:${col(overallColumn - 1)}2`;
  const labels = `$${col(firstDimension)}$1:$${col(overallColumn - 1)}$1`;
  // The preliminary criteria, then every requirement item: one range in the order the
  // functions' `requirements` layout reads (preliminary criteria, then each group's items).
  const preliminary = `${col(firstCriterion)}2:${col(firstDimension - 1)}2`;
  const overall = `${col(overallColumn)}2`;
  // The track cell, where the ruleset has tracks; each function takes it in its own place.
  const track = trackColumn !== undefined ? `${col(trackColumn)}2` : "";
  // Reasons and the outcome in the pane's language (English is the functions' default).
  const lang = language === "th" ? '"th"' : "";
  const formulas = [
    `=IFERROR(SMARTCITY.SCORE(${call(scores, labels, "", track)}),"")`,
    `=SMARTCITY.ELIGIBLE(${call(scores, labels, preliminary, overall, "", track)})`,
    `=SMARTCITY.REASONS(${call(scores, labels, preliminary, overall, "", lang, track)})`,
    ...(outcomes !== undefined
      ? [`=SMARTCITY.OUTCOME(${call(scores, labels, preliminary, overall, track, "", lang)})`]
      : []),
  ];

  /** The later criteria's columns: the track drop-down, yes/no items, points and the percent formulas. */
  const addLaterColumns = (sheet: Excel.Worksheet): void => {
    if (trackColumn !== undefined && tracks !== undefined) {
      const names = tracks.map((track) => track.name.th);
      const cells = sheet.getRange(`${col(trackColumn)}2:${col(trackColumn)}1000`);
      // A list source is comma-separated: a name with a comma cannot be offered as one.
      if (names.every((name) => !name.includes(",")))
        cells.dataValidation.rule = { list: { inCellDropDown: true, source: names.join(",") } };
    }
    if (requirements.length > 0) {
      const cells = sheet.getRange(`${col(firstRequirement)}2:${col(firstDimension - 1)}1000`);
      cells.dataValidation.rule = { list: { inCellDropDown: true, source: "ใช่,ไม่ใช่" } };
    }
    rubric.forEach(({ item }, offset) => {
      const cells = sheet.getRange(
        `${col(firstPoints + offset)}2:${col(firstPoints + offset)}1000`
      );
      cells.dataValidation.rule = {
        decimal: {
          formula1: 0,
          formula2: item.maxPoints,
          operator: Excel.DataValidationOperator.between,
        },
      };
      cells.dataValidation.errorAlert = {
        message: `คะแนนต้องอยู่ระหว่าง 0 ถึง ${item.maxPoints} / Points run from 0 to ${item.maxPoints}`,
        showAlert: true,
        style: Excel.DataValidationAlertStyle.stop,
        title: "Smart City",
      };
    });
    // A rubric dimension's percent: its points over their maximum (blank items count 0, as
    // the engine counts them); blank while no item has points, so it is "not proposed".
    dimensions.forEach((dimension, index) => {
      const own = rubric
        .map((entry, offset) => ({ ...entry, column: firstPoints + offset }))
        .filter((entry) => entry.dimension.id === dimension.id);
      if (own.length === 0) return;
      const points = `${col(own[0].column)}2:${col(own[own.length - 1].column)}2`;
      const total = own.reduce((sum, entry) => sum + entry.item.maxPoints, 0);
      sheet.getRange(`${col(firstDimension + index)}2`).formulas = [
        [`=IF(COUNT(${points})=0,"",SUM(${points})/${total}*100)`],
      ];
    });
  };

  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const taken = new Set(sheets.items.map((sheet) => sheet.name));
    let name = "Evaluation";
    for (let n = 2; taken.has(name); n++) name = `Evaluation ${n}`;
    const sheet = sheets.add(name);

    const lastColumn = col(headers.length - 1);
    const table = sheet.tables.add(`${name}!A1:${lastColumn}2`, true);
    table.name = `Evaluation${Date.now().toString(36)}`;
    table.style = "TableStyleMedium2";
    table.getHeaderRowRange().values = [headers];
    table.getHeaderRowRange().format.wrapText = true;
    sheet.getRange(`${col(computedColumn)}2:${col(conflictColumn - 1)}2`).formulas = [formulas];
    addLaterColumns(sheet);
    sheet.getRange(`${col(conflictColumn)}2:${col(conflictColumn)}1000`).dataValidation.rule = {
      list: { inCellDropDown: true, source: "ใช่,ไม่ใช่" },
    };

    const scoreCells = sheet.getRange(`${col(firstDimension)}2:${col(overallColumn)}1000`);
    scoreCells.dataValidation.rule = {
      decimal: { formula1: 0, formula2: 100, operator: Excel.DataValidationOperator.between },
    };
    scoreCells.dataValidation.errorAlert = {
      message:
        "คะแนนต้องอยู่ระหว่าง 0 ถึง 100 / A score is a percent from 0 to 100 (leave blank if not proposed)",
      showAlert: true,
      style: Excel.DataValidationAlertStyle.stop,
      title: "Smart City",
    };

    const eligibleCells = sheet.getRange(
      `${col(computedColumn + 1)}2:${col(computedColumn + 1)}1000`
    );
    for (const [value, fill, font] of [
      ["=TRUE", "#DFF6DD", "#107C10"],
      ["=FALSE", "#FDE7E9", "#A4262C"],
    ]) {
      const format = eligibleCells.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      format.cellValue.format.fill.color = fill;
      format.cellValue.format.font.color = font;
      format.cellValue.rule = { formula1: value, operator: "EqualTo" };
    }

    sheet.freezePanes.freezeRows(1);
    if (rubric.length > 0 || requirements.length > 0)
      sheet.getRange(`A1:${lastColumn}1`).format.rowHeight = 90;
    if (rubric.length === 0 && requirements.length === 0)
      sheet.getRange(`A1:${lastColumn}1`).format.rowHeight = 45;
    sheet.getRange(`A:${lastColumn}`).format.columnWidth = 90;
    sheet.activate();
    await context.sync();
    return name;
  });
}

/** A formula's argument list: arguments left empty are omitted (Excel passes null), trailing ones dropped. */
function call(...args: string[]): string {
  let last = args.length;
  while (last > 0 && args[last - 1] === "") last--;
  return args.slice(0, last).join(",");
}

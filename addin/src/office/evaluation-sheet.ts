/* global Excel */
import { columnLetter, evaluationSheetHeaders, type Ruleset } from "@smartcity/shared";

/**
 * "Insert evaluation sheet": a new worksheet with a formatted table — applicant
 * id and name, the ruleset's preliminary criteria and dimensions, the
 * subcommittee overall — with bilingual headers (Thai / English, which the
 * workbook import and the label resolver both read), data validation 0–100 on
 * scores, SCORE / ELIGIBLE / REASONS filled in as calculated columns, and
 * pass/fail formatting.
 */
export async function insertEvaluationSheet(ruleset: Ruleset): Promise<string> {
  const { dimensions, preliminaryCriteria } = ruleset.rules;
  const headers = evaluationSheetHeaders(ruleset.rules);
  const firstCriterion = 2;
  const firstDimension = firstCriterion + preliminaryCriteria.length;
  const overallColumn = firstDimension + dimensions.length;
  const col = (index: number): string => columnLetter(index);
  const scores = `${col(firstDimension)}2:${col(overallColumn - 1)}2`;
  const labels = `$${col(firstDimension)}$1:$${col(overallColumn - 1)}$1`;
  const preliminary = `${col(firstCriterion)}2:${col(firstDimension - 1)}2`;
  const overall = `${col(overallColumn)}2`;
  const formulas = [
    `=IFERROR(SMARTCITY.SCORE(${scores},${labels}),"")`,
    `=SMARTCITY.ELIGIBLE(${scores},${labels},${preliminary},${overall})`,
    `=SMARTCITY.REASONS(${scores},${labels},${preliminary},${overall})`,
  ];

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
    sheet.getRange(`${col(overallColumn + 1)}2:${lastColumn}2`).formulas = [formulas];

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
      `${col(overallColumn + 2)}2:${col(overallColumn + 2)}1000`
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
    sheet.getRange(`A1:${lastColumn}1`).format.rowHeight = 45;
    sheet.getRange(`A:${lastColumn}`).format.columnWidth = 90;
    sheet.activate();
    await context.sync();
    return name;
  });
}

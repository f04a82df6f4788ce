/* global Excel */

/**
 * Asks Excel to recalculate every formula, so unpinned SMARTCITY formulas are
 * evaluated again under a newly published ruleset version. Excel itself only
 * recalculates when inputs change. Does nothing outside Excel.
 */
export async function recalculateWorkbook(): Promise<void> {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") return;
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}

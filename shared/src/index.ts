export * from "./localized-text";
export * from "./criteria";
export * from "./ruleset-schema";
export { PRELIMINARY_GROUP } from "./structure-checks";
export * from "./baseline-ruleset";
export * from "./canonical-json";
export * from "./person-decimal";
export * from "./messages";
export { reasonText } from "./reason-text";
export * from "./evaluation-result";
export { compileRules, IMPLICIT_BANDS, outcomeBands } from "./compiled-rules";
export { readApplication, percentProblem } from "./read-application";
export { evaluate, evaluateBatch, evaluateInChunks } from "./evaluate";
export { outcomeJson, outcomesJson, outcomesJsonItems } from "./outcome-json";
export * from "./thai-digits";
export * from "./normalise-score";
export * from "./resolve-label";
export * from "./http-contract";
export { readEvaluateResponse, type ReadEvaluateResponse } from "./read-evaluate-response";
export * from "./read-answer";
export * from "./thai-date";
export * from "./rules-diff";
export * from "./publish-contract";
export { openApiDocument } from "./openapi";
export * from "./service-limits";
export * from "./sheet-snapshot";
export * from "./consolidation-contract";
export * from "./consolidation-messages";
export {
  columnRole,
  itemName,
  qualifiedItemName,
  trackOfCell,
  type ColumnRole,
} from "./evaluation-columns";
export * from "./read-evaluation-sheet";
export * from "./read-evaluation-workbook";
export * from "./consolidate";
export * from "./normalise-name";
export * from "./identical-submissions";
export * from "./evaluation-sheet-layout";
export * from "./rules-diff-words";
export * from "./pane-contract";
export * from "./format-date";
export * from "./workbook-messages";
export * from "./schema-issues";
export * from "./date-schema";
export * from "./role-names";
export * from "./committee-date";
export * from "./ruleset-history";
export * from "./next-version";
export * from "./proposal";

// The one public surface of @smartcity/shared: every name other parts may use, by folder.

// The rules: the ruleset schema and its checks, the engine, its reasons, the diff.
export {
  dimensionBar,
  CriterionRuleSchema,
  LocalizedTextSchema,
  PercentSchema,
  RuleIdSchema,
  ISO_DATE_MESSAGE,
  IsoDateSchema,
  DimensionRuleSchema,
  OverallScoreRuleSchema,
  ConsolidationRuleSchema,
  RulesSchema,
  VersionSchema,
  ApprovalSchema,
  RulesetSchema,
  type CriterionRule,
  type Rules,
  type RequirementGroup,
  type Track,
  type OutcomeBand,
  type RulesInput,
  type DimensionRule,
  type Approval,
  type Ruleset,
} from "./rules/ruleset-schema";
export { PRELIMINARY_GROUP } from "./rules/structure-checks";
export {
  formatIssuePath,
  bilingual,
  bilingualIssue,
  describeIssues,
  summariseIssues,
  type SchemaIssue,
} from "./rules/schema-issues";
export {
  DIMENSION_IDS,
  PRELIMINARY_CRITERION_IDS,
  DIMENSIONS,
  PRELIMINARY_CRITERIA,
  type BaselineDimensionId,
  type BaselineCriterionId,
  type DimensionDefinition,
  type CriterionDefinition,
} from "./rules/criteria";
export { BASELINE_RULESET } from "./rules/baseline-ruleset";
export { canonicalJson, rulesHashOfDigest, rulesHashText } from "./rules/canonical-json";
export { compileRules, IMPLICIT_BANDS, outcomeBands } from "./rules/compiled-rules";
export { evaluate, evaluateBatch, evaluateInChunks } from "./rules/evaluate";
export {
  dimensionsBelowBar,
  isApplicationError,
  type ReasonFacts,
  type Reason,
  type AnyReason,
  type MessageLanguages,
  type DimensionResult,
  type Outcome,
  type AnyOutcome,
  type OutcomeFor,
  type RequirementStatus,
  type PreliminaryStatus,
  type EvaluationResult,
  type ApplicationError,
  type ApplicationOutcome,
} from "./rules/evaluation-result";
export { readApplication, percentProblem } from "./rules/read-application";
export {
  namedProblem,
  showValue,
  reasonMessages,
  scoreProblems,
  applicationMessages,
  laterFieldMessages,
  APPLICATION_FIELDS,
  OVERALL_LABEL,
  type ReasonCode,
  type ApplicationErrorCode,
} from "./rules/messages";
export { reasonText } from "./rules/reason-text";
export { diffRules, type RuleChange } from "./rules/rules-diff";
export { trackBars, type Bars } from "./rules/track-bars";
export { describeRuleChange, describeRuleChanges } from "./rules/rules-diff-words";

// Reading evaluators' sheets.
export {
  readEvaluationSheet,
  percentFromPoints,
  HEADER_SEARCH_ROWS,
  type CellValueAt,
  type EvaluatorEntry,
  type SheetReading,
  type SheetRules,
} from "./workbook-import/read-evaluation-sheet";
export { entryApplication } from "./workbook-import/entry-application";
export {
  readEvaluationWorkbook,
  evaluatorFromFileName,
  type WorkbookReading,
} from "./workbook-import/read-evaluation-workbook";
export {
  columnLetter,
  parseCellAddress,
  cellAddress,
  isPercentFormat,
  splitSheetAddress,
  type CellValue,
  type CellSnapshot,
  type SheetSnapshot,
} from "./workbook-import/sheet-snapshot";
export { labelKey } from "./text/label-key";
export {
  createLabelResolver,
  dimensionLabelResolver,
  criterionLabelResolver,
  type LabelledEntry,
  type LabelResolver,
} from "./workbook-import/resolve-label";
export {
  columnRole,
  itemName,
  qualifiedItemName,
  trackOfCell,
  type ColumnRole,
} from "./workbook-import/evaluation-columns";
export {
  bilingualHeader,
  hasLaterStructure,
  qualifiedName,
  requirementItemHeader,
  rubricItemHeader,
  shortRubricItemHeader,
  rubricItems,
  requirementItems,
  evaluationSheetHeaders,
  computedColumnHeaders,
  APPLICANT_ID_HEADER,
  APPLICANT_NAME_HEADER,
  SUBCOMMITTEE_OVERALL_HEADER,
  COMPUTED_COLUMN_HEADERS,
  TRACK_HEADER,
  OUTCOME_HEADER,
  SUMMARY_HEADERS,
  DETAILS_HEADERS,
  ISSUES_HEADERS,
  type LayoutRules,
} from "./workbook-import/evaluation-sheet-layout";
export {
  readScore,
  looksLikeFractions,
  type ScoreReading,
  type ScoreReadingOptions,
} from "./workbook-import/normalise-score";
export { readAnswer, type AnswerReading } from "./workbook-import/read-answer";

// Consolidating evaluators' entries.
export {
  consolidate,
  entriesByApplicant,
  type ConsolidationOutcome,
} from "./consolidation/consolidate";
export {
  location,
  at,
  importMessages,
  fileErrorMessages,
  identicalSubmissionMessages,
  flagMessages,
  type UploadKind,
} from "./consolidation/consolidation-messages";
export {
  findIdenticalSubmissions,
  withoutCopies,
  type IdenticalSubmission,
  type IdenticalSubmissionsOutcome,
} from "./consolidation/identical-submissions";
export { normaliseName, normaliseApplicantId } from "./consolidation/normalise-name";
export { withNameNotes, type NameNote } from "./consolidation/applicant-names";
export { consolidateReadings } from "./consolidation/consolidate-readings";
export { flagRank, rankedFlags } from "./consolidation/flag-rank";
export {
  issueKindName,
  disputedTrackText,
  ISSUE_KIND_NAMES,
  ELIGIBILITY_TEXT,
  REQUIREMENT_STATUS_TEXT,
  OVERALL_SOURCE_TEXT,
  COUNTED_TEXT,
  ANSWER_TEXT,
  workbookMessages,
  type IssueCode,
} from "./consolidation/workbook-messages";

// The HTTP contract: requests, answers, limits, OpenAPI.
export {
  summariseRuleset,
  MAX_APPLICATIONS_PER_BATCH,
  MAX_REQUEST_BYTES,
  MAX_JSON_DEPTH,
  ROLES,
  ApplicationSchema,
  MessagesSchema,
  EvaluateRequestSchema,
  ReasonSchema,
  EvaluateReasonSchema,
  EvaluationResultSchema,
  ApplicationErrorSchema,
  RulesetSummarySchema,
  EvaluateResponseSchema,
  RulesetUnconfirmedSchema,
  RULESET_UNCONFIRMED_HEADER,
  RulesetHistorySchema,
  RulesetResponseSchema,
  HealthResponseSchema,
  ErrorBodySchema,
  type RulesetUnconfirmed,
  type Role,
  type Application,
  type EvaluateRequest,
  type RulesetSummary,
  type EvaluateResponse,
  type ErrorBody,
} from "./contract/http-contract";
export {
  unsatisfiableBecause,
  whyUnsatisfiable,
  PublishRequestSchema,
  type PublishRequest,
} from "./contract/publish-contract";
export { publishDateProblems, type PublishDateProblem } from "./contract/publish-dates";
export {
  MAX_CONSOLIDATE_FILES,
  MAX_WORKBOOK_BYTES,
  MAX_CONSOLIDATE_REQUEST_BYTES,
  MAX_WORKBOOK_INFLATED_BYTES,
  MAX_ZIP_COMPRESSION_RATIO,
  MAX_WARNINGS_PER_FILE,
  MAX_ROWS_PER_SHEET,
  MAX_CELLS_PER_WORKBOOK,
  MAX_MERGED_RANGES_PER_WORKBOOK,
  MAX_CONSOLIDATED_ROWS,
  XLSX_MEDIA_TYPE,
  FILE_ERROR_CODES,
  WARNING_CODES,
  FLAG_CODES,
  ImportWarningSchema,
  FileReportSchema,
  FlagSchema,
  ConsolidatedPointsSchema,
  ConsolidatedScoreSchema,
  ConsolidatedAnswerSchema,
  ConsolidatedRequirementGroupSchema,
  ConsolidatedTrackSchema,
  ConsolidatedApplicantSchema,
  ConsolidateResponseSchema,
  type FileErrorCode,
  type WarningCode,
  type FlagCode,
  type ImportWarning,
  type FileReport,
  type Flag,
  type ConsolidatedPoints,
  type ConsolidatedScore,
  type ConsolidatedAnswer,
  type ConsolidatedRequirementGroup,
  type ConsolidatedTrack,
  type ConsolidatedApplicant,
  type ConsolidateResponse,
} from "./contract/consolidation-contract";
export {
  CalibrationSchema,
  EVALUATOR_FLAG_CODES,
  EvaluatorCalibrationSchema,
  type Calibration,
  type EvaluatorCalibrationJson,
} from "./contract/calibration-contract";
export {
  CALIBRATION_DEFAULTS,
  calibrate,
  type CalibrationPanel,
  type EvaluatorCalibration,
} from "./consolidation/calibration";
export {
  DevSignInResponseSchema,
  RulesetDiffResponseSchema,
  PreviewResponseSchema,
  RULESET_STATUSES,
  RulesetHistoryResponseSchema,
  type DevSignInResponse,
  type RulesetDiffResponse,
  type PreviewResponse,
  type RulesetHistoryEntry,
} from "./contract/pane-contract";
export { openApiDocument } from "./contract/openapi";
export { readEvaluateResponse, type ReadEvaluateResponse } from "./contract/read-evaluate-response";
export { outcomesJson, RESULT_JSON_BYTES, writeOutcomesJson } from "./contract/outcome-json";
export {
  SERVICE_LIMITS,
  type ServiceLimit,
  WORKBOOK_READ_DEADLINE_MS,
  WORKBOOK_READER_HEAP_MB,
} from "./contract/service-limits";
export { ROLE_NAMES } from "./contract/role-names";

// Publishing: versions, history, four-eyes proposals, the committee's calendar.
export {
  decideApproval,
  proposalClosed,
  proposalOutdated,
  previewImpact,
  PROPOSAL_STATUSES,
  FlipSchema,
  ProposalPreviewSchema,
  ProposalRecordSchema,
  ProposalResponseSchema,
  ProposalListSchema,
  MAX_PROPOSAL_PREVIEW_APPLICATIONS,
  ProposalExtrasSchema,
  RejectRequestSchema,
  type ProposalStatus,
  type Person,
  type Flip,
  type ProposalRecord,
  type ProposalResponse,
  type ApprovalRefusalCode,
  type ApprovalRefusal,
} from "./publishing/proposal";
export {
  AUDIT_ACTIONS,
  AuditEntrySchema,
  AuditPageSchema,
  type AuditEntry,
  type AuditAction,
} from "./publishing/audit-entry";
export {
  nextVersion,
  rulesetSize,
  effectiveDateInPast,
  noChange,
  rulesetTooLarge,
  MAX_RULESET_CHARACTERS,
  type PublishRefusalCode,
  type PublishRefusal,
  type NextVersion,
  type NextVersionInput,
} from "./publishing/next-version";
export {
  versionInForce,
  newestVersion,
  historyWithStatus,
  type DatedVersion,
  type HistoryStatus,
} from "./publishing/ruleset-history";
export { isTimeZone, dateInTimeZone, DEFAULT_TIME_ZONE } from "./publishing/committee-date";

// Text: Thai and English, digits, dates, decimals.
export { LANGUAGES, type LocalizedText, type Language } from "./text/localized-text";
export { thaiDigitsToAscii } from "./text/thai-digits";
export { Utf8Writer } from "./text/utf8-writer";
export {
  readThaiDate,
  formatThaiDate,
  THAI_MONTH_NAMES,
  BUDDHIST_ERA_OFFSET,
  readApprovalDate,
  type DateReading,
} from "./text/thai-date";
export { DateTextSchema } from "./text/date-schema";
export { formatDate, bangkokDate, formatBangkokDateTime } from "./text/format-date";
export { toPersonDecimal, formatPercent } from "./text/person-decimal";

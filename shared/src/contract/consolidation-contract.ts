import { z } from "zod";
import { CalibrationSchema } from "./calibration-contract";
import { ReasonSchema, RulesetSummarySchema } from "./http-contract";
import { LocalizedTextSchema } from "../rules/ruleset-schema";

/**
 * The contract of `POST /api/consolidate`: a secretary uploads the evaluators'
 * workbooks (multipart/form-data, field `files`, optional `rulesetVersion`) and
 * gets back, per applicant, the consolidated scores, eligibility with reasons,
 * and everything that needs discussion; per file, what was read and every
 * warning with its sheet and cell.
 */

/** More files than this in one request → 413. */
export const MAX_CONSOLIDATE_FILES = 100;
/** A file larger than this gets its own `FILE_TOO_LARGE` error; the others are still read. */
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;
/** The whole multipart body (every file at its largest, plus the form's own bytes) → above it, 413. */
export const MAX_CONSOLIDATE_REQUEST_BYTES =
  MAX_CONSOLIDATE_FILES * MAX_WORKBOOK_BYTES + 1024 * 1024;
/**
 * The most a workbook may inflate to (all its zip entries, as the zip declares
 * them and as they really inflate). A real evaluator's workbook of 10,000
 * applicants is ~15 MB inflated; a zip bomb declares gigabytes.
 */
export const MAX_WORKBOOK_INFLATED_BYTES = 100 * 1024 * 1024;
/** An entry that inflates more than this many times its compressed size (and past 1 MB) is a zip bomb. */
export const MAX_ZIP_COMPRESSION_RATIO = 200;
/** Warnings kept per file; past it one `TOO_MANY_WARNINGS` warning says how many more there were. */
export const MAX_WARNINGS_PER_FILE = 1000;

/*
 * What one workbook may hold, checked from its XML before the spreadsheet
 * library expands anything (a 2 KB file can declare a merged range of 17
 * billion cells). A committee round is hundreds of applicants and tens of
 * evaluators: an evaluator's sheet has a row per applicant and ~25 columns,
 * so 500 applicants are ~12,500 cells. The limits leave 20–40 times that.
 */
/** Rows on one sheet (counted, or addressed by a row number); above it the file gets `TOO_MANY_ROWS`. */
export const MAX_ROWS_PER_SHEET = 20_000;
/** Cells in one workbook, every sheet together; above it the file gets `TOO_MANY_CELLS`. */
export const MAX_CELLS_PER_WORKBOOK = 500_000;
/** Merged ranges in one workbook; above it, or merged ranges covering more than MAX_CELLS_PER_WORKBOOK cells, `WORKBOOK_TOO_COMPLEX`. */
export const MAX_MERGED_RANGES_PER_WORKBOOK = 5_000;
/**
 * Evaluator rows (one evaluator's entry for one applicant) in one consolidation, all files
 * together. 500 applicants × 40 evaluators are 20,000; above 100,000 the request is refused
 * with 413 `CONSOLIDATION_TOO_LARGE` as soon as the count passes it, so the answer (about
 * 2 KB per applicant in JSON, a Details row per entry in the workbook) stays bounded.
 */
export const MAX_CONSOLIDATED_ROWS = 100_000;

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Why a whole file could not be read. The other files are read regardless. */
export const FILE_ERROR_CODES = [
  "EMPTY_FILE",
  "FILE_TOO_LARGE",
  "NOT_XLSX",
  /** No longer given (an .xls is read since); kept so that earlier answers still validate. */
  "LEGACY_XLS",
  "PASSWORD_PROTECTED",
  "CORRUPT_FILE",
  "ZIP_BOMB",
  "TOO_MANY_ROWS",
  "TOO_MANY_CELLS",
  "WORKBOOK_TOO_COMPLEX",
  "NO_RECOGNISABLE_SHEET",
  "DUPLICATE_FILE",
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** Something in a file that was read but needs a person's eye; it never becomes a silent zero. */
export const WARNING_CODES = [
  "UNREADABLE_SCORE",
  "UNREADABLE_ANSWER",
  "FORMULA_WITHOUT_VALUE",
  "FRACTION_IN_PERCENT_COLUMN",
  "ROW_WITHOUT_APPLICANT",
  "COLUMN_IGNORED",
  "DUPLICATE_COLUMN",
  "SHEET_SKIPPED",
  "TOO_MANY_WARNINGS",
  /** The file's evaluation entries equal another file's (see identical-submissions.ts). */
  "IDENTICAL_SUBMISSIONS",
  /** A track cell that names no track of the ruleset (or two). */
  "UNREADABLE_TRACK",
  /** A rubric item's points that are not a number from 0 to the item's maximum. */
  "UNREADABLE_POINTS",
  /** A rubric dimension's percent that is not what the same row's points give. */
  "POINTS_AND_PERCENT_DIFFER",
  /** The evaluator wrote applicants' names differently from the others under matching ids: once per evaluator. */
  "APPLICANT_NAMES_DIFFER",
  /** The file names no evaluator, so its evaluator is named after the file. */
  "EVALUATOR_FROM_FILE_NAME",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** What needs discussion about one applicant. */
export const FLAG_CODES = [
  "DISAGREEMENT",
  "MISSING_SCORE",
  "MISSING_ANSWER",
  "DUPLICATE_EVALUATOR",
  /** An evaluator wrote another applicant's name under this applicant's id: perhaps the wrong id. */
  "NAME_MISMATCH",
  "UNREADABLE_CELL",
  "IDENTICAL_SUBMISSIONS",
  /** The evaluators named different tracks for the applicant. */
  "TRACK_DISAGREEMENT",
  /** Some evaluators named the applicant's track and others left it blank. */
  "MISSING_TRACK",
  /** Some evaluators answered a requirement item and others left it blank. */
  "MISSING_REQUIREMENT",
  /** An evaluator gave a rubric dimension a percent while others gave it points per item. */
  "PERCENT_INSTEAD_OF_POINTS",
  /** An evaluator declared a conflict of interest with the applicant: none of their rows for it count. */
  "CONFLICT_OF_INTEREST",
  /** An evaluator declared a conflict in one row and evaluated the applicant in another: none of those rows count. */
  "CONFLICT_CONTRADICTED",
  /** Fewer evaluators count than the ruleset's `consolidation.minEvaluators` (1 when it names none). */
  "TOO_FEW_EVALUATORS",
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const ImportWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  sheet: z.string().nullable(),
  /** An A1 address, or null when the warning is about the whole sheet. */
  cell: z.string().nullable(),
  /** Says the file, sheet and cell too, e.g. `somchai.xlsx · Sheet1!E7: "eighty" is not a score`. */
  message: LocalizedTextSchema,
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

export const FileReportSchema = z.object({
  name: z.string(),
  /** The file's evaluator: from an Evaluator column, else a cell labelled Evaluator above the header, else the file name. */
  evaluator: z.string(),
  /** Every evaluator the file names (an Evaluator column may name several). */
  evaluators: z.array(z.string()),
  /** Names of the sheets that were recognised and read. */
  sheets: z.array(z.string()),
  /** Applicant rows read. */
  rows: z.number().int(),
  warnings: z.array(ImportWarningSchema),
  error: z.object({ code: z.enum(FILE_ERROR_CODES), message: LocalizedTextSchema }).optional(),
});
export type FileReport = z.infer<typeof FileReportSchema>;

export const FlagSchema = z.object({
  code: z.enum(FLAG_CODES),
  /** A dimension id, `overall`, or a criterion id, when the flag is about one of them. */
  dimension: z.string().optional(),
  criterion: z.string().optional(),
  /** A requirement group's id, with `item`, when the flag is about one of its items. */
  group: z.string().optional(),
  /** A requirement item (with `group`) or a rubric item (with `dimension`). */
  item: z.string().optional(),
  message: LocalizedTextSchema,
});
export type Flag = z.infer<typeof FlagSchema>;

/** One rubric item's points over the evaluators. */
export const ConsolidatedPointsSchema = z.object({
  id: z.string(),
  /** Mean or median of the points given; null when nobody gave this item (it counts 0). */
  points: z.number().nullable(),
  maxPoints: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  spread: z.number().nullable(),
  scored: z.number().int(),
  missing: z.number().int(),
  flags: z.array(z.enum(FLAG_CODES)),
});
export type ConsolidatedPoints = z.infer<typeof ConsolidatedPointsSchema>;

/** The consolidation of one score (a dimension, or the subcommittee overall) over the evaluators. */
export const ConsolidatedScoreSchema = z.object({
  id: z.string(),
  /** Mean or median of the scores given, as the ruleset's `consolidation.method` says. */
  percent: z.number(),
  min: z.number(),
  max: z.number(),
  spread: z.number(),
  /** Evaluators who gave a score. */
  scored: z.number().int(),
  /** Evaluators of this applicant who left it blank (or unreadable). */
  missing: z.number().int(),
  flags: z.array(z.enum(FLAG_CODES)),
  /**
   * A rubric dimension scored by points: each item's points consolidated over the evaluators
   * who gave them (mean or median, as for percents). The dimension's percent is then the
   * engine's: the items' consolidated points over their maximum; its min, max and spread are
   * of the percents of the evaluators who gave every item.
   */
  items: z.array(ConsolidatedPointsSchema).optional(),
});
export type ConsolidatedScore = z.infer<typeof ConsolidatedScoreSchema>;

export const ConsolidatedAnswerSchema = z.object({
  id: z.string(),
  /** True only if every evaluator who answered said yes; null when nobody answered. */
  holds: z.boolean().nullable(),
  yes: z.number().int(),
  no: z.number().int(),
  unanswered: z.number().int(),
  flags: z.array(z.enum(FLAG_CODES)),
});
export type ConsolidatedAnswer = z.infer<typeof ConsolidatedAnswerSchema>;

/** A requirement group (other than the preliminary criteria): its items over the evaluators. */
export const ConsolidatedRequirementGroupSchema = z.object({
  id: z.string(),
  /** From `evaluate`; null when the group is not in force for the applicant's track. */
  status: z.enum(["met", "notMet", "notAssessed"]).nullable(),
  items: z.array(ConsolidatedAnswerSchema),
});
export type ConsolidatedRequirementGroup = z.infer<typeof ConsolidatedRequirementGroupSchema>;

export const ConsolidatedTrackSchema = z.object({
  /** The track the applicant was evaluated under. */
  id: z.string(),
  name: LocalizedTextSchema,
  /**
   * `evaluators`: every evaluator who named one named this; `default`: nobody named one, so the
   * ruleset's default applies; `disputed`: evaluators named different tracks (flagged
   * TRACK_DISAGREEMENT), so the figures are the default track's until the committee decides.
   */
  source: z.enum(["evaluators", "default", "disputed"]),
  /** Each track named, with how many evaluators named it. */
  named: z.array(z.object({ id: z.string(), evaluators: z.number().int() })),
});
export type ConsolidatedTrack = z.infer<typeof ConsolidatedTrackSchema>;

export const ConsolidatedApplicantSchema = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  evaluators: z.array(z.string()),
  /** The proposed dimensions (scored by at least one evaluator), in the ruleset's order. */
  dimensions: z.array(ConsolidatedScoreSchema),
  /** The subcommittee's overall score, consolidated; null when no evaluator gave one. */
  subcommitteeOverall: ConsolidatedScoreSchema.nullable(),
  preliminary: z.array(ConsolidatedAnswerSchema),
  /** From `evaluate` on the consolidated scores. */
  overallPercent: z.number().nullable(),
  eligible: z.boolean(),
  reasons: z.array(ReasonSchema),
  flags: z.array(FlagSchema),
  // Later criteria: present only under a ruleset with tracks, requirement groups, rubrics or
  // outcome bands, so a 2018 ruleset's answer is unchanged.
  /** The outcome band of the consolidated figures. */
  outcome: z.object({ id: z.string(), name: LocalizedTextSchema }).optional(),
  /** Present when the ruleset has tracks. */
  track: ConsolidatedTrackSchema.optional(),
  /** Present when the ruleset has requirement groups, in its order. */
  requirements: z.array(ConsolidatedRequirementGroupSchema).optional(),
});
export type ConsolidatedApplicant = z.infer<typeof ConsolidatedApplicantSchema>;

export const ConsolidateResponseSchema = z.object({
  ruleset: RulesetSummarySchema,
  /** When the consolidation ran (ISO 8601). */
  consolidatedAt: z.string(),
  applicants: z.array(ConsolidatedApplicantSchema),
  files: z.array(FileReportSchema),
  /** Each evaluator's offset from the panel: shown, never applied (calibration-contract.ts). */
  calibration: CalibrationSchema,
});
export type ConsolidateResponse = z.infer<typeof ConsolidateResponseSchema>;

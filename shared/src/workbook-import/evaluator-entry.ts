import type { ImportWarning } from "../contract/consolidation-contract";
import type { LocalizedText } from "../text/localized-text";
import type { Rules } from "../rules/ruleset-schema";

/** What reading one evaluator's sheet gives: an entry per applicant row, with where each value came from. */
export interface CellValueAt<T> {
  value: T;
  /** The A1 address on its sheet. */
  cell: string;
}

export interface EvaluatorEntry {
  applicantId: string | null;
  applicantName: string | null;
  evaluator: string;
  /** The sheet names no evaluator, so `evaluator` is made from the file name. */
  namedFromFile?: true;
  file: string;
  sheet: string;
  /** 1-based row number on the sheet. */
  row: number;
  /** Readable dimension scores by dimension id. */
  scores: Record<string, CellValueAt<number>>;
  /** The subcommittee's overall score when the row gives one. */
  overall: CellValueAt<number> | null;
  /** Readable preliminary answers by criterion id. */
  answers: Record<string, CellValueAt<boolean>>;
  /**
   * The row's conflict-of-interest cell when it says something: true (declared), false (none), or
   * null when it could not be read, which the consolidation treats as declared (conflicts-of-interest.ts).
   * Absent when the cell is blank or the sheet has no such column (a blank cell declares nothing).
   */
  conflict?: CellValueAt<boolean | null>;
  /** Items (dimension id, `overall`, criterion id) whose cell could not be read. */
  unreadable: Array<{ item: string; cell: string; message: LocalizedText }>;
  // The later criteria's columns (only under a ruleset that has them). An unreadable one is in
  // `unreadable` keyed `track`, `group.item` or `dimension.item`.
  /** The track the row names, by id. */
  track?: CellValueAt<string>;
  /** Readable requirement answers: group id → item id → answer. Blank is not answered, never false. */
  requirements?: Record<string, Record<string, CellValueAt<boolean>>>;
  /** Readable rubric points: dimension id → item id → points. */
  points?: Record<string, Record<string, CellValueAt<number>>>;
}

export interface SheetReading {
  recognised: boolean;
  /** The evaluator named above the header, if any. */
  labelledEvaluator: string | null;
  entries: EvaluatorEntry[];
  warnings: ImportWarning[];
}

export const HEADER_SEARCH_ROWS = 20;

/** The rules a sheet is read under: the later criteria's constructs are optional (a 2018 ruleset has none). */
export type SheetRules = Pick<Rules, "dimensions" | "preliminaryCriteria"> &
  Partial<Pick<Rules, "requirementGroups" | "tracks" | "outcomes">>;

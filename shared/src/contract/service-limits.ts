import {
  MAX_CELLS_PER_WORKBOOK,
  MAX_CONSOLIDATE_FILES,
  MAX_CONSOLIDATE_REQUEST_BYTES,
  MAX_CONSOLIDATED_ROWS,
  MAX_MERGED_RANGES_PER_WORKBOOK,
  MAX_ROWS_PER_SHEET,
  MAX_WORKBOOK_BYTES,
  MAX_WORKBOOK_INFLATED_BYTES,
} from "./consolidation-contract";
import { MAX_APPLICATIONS_PER_BATCH, MAX_JSON_DEPTH, MAX_REQUEST_BYTES } from "./http-contract";
import { MAX_RULESET_CHARACTERS } from "../publishing/next-version";

/**
 * The service's documented limits, each with what answers it: the OpenAPI document lists
 * them (`x-limits`), and the limits tables of docs/api.md and docs/consolidation.md say the same. A file limit is that
 * file's own error in `files[]` (the other files are read); a request limit fails the request.
 */
/**
 * Old-generation heap of each worker that reads an uploaded workbook. A workbook at the cell
 * limit (20,000 rows × 25 columns) reads within it (tried: 10 s on a loaded core); two workers
 * and the service stay under 1 GB.
 */
export const WORKBOOK_READER_HEAP_MB = 256;
/** How long a worker may read one workbook: three times what one at the limits took on a loaded core. */
export const WORKBOOK_READ_DEADLINE_MS = 30_000;

export interface ServiceLimit {
  limit: string;
  value: number;
  unit: string;
  /** `400 CODE`, `413 CODE`, or `file CODE` for a per-file error of POST /api/consolidate. */
  answer: string;
}

export const SERVICE_LIMITS: readonly ServiceLimit[] = [
  {
    limit: "request body (JSON)",
    value: MAX_REQUEST_BYTES,
    unit: "bytes",
    answer: "413 REQUEST_TOO_LARGE",
  },
  {
    limit: "JSON nesting depth",
    value: MAX_JSON_DEPTH,
    unit: "levels",
    answer: "400 JSON_TOO_DEEP",
  },
  {
    limit: "ruleset (publish or proposal)",
    value: MAX_RULESET_CHARACTERS,
    unit: "characters of JSON",
    answer: "413 RULESET_TOO_LARGE",
  },
  {
    limit: "applications per evaluate request",
    value: MAX_APPLICATIONS_PER_BATCH,
    unit: "applications",
    answer: "413 BATCH_TOO_LARGE",
  },
  {
    limit: "files per consolidation",
    value: MAX_CONSOLIDATE_FILES,
    unit: "files",
    answer: "413 TOO_MANY_FILES",
  },
  {
    limit: "consolidation request body (multipart: the files and their parts)",
    value: MAX_CONSOLIDATE_REQUEST_BYTES,
    unit: "bytes",
    answer: "413 REQUEST_TOO_LARGE",
  },
  {
    limit: "workbook size",
    value: MAX_WORKBOOK_BYTES,
    unit: "bytes",
    answer: "file FILE_TOO_LARGE",
  },
  {
    limit: "workbook inflated size",
    value: MAX_WORKBOOK_INFLATED_BYTES,
    unit: "bytes",
    answer: "file ZIP_BOMB",
  },
  {
    limit: "rows per sheet",
    value: MAX_ROWS_PER_SHEET,
    unit: "rows",
    answer: "file TOO_MANY_ROWS",
  },
  {
    limit: "cells per workbook",
    value: MAX_CELLS_PER_WORKBOOK,
    unit: "cells",
    answer: "file TOO_MANY_CELLS",
  },
  {
    limit: "merged ranges per workbook (and the cells they cover: the cells limit)",
    value: MAX_MERGED_RANGES_PER_WORKBOOK,
    unit: "ranges",
    answer: "file WORKBOOK_TOO_COMPLEX",
  },
  {
    limit: "memory to read one workbook (a worker's heap)",
    value: WORKBOOK_READER_HEAP_MB,
    unit: "MB",
    answer: "file WORKBOOK_TOO_COMPLEX",
  },
  {
    limit: "time to read one workbook",
    value: WORKBOOK_READ_DEADLINE_MS / 1000,
    unit: "seconds",
    answer: "file WORKBOOK_TOO_COMPLEX",
  },
  {
    limit: "evaluator rows per consolidation (the answer's size)",
    value: MAX_CONSOLIDATED_ROWS,
    unit: "rows",
    answer: "413 CONSOLIDATION_TOO_LARGE",
  },
];

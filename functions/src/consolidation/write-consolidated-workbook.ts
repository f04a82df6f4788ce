import {
  type ConsolidateResponse,
  type EvaluatorEntry,
  formatBangkokDateTime,
  formatDate,
  bangkokDate,
  type Ruleset,
  trackBars,
  workbookMessages,
} from "@smartcity/shared";
import { PassThrough } from "node:stream";
import { stream } from "exceljs";
import { detailsPlan } from "./workbook/details-sheet";
import { issuesPlan } from "./workbook/issues-sheet";
import "./workbook/plain-data-bars";
import { writeSheet } from "./workbook/sheet-writer";
import { summaryPlan } from "./workbook/summary-sheet";

/**
 * The consolidated workbook a secretary prints and sends to the committee:
 * Summary (the rules applied, then one row per applicant), Details (every
 * evaluator's raw values, with where each came from) and Issues (each flag,
 * warning and file error once). Every sheet prints on A4 landscape, one page
 * wide, with the header row on each page and a header and footer naming the
 * ruleset, the approval and the date in Thai (Buddhist Era) and English, and
 * "page x of y". Times are Bangkok time. Texts are text cells: a name like
 * "=cmd|..." never becomes a formula (only exceljs formula objects are written
 * as formulas, and nothing here builds one).
 *
 * It is written with exceljs's streaming writer: 50 evaluators × 200
 * applicants make 10,000 Details rows, which the in-memory model holds all at
 * once (over a gigabyte when Details had a row per value); streamed, each row
 * is written and dropped. The streaming writer makes no Excel tables and no
 * charts, so the header carries filters and the scores data bars; the add-in
 * turns each sheet into a table when it inserts them into a workbook.
 */
export interface ConsolidatedWorkbookInput {
  response: ConsolidateResponse;
  ruleset: Ruleset;
  entries: readonly EvaluatorEntry[];
  superseded: ReadonlySet<EvaluatorEntry>;
}

export async function writeConsolidatedWorkbook(input: ConsolidatedWorkbookInput): Promise<Buffer> {
  const { response, ruleset, entries, superseded } = input;
  const rules = ruleset.rules;
  // Each applicant's (and each evaluator's row's) bars are its track's, as evaluate held it to.
  const barsOf = (trackId?: string) => trackBars(ruleset, trackId);
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = "Smart City scoring service";
  workbook.created = new Date(response.consolidatedAt);

  const { version, approval } = response.ruleset;
  const at = formatBangkokDateTime(response.consolidatedAt);
  const title = workbookMessages.title(version, approval.reference, at);
  const day = formatDate(bangkokDate(response.consolidatedAt));
  const pageHeader = {
    left: {
      th: `ชุดเกณฑ์ฉบับที่ ${version} · มติ ${approval.reference}`,
      en: `Ruleset version ${version} · approval ${approval.reference}`,
    },
    right: { th: `รวมผล ${day.th}`, en: `Consolidated ${day.en}` },
  };
  const titleText = `${title.th}\n${title.en}`;
  writeSheet(workbook, summaryPlan(response, rules, barsOf, { title: titleText, pageHeader }));
  writeSheet(workbook, detailsPlan(rules, barsOf, entries, superseded, pageHeader, titleText));
  writeSheet(workbook, issuesPlan(response, rules, entries, pageHeader, titleText));
  await workbook.commit();
  return Buffer.concat(chunks);
}

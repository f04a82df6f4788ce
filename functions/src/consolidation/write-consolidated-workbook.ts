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
import { calibrationPlan } from "./workbook/calibration-sheet";
import { detailsPlan } from "./workbook/details-sheet";
import { issuesPlan } from "./workbook/issues-sheet";
import { FONT, writeSheet } from "./workbook/sheet-writer";
import { summaryPlan } from "./workbook/summary-sheet";

/**
 * The consolidated workbook a secretary prints and sends to the committee:
 * Summary (the rules applied, then one row per applicant), Details (every
 * evaluator's raw values, with where each came from), Issues (each flag,
 * warning and file error once) and Calibration (each evaluator's offset from the
 * panel: shown, never applied). Every sheet prints on A4 landscape (one page
 * wide where that keeps 9 pt: workbook/page-setup.ts), with the header row on
 * each page and a header and footer naming the ruleset, the approval and the
 * date in Thai (Buddhist Era) and English, and "page x of y". Times are Bangkok
 * time. Texts are text cells: a name like "=cmd|..." never becomes a formula;
 * the one formula written is the Summary's link to an applicant's issues
 * (HYPERLINK over the service's own words and a row number, nothing read).
 *
 * It is written with exceljs's streaming writer: 50 evaluators × 200
 * applicants make 10,000 Details rows, which the in-memory model holds all at
 * once (over a gigabyte when Details had a row per value); streamed, each row
 * is written and dropped. The streaming writer makes no Excel tables and no
 * charts, so the header carries filters; the add-in turns each sheet into a
 * table when it inserts them into a workbook. Scores print as numbers in green
 * or red against their bar, with no data bars: a bar drawn in the cell printed
 * as a full-height block that hid the number's colour.
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
  // The default font (the workbook's first) is the unit of every column's width: the body's
  // Tahoma 10, not exceljs's Calibri 11, so a width in units fits the same text in Excel and in
  // LibreOffice, whichever font stands in for Tahoma (text-measure.ts). The streaming writer
  // has no option for it; its styles add the first font they are given as the default.
  (workbook as unknown as { styles: { _addFont(font: object): number } }).styles._addFont({
    ...FONT,
    family: 2,
  });
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
  // Planned first, written last: the Summary's labels link to its rows.
  const issues = issuesPlan(response, rules, entries, pageHeader, titleText);
  writeSheet(
    workbook,
    summaryPlan(
      response,
      rules,
      barsOf,
      { title: titleText, pageHeader },
      (index) => issues.firstRows[index]
    )
  );
  writeSheet(workbook, detailsPlan(rules, barsOf, entries, superseded, pageHeader, titleText));
  writeSheet(workbook, issues.plan);
  writeSheet(workbook, calibrationPlan(response.calibration, rules, pageHeader, titleText));
  await workbook.commit();
  return Buffer.concat(chunks);
}

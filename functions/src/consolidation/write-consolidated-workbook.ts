import {
  APPLICANT_ID_HEADER,
  APPLICANT_NAME_HEADER,
  bilingualHeader,
  columnLetter,
  type ConsolidateResponse,
  dimensionsBelowBar,
  type EvaluatorEntry,
  type Rules,
  SUBCOMMITTEE_OVERALL_HEADER,
} from "@smartcity/shared";
import { PassThrough } from "node:stream";
import { type Cell, type Row, stream, type Worksheet } from "exceljs";

/**
 * The consolidated workbook: Summary (one row per applicant), Details (every
 * evaluator's raw values, a row per evaluator and applicant, with the file,
 * sheet, row and each value's cell) and Issues
 * (every flag, warning and file error). Each sheet has the ruleset version and
 * the time in row 1, a bilingual header in row 2 (frozen, with filters), and
 * its data below. The Summary's headers are those the import reads (as the
 * add-in's evaluation sheet has them), so the consolidated workbook can itself
 * be read back as one evaluator's scores. Texts are written as text cells: a name like "=cmd|..." can
 * never become a formula, because only exceljs formula objects are written as
 * formulas and nothing here builds one.
 *
 * It is written with exceljs's streaming writer: 50 evaluators × 200
 * applicants make 10,000 Details rows, which the in-memory workbook model
 * holds all at once (over a gigabyte when Details had a row per value);
 * streamed, each row is written and dropped, and Node's zlib deflates. The streaming
 * writer has no Excel tables, so the header carries filters instead; the
 * add-in turns each sheet into a table when it inserts them into a workbook.
 */
export interface ConsolidatedWorkbookInput {
  response: ConsolidateResponse;
  rules: Pick<Rules, "dimensions" | "preliminaryCriteria">;
  entries: readonly EvaluatorEntry[];
  superseded: ReadonlySet<EvaluatorEntry>;
}

type CellData = string | number | boolean | null;
interface Column {
  header: string;
  width: number;
}

const PASS = { fill: "FFDFF6DD", font: "FF107C10" };
const FAIL = { fill: "FFFDE7E9", font: "FFA4262C" };

export async function writeConsolidatedWorkbook(input: ConsolidatedWorkbookInput): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = "Smart City scoring service";
  workbook.created = new Date(input.response.consolidatedAt);
  writeSummary(workbook, input);
  writeDetails(workbook, input);
  writeIssues(workbook, input);
  await workbook.commit();
  return Buffer.concat(chunks);
}

type WorkbookWriter = InstanceType<typeof stream.xlsx.WorkbookWriter>;

function writeSummary(
  workbook: WorkbookWriter,
  { response, rules }: ConsolidatedWorkbookInput
): void {
  const dimensions = rules.dimensions;
  const columns: Column[] = [
    { header: APPLICANT_ID_HEADER, width: 14 },
    { header: APPLICANT_NAME_HEADER, width: 28 },
    { header: "จำนวนผู้ประเมิน / Number of evaluators", width: 10 },
    { header: "ผ่านเกณฑ์ / Eligible", width: 11 },
    { header: "คะแนนรวม / Overall %", width: 11 },
    ...dimensions.map((dimension) => ({
      header: `${bilingualHeader(dimension.name)} %`,
      width: 13,
    })),
    { header: SUBCOMMITTEE_OVERALL_HEADER, width: 14 },
    { header: "ประเด็นที่ต้องพิจารณา / Flags", width: 40 },
    { header: "เหตุผล / Reasons (ไทย)", width: 50 },
    { header: "Reasons (English)", width: 50 },
  ];
  const rows = response.applicants.map((applicant) => {
    const percentOf = new Map(applicant.dimensions.map((score) => [score.id, score.percent]));
    return [
      applicant.id,
      applicant.name,
      applicant.evaluators.length,
      applicant.eligible,
      applicant.overallPercent,
      ...dimensions.map((dimension) => percentOf.get(dimension.id) ?? null),
      applicant.subcommitteeOverall?.percent ?? null,
      applicant.flags
        .map((flag) => flagLabel(flag.code, flag.dimension ?? flag.criterion))
        .join("\n"),
      applicant.reasons.map((reason) => reason.message.th).join("\n"),
      applicant.reasons.map((reason) => reason.message.en).join("\n"),
    ];
  });
  writeSheet(workbook, "Summary", response, columns, rows, (row, index) => {
    const applicant = response.applicants[index];
    paint(row.getCell(4), applicant.eligible ? PASS : FAIL);
    const below = dimensionsBelowBar(applicant.reasons);
    dimensions.forEach((dimension, offset) => {
      const cell = row.getCell(6 + offset);
      if (cell.value !== null) paint(cell, below.has(dimension.id) ? FAIL : PASS);
    });
  });
}

function writeDetails(workbook: WorkbookWriter, input: ConsolidatedWorkbookInput): void {
  const { rules, entries, superseded, response } = input;
  const { dimensions, preliminaryCriteria } = rules;
  const columns: Column[] = [
    { header: APPLICANT_ID_HEADER, width: 14 },
    { header: APPLICANT_NAME_HEADER, width: 28 },
    { header: "ผู้ประเมิน / Evaluator", width: 18 },
    { header: "นับรวม / Counted", width: 9 },
    ...dimensions.map((dimension) => ({
      header: bilingualHeader(dimension.name),
      width: 12,
    })),
    { header: SUBCOMMITTEE_OVERALL_HEADER, width: 12 },
    ...preliminaryCriteria.map((criterion) => ({
      header: bilingualHeader(criterion.name),
      width: 12,
    })),
    { header: "ไฟล์ / File", width: 22 },
    { header: "ชีต / Sheet", width: 14 },
    { header: "แถว / Row", width: 7 },
    { header: "เซลล์ของแต่ละค่า / Cell of each value", width: 40 },
  ];
  writeSheet(workbook, "Details", response, columns, detailRows(rules, entries, superseded));
}

/**
 * One row per evaluator's entry (an applicant's row in an evaluator's sheet),
 * with every value as the evaluator gave it, where it came from, and each
 * value's own cell ("environment H7, energy I7"). Laid out like an evaluation
 * sheet, so the import reads it back as the evaluators' scores.
 */
function* detailRows(
  rules: ConsolidatedWorkbookInput["rules"],
  entries: readonly EvaluatorEntry[],
  superseded: ReadonlySet<EvaluatorEntry>
): Generator<CellData[]> {
  for (const entry of entries) {
    const cells: string[] = [];
    const scoreOf = (id: string) => {
      const score = entry.scores[id];
      if (score !== undefined) cells.push(`${id} ${score.cell}`);
      return score?.value ?? null;
    };
    const scores = rules.dimensions.map((dimension) => scoreOf(dimension.id));
    if (entry.overall) cells.push(`overall ${entry.overall.cell}`);
    const answers = rules.preliminaryCriteria.map((criterion) => {
      const answer = entry.answers[criterion.id];
      if (answer !== undefined) cells.push(`${criterion.id} ${answer.cell}`);
      return answer?.value ?? null;
    });
    yield [
      entry.applicantId,
      entry.applicantName,
      entry.evaluator,
      !superseded.has(entry),
      ...scores,
      entry.overall?.value ?? null,
      ...answers,
      entry.file,
      entry.sheet,
      entry.row,
      cells.join(", "),
    ];
  }
}

function writeIssues(workbook: WorkbookWriter, { response }: ConsolidatedWorkbookInput): void {
  const columns: Column[] = [
    { header: "ประเภท / Code", width: 22 },
    { header: APPLICANT_ID_HEADER, width: 14 },
    { header: APPLICANT_NAME_HEADER, width: 24 },
    { header: "รายการ / Item", width: 16 },
    { header: "ไฟล์ / File", width: 22 },
    { header: "ชีต / Sheet", width: 14 },
    { header: "เซลล์ / Cell", width: 10 },
    { header: "ข้อความ (ไทย)", width: 60 },
    { header: "Message (English)", width: 60 },
  ];
  const rows: CellData[][] = [];
  for (const applicant of response.applicants) {
    for (const flag of applicant.flags) {
      rows.push([
        flag.code,
        applicant.id,
        applicant.name,
        flag.dimension ?? flag.criterion ?? null,
        null,
        null,
        null,
        flag.message.th,
        flag.message.en,
      ]);
    }
  }
  for (const file of response.files) {
    if (file.error)
      rows.push([
        file.error.code,
        null,
        null,
        null,
        file.name,
        null,
        null,
        file.error.message.th,
        file.error.message.en,
      ]);
    for (const warning of file.warnings)
      rows.push([
        warning.code,
        null,
        null,
        null,
        file.name,
        warning.sheet,
        warning.cell,
        warning.message.th,
        warning.message.en,
      ]);
  }
  writeSheet(workbook, "Issues", response, columns, rows);
}

function writeSheet(
  workbook: WorkbookWriter,
  name: string,
  response: ConsolidateResponse,
  columns: readonly Column[],
  rows: Iterable<CellData[]>,
  format?: (row: Row, index: number) => void
): void {
  const lastColumn = columnLetter(columns.length - 1);
  const sheet: Worksheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 2 }],
  });
  sheet.autoFilter = `A2:${lastColumn}2`;
  sheet.columns = columns.map((column) => ({ width: column.width }));
  const { version, approval } = response.ruleset;
  const title = sheet.addRow([
    `ชุดเกณฑ์ฉบับที่ ${version} (มติ ${approval.reference}) · รวมผลเมื่อ ${response.consolidatedAt}` +
      ` / Ruleset version ${version} (approval ${approval.reference}) · consolidated ${response.consolidatedAt}`,
  ]);
  title.font = { bold: true };
  title.commit();
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
  header.alignment = { wrapText: true, vertical: "top" };
  header.height = 32;
  header.commit();
  let index = 0;
  for (const values of rows) {
    const row = sheet.addRow(values);
    format?.(row, index++);
    row.commit();
  }
  sheet.commit();
}

function paint(cell: Cell, colours: { fill: string; font: string }): void {
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colours.fill } };
  cell.font = { color: { argb: colours.font } };
}

function flagLabel(code: string, item: string | undefined): string {
  return item ? `${code}: ${item}` : code;
}

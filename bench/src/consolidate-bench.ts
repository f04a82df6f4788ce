import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  BASELINE_RULESET,
  type ConsolidateResponse,
  consolidate,
  type EvaluatorEntry,
  type FileReport,
  summariseRuleset,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import { signDevToken } from "@smartcity/functions/dist/auth/dev-keys";
import { readUpload } from "@smartcity/functions/dist/consolidation/read-upload";
import { writeConsolidatedWorkbook } from "@smartcity/functions/dist/consolidation/write-consolidated-workbook";
import { startService } from "./http-bench";
import { elapsedMs, format, median } from "./stats";
import { RssSampler, rssBytes, SAMPLE_EVERY_MS } from "./harness/rss-sampler";
import { evaluatorWorkbooks, multipartBody, type UploadFile } from "./consolidate-upload";

/**
 * POST /api/consolidate, end to end: 50 evaluators' workbooks of 200 applicants each (the
 * add-in's evaluation sheet, generated deterministically here) in one multipart request over
 * loopback to the service in its own process, answered as JSON and as the consolidated .xlsx;
 * the service process's peak RSS (the kernel's VmHWM, reset before each series, and VmRSS
 * sampled every 20 ms); and the same steps in a fresh process without HTTP (consolidate-process.ts).
 */
export interface ConsolidateOptions {
  evaluators?: number;
  applicants?: number;
  rounds?: number;
  /** Options for the service's node, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]. */
  serviceNodeArgs?: string[];
}

export interface SeriesFigures {
  answer: "json" | "xlsx";
  timesMs: number[];
  responseBytes: number;
  /** VmHWM after the series (reset before it when the kernel allows), in bytes. */
  peakRssBytes: number;
  /** Whether VmHWM could be reset before the series (else it is the peak since the service started). */
  peakResetBeforeSeries: boolean;
  /** The highest VmRSS of the 20 ms samples, in bytes. */
  sampledMaxRssBytes: number;
  samples: number;
}

export interface ConsolidateFigures {
  evaluators: number;
  applicants: number;
  rounds: number;
  generateMs: number;
  uploadBytes: number;
  requestBytes: number;
  idleRssBytes: number;
  series: SeriesFigures[];
  inProcess: { json: InProcessRound[]; xlsx: InProcessRound[] };
  /** Rows of the consolidated workbook's Details sheet: one per evaluator and applicant. */
  detailsRows: number;
  answer: {
    applicants: number;
    rows: number;
    fileErrors: number;
    warnings: number;
    flags: Record<string, number>;
    eligible: number;
  };
}

const SECONDS_TARGET = 5;
const RSS_TARGET_MB = 512;
const MB = 1024 * 1024;
const run = promisify(execFile);

export async function benchConsolidate(
  keyFile: string,
  options: ConsolidateOptions = {}
): Promise<ConsolidateFigures> {
  const evaluators = options.evaluators ?? 50;
  const applicants = options.applicants ?? 200;
  const rounds = options.rounds ?? 5;

  const generating = process.hrtime.bigint();
  const files = await evaluatorWorkbooks(evaluators, applicants);
  const generateMs = elapsedMs(generating);
  const boundary = "----smartcity-bench-7f3a9c1e";
  const body = multipartBody(boundary, BASELINE_RULESET.version, files);
  const uploadBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);

  const api = await startService(keyFile, {}, options.serviceNodeArgs);
  const series: SeriesFigures[] = [];
  let idleRssBytes = 0;
  let answer: ConsolidateFigures["answer"] | undefined;
  try {
    const token = await signDevToken(keyFile, { roles: ["Secretary"] });
    const post = async (accept: string) => {
      const start = process.hrtime.bigint();
      const response = await fetch(`${api.url}/api/consolidate`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          accept,
        },
        body,
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const ms = elapsedMs(start);
      if (response.status !== 200)
        throw new Error(
          `consolidate answered ${response.status}: ${bytes.toString("utf8", 0, 300)}`
        );
      return { ms, bytes, contentType: response.headers.get("content-type") ?? "" };
    };
    idleRssBytes = rssBytes(api.pid).rss;
    for (const [kind, accept] of [
      ["json", "application/json"],
      ["xlsx", XLSX_MEDIA_TYPE],
    ] as const) {
      const warmUp = await post(accept);
      if (accept === XLSX_MEDIA_TYPE) {
        if (!warmUp.contentType.startsWith(XLSX_MEDIA_TYPE) || warmUp.bytes[0] !== 0x50)
          throw new Error(`the xlsx answer came as ${warmUp.contentType}`);
      } else {
        answer = summariseAnswer(JSON.parse(warmUp.bytes.toString("utf8")) as ConsolidateResponse);
      }
      const sampler = new RssSampler(api.pid);
      const times: number[] = [];
      let responseBytes = warmUp.bytes.length;
      try {
        for (let round = 0; round < rounds; round++) {
          const { ms, bytes } = await post(accept);
          times.push(ms);
          responseBytes = bytes.length;
        }
      } finally {
        series.push({ answer: kind, timesMs: times, responseBytes, ...sampler.stop() });
      }
    }
  } finally {
    await api.stop();
  }

  // In process: the same files through the handler's own steps, without HTTP, in a fresh
  // process of its own (as the service is), JSON rounds first, then the workbook's.
  const folder = mkdtempSync(path.join(os.tmpdir(), "smartcity-consolidate-"));
  let inProcess: { json: InProcessRound[]; xlsx: InProcessRound[]; detailsRows: number };
  try {
    for (const file of files) writeFileSync(path.join(folder, file.name), file.bytes);
    const output = await run(process.execPath, [
      path.join(__dirname, "consolidate-process.js"),
      folder,
      String(rounds),
    ]);
    inProcess = JSON.parse(output.stdout) as typeof inProcess;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const { detailsRows } = inProcess;

  if (answer === undefined) throw new Error("no JSON answer was read");
  return {
    evaluators,
    applicants,
    rounds,
    generateMs,
    uploadBytes,
    requestBytes: body.length,
    idleRssBytes,
    series,
    inProcess: { json: inProcess.json, xlsx: inProcess.xlsx },
    detailsRows,
    answer,
  };
}

/** One in-process round: the handler's steps on the same files, without HTTP. */
export interface InProcessRound {
  /** readUpload of every file (inspection, exceljs load, sheet reading). */
  readMs: number;
  consolidateMs: number;
  /** JSON.stringify of the response, or writeConsolidatedWorkbook. */
  answerMs: number;
}

export async function inProcessRounds(
  files: readonly UploadFile[],
  rounds: number,
  answer: "json" | "xlsx"
): Promise<{ rounds: InProcessRound[]; detailsRows: number }> {
  const ruleset = BASELINE_RULESET;
  const measured: InProcessRound[] = [];
  let detailsRows = 0;
  for (let round = 0; round <= rounds; round++) {
    let start = process.hrtime.bigint();
    const reports: FileReport[] = [];
    const entries: EvaluatorEntry[] = [];
    for (const file of files) {
      const reading = await readUpload(
        { kind: "file", field: "files", filename: file.name, bytes: file.bytes, tooLarge: false },
        ruleset.rules
      );
      reports.push(reading.report);
      for (const entry of reading.entries) entries.push(entry);
    }
    const readMs = elapsedMs(start);
    start = process.hrtime.bigint();
    const { applicants, superseded, calibration } = consolidate(entries, ruleset);
    const response: ConsolidateResponse = {
      ruleset: summariseRuleset(ruleset),
      consolidatedAt: new Date().toISOString(),
      applicants,
      files: reports,
      calibration,
    };
    const consolidateMs = elapsedMs(start);
    start = process.hrtime.bigint();
    if (answer === "json") JSON.stringify(response);
    else await writeConsolidatedWorkbook({ response, ruleset, entries, superseded });
    const answerMs = elapsedMs(start);
    detailsRows = entries.length;
    if (round > 0) measured.push({ readMs, consolidateMs, answerMs }); // round 0 warms up
  }
  return { rounds: measured, detailsRows };
}

export function describeConsolidate(figures: ConsolidateFigures): string[] {
  const mb = (bytes: number) => (bytes / MB).toFixed(bytes < 10 * MB ? 2 : 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const { inProcess } = figures;
  const total = (rounds: InProcessRound[]) =>
    median(rounds.map((round) => round.readMs + round.consolidateMs + round.answerMs));
  const step = (rounds: InProcessRound[], key: keyof InProcessRound) =>
    median(rounds.map((round) => round[key]));
  const read = step(inProcess.json, "readMs");
  const flags = Object.entries(figures.answer.flags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code} ${count}`)
    .join(", ");
  const lines = [
    `POST /api/consolidate over loopback (service in its own process, Azurite in memory): ${figures.evaluators} evaluator workbooks × ${figures.applicants} applicants, the add-in's evaluation sheet:`,
    `  upload: ${mb(figures.uploadBytes)} MB of .xlsx (${mb(figures.uploadBytes / figures.evaluators)} MB each; multipart body ${mb(figures.requestBytes)} MB), generated in ${seconds(figures.generateMs)} s`,
    `  answer: ${figures.answer.applicants} applicants (${figures.answer.eligible} eligible), ${figures.answer.rows.toLocaleString("en")} rows read, ${figures.answer.fileErrors} file errors, ${figures.answer.warnings} warnings; flags: ${flags || "none"}`,
  ];
  for (const series of figures.series) {
    const med = median(series.timesMs);
    const max = Math.max(...series.timesMs);
    const base = total(series.answer === "json" ? inProcess.json : inProcess.xlsx);
    const label =
      series.answer === "json"
        ? "JSON answer (ConsolidateResponse)"
        : `xlsx answer (Summary, Details of ${figures.detailsRows.toLocaleString("en")} rows — one per evaluator and applicant —, Issues)`;
    lines.push(
      `  ${label}, ${mb(series.responseBytes)} MB: median ${seconds(med)} s, max ${seconds(max)} s over ${series.timesMs.length} rounds after a warm-up (${series.timesMs.map(seconds).join(", ")})   (target ≤ ${SECONDS_TARGET} s${max <= SECONDS_TARGET * 1000 ? ": met" : ": NOT MET"}); same steps in process ${seconds(base)} s (HTTP / in process ${(med / base).toFixed(2)}×)`,
      `    service peak RSS: ${mb(series.peakRssBytes)} MB (VmHWM${series.peakResetBeforeSeries ? ", reset before these rounds" : " since start"}; highest of ${series.samples} VmRSS samples every ${SAMPLE_EVERY_MS} ms ${mb(series.sampledMaxRssBytes)} MB)   (target ≤ ${RSS_TARGET_MB} MB${series.peakRssBytes <= RSS_TARGET_MB * MB ? ": met" : ": NOT MET"})`
    );
  }
  lines.push(
    `  service RSS idle before the rounds: ${mb(figures.idleRssBytes)} MB`,
    `  in process, same ${figures.evaluators} workbooks (no HTTP), median of ${inProcess.json.length} after a warm-up: readUpload ×${figures.evaluators} ${format(read)} ms (${format(read / figures.evaluators)} ms per file), consolidate ${format(step(inProcess.json, "consolidateMs"))} ms, JSON.stringify ${format(step(inProcess.json, "answerMs"))} ms; writeConsolidatedWorkbook ${format(step(inProcess.xlsx, "answerMs"))} ms`
  );
  return lines;
}

function summariseAnswer(response: ConsolidateResponse): ConsolidateFigures["answer"] {
  const flags: Record<string, number> = {};
  for (const applicant of response.applicants) {
    for (const flag of applicant.flags) flags[flag.code] = (flags[flag.code] ?? 0) + 1;
  }
  return {
    applicants: response.applicants.length,
    rows: response.files.reduce((sum, file) => sum + file.rows, 0),
    fileErrors: response.files.filter((file) => file.error !== undefined).length,
    warnings: response.files.reduce((sum, file) => sum + file.warnings.length, 0),
    flags,
    eligible: response.applicants.filter((applicant) => applicant.eligible).length,
  };
}

import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import {
  consolidateReadings,
  type Ruleset,
  type WorkbookReading,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import { requireRole } from "../auth/authenticate";
import { noFiles, readMultipart } from "../consolidation/read-multipart";
import { UploadReadings } from "../consolidation/upload-readings";
import { writeConsolidatedWorkbook } from "../consolidation/write-consolidated-workbook";
import { HttpError } from "../http/http-error";
import { json } from "../http/respond";
import type { Services } from "../services";
import { findVersion, rulesetInForce } from "./rulesets";

/**
 * POST /api/consolidate — the secretary's upload of evaluators' workbooks
 * (multipart/form-data: `rulesetVersion` first if any, then `files`). Each
 * file is read as it arrives, under the ruleset chosen before the files (the
 * query's or the form's `rulesetVersion`, else the version in force); a bad
 * file gets its own error and never fails the others. JSON by default, the
 * consolidated workbook when the client accepts it.
 *
 * Files are read in the worker pool, a few at a time (upload-readings.ts:
 * also `DUPLICATE_FILE` and the row limit); files whose entries are the same
 * are counted once (shared's consolidate-readings.ts). Everything is decided
 * before the answer is written: it is one JSON text or one workbook buffer.
 */
export async function consolidateWorkbooks(
  request: HttpRequest,
  _context: unknown,
  services: Services
): Promise<HttpResponseInit> {
  requireRole(await services.authenticate(request.headers.get("authorization")), [
    "Secretary",
    "Admin",
  ]);
  const queryVersion = request.query.get("rulesetVersion");
  let ruleset: Ruleset | undefined =
    queryVersion !== null ? await findVersion(services, queryVersion) : undefined;
  const uploads = new UploadReadings(services.workbooks);
  let readings: WorkbookReading[];
  try {
    for await (const part of readMultipart(request)) {
      if (part.kind === "field") {
        ruleset = await rulesetFromField(services, part.name, part.value, uploads.count, ruleset);
        continue;
      }
      if (part.field !== "files") throw unknownField(part.field);
      ruleset ??= await rulesetInForce(services);
      await uploads.add(part, ruleset.rules);
    }
    if (uploads.count === 0 || ruleset === undefined) throw noFiles();
    readings = await uploads.all();
  } finally {
    uploads.stop();
  }

  const { response, entries, superseded, conflicted } = consolidateReadings(
    readings,
    ruleset,
    new Date().toISOString()
  );
  const headers = { "x-ruleset-version": ruleset.version };
  if (!acceptsWorkbook(request)) return json(200, response, headers);
  const workbook = await writeConsolidatedWorkbook({
    response,
    ruleset,
    entries,
    superseded,
    conflicted,
  });
  const stamp = response.consolidatedAt.slice(0, 10);
  return {
    status: 200,
    headers: {
      ...headers,
      "content-type": XLSX_MEDIA_TYPE,
      "content-disposition": `attachment; filename="smartcity-consolidated-v${ruleset.version}-${stamp}.xlsx"`,
    },
    body: workbook,
  };
}

async function rulesetFromField(
  services: Services,
  name: string,
  value: string,
  filesSoFar: number,
  chosen: Ruleset | undefined
): Promise<Ruleset> {
  if (name !== "rulesetVersion") throw unknownField(name);
  if (filesSoFar > 0) {
    throw new HttpError(400, "FIELD_AFTER_FILES", {
      th: "ต้องส่ง rulesetVersion ก่อนไฟล์ (หรือระบุใน URL เป็น ?rulesetVersion=)",
      en: "Send rulesetVersion before the files (or as ?rulesetVersion= in the query string): the files are read under it as they arrive",
    });
  }
  const ruleset = await findVersion(services, value.trim());
  if (chosen !== undefined && chosen.version !== ruleset.version) {
    throw new HttpError(400, "CONFLICTING_VERSIONS", {
      th: `ระบุฉบับของชุดเกณฑ์ไม่ตรงกัน (${chosen.version} และ ${ruleset.version})`,
      en: `Two different ruleset versions were given (${chosen.version} and ${ruleset.version})`,
    });
  }
  return ruleset;
}

function unknownField(name: string): HttpError {
  return new HttpError(400, "UNKNOWN_FIELD", {
    th: `ไม่รู้จักฟิลด์ "${name}" (ใช้ได้: rulesetVersion, files)`,
    en: `Unknown form field "${name}" (allowed: rulesetVersion, files)`,
  });
}

function acceptsWorkbook(request: HttpRequest): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes(XLSX_MEDIA_TYPE);
}

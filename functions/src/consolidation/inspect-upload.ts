import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import {
  type FileErrorCode,
  fileErrorMessages,
  type LocalizedText,
  MAX_WORKBOOK_INFLATED_BYTES,
  MAX_ZIP_COMPRESSION_RATIO,
} from "@smartcity/shared";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { SheetLimits, sheetNamesByPart, WorkbookBudget } from "./workbook-xml-limits";

/**
 * Deciding, before any spreadsheet library sees the bytes, whether an upload
 * is an .xlsx that is safe to open.
 *
 * - By its first bytes: a zip (an .xlsx is one), an OLE compound file (a
 *   password-protected .xlsx is one, holding an `EncryptedPackage` stream; so
 *   is a legacy .xls), a PDF, or text (a CSV).
 * - A zip's central directory is read without inflating anything: the sizes
 *   its entries declare must stay within MAX_WORKBOOK_INFLATED_BYTES and
 *   MAX_ZIP_COMPRESSION_RATIO, and it must hold `xl/workbook.xml`.
 * - Declared sizes can lie, so every entry is then inflated once, into
 *   nothing, with yauzl checking that no entry inflates past what it
 *   declared: a lying bomb stops at its declared size instead of filling memory.
 * - While the sheets inflate, their XML is counted against the workbook limits
 *   (rows, cells, merged ranges: workbook-xml-limits.ts), so exceljs never
 *   sees a file it would expand past them.
 */
export type Inspection = { ok: true } | { ok: false; code: FileErrorCode; message: LocalizedText };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PDF = Buffer.from("%PDF-");
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");
const LEGACY_WORKBOOK_STREAMS = [
  Buffer.from("Workbook", "utf16le"),
  Buffer.from("Book", "utf16le"),
];
const RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024;

export async function inspectUpload(bytes: Buffer): Promise<Inspection> {
  if (bytes.length === 0) return refuse("EMPTY_FILE", fileErrorMessages.empty());
  if (startsWith(bytes, OLE)) return inspectCompoundFile(bytes);
  if (startsWith(bytes, PDF)) return refuse("NOT_XLSX", fileErrorMessages.notXlsx("pdf"));
  if (!startsWith(bytes, ZIP) && !startsWith(bytes, EMPTY_ZIP)) {
    return refuse("NOT_XLSX", fileErrorMessages.notXlsx(looksLikeText(bytes) ? "text" : "unknown"));
  }
  return inspectZip(bytes);
}

function inspectCompoundFile(bytes: Buffer): Inspection {
  if (bytes.includes(ENCRYPTED_PACKAGE))
    return refuse("PASSWORD_PROTECTED", fileErrorMessages.passwordProtected());
  if (LEGACY_WORKBOOK_STREAMS.some((name) => bytes.includes(name)))
    return refuse("LEGACY_XLS", fileErrorMessages.legacyXls());
  return refuse("NOT_XLSX", fileErrorMessages.notXlsx("ole"));
}

async function inspectZip(bytes: Buffer): Promise<Inspection> {
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    return refuse("CORRUPT_FILE", fileErrorMessages.corrupt((error as Error).message));
  }
  try {
    const entries = await readDirectory(zip);
    const declared = checkDeclaredSizes(entries);
    if (declared !== undefined) return declared;
    const names = new Set(entries.map((entry) => entry.fileName));
    if (!names.has("xl/workbook.xml")) {
      const kind = names.has("word/document.xml")
        ? "word"
        : names.has("ppt/presentation.xml")
          ? "powerpoint"
          : "zip";
      return refuse("NOT_XLSX", fileErrorMessages.notXlsx(kind));
    }
    const sheetNames = await readSheetNames(zip, entries);
    const budget = new WorkbookBudget();
    for (const entry of entries) {
      const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName)
        ? new SheetLimits(sheetNames.get(entry.fileName) ?? entry.fileName, budget)
        : undefined;
      const problem = await inflate(zip, entry, sheet);
      if (problem !== undefined) return problem;
    }
    return { ok: true };
  } catch (error) {
    return refuse("CORRUPT_FILE", fileErrorMessages.corrupt((error as Error).message));
  } finally {
    zip.close();
  }
}

function checkDeclaredSizes(entries: readonly Entry[]): Inspection | undefined {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > RATIO_CHECKED_ABOVE_BYTES && ratio > MAX_ZIP_COMPRESSION_RATIO) {
      return refuse(
        "ZIP_BOMB",
        fileErrorMessages.zipBomb(
          `${entry.fileName}: ${entry.compressedSize} bytes would inflate to ${entry.uncompressedSize}, ${Math.round(ratio)} times; at most ${MAX_ZIP_COMPRESSION_RATIO} is accepted`
        )
      );
    }
  }
  if (total > MAX_WORKBOOK_INFLATED_BYTES) {
    return refuse(
      "ZIP_BOMB",
      fileErrorMessages.zipBomb(
        `it would inflate to ${total} bytes; at most ${MAX_WORKBOOK_INFLATED_BYTES} are accepted`
      )
    );
  }
  return undefined;
}

/** The sheets' names by part; empty when the workbook's relationships are missing or odd. */
async function readSheetNames(
  zip: ZipFile,
  entries: readonly Entry[]
): Promise<Map<string, string>> {
  const find = (name: string) => entries.find((entry) => entry.fileName === name);
  const workbook = find("xl/workbook.xml");
  const rels = find("xl/_rels/workbook.xml.rels");
  if (workbook === undefined || rels === undefined) return new Map();
  try {
    return sheetNamesByPart(await inflateToText(zip, workbook), await inflateToText(zip, rels));
  } catch {
    return new Map(); // exceljs reports a damaged workbook part itself; only the names are lost here
  }
}

function inflateToText(zip: ZipFile, entry: Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream?: Readable) => {
      if (error || stream === undefined) {
        reject(error ?? new Error(`${entry.fileName} cannot be read`));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      stream.on("error", reject);
    });
  });
}

/**
 * Inflates an entry once, into nothing — or, for a sheet, into its limits' count, stopping
 * at the first limit passed.
 */
function inflate(
  zip: ZipFile,
  entry: Entry,
  sheet: SheetLimits | undefined
): Promise<Inspection | undefined> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (error, stream?: Readable) => {
      if (error || stream === undefined) {
        resolve(
          refuse("CORRUPT_FILE", fileErrorMessages.corrupt(`${entry.fileName}: ${error?.message}`))
        );
        return;
      }
      const decoder = new StringDecoder("utf8");
      const settle = (inspection: Inspection | undefined) => {
        stream.removeAllListeners("data");
        stream.destroy();
        resolve(inspection);
      };
      const count = (text: string, last: boolean): Inspection | undefined => {
        if (sheet === undefined) return undefined;
        try {
          sheet.write(text);
          if (last) sheet.close();
        } catch (xmlError) {
          return refuse(
            "CORRUPT_FILE",
            fileErrorMessages.corrupt(`${entry.fileName}: ${(xmlError as Error).message}`)
          );
        }
        return sheet.problem === undefined
          ? undefined
          : refuse(sheet.problem.code, sheet.problem.message);
      };
      stream.on("data", (chunk: Buffer) => {
        if (sheet === undefined) return;
        const problem = count(decoder.write(chunk), false);
        if (problem !== undefined) settle(problem);
      });
      stream.on("end", () => resolve(count(decoder.end(), true)));
      stream.on("error", (streamError: Error) => {
        stream.destroy();
        const lied = /too many bytes/.test(streamError.message);
        resolve(
          lied
            ? refuse(
                "ZIP_BOMB",
                fileErrorMessages.zipBomb(
                  `${entry.fileName} inflates past the ${entry.uncompressedSize} bytes it declares`
                )
              )
            : refuse(
                "CORRUPT_FILE",
                fileErrorMessages.corrupt(`${entry.fileName}: ${streamError.message}`)
              )
        );
      });
    });
  });
}

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || zip === undefined) reject(error ?? new Error("unreadable zip"));
      else resolve(zip);
    });
  });
}

function readDirectory(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

function refuse(code: FileErrorCode, message: LocalizedText): Inspection {
  return { ok: false, code, message };
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}

/** Text (a CSV, a TSV) has no NUL bytes in its first kilobyte. */
function looksLikeText(bytes: Buffer): boolean {
  return !bytes.subarray(0, 1024).includes(0);
}

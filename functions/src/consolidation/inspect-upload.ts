import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import {
  type FileErrorCode,
  fileErrorMessages,
  type LocalizedText,
  MAX_WORKBOOK_INFLATED_BYTES,
  MAX_ZIP_COMPRESSION_RATIO,
} from "@smartcity/shared";
import type { Entry, ZipFile } from "yauzl";
import { checkCompoundFile } from "./compound-file";
import { OdsLimits } from "./ods-limits";
import type { SheetJsFormat } from "./read-sheetjs";
import { type PackageLayout, READ_AS_SHEET, readLayout, type Relocation } from "./workbook-layout";
import { SheetLimits, WorkbookBudget, type XmlProblem } from "./workbook-xml-limits";
import { inflateToText, openZip, readDirectory } from "./zip-entries";

/**
 * Deciding, before any spreadsheet library sees the bytes, whether an upload
 * is a workbook that is safe to open, and which format it is: an .xlsx (read
 * with exceljs), or an .xls, .xlsb or .ods (read with SheetJS). The content
 * decides, never the file's name: an .xls renamed .xlsx is read as an .xls.
 *
 * - By its first bytes: a zip (an .xlsx, .xlsb or .ods is one), an OLE compound file (a
 *   password-protected .xlsx is one, holding an `EncryptedPackage` stream; so
 *   is an Excel 97–2003 .xls, holding a `Workbook` or `Book` stream, and a .doc
 *   or .ppt), a PDF, or text (a CSV). An .xls's sector chains are walked first
 *   (compound-file.ts): a file cut short or with a looping chain is refused.
 * - A zip's central directory is read without inflating anything: the sizes
 *   its entries declare must stay within MAX_WORKBOOK_INFLATED_BYTES and
 *   MAX_ZIP_COMPRESSION_RATIO. Only then are its small package parts read, to
 *   say what it is (an .ods, an .xlsb, a Word document…) and, for an .xlsx,
 *   where its workbook and sheets are (workbook-layout.ts), wherever the
 *   package keeps them.
 * - Declared sizes can lie, so every entry is then inflated once, into
 *   nothing, with yauzl checking that no entry inflates past what it
 *   declared: a lying bomb stops at its declared size instead of filling memory.
 * - While the sheets inflate, their XML is counted against the workbook limits
 *   (rows, cells, merged ranges: workbook-xml-limits.ts), so exceljs never
 *   sees a file it would expand past them. Counted are the sheets the workbook
 *   names and every entry exceljs would read as a sheet, named or not.
 *
 * - An .ods or .xlsb gets the same declared-size and inflation checks; an
 *   .ods's content.xml is counted as it inflates (ods-limits.ts). Rows, cells
 *   and merged ranges of an .xls or .xlsb are counted by the reader, which
 *   stores no row past the limit (read-sheetjs.ts).
 *
 * A workbook whose parts are not where exceljs reads them comes with the
 * `relocation` that moves them there (the parts counted here).
 */
export type Inspection =
  | { ok: true; format: "xlsx"; relocation?: Relocation }
  | { ok: true; format: SheetJsFormat }
  | { ok: false; code: FileErrorCode; message: LocalizedText };

/** What counts a part's text as it inflates (an .xlsx sheet, an .ods's content). */
interface PartCounter {
  problem: XmlProblem | undefined;
  write(text: string): void;
  close(): void;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PDF = Buffer.from("%PDF-");
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");
const LEGACY_WORKBOOK_STREAMS = [
  Buffer.from("Workbook", "utf16le"),
  Buffer.from("Book", "utf16le"),
];
const LEGACY_WORD_STREAM = Buffer.from("WordDocument", "utf16le");
const LEGACY_POWERPOINT_STREAM = Buffer.from("PowerPoint Document", "utf16le");
const RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024;
/** Where Excel keeps sheets (also counted when the workbook names them otherwise). */
const EXCEL_SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

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
  // Before its streams are looked for: a file cut short may have lost its directory with them.
  const problem = checkCompoundFile(bytes);
  if (problem !== undefined)
    return refuse(
      "CORRUPT_FILE",
      fileErrorMessages.corrupt(fileErrorMessages.compoundFile(problem))
    );
  if (LEGACY_WORKBOOK_STREAMS.some((name) => bytes.includes(name)))
    return { ok: true, format: "xls" };
  if (bytes.includes(LEGACY_WORD_STREAM))
    return refuse("NOT_XLSX", fileErrorMessages.notXlsx("doc"));
  if (bytes.includes(LEGACY_POWERPOINT_STREAM))
    return refuse("NOT_XLSX", fileErrorMessages.notXlsx("ppt"));
  return refuse("NOT_XLSX", fileErrorMessages.notXlsx("ole"));
}

async function inspectZip(bytes: Buffer): Promise<Inspection> {
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    return refuse("CORRUPT_FILE", corruptBecause(error));
  }
  try {
    const entries = await readDirectory(zip);
    const declared = checkDeclaredSizes(entries);
    if (declared !== undefined) return declared;
    const byName = new Map(entries.map((entry) => [entry.fileName, entry]));
    const layout = await readLayout({
      names: [...byName.keys()],
      size: (name) => byName.get(name)?.uncompressedSize ?? 0,
      text: (name) => inflateToText(zip, byName.get(name) as Entry),
    });
    if (layout.kind === "other" && (layout.upload === "ods" || layout.upload === "xlsb"))
      return await inspectOtherWorkbook(zip, entries, layout.upload);
    if (layout.kind !== "workbook") return refuseLayout(layout);
    const sheetNames = new Map(layout.sheets.map((sheet) => [sheet.part, sheet.name]));
    const budget = new WorkbookBudget();
    for (const entry of entries) {
      const name = entry.fileName;
      const sheet =
        sheetNames.has(name) || READ_AS_SHEET.test(name) || EXCEL_SHEET.test(name)
          ? new SheetLimits(sheetNames.get(name) ?? name, budget)
          : undefined;
      const problem = await inflate(zip, entry, sheet);
      if (problem !== undefined) return problem;
    }
    return layout.relocation === undefined
      ? { ok: true, format: "xlsx" }
      : { ok: true, format: "xlsx", relocation: layout.relocation };
  } catch (error) {
    return refuse("CORRUPT_FILE", corruptBecause(error));
  } finally {
    zip.close();
  }
}

/** An .ods or .xlsb: every entry inflated once into nothing, an .ods's content counted. */
async function inspectOtherWorkbook(
  zip: ZipFile,
  entries: readonly Entry[],
  format: "ods" | "xlsb"
): Promise<Inspection> {
  for (const entry of entries) {
    const counter =
      format === "ods" && entry.fileName === "content.xml" ? new OdsLimits() : undefined;
    const problem = await inflate(zip, entry, counter);
    if (problem !== undefined) return problem;
  }
  return { ok: true, format };
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
          fileErrorMessages.inflation(
            entry.fileName,
            entry.compressedSize,
            entry.uncompressedSize,
            Math.round(ratio),
            MAX_ZIP_COMPRESSION_RATIO
          )
        )
      );
    }
  }
  if (total > MAX_WORKBOOK_INFLATED_BYTES) {
    return refuse(
      "ZIP_BOMB",
      fileErrorMessages.zipBomb(fileErrorMessages.inflatedTotal(total, MAX_WORKBOOK_INFLATED_BYTES))
    );
  }
  return undefined;
}

function refuseLayout(layout: Exclude<PackageLayout, { kind: "workbook" }>): Inspection {
  switch (layout.kind) {
    case "other":
      return refuse("NOT_XLSX", fileErrorMessages.notXlsx(layout.upload));
    case "missing":
      return refuse(
        "CORRUPT_FILE",
        fileErrorMessages.corrupt(fileErrorMessages.mainPartMissing(layout.part))
      );
    case "immovable":
      return refuse(
        "WORKBOOK_TOO_COMPLEX",
        fileErrorMessages.partsElsewhere(layout.workbook, layout.sheet)
      );
  }
}

/**
 * Inflates an entry once, into nothing — or, for a sheet, into its limits' count, stopping
 * at the first limit passed.
 */
function inflate(
  zip: ZipFile,
  entry: Entry,
  sheet: PartCounter | undefined
): Promise<Inspection | undefined> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (error, stream?: Readable) => {
      if (error || stream === undefined) {
        resolve(refuse("CORRUPT_FILE", corruptBecause(error, entry.fileName)));
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
          return refuse("CORRUPT_FILE", corruptBecause(xmlError, entry.fileName));
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
                  fileErrorMessages.inflatesPast(entry.fileName, entry.uncompressedSize)
                )
              )
            : refuse("CORRUPT_FILE", corruptBecause(streamError, entry.fileName))
        );
      });
    });
  });
}

/** CORRUPT_FILE's words for what a reader threw, at `part` of the zip when known. */
export function corruptBecause(error: unknown, part?: string): LocalizedText {
  const message = error instanceof Error ? error.message : String(error ?? "unreadable");
  return fileErrorMessages.corrupt(fileErrorMessages.readerSaid(message, part));
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

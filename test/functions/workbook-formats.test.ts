import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "@jest/globals";
import JSZip from "jszip";
import { BASELINE_RULESET } from "@smartcity/shared";
import { inspectUpload } from "../../functions/src/consolidation/inspect-upload";
import { WorkbookReader } from "../../functions/src/consolidation/workbook-pool";
import { type CraftedLayout, craftXlsx, evaluationRows } from "../helpers/crafted-xlsx";

/**
 * Files of other formats are named for what they are, and an .xlsx whose parts are not where
 * Excel puts them is found through its package relationships (Open Packaging Conventions) and
 * read, with every limit counted before anything expands. The files are built here.
 */
const fixture = (name: string) =>
  readFileSync(path.resolve(__dirname, "../fixtures/workbooks", name));

const readers: WorkbookReader[] = [];
afterAll(() => Promise.all(readers.map((reader) => reader.close())));
async function read(bytes: Buffer) {
  const reader = new WorkbookReader({ threads: 1 });
  readers.push(reader);
  return reader.read("upload.xlsx", bytes, BASELINE_RULESET.rules);
}

async function refusal(bytes: Buffer) {
  const inspection = await inspectUpload(bytes);
  if (inspection.ok) throw new Error("expected a refusal");
  return inspection;
}

async function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(entries)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const RELS = (target: string, type = "officeDocument") =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;

describe("a file of another format is named for what it is", () => {
  test("an OpenDocument spreadsheet (.ods), by its mimetype entry, is read (with SheetJS)", async () => {
    const ods = await zipOf({
      mimetype: "application/vnd.oasis.opendocument.spreadsheet",
      "content.xml": "<office:document-content/>",
      "META-INF/manifest.xml": "<manifest:manifest/>",
    });
    expect(await inspectUpload(ods)).toEqual({ ok: true, format: "ods" });
  });

  test("an OpenDocument text document (.odt)", async () => {
    const odt = await zipOf({
      mimetype: "application/vnd.oasis.opendocument.text",
      "content.xml": "<office:document-content/>",
    });
    expect((await refusal(odt)).message.en).toContain("but an OpenDocument text document (.odt)");
  });

  test("an Excel Binary Workbook (.xlsb), by the part its package names, is read; a damaged one is CORRUPT_FILE", async () => {
    const xlsb = await zipOf({
      "[Content_Types].xml": "<Types/>",
      "_rels/.rels": RELS("xl/workbook.bin"),
      "xl/workbook.bin": "\u0083\u0001\u0000",
    });
    expect(await inspectUpload(xlsb)).toEqual({ ok: true, format: "xlsb" });
    const reading = await read(xlsb);
    expect(reading.report.error?.code).toBe("CORRUPT_FILE");
    expect(reading.report.error?.message.th).toContain("ไฟล์เสียหายหรือไม่สมบูรณ์");
  });

  test("a Word document found through the package relationship, wherever its part is", async () => {
    const docx = await zipOf({
      "[Content_Types].xml": "<Types/>",
      "_rels/.rels": RELS("word/document2.xml"),
      "word/document2.xml": "<w:document/>",
    });
    expect((await refusal(docx)).message.en).toContain("but a Word document");
  });

  test("a zip of other files is still a zip of other files", async () => {
    expect((await refusal(fixture("not-a-workbook.xlsx"))).message.en).toContain(
      "but a zip archive of other files"
    );
  });

  test("compound files (OLE): an encrypted .xlsx, an Excel 97–2003 workbook and a Word 97–2003 document are told apart", async () => {
    expect(await refusal(fixture("protected.xlsx"))).toMatchObject({ code: "PASSWORD_PROTECTED" });
    // An .xls named .xlsx is read as the .xls it is.
    expect(await inspectUpload(fixture("legacy.xlsx"))).toEqual({ ok: true, format: "xls" });
    // A Word 97–2003 document: the .xls with its Workbook stream renamed, the rest as valid.
    const doc = Buffer.from(fixture("legacy.xlsx"));
    const workbook = Buffer.from("Workbook", "utf16le");
    doc.set(Buffer.from("WordDocument", "utf16le"), doc.indexOf(workbook));
    const refused = await refusal(doc);
    expect(refused.code).toBe("NOT_XLSX");
    expect(refused.message.en).toContain("but a Word 97–2003 document (.doc)");
  });
});

describe("an .xlsx whose parts are not where Excel puts them", () => {
  const elsewhere: CraftedLayout = {
    workbook: "workbook/book.xml",
    sheet: (index) => `workbook/sheets/scores-${index + 1}.xml`,
  };

  test("is found through _rels/.rels and read", async () => {
    const bytes = await craftXlsx([{ name: "Evaluation", rows: evaluationRows(2) }], elsewhere);
    const inspection = await inspectUpload(bytes);
    expect(inspection.ok).toBe(true);
    const reading = await read(bytes);
    expect(reading.report.error).toBeUndefined();
    expect(reading.report.sheets).toEqual(["Evaluation"]);
    expect(reading.entries).toHaveLength(2);
  });

  test("sheets named other than sheet1.xml beside a workbook where Excel puts it are read too", async () => {
    const bytes = await craftXlsx([{ name: "คะแนน", rows: evaluationRows(3) }], {
      workbook: "xl/workbook.xml",
      sheet: () => "xl/worksheets/scores.xml",
    });
    const reading = await read(bytes);
    expect(reading.report.error).toBeUndefined();
    expect(reading.entries).toHaveLength(3);
  });

  test("its sheets are counted against the limits before anything expands", async () => {
    const bytes = await craftXlsx(
      [
        {
          name: "Evaluation",
          rows: evaluationRows(2),
          after: '<mergeCells><mergeCell ref="A5:XFD1048576"/></mergeCells>',
        },
      ],
      elsewhere
    );
    const refused = await refusal(bytes);
    expect(refused.code).toBe("WORKBOOK_TOO_COMPLEX");
    expect(refused.message.en).toContain("merged range A5:XFD1048576");
  });

  test("sheets with parts this service would have to move as well (comments) are refused, saying so", async () => {
    const sheetRels = RELS("../comments1.xml", "comments");
    const bytes = await craftXlsx([{ name: "Evaluation", rows: evaluationRows(2) }], {
      ...elsewhere,
      extra: {
        "workbook/sheets/_rels/scores-1.xml.rels": sheetRels,
        "workbook/comments1.xml": "<comments/>",
      },
    });
    const refused = await refusal(bytes);
    expect(refused.code).toBe("WORKBOOK_TOO_COMPLEX");
    expect(refused.message.en).toBe(
      "the workbook keeps its parts where Excel does not (its workbook part is workbook/book.xml), and its sheet workbook/sheets/scores-1.xml has comments, drawings or tables that would have to move with it, so it was not read; open it in Excel and save it as an Excel Workbook (.xlsx)"
    );
    expect(refused.message.th).toContain("workbook/book.xml");
  });

  /** A saved workbook with every part under xl/ moved to book/, the workbook part renamed. */
  async function moved(name: string): Promise<Buffer> {
    const source = await JSZip.loadAsync(fixture(name));
    const target = new JSZip();
    for (const entry of Object.values(source.files)) {
      if (entry.dir) continue;
      const to = entry.name
        .replace(/^xl\/workbook\.xml$/, "book/main.xml")
        .replace(/^xl\/_rels\/workbook\.xml\.rels$/, "book/_rels/main.xml.rels")
        .replace(/^xl\//, "book/");
      let content = await entry.async("nodebuffer");
      if (entry.name === "_rels/.rels")
        content = Buffer.from(content.toString().replace("xl/workbook.xml", "book/main.xml"));
      target.file(to, content);
    }
    return target.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  test("a workbook as LibreOffice saved it, moved to other paths, reads as the original (shared strings and styles too)", async () => {
    const original = await read(fixture("niran.xlsx"));
    const relocated = await read(await moved("niran.xlsx"));
    expect(relocated.report.error).toBeUndefined();
    expect(relocated.report.sheets).toEqual(original.report.sheets);
    expect(relocated.entries).toEqual(original.entries);
    expect(relocated.report.warnings).toEqual(original.report.warnings);
  });

  test("moved with a table on its sheet, it is refused saying why", async () => {
    const refused = await refusal(await moved("somchai.xlsx"));
    expect(refused.code).toBe("WORKBOOK_TOO_COMPLEX");
    expect(refused.message.en).toContain("its workbook part is book/main.xml");
  });

  test("a package relationship naming a part the file does not hold → CORRUPT_FILE naming it", async () => {
    const bytes = await zipOf({
      "[Content_Types].xml": "<Types/>",
      "_rels/.rels": RELS("workbook/missing.xml"),
      "workbook/other.xml": "<workbook/>",
    });
    const refused = await refusal(bytes);
    expect(refused.code).toBe("CORRUPT_FILE");
    expect(refused.message.en).toContain(
      "the package names workbook/missing.xml as its main part, but the file does not hold it"
    );
  });
});

test("an entry the spreadsheet library would read as a sheet is counted even when no workbook names it", async () => {
  // exceljs takes any entry whose name contains xl/worksheets/sheetN.xml for a sheet.
  const bytes = await craftXlsx([{ name: "Evaluation", rows: evaluationRows(2) }], {
    workbook: "xl/workbook.xml",
    sheet: (index) => `xl/worksheets/sheet${index + 1}.xml`,
    extra: {
      "notes/xl/worksheets/sheet9.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
    },
  });
  expect((await refusal(bytes)).code).toBe("WORKBOOK_TOO_COMPLEX");
});

describe("what a reader said in English is said in Thai in the Thai", () => {
  /** The Thai without part names (xl/…), which are the file's own: no Latin word left. */
  const thaiWords = (th: string) =>
    th.replace(/[\w./[\]-]+\.(xml|rels)\b/g, "").replace(/\bzip\b/g, "");

  test("a workbook cut short → CORRUPT_FILE, the reader's words in the English only", async () => {
    const refused = await refusal(fixture("corrupt.xlsx"));
    expect(refused.code).toBe("CORRUPT_FILE");
    expect(refused.message.en).toMatch(/central directory/);
    expect(refused.message.th).toContain("ไฟล์อาจถูกตัดระหว่างส่ง");
    expect(thaiWords(refused.message.th)).not.toMatch(/[A-Za-z]/);
  });

  test("a sheet whose XML breaks → CORRUPT_FILE naming the part in both", async () => {
    const broken = await craftXlsx([
      { name: "Evaluation", rows: evaluationRows(2), after: "<mergeCells><mergeCell ref=" },
    ]);
    const refused = await refusal(broken);
    expect(refused.message.th).toContain("อ่านส่วน xl/worksheets/sheet1.xml ไม่ได้");
    expect(refused.message.en).toContain("xl/worksheets/sheet1.xml: ");
    expect(thaiWords(refused.message.th)).not.toMatch(/[A-Za-z]/);
  });

  test.each(["bomb.xlsx", "lying-bomb.xlsx"])(
    "%s → ZIP_BOMB, its sizes said in Thai",
    async (name) => {
      const refused = await refusal(fixture(name));
      expect(refused.code).toBe("ZIP_BOMB");
      expect(refused.message.th).toMatch(/ไบต์/);
      expect(thaiWords(refused.message.th)).not.toMatch(/[A-Za-z]/);
    }
  );
});

import { utils, write } from "@e965/xlsx";
import JSZip from "jszip";

/**
 * Hostile .xls, .xlsb and .ods files, built in the test from the fixtures or from nothing: a
 * spreadsheet program would never write them, which is why they are not fixtures.
 */

const END_OF_CHAIN = 0xfffffffe;

/** An OLE compound file's stream, by name: its start sector, size and the sector size. */
function streamOf(bytes: Buffer, wanted: string) {
  const sectorBytes = 1 << bytes.readUInt16LE(0x1e);
  const directory = bytes.readUInt32LE(0x30);
  const entries = bytes.subarray((directory + 1) * sectorBytes, (directory + 2) * sectorBytes);
  for (let offset = 0; offset < entries.length; offset += 128) {
    const nameBytes = entries.readUInt16LE(offset + 0x40);
    const name = entries.subarray(offset, offset + Math.max(nameBytes - 2, 0)).toString("utf16le");
    if (name === wanted)
      return {
        start: entries.readUInt32LE(offset + 0x74),
        size: entries.readUInt32LE(offset + 0x78),
        sectorBytes,
      };
  }
  throw new Error(`no stream ${wanted}`);
}

/**
 * The .xls with its Workbook stream's last sector pointing back at its first: a chain that
 * never ends (the FAT's first sector is the one the header lists first).
 */
export function withCyclicChain(xls: Buffer): Buffer {
  const bytes = Buffer.from(xls);
  const { start, size, sectorBytes } = streamOf(bytes, "Workbook");
  if (size < 4096) throw new Error("the Workbook stream is in the mini stream");
  const fatAt = (bytes.readUInt32LE(0x4c) + 1) * sectorBytes;
  let sector = start;
  for (let next = bytes.readUInt32LE(fatAt + sector * 4); next !== END_OF_CHAIN;) {
    sector = next;
    next = bytes.readUInt32LE(fatAt + sector * 4);
  }
  bytes.writeUInt32LE(start, fatAt + sector * 4);
  return bytes;
}

/** An .xls of one sheet written by SheetJS, with a value at A1 and one at row `lastRow`. */
export function xlsReachingRow(lastRow: number): Buffer {
  const sheet = utils.aoa_to_sheet([["รหัส / Applicant ID"]]);
  utils.sheet_add_aoa(sheet, [["far"]], { origin: { r: lastRow - 1, c: 0 } });
  return write(bookOf(sheet), { type: "buffer", bookType: "biff8" }) as Buffer;
}

/**
 * An .xlsb whose sheet's second row (a BrtRowHdr record, type 0: its first four bytes are the
 * row's index) and dimension (BrtWsDim, type 148: first row, last row…) say `lastRow`. Written
 * small and then patched: SheetJS takes minutes to write a sheet reaching the last row itself.
 */
export async function xlsbReachingRow(lastRow: number): Promise<Buffer> {
  const sheet = utils.aoa_to_sheet([["รหัส / Applicant ID"], ["far"]]);
  const xlsb = write(bookOf(sheet), { type: "buffer", bookType: "xlsb" }) as Buffer;
  const zip = await JSZip.loadAsync(xlsb);
  const part = "xl/worksheets/sheet1.bin";
  const records = Buffer.from(await zip.file(part)!.async("nodebuffer"));
  let rows = 0;
  for (let offset = 0; offset < records.length;) {
    const [type, afterType] = varint(records, offset, 2);
    const [size, payload] = varint(records, afterType, 4);
    if (type === 0 && ++rows === 2) records.writeUInt32LE(lastRow - 1, payload);
    if (type === 148) records.writeUInt32LE(lastRow - 1, payload + 4);
    offset = payload + size;
  }
  zip.file(part, records);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** An .xlsb record's type or size: 7 bits a byte, the high bit saying another follows. */
function varint(bytes: Buffer, offset: number, most: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < most; i++) {
    const byte = bytes[offset + i];
    value |= (byte & 0x7f) << (7 * i);
    if ((byte & 0x80) === 0) return [value, offset + i + 1];
  }
  return [value, offset + most];
}

function bookOf(sheet: ReturnType<typeof utils.aoa_to_sheet>) {
  const book = utils.book_new();
  utils.book_append_sheet(book, sheet, "คะแนน");
  return book;
}

const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

/** An .ods of one sheet whose `<table:table>` holds `rows` (OpenDocument table XML). */
export function odsWith(rows: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", ODS_MIMETYPE, { compression: "STORE" });
  zip.file(
    "content.xml",
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="คะแนน">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`
  );
  zip.file(
    "META-INF/manifest.xml",
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${ODS_MIMETYPE}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A zip whose entry `name` inflates from a few kilobytes to `bytes` of one repeated byte. */
export async function withBomb(
  workbook: Buffer,
  name: string,
  bytes = 16 * 1024 * 1024
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbook);
  zip.file(name, Buffer.alloc(bytes, 0x20), { compression: "DEFLATE" });
  return zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 9 },
  });
}

import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";

/**
 * A zip read with yauzl, as the inspection reads uploads: the central directory first (nothing
 * inflated), and entries inflated one at a time, each checked against the size it declares
 * (`validateEntrySizes`), so that a lying entry stops where it said it would end.
 */
export function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || zip === undefined) reject(error ?? new Error("unreadable zip"));
      else resolve(zip);
    });
  });
}

export function readDirectory(zip: ZipFile): Promise<Entry[]> {
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

/** An entry's inflated bytes as UTF-8 text (only for entries whose declared sizes passed). */
export function inflateToText(zip: ZipFile, entry: Entry): Promise<string> {
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

import { unitsOf, WIDER_FONT } from "./text-measure";

/**
 * Where a header breaks into lines. Neither Excel nor LibreOffice knows where a Thai word ends
 * (Thai has no spaces), and both break an English word that does not fit its column: a header
 * printed "Environmen/t" or "คะแนนภาพ/รวม" reads badly. So the lines are chosen here, at the
 * word boundaries `Intl.Segmenter` gives, and written as explicit line breaks, and the column
 * is at least as wide as its longest line: both programs then wrap exactly where we chose.
 */
const segmenter = new Intl.Segmenter("th", { granularity: "word" });

/** Extra units a line needs beyond its text: the cell's padding and a margin for bold glyphs. */
const LINE_ROOM = 1.6;

/**
 * The header's pieces that must stay on one line: each word, with the punctuation and spaces
 * after it ("ผ่านเกณฑ์ /" keeps its slash; "Environment %" its percent sign).
 */
export function headerChunks(header: string): string[] {
  const chunks: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(header)) {
    if (chunks.length > 0 && (!isWordLike || segment.trim() === ""))
      chunks[chunks.length - 1] += segment;
    else chunks.push(segment);
  }
  return chunks;
}

/** The narrowest width (units) that prints the header with no word broken. */
export function narrowestHeaderWidth(header: string): number {
  return Math.max(...headerChunks(header).map((chunk) => unitsOf(chunk.trim(), true))) + LINE_ROOM;
}

/**
 * The header as lines for a column `width` units wide (at least its narrowest width): the Thai
 * and the English each start a line of their own (the header is "ไทย / English"), then words
 * are packed greedily.
 */
export function headerLines(header: string, width: number): string[] {
  const room = width - LINE_ROOM;
  const lines: string[] = [];
  for (const part of languageParts(header)) {
    let line = "";
    for (const chunk of headerChunks(part)) {
      const candidate = line + chunk;
      if (line !== "" && unitsOf(candidate.trim(), true) > room) {
        lines.push(line.trim());
        line = chunk;
      } else line = candidate;
    }
    if (line.trim() !== "") lines.push(line.trim());
  }
  return lines;
}

/** "ไทย / English" as "ไทย /" and "English"; a header in one language as itself. */
export function languageParts(header: string): string[] {
  const at = header.indexOf(" / ");
  if (at < 0) return [header];
  return [header.slice(0, at + 2), header.slice(at + 3)];
}

/** The longest line of a rotated header (Thai above English), in units, for its row's height. */
export function rotatedHeaderLength(header: string): number {
  return (
    Math.max(...languageParts(header).map((part) => unitsOf(part, true) * WIDER_FONT)) + LINE_ROOM
  );
}

import type { PrintedPage, TextItem } from "./print-pdf";

/**
 * Reading a printed page back as lines of text. A PDF holds runs of glyphs, not lines: one line
 * of Thai comes as several runs (its vowel and tone marks apart), and the runs of a header
 * printed upwards run along y. Runs on one baseline and close together are one line.
 */
export interface PrintedLine {
  text: string;
  /** The baseline's place across the lines (y of a line across the page, x of one printed upwards). */
  at: number;
  upwards: boolean;
  items: TextItem[];
}

/** Runs further apart than this (points) are different cells. */
const CELL_GAP = 4.5;

export function linesOf(items: readonly TextItem[]): PrintedLine[] {
  const groups = new Map<string, TextItem[]>();
  for (const item of items) {
    const upwards = item.upwards === true;
    const at = upwards ? item.x : item.y;
    const key = `${upwards}:${Math.round(at)}`;
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  const lines: PrintedLine[] = [];
  for (const [key, group] of groups) {
    const upwards = key.startsWith("true");
    const along = (item: TextItem) => (upwards ? item.y : item.x);
    group.sort((a, b) => along(a) - along(b));
    let current: TextItem[] = [];
    let end = -Infinity;
    const flush = () => {
      if (current.length === 0) return;
      let text = "";
      let last = -Infinity;
      for (const item of current) {
        if (text !== "" && along(item) - last > 1) text += " ";
        text += item.text;
        last = along(item) + item.width;
      }
      lines.push({ text, at: upwards ? current[0].x : current[0].y, upwards, items: current });
      current = [];
    };
    for (const item of group) {
      if (along(item) - end > CELL_GAP) flush();
      current.push(item);
      end = Math.max(end, along(item) + item.width);
    }
    flush();
  }
  return lines;
}

/** The page's sheet, by the footer's sheet name (`&A`), at the page's bottom. */
export function sheetOf(page: PrintedPage, names: readonly string[]): string | undefined {
  return page.items.find((item) => item.y < 45 && names.includes(item.text.trim()))?.text.trim();
}

const segmenter = new Intl.Segmenter("th", { granularity: "word" });

/**
 * A text as the PDF gives it back, comparable with the text written: the PDF's runs drop, repeat
 * or reorder Thai vowel and tone marks (and split SARA AM), so marks, SARA AA and SARA AM are
 * left out of both sides, and spaces and punctuation too.
 */
export function skeleton(text: string): string {
  let kept = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    const thaiMark =
      code === 0x0e31 || (code >= 0x0e32 && code <= 0x0e3a) || (code >= 0x0e47 && code <= 0x0e4e);
    if (!thaiMark && !/[\s/%().,·:*]/u.test(char)) kept += char;
  }
  return kept;
}

/** The words of a text (Intl.Segmenter), as skeletons, without the empty ones. */
export function wordsOf(text: string): string[] {
  return [...segmenter.segment(text)]
    .filter((segment) => segment.isWordLike)
    .map((segment) => skeleton(segment.segment))
    .filter((word) => word !== "");
}

/**
 * Whether a printed line is whole words of one of the headers: its skeleton is a run of
 * consecutive words of some header. A line that ends inside a word ("Environmen") is not.
 */
export function isWholeWords(line: string, headers: readonly string[]): boolean {
  const printed = skeleton(line);
  if (printed === "") return true;
  for (const header of headers) {
    const words = wordsOf(header);
    for (let start = 0; start < words.length; start++) {
      let joined = "";
      for (let end = start; end < words.length && joined.length < printed.length; end++) {
        joined += words[end];
        if (joined === printed) return true;
      }
    }
  }
  return false;
}

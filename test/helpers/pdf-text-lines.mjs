/**
 * Prints, as JSON, every text item of a PDF with its page, font size and position, read with
 * pdfjs-dist's legacy Node build. A script of its own (run by `node`, see print-pdf.ts) because
 * pdfjs-dist is an ES module only, which jest's CommonJS transform cannot import.
 *
 * Usage: node test/helpers/pdf-text-lines.mjs file.pdf
 * Output: [{ page, width, height, items: [{ text, size, x, y, width, upwards }] }]
 *   size: the font size in points, from the item's transform (the length of its vertical
 *   axis, so a rotated or scaled text reports what is printed); x, y: its origin in points
 *   from the page's bottom left; width: its length along its own direction (up the page for
 *   a text printed upwards, `upwards`).
 */
import { readFileSync } from "node:fs";

// pdfjs-dist 6 targets Node 22; on Node 20 (which the suite still runs on) its legacy build
// lacks only Promise.withResolvers, so it is supplied before the library loads.
Promise.withResolvers ??= function () {
  let resolve, reject;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
};
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

const data = new Uint8Array(readFileSync(process.argv[2]));
const document = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= document.numPages; number++) {
  const page = await document.getPage(number);
  const [, , width, height] = page.view;
  const content = await page.getTextContent();
  const items = [];
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    const [a, b, c, d, e, f] = item.transform;
    // Upwards (rotated 90°): the text's own x axis points up the page; its width runs along y.
    const upwards = Math.abs(a) < 0.01 && b > 0;
    items.push({ text: item.str, size: Math.hypot(c, d), x: e, y: f, width: item.width, upwards });
  }
  pages.push({ page: number, width, height, items });
}
process.stdout.write(JSON.stringify(pages));

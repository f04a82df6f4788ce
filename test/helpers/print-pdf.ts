import { execFile, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { tempDir } from "./temp";

/**
 * Prints a workbook as the committee's secretary does, with LibreOffice (`soffice --headless
 * --convert-to pdf`), and reads the printed text back with its sizes and places. Each
 * conversion runs with a profile of its own, so parallel runs neither collide nor wait for a
 * desktop LibreOffice.
 */
const run = promisify(execFile);

/** The path of `soffice`, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  for (const name of ["soffice", "libreoffice"]) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found !== "") return found;
    } catch {
      // not on the PATH: try the next name
    }
  }
  return undefined;
}

export async function printToPdf(
  soffice: string,
  xlsx: Buffer,
  name = "workbook"
): Promise<Buffer> {
  const { dir, remove } = tempDir("print");
  try {
    const input = path.join(dir, `${name}.xlsx`);
    writeFileSync(input, xlsx);
    // The first start of a fresh profile takes ~20 s, and 250 pages of sixty applicants a minute
    // or more, on a loaded machine.
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${path.join(dir, "profile")}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        input,
      ],
      { timeout: 400_000 }
    );
    return readFileSync(path.join(dir, `${name}.pdf`));
  } finally {
    remove();
  }
}

export interface TextItem {
  text: string;
  /** Points, as printed. */
  size: number;
  /** From the page's bottom left, in points. */
  x: number;
  y: number;
  /** Along the text's own direction. */
  width: number;
  /** Printed upwards (a rotated header). */
  upwards?: boolean;
}
export interface PrintedPage {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
}

/** Every text item of every page (pdfjs-dist, in a child process: it is an ES module only). */
export async function printedPages(pdf: Buffer): Promise<PrintedPage[]> {
  const { dir, remove } = tempDir("pdf-text");
  try {
    const file = path.join(dir, "printed.pdf");
    writeFileSync(file, pdf);
    const { stdout } = await run(
      process.execPath,
      [path.join(__dirname, "pdf-text-lines.mjs"), file],
      { maxBuffer: 256 * 1024 * 1024 }
    );
    return JSON.parse(stdout) as PrintedPage[];
  } finally {
    remove();
  }
}

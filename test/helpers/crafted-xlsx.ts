import JSZip from "jszip";

/**
 * Small .xlsx files built in the test, part by part, for the inputs a
 * spreadsheet program would never write (a merged range over a whole sheet,
 * 200,000 rows, a lying dimension): only the parts an .xlsx needs
 * (ECMA-376 Part 1, §12.2: content types, the package relationship, the
 * workbook, its relationships, and the sheets), with inline strings so no
 * shared-string table is needed.
 */
export interface CraftedSheet {
  name: string;
  /** The contents of `<sheetData>` (rows). */
  rows: string;
  /** Elements after `<sheetData>`, e.g. `<mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>`. */
  after?: string;
  /** Elements before `<sheetData>`, e.g. `<dimension ref="A1:Z500000"/>`. */
  before?: string;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * Where the parts go: by default where Excel puts them. A package may keep them elsewhere (the
 * package relationship names the workbook part, the workbook's relationships its sheets,
 * relative to the workbook's folder), as Open Packaging Conventions allow.
 */
export interface CraftedLayout {
  workbook: string;
  /** The index-th sheet's part. */
  sheet: (index: number) => string;
  /** More entries, by name (e.g. a sheet's relationships). */
  extra?: Record<string, string>;
}

const EXCEL_LAYOUT: CraftedLayout = {
  workbook: "xl/workbook.xml",
  sheet: (index) => `xl/worksheets/sheet${index + 1}.xml`,
};

export async function craftXlsx(
  sheets: readonly CraftedSheet[],
  layout: CraftedLayout = EXCEL_LAYOUT
): Promise<Buffer> {
  const zip = new JSZip();
  const folder = layout.workbook.slice(0, layout.workbook.lastIndexOf("/") + 1);
  const relsOf = (part: string) => {
    const slash = part.lastIndexOf("/");
    return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  };
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${layout.workbook}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
      .map(
        (_, index) =>
          `<Override PartName="/${layout.sheet(index)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
      )
      .join("")}</Types>`
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${layout.workbook}"/></Relationships>`
  );
  zip.file(
    layout.workbook,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
      .map(
        (sheet, index) =>
          `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`
      )
      .join("")}</sheets></workbook>`
  );
  zip.file(
    relsOf(layout.workbook),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, index) =>
          `<Relationship Id="rId${index + 1}" Type="${REL}/worksheet" Target="${layout.sheet(index).slice(folder.length)}"/>`
      )
      .join("")}</Relationships>`
  );
  sheets.forEach((sheet, index) =>
    zip.file(
      layout.sheet(index),
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}">${sheet.before ?? ""}<sheetData>${sheet.rows}</sheetData>${sheet.after ?? ""}</worksheet>`
    )
  );
  for (const [name, content] of Object.entries(layout.extra ?? {})) zip.file(name, content);
  return zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 9 },
  });
}

const HEADERS = ["Applicant ID", "Applicant", "Smart Environment", "Smart Energy", "Smart Living"];

/**
 * An evaluation sheet's rows: the header in row 1, then `applicants` rows with an id, a name
 * and three scores (`score(applicant, dimension)`, default 80 + applicant % 20).
 */
export function evaluationRows(
  applicants: number,
  score: (applicant: number, dimension: number) => number = (applicant) => 80 + (applicant % 20)
): string {
  const parts: string[] = [row(1, HEADERS.map(text))];
  for (let applicant = 1; applicant <= applicants; applicant++) {
    parts.push(
      row(applicant + 1, [
        text(`A-${applicant}`),
        text(`Applicant ${applicant}`),
        ...[0, 1, 2].map((dimension) => `<v>${score(applicant, dimension)}</v>`),
      ])
    );
  }
  return parts.join("");
}

function row(number: number, cells: string[]): string {
  const body = cells
    .map((cell, column) => {
      const ref = `${String.fromCharCode(65 + column)}${number}`;
      return cell.startsWith("<is>")
        ? `<c r="${ref}" t="inlineStr">${cell}</c>`
        : `<c r="${ref}">${cell}</c>`;
    })
    .join("");
  return `<row r="${number}">${body}</row>`;
}

function text(value: string): string {
  return `<is><t>${escapeXml(value)}</t></is>`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

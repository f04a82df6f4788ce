import type { UploadKind } from "@smartcity/shared";
import {
  contentTypeOf,
  isOfType,
  parseRelationships,
  type Relationship,
  relationshipsPartOf,
  resolveTarget,
  workbookSheets,
} from "./package-parts";

/**
 * What a zip upload is, from its package parts (Open Packaging Conventions: the package
 * relationship `_rels/.rels` names the main part, whatever its path; an OpenDocument file names
 * its format in a `mimetype` entry), and, for an .xlsx, where its workbook and sheets are.
 *
 * exceljs reads parts only at the paths Excel writes (`xl/workbook.xml`,
 * `xl/worksheets/sheetN.xml`, `xl/sharedStrings.xml`, `xl/styles.xml`) and silently skips a
 * sheet elsewhere. Decision: a workbook laid out otherwise is moved, not refused. The parts
 * exceljs reads are copied to its paths under a new package (`relocation`, done in
 * relocate-package.ts after the inspection has counted them), with the workbook's relationships
 * rewritten to match; what it does not read (themes, printer settings, properties) is left
 * behind. A sheet whose own parts exceljs follows (comments, drawings, tables) cannot be moved
 * without them, so such a workbook is refused, saying so (`immovable`), rather than read wrong.
 */
export interface SheetPart {
  part: string;
  name: string;
}

/** Entries of the new package: copied from the upload (`copy`: to, from) or written (`write`). */
export interface Relocation {
  copy: [to: string, from: string][];
  write: [to: string, text: string][];
}

export type PackageLayout =
  | { kind: "other"; upload: UploadKind }
  /** The package names a main part the file does not hold. */
  | { kind: "missing"; part: string }
  | { kind: "immovable"; workbook: string; sheet: string }
  | { kind: "workbook"; workbook: string; sheets: SheetPart[]; relocation?: Relocation };

export interface PackageReader {
  names: readonly string[];
  size(name: string): number;
  text(name: string): Promise<string>;
}

/** Any entry exceljs reads as a sheet, wherever it is in the zip (its own test, unanchored). */
export const READ_AS_SHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;

const EXCEL_SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
/** A sheet's relationships exceljs follows, and fails without. */
const FOLLOWED_FROM_SHEETS = ["comments", "vmlDrawing", "drawing", "table"];
const OPEN_DOCUMENT_KINDS: Record<string, UploadKind> = {
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.presentation": "odp",
};
const OFFICE_DOCUMENT =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

export async function readLayout(pkg: PackageReader): Promise<PackageLayout> {
  // Part names are case-insensitive (ECMA-376 Part 2, §6.2.2.3); zip entries are not.
  const byLowerName = new Map(pkg.names.map((name) => [name.toLowerCase(), name]));
  const find = (part: string | undefined) =>
    part === undefined ? undefined : byLowerName.get(part.toLowerCase());

  const mimetype = find("mimetype");
  if (mimetype !== undefined && pkg.size(mimetype) <= 1024) {
    const declared = (await pkg.text(mimetype)).trim();
    if (declared.startsWith("application/vnd.oasis.opendocument."))
      return { kind: "other", upload: OPEN_DOCUMENT_KINDS[declared] ?? "opendocument" };
  }
  let main: string | undefined;
  const packageRels = find("_rels/.rels");
  if (packageRels !== undefined) {
    const office = parseRelationships(await pkg.text(packageRels)).find(
      (relationship) => !relationship.external && isOfType(relationship, "officeDocument")
    );
    if (office !== undefined) {
      const named = resolveTarget("", office.target);
      main = find(named);
      if (main === undefined) return { kind: "missing", part: named ?? office.target };
    }
  }
  main ??= find("xl/workbook.xml");
  if (main === undefined) return { kind: "other", upload: kindByNames(find) };
  const kind = await kindOfMainPart(main, pkg, find);
  return kind === "xlsx" ? spreadsheetLayout(main, pkg, find) : { kind: "other", upload: kind };
}

type Find = (part: string | undefined) => string | undefined;

function kindByNames(find: Find): UploadKind {
  if (find("word/document.xml") !== undefined) return "word";
  if (find("ppt/presentation.xml") !== undefined) return "powerpoint";
  if (find("xl/workbook.bin") !== undefined) return "xlsb";
  return "zip";
}

/** By the content type the package declares for the main part, else by its name. */
async function kindOfMainPart(
  main: string,
  pkg: PackageReader,
  find: Find
): Promise<UploadKind | "xlsx"> {
  const types = find("[Content_Types].xml");
  let type = "";
  try {
    if (types !== undefined) type = contentTypeOf(await pkg.text(types), main) ?? "";
  } catch {
    // exceljs never reads the content types: a damaged one leaves the part's name to decide.
  }
  if (type.includes("wordprocessingml")) return "word";
  if (type.includes("presentationml")) return "powerpoint";
  if (type.includes("sheet.binary")) return "xlsb";
  if (type.includes("spreadsheetml") || type.includes("ms-excel")) return "xlsx";
  const name = main.toLowerCase();
  if (name.endsWith(".bin")) return "xlsb";
  if (name.startsWith("word/")) return "word";
  if (name.startsWith("ppt/")) return "powerpoint";
  return "xlsx";
}

async function spreadsheetLayout(
  main: string,
  pkg: PackageReader,
  find: Find
): Promise<PackageLayout> {
  const relsPart = find(relationshipsPartOf(main));
  const relationships = relsPart === undefined ? [] : parseRelationships(await pkg.text(relsPart));
  const partOf = (relationship: Relationship | undefined) =>
    relationship === undefined || relationship.external
      ? undefined
      : find(resolveTarget(main, relationship.target));
  const byId = new Map(relationships.map((relationship) => [relationship.id, relationship]));
  const sheets: (SheetPart & { relationship: Relationship })[] = [];
  for (const { name, id } of workbookSheets(await pkg.text(main))) {
    const relationship = byId.get(id);
    const part = relationship && isOfType(relationship, "worksheet") && partOf(relationship);
    if (relationship !== undefined && part) sheets.push({ part, name, relationship });
  }
  const shared = relationships.find((relationship) => isOfType(relationship, "sharedStrings"));
  const styles = relationships.find((relationship) => isOfType(relationship, "styles"));
  const readAsIs =
    main === "xl/workbook.xml" &&
    relsPart === "xl/_rels/workbook.xml.rels" &&
    sheets.every(
      ({ part, relationship }) =>
        EXCEL_SHEET_PART.test(part) &&
        `xl/${relationship.target.replace(/^(\s|\/xl\/)+/, "")}` === part
    ) &&
    [undefined, "xl/sharedStrings.xml"].includes(partOf(shared)) &&
    [undefined, "xl/styles.xml"].includes(partOf(styles));
  const found = sheets.map(({ part, name }) => ({ part, name }));
  if (readAsIs) return { kind: "workbook", workbook: main, sheets: found };

  const relocation: Relocation = { copy: [["xl/workbook.xml", main]], write: [] };
  const kept: Relationship[] = [];
  for (const [index, { part, relationship }] of sheets.entries()) {
    const to = `worksheets/sheet${index + 1}.xml`;
    relocation.copy.push([`xl/${to}`, part]);
    kept.push({ ...relationship, target: to });
    const own = find(relationshipsPartOf(part));
    if (own === undefined) continue;
    const links = parseRelationships(await pkg.text(own));
    const followed = links.some(
      (link) => !link.external && FOLLOWED_FROM_SHEETS.some((kind) => isOfType(link, kind))
    );
    if (followed) return { kind: "immovable", workbook: main, sheet: part };
    // Only links out of the package (hyperlinks) are kept; exceljs follows no other.
    const outward = links.filter((link) => link.external);
    if (outward.length > 0)
      relocation.write.push([`xl/worksheets/_rels/sheet${index + 1}.xml.rels`, xmlOf(outward)]);
  }
  for (const [relationship, to] of [
    [shared, "sharedStrings.xml"],
    [styles, "styles.xml"],
  ] as const) {
    const part = partOf(relationship);
    if (relationship === undefined || part === undefined) continue;
    relocation.copy.push([`xl/${to}`, part]);
    kept.push({ ...relationship, target: to });
  }
  relocation.write.push(["xl/_rels/workbook.xml.rels", xmlOf(kept)]);
  relocation.write.push([
    "_rels/.rels",
    xmlOf([{ id: "rId1", type: OFFICE_DOCUMENT, target: "xl/workbook.xml", external: false }]),
  ]);
  return { kind: "workbook", workbook: main, sheets: found, relocation };
}

function xmlOf(relationships: readonly Relationship[]): string {
  const escape = (value: string) =>
    value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const items = relationships.map(
    ({ id, type, target, external }) =>
      `<Relationship Id="${escape(id)}" Type="${escape(type)}" Target="${escape(target)}"${external ? ' TargetMode="External"' : ""}/>`
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}

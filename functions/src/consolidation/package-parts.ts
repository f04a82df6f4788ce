import { SaxesParser } from "saxes";

/**
 * The parts of an Open Packaging Conventions package (ECMA-376 Part 2), as far as reading an
 * .xlsx needs them: relationships, and where their targets point. Part names are written here
 * without the leading slash, as zip entries are named.
 */
export interface Relationship {
  id: string;
  type: string;
  /** The target as written: a part name relative to the source's folder, or absolute ("/…"). */
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string): Relationship[] {
  const relationships: Relationship[] = [];
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    if (localName(tag.name) !== "Relationship") return;
    const attribute = (name: string) => String(tag.attributes[name] ?? "");
    relationships.push({
      id: attribute("Id"),
      type: attribute("Type"),
      target: attribute("Target"),
      external: attribute("TargetMode") === "External",
    });
  });
  parser.write(xml).close();
  return relationships;
}

/** Whether a relationship is of `kind`: the transitional and the strict namespaces both end in it. */
export function isOfType(relationship: Relationship, kind: string): boolean {
  return relationship.type.endsWith(`/${kind}`);
}

/** The part holding `part`'s relationships: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * A relationship's target as a part name, resolved against the part that holds the relationship
 * ("" for the package itself); undefined when it climbs out of the package.
 */
export function resolveTarget(source: string, target: string): string | undefined {
  let written = target.split("#")[0];
  try {
    written = decodeURIComponent(written);
  } catch {
    // Left as written: a stray % is a character of the name.
  }
  const base = written.startsWith("/") ? [] : source.split("/").slice(0, -1);
  const segments = [...base];
  for (const segment of written.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.pop() === undefined) return undefined;
    } else segments.push(segment);
  }
  return segments.length === 0 ? undefined : segments.join("/");
}

/** A workbook part's sheets, in order: each one's name and relationship id. */
export function workbookSheets(xml: string): { name: string; id: string }[] {
  const sheets: { name: string; id: string }[] = [];
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    if (localName(tag.name) !== "sheet") return;
    const id = Object.entries(tag.attributes).find(([key]) => localName(key) === "id")?.[1];
    if (typeof id === "string") sheets.push({ name: String(tag.attributes.name ?? ""), id });
  });
  parser.write(xml).close();
  return sheets;
}

/** The content type the package declares for `part` ([Content_Types].xml), if any. */
export function contentTypeOf(typesXml: string, part: string): string | undefined {
  let override: string | undefined;
  let byExtension: string | undefined;
  const extension = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    const type = String(tag.attributes.ContentType ?? "");
    if (
      name === "Override" &&
      String(tag.attributes.PartName ?? "").toLowerCase() === `/${part.toLowerCase()}`
    )
      override = type;
    else if (
      name === "Default" &&
      String(tag.attributes.Extension ?? "").toLowerCase() === extension
    )
      byExtension = type;
  });
  parser.write(typesXml).close();
  return override ?? byExtension;
}

export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

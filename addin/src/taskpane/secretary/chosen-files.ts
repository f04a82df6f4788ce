import { MAX_CONSOLIDATE_FILES, MAX_WORKBOOK_BYTES } from "@smartcity/shared";

/**
 * The secretary's list of chosen workbooks. Files are added from the file picker and from drops,
 * in any number of goes, so the list is kept here rather than in the <input>. Only the two limits
 * the service would refuse anyway are checked before the upload (shared's constants, so the pane
 * and the service cannot disagree); whether a file really is a readable workbook (.xlsx, .xls, .xlsb, .ods) is the service's
 * call, and its per-file answer is shown with the results.
 */
export interface ChosenFile {
  name: string;
  size: number;
  lastModified: number;
}

export type Refusal =
  | { code: "TOO_MANY_FILES"; chosen: number }
  | { code: "FILE_TOO_LARGE"; name: string; size: number };

/** The same file picked twice (name, size and modification time) is listed once. */
const identity = (file: ChosenFile) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

export function addChosenFiles<T extends ChosenFile>(
  current: readonly T[],
  added: Iterable<T>
): { files: T[]; refused: Refusal[] } {
  const seen = new Set(current.map(identity));
  const refused: Refusal[] = [];
  const fresh: T[] = [];
  for (const file of added) {
    if (seen.has(identity(file))) continue;
    seen.add(identity(file));
    // The service gives such a file its own FILE_TOO_LARGE error; refusing it here saves the upload.
    if (file.size > MAX_WORKBOOK_BYTES) {
      refused.push({ code: "FILE_TOO_LARGE", name: file.name, size: file.size });
      continue;
    }
    fresh.push(file);
  }
  const total = current.length + fresh.length;
  // Past the limit the service refuses the whole request (413), so the whole drop is refused:
  // keeping an arbitrary first hundred would leave the secretary to guess which were left out.
  if (total > MAX_CONSOLIDATE_FILES) {
    return {
      files: [...current],
      refused: [...refused, { code: "TOO_MANY_FILES", chosen: total }],
    };
  }
  return { files: [...current, ...fresh], refused };
}

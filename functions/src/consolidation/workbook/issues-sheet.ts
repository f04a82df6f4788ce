import {
  APPLICANT_ID_HEADER,
  APPLICANT_NAME_HEADER,
  type ConsolidateResponse,
  entriesByApplicant,
  hasLaterStructure,
  type EvaluatorEntry,
  ISSUES_HEADERS,
  issueKindName,
  location,
  qualifiedItemName,
  type LocalizedText,
  type Rules,
} from "@smartcity/shared";
import type { CellData, Column, SheetPlan } from "./sheet-writer";
import { reasonKindName } from "./summary-labels";

/**
 * Issues: each problem once. An applicant's flag names the applicant and the
 * item (a dimension, the overall or a criterion); a file's warning or error
 * names where it is (file · sheet!cell). An unreadable cell is both a warning
 * of its file and a flag of its applicant, with the same words: it is listed
 * once, as the applicant's, with the warning's place. After an applicant's flags
 * come the reasons it is not eligible, in full: the Summary shows both as short
 * labels that link here. Kinds are words, in Thai and English, for every code
 * (`issueKindName`, `reasonKindName`), never bare codes. `firstRows` gives, by applicant index,
 * the row of each applicant's first issue (none without flags or reasons), where the Summary's
 * labels link: taken from the rows as laid out, so the links follow any change of layout.
 */
export function issuesPlan(
  response: ConsolidateResponse,
  rules: Rules,
  read: { entries: readonly EvaluatorEntry[]; conflicted: ReadonlySet<EvaluatorEntry> },
  pageHeader: SheetPlan["pageHeader"],
  title: string
): { plan: SheetPlan; firstRows: Array<number | undefined> } {
  const { entries, conflicted } = read;
  const above = [{ text: title, strong: true }];
  // Items of requirement groups and rubrics are named "group: item": a wider Item column.
  const later = hasLaterStructure(rules);
  // Widths that print one page wide at 9 pt (page-setup.ts): the messages wrap.
  const columns: Column[] = [
    { header: ISSUES_HEADERS.kind, width: 16, wrap: true },
    { header: APPLICANT_ID_HEADER, width: 7, rotate: true },
    { header: APPLICANT_NAME_HEADER, width: 13, wrap: true },
    { header: ISSUES_HEADERS.item, width: later ? 14 : 12, wrap: true },
    { header: ISSUES_HEADERS.where, width: 22, wrap: true },
    { header: ISSUES_HEADERS.messageTh, width: later ? 29 : 31, wrap: true },
    { header: ISSUES_HEADERS.messageEn, width: later ? 29 : 31, wrap: true },
  ];
  const kind = (code: string) => {
    const name = issueKindName(code);
    return `${name.th}\n${name.en}`;
  };
  const both = (text: LocalizedText) => `${text.th}\n${text.en}`;

  // The place of each warning, by its words, for the flags that repeat one.
  const placeOf = new Map<string, string>();
  for (const file of response.files)
    for (const warning of file.warnings)
      placeOf.set(warning.message.th, location(file.name, warning.sheet, warning.cell));
  const listedWithApplicant = new Set<string>();

  const groups = entriesByApplicant(entries);
  const rows: CellData[][] = [];
  // The sheet's rows: those above, the header, then these (1-based).
  const rowNumber = () => above.length + 2 + rows.length;
  const firstRows = response.applicants.map((applicant, index) => {
    const first = applicant.flags.length + applicant.reasons.length > 0 ? rowNumber() : undefined;
    for (const flag of applicant.flags) {
      const item = flagItem(flag);
      let place = placeOf.get(flag.message.th);
      if (place !== undefined) listedWithApplicant.add(flag.message.th);
      // A conflict flag is about the conflicted rows; any other, about the rows that counted.
      else
        place = placesOf(
          (groups[index] ?? []).filter(
            (entry) => conflicted.has(entry) === flag.code.startsWith("CONFLICT_")
          ),
          item
        );
      rows.push([
        kind(flag.code),
        applicant.id,
        applicant.name,
        item === undefined ? null : both(shortItemName(rules, item)),
        place ?? null,
        flag.message.th,
        flag.message.en,
      ]);
    }
    for (const reason of applicant.reasons) {
      const item =
        reason.group !== undefined
          ? `${reason.group}.${reason.item}`
          : (reason.dimension ?? reason.criterion);
      const name = reasonKindName(reason.code);
      rows.push([
        `${name.th}\n${name.en}`,
        applicant.id,
        applicant.name,
        item === undefined ? null : both(shortItemName(rules, item)),
        placesOf(
          (groups[index] ?? []).filter((entry) => !conflicted.has(entry)),
          item
        ),
        reason.message.th,
        reason.message.en,
      ]);
    }
    return first;
  });
  for (const file of response.files) {
    if (file.error)
      rows.push([
        kind(file.error.code),
        null,
        null,
        null,
        file.name,
        file.error.message.th,
        file.error.message.en,
      ]);
    for (const warning of file.warnings) {
      if (listedWithApplicant.has(warning.message.th)) continue;
      rows.push([
        kind(warning.code),
        null,
        null,
        null,
        location(file.name, warning.sheet, warning.cell),
        warning.message.th,
        warning.message.en,
      ]);
    }
  }
  return { plan: { name: "Issues", columns, above, rows, pageHeader }, firstRows };
}

/** The item a flag is about, keyed as the import keys items (`group.item`, `dimension.item`, `track`). */
function flagItem(flag: ConsolidateResponse["applicants"][number]["flags"][number]) {
  if (flag.code === "TRACK_DISAGREEMENT" || flag.code === "MISSING_TRACK") return "track";
  if (flag.item !== undefined) return `${flag.group ?? flag.dimension}.${flag.item}`;
  return flag.dimension ?? flag.criterion;
}

/**
 * An item's name for the Item column: a requirement or rubric item by its own name (its group
 * or dimension is in the message beside it; "group: item" does not fit the column).
 */
function shortItemName(rules: Rules, key: string): LocalizedText {
  const dot = key.indexOf(".");
  if (dot < 0) return qualifiedItemName(rules, key);
  const owner = key.slice(0, dot);
  const id = key.slice(dot + 1);
  const group = rules.requirementGroups?.find((entry) => entry.id === owner);
  const dimension = rules.dimensions.find((entry) => entry.id === owner);
  return (
    group?.items.find((entry) => entry.id === id)?.name ??
    dimension?.items?.find((entry) => entry.id === id)?.name ??
    qualifiedItemName(rules, key)
  );
}

/** The cell of an item in one evaluator's entry, if the entry gave it. */
function cellOf(entry: EvaluatorEntry, item: string): string | undefined {
  if (item === "overall") return entry.overall?.cell;
  if (item === "track") return entry.track?.cell;
  const dot = item.indexOf(".");
  if (dot >= 0) {
    const owner = item.slice(0, dot);
    const id = item.slice(dot + 1);
    return (entry.requirements?.[owner]?.[id] ?? entry.points?.[owner]?.[id])?.cell;
  }
  return (entry.scores[item] ?? entry.answers[item])?.cell;
}

/**
 * Where an applicant's flag comes from: the cells of its item in each
 * evaluator's row (`somchai.xlsx · Evaluation!H7`), or, for an item nobody
 * gave or a flag about the applicant as a whole, the evaluators' rows (`!7:7`).
 */
function placesOf(entries: readonly EvaluatorEntry[], item: string | undefined): string {
  const cells: string[] = [];
  for (const entry of entries) {
    const cell = item === undefined ? undefined : cellOf(entry, item);
    cells.push(location(entry.file, entry.sheet, cell ?? `${entry.row}:${entry.row}`));
  }
  return cells.join("\n");
}

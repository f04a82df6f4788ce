import { type ColumnRole, columnRole } from "./evaluation-columns";
import { type CellSnapshot, type SheetSnapshot } from "./sheet-snapshot";
import type { SheetRules } from "./evaluator-entry";
import { HEADER_SEARCH_ROWS } from "./evaluator-entry";
import { valueAtAddress } from "./sheet-cells";

/**
 * Finding an evaluator's header row and what each of its columns holds (the decisions are in
 * read-evaluation-sheet.ts).
 */
export interface HeaderLayout {
  row: number;
  id?: number;
  name?: number;
  evaluator?: number;
  overall?: number;
  /** The conflict-of-interest column, when the sheet has one (sheets made before it have none). */
  conflict?: number;
  dimensions: Map<string, number>;
  criteria: Map<string, number>;
  track?: number;
  /** `group.item` → column. */
  requirements: Map<string, number>;
  /** `dimension.item` → column. */
  points: Map<string, number>;
  ignored: Array<{ column: number; label: string }>;
  duplicates: Array<{ column: number; item: string; first: number }>;
}

export function findHeader(sheet: SheetSnapshot, rules: SheetRules): HeaderLayout | undefined {
  let best: HeaderLayout | undefined;
  let bestCount = 0;
  const lastRow = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < lastRow; row++) {
    const layout = layoutOfRow(sheet, row, rules);
    if (layout === undefined) continue;
    const count =
      layout.dimensions.size +
      layout.criteria.size +
      layout.requirements.size +
      layout.points.size +
      [
        layout.id,
        layout.name,
        layout.evaluator,
        layout.overall,
        layout.track,
        layout.conflict,
      ].filter((c) => c !== undefined).length;
    if (count > bestCount) {
      best = layout;
      bestCount = count;
    }
  }
  return best;
}

export function layoutOfRow(
  sheet: SheetSnapshot,
  row: number,
  rules: SheetRules
): HeaderLayout | undefined {
  const cells = sheet.rows[row];
  if (cells === undefined) return undefined;
  const layout: HeaderLayout = {
    row,
    dimensions: new Map(),
    criteria: new Map(),
    requirements: new Map(),
    points: new Map(),
    ignored: [],
    duplicates: [],
  };
  const seen = new Map<string, number>();
  for (let column = 0; column < cells.length; column++) {
    const label = headerText(sheet, cells[column]);
    if (label === null) continue;
    const role = columnRole(label, rules);
    if (role === undefined) {
      layout.ignored.push({ column, label });
      continue;
    }
    if (role.kind === "computed") continue;
    const key = roleKey(role);
    const first = seen.get(key);
    if (first !== undefined) {
      layout.duplicates.push({ column, item: itemKey(role), first });
      continue;
    }
    seen.set(key, column);
    if (role.kind === "dimension") layout.dimensions.set(role.id, column);
    else if (role.kind === "criterion") layout.criteria.set(role.id, column);
    else if (role.kind === "requirement") layout.requirements.set(itemKey(role), column);
    else if (role.kind === "points") layout.points.set(itemKey(role), column);
    else layout[role.kind] = column;
  }
  const namesApplicant = layout.id !== undefined || layout.name !== undefined;
  // A rubric item counts as a dimension: a sheet may score a rubric dimension by points alone.
  const scores = layout.dimensions.size > 0 || layout.points.size > 0;
  return namesApplicant && scores ? layout : undefined;
}

/** How the import keys an item: a dimension or criterion id, `group.item`, `dimension.item`, or the role. */
export function itemKey(role: ColumnRole): string {
  if (role.kind === "dimension" || role.kind === "criterion") return role.id;
  if (role.kind === "requirement") return `${role.group}.${role.item}`;
  if (role.kind === "points") return `${role.dimension}.${role.item}`;
  return role.kind;
}

export function roleKey(role: ColumnRole): string {
  return `${role.kind}:${itemKey(role)}`;
}

/** A header cell's text; a cell merged into another shows that cell's text. */
export function headerText(sheet: SheetSnapshot, cell: CellSnapshot | undefined): string | null {
  if (cell === undefined) return null;
  const value = cell.mergedInto !== undefined ? valueAtAddress(sheet, cell.mergedInto) : cell.value;
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

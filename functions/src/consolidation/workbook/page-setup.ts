import type { Worksheet } from "exceljs";
import { POINTS_PER_UNIT } from "./text-measure";

/**
 * How a sheet prints: A4 landscape, and fitted to one page wide only when that keeps the body
 * (10 pt) at 9 pt or more. Fitting every column of a wide sheet to one page once printed the
 * Summary at 5 pt and the Details at 4.5 pt; a sheet too wide for 90% prints at 90% over more
 * pages across, with its first columns (the applicant) repeated on each.
 */
export const A4_LANDSCAPE_WIDTH_POINTS = 842;
export const SIDE_MARGIN_INCHES = 0.3;
/** The smallest print scale that keeps the body's 10 pt at 9 pt. */
export const MIN_SCALE = 0.9;

/** Points across a page between the side margins. */
export const PRINTABLE_POINTS = A4_LANDSCAPE_WIDTH_POINTS - 2 * SIDE_MARGIN_INCHES * 72;

/** The widest sheet (in column-width units) that prints one page wide at MIN_SCALE. */
export const MAX_UNITS_ONE_PAGE_WIDE = PRINTABLE_POINTS / (POINTS_PER_UNIT * MIN_SCALE);

export function pageSetup(
  totalUnits: number,
  headerRow: number,
  repeatColumns: string
): Partial<Worksheet["pageSetup"]> {
  const common: Partial<Worksheet["pageSetup"]> = {
    paperSize: 9, // A4
    orientation: "landscape",
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: {
      left: SIDE_MARGIN_INCHES,
      right: SIDE_MARGIN_INCHES,
      top: 0.75,
      bottom: 0.6,
      header: 0.3,
      footer: 0.3,
    },
  };
  if (totalUnits <= MAX_UNITS_ONE_PAGE_WIDE)
    return { ...common, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return {
    ...common,
    fitToPage: false,
    scale: Math.round(MIN_SCALE * 100),
    printTitlesColumn: repeatColumns,
    pageOrder: "overThenDown",
  };
}

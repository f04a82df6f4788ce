/**
 * How wide a text prints, in column-width units (the width of the default font's "0"; the
 * workbook's default font is the body's, Tahoma 10, so a unit follows the text on any
 * machine: Tahoma in Excel, its stand-in DejaVu Sans in LibreOffice on Linux). About 1.25
 * Latin characters per unit and 1.55 Thai ones, whose vowels and tone marks above or below a
 * consonant take no width of their own (Unicode marks); bold is about 15% wider.
 */
export function unitsOf(text: string, bold = false): number {
  let latin = 0;
  let thai = 0;
  // A loop over char codes rather than a regex per character: this runs for every wrapped
  // cell of a Details sheet of 10,000 rows.
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x0e00 || code > 0x0e7f) {
      if (code < 0x0300 || code > 0x036f) latin++; // combining diacritics take no width
    } else if (!isThaiMark(code)) thai++;
  }
  const units = latin / 1.25 + thai / 1.55;
  return bold ? units * 1.15 : units;
}

export function hasThai(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x0e00 && code <= 0x0e7f) return true;
  }
  return false;
}

/** Thai vowels and tone marks written above or below a consonant (Unicode category Mn). */
export function isThaiMark(code: number): boolean {
  return (
    code === 0x0e31 || (code >= 0x0e34 && code <= 0x0e3a) || (code >= 0x0e47 && code <= 0x0e4e)
  );
}

/**
 * Points per column-width unit as LibreOffice prints it on Linux, DejaVu Sans standing in for
 * Tahoma 10 (measured: 6.28; Excel's is about 5.6): the wider of the two programs, so a layout
 * sized by it also fits in Excel.
 */
export const POINTS_PER_UNIT = 6.3;

/**
 * LibreOffice's stand-in for Tahoma (DejaVu Sans, and a Thai font such as Loma) prints about a
 * fifth wider than unitsOf counts for Tahoma: a text that must not wrap (a label, a rotated
 * header's line) is sized with this margin.
 */
export const WIDER_FONT = 1.2;

const THAI_ZERO = 0x0e50; // ๐; ๑–๙ follow in order

/** Replaces Thai digits (๐–๙) with ASCII digits, leaving everything else as it is. */
export function thaiDigitsToAscii(text: string): string {
  return text.replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - THAI_ZERO));
}

import { IMPLICIT_BANDS, type LocalizedText, type Rules } from "@smartcity/shared";

/**
 * The impact of new rules in words, in Thai and English: how many applicants change eligibility
 * or outcome, and who moves from which outcome to which ("3 applicants move from Approved to
 * Approved in principle"). The changes themselves are shared's previewImpact (through the
 * service); this only words them, for the sheet preview and for a stored proposal's preview.
 */
export interface OutcomeChange {
  /** The applicant's row in the sheet (absent for a proposal's stored preview). */
  row?: number;
  id?: string;
  from: LocalizedText;
  to: LocalizedText;
}

/** A band's name by id in `rules` (the implicit two when the rules name none); else the id. */
export function bandName(
  rules: Rules | undefined,
  id: string | undefined,
  eligible: boolean
): LocalizedText {
  const bands: readonly { id: string; name: LocalizedText }[] = rules?.outcomes ?? IMPLICIT_BANDS;
  const found = bands.find((band) => band.id === id);
  if (found) return found.name;
  if (id !== undefined) return { th: id, en: id };
  return IMPLICIT_BANDS[eligible ? 0 : 1].name;
}

/** "N of M applicants … change eligibility or outcome" (`where`: this sheet, or a version). */
export function changeCount(changes: number, of: number, against?: string): LocalizedText {
  return against === undefined
    ? {
        en: `${changes} of ${of} applicants in this sheet would change eligibility or outcome.`,
        th: `ผู้สมัคร ${changes} จาก ${of} รายในแผ่นงานนี้จะมีผลการผ่านเกณฑ์หรือผลการพิจารณาเปลี่ยนไป`,
      }
    : {
        en: `Impact: ${changes} of ${of} applicants change eligibility or outcome against version ${against}`,
        th: `ผลกระทบ: ผู้สมัคร ${changes} จาก ${of} รายมีผลการผ่านเกณฑ์หรือผลการพิจารณาเปลี่ยนไปเมื่อเทียบกับฉบับที่ ${against}`,
      };
}

/** One line per pair of outcomes, in the order first met: "3 applicants move from A to B". */
export function moves(changes: readonly OutcomeChange[]): LocalizedText[] {
  const pairs = new Map<string, { from: LocalizedText; to: LocalizedText; count: number }>();
  for (const change of changes) {
    const key = JSON.stringify([change.from.en, change.to.en]);
    const pair = pairs.get(key) ?? { from: change.from, to: change.to, count: 0 };
    pair.count++;
    pairs.set(key, pair);
  }
  return [...pairs.values()].map(({ from, to, count }) => ({
    en: `${count} ${count === 1 ? "applicant moves" : "applicants move"} from ${from.en} to ${to.en}`,
    th: `ผู้สมัคร ${count} รายเปลี่ยนจาก “${from.th}” เป็น “${to.th}”`,
  }));
}

/** "Row 4 (cityA): Approved → Approved in principle". */
export function rowChange(change: OutcomeChange): LocalizedText {
  const id = change.id ? ` (${change.id})` : "";
  return {
    en: `Row ${change.row ?? "?"}${id}: ${change.from.en} → ${change.to.en}`,
    th: `แถวที่ ${change.row ?? "?"}${id}: ${change.from.th} → ${change.to.th}`,
  };
}

/** What the sheet's reading said (cells it could not read…), at most `shown` of them. */
export function readingWarnings(
  warnings: readonly { message: LocalizedText }[],
  shown = 5
): LocalizedText[] {
  const lines = warnings.slice(0, shown).map((warning) => warning.message);
  const more = warnings.length - lines.length;
  if (more > 0)
    lines.push({
      en: `… and ${more} more ${more === 1 ? "note" : "notes"} about the sheet`,
      th: `… และข้อสังเกตเกี่ยวกับแผ่นงานอีก ${more} รายการ`,
    });
  return lines;
}

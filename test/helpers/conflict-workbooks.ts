import { Workbook } from "exceljs";

/**
 * Three evaluators' workbooks for two applicants, with declared conflicts of interest: somchai
 * declared one for A-1 (and scored it in the same row); niran declared one for A-1 and scored it
 * in another row (a contradiction); suda's workbook was made before the column and has none.
 * The conflicted scores are values nobody else gives (`HIDDEN_SCORES`), so any trace of them in
 * an answer shows that a conflicted row leaked.
 */
export const CONFLICT_HEADER_TEXT = "ผลประโยชน์ทับซ้อน / Conflict of interest";
export const HIDDEN_SCORES = ["61.17", "62.23", "44.47", "45.53"];

const HEADERS = ["Applicant ID", "Applicant", "Evaluator", "Smart Environment", "Smart Energy"];
type Row = [string, string, string, number | null, number | null, string?];

async function workbookOf(rows: Row[], withConflictColumn: boolean): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet("Evaluation");
  sheet.addRow(withConflictColumn ? [...HEADERS, CONFLICT_HEADER_TEXT] : HEADERS);
  for (const row of rows) sheet.addRow(withConflictColumn ? row : row.slice(0, 5));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function conflictWorkbooks(): Promise<Array<{ name: string; bytes: Buffer }>> {
  return [
    {
      name: "somchai.xlsx",
      bytes: await workbookOf(
        [
          ["A-1", "เชียงใหม่", "สมชาย", 61.17, 62.23, "ใช่"],
          ["A-2", "ภูเก็ต", "สมชาย", 80, 70],
        ],
        true
      ),
    },
    {
      name: "suda.xlsx",
      bytes: await workbookOf(
        [
          ["A-1", "เชียงใหม่", "สุดา", 85, 75],
          ["A-2", "ภูเก็ต", "สุดา", 90, 80],
        ],
        false
      ),
    },
    {
      name: "niran.xlsx",
      bytes: await workbookOf(
        [
          ["A-1", "เชียงใหม่", "นิรันดร์", null, null, "Yes"],
          ["A-1", "เชียงใหม่", "นิรันดร์", 44.47, 45.53, "No"],
          ["A-2", "ภูเก็ต", "นิรันดร์", 70, 90, "ไม่ใช่"],
        ],
        true
      ),
    },
  ];
}

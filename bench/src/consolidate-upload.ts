import { BASELINE_RULESET, evaluationSheetHeaders, XLSX_MEDIA_TYPE } from "@smartcity/shared";
import { Workbook } from "exceljs";

/**
 * The consolidation benchmark's upload: evaluators' workbooks in the add-in's evaluation sheet,
 * generated deterministically (seeded), and the multipart body that carries them.
 */
export interface UploadFile {
  name: string;
  bytes: Buffer;
}

export function multipartBody(
  boundary: string,
  rulesetVersion: string,
  files: UploadFile[]
): Buffer {
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="rulesetVersion"\r\n\r\n${rulesetVersion}\r\n`
    ),
  ];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${XLSX_MEDIA_TYPE}\r\n\r\n`
      ),
      file.bytes,
      Buffer.from("\r\n")
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** mulberry32: a small seeded PRNG, so that every run uploads the same workbooks. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const KINDS = [
  "เทศบาลนคร",
  "เทศบาลเมือง",
  "เทศบาลตำบล",
  "องค์การบริหารส่วนตำบล",
  "องค์การบริหารส่วนจังหวัด",
  "เมืองอัจฉริยะ",
  "ย่านนวัตกรรม",
  "นิคมอุตสาหกรรม",
];
export const PLACES = [
  "เชียงใหม่",
  "ขอนแก่น",
  "ภูเก็ต",
  "นครราชสีมา",
  "ชลบุรี",
  "ระยอง",
  "สงขลา",
  "อุดรธานี",
  "พิษณุโลก",
  "นครสวรรค์",
  "สุราษฎร์ธานี",
  "ลำปาง",
  "เชียงราย",
  "อุบลราชธานี",
  "นครปฐม",
  "ฉะเชิงเทรา",
  "ยะลา",
  "ตรัง",
  "แพร่",
  "น่าน",
  "กระบี่",
  "ตาก",
  "สกลนคร",
  "ร้อยเอ็ด",
  "ราชบุรี",
];

export interface Applicant {
  id: string;
  name: string;
  /** The consensus score of each proposed dimension (undefined: not proposed). */
  base: Array<number | undefined>;
  answers: boolean[];
  /** One evaluator who disagrees strongly on one dimension, for a few applicants. */
  outlier?: { evaluator: number; dimension: number; by: number };
}

/**
 * The evaluators' workbooks: the same applicants in every file; each applicant proposes 2–7
 * of the 7 dimensions (the others blank), evaluators score the proposed ones within ±9 of a
 * consensus in 62–90 around the applicant's level (so 55–95, no disagreement by chance); ~5% of applicants have one
 * evaluator 25–35 points away on one dimension (a disagreement); a few scores, overalls and
 * answers are left blank; answers are TRUE/FALSE (booleans), mostly TRUE, rarely contradicted.
 */
export async function evaluatorWorkbooks(
  evaluators: number,
  applicantCount: number
): Promise<UploadFile[]> {
  const { dimensions, preliminaryCriteria } = BASELINE_RULESET.rules;
  const random = prng(20_240_315);
  const applicants: Applicant[] = [];
  for (let i = 0; i < applicantCount; i++) {
    const proposedCount = 2 + Math.floor(random() * (dimensions.length - 1));
    const order = dimensions.map((_, index) => ({ index, key: random() }));
    order.sort((a, b) => a.key - b.key);
    const proposed = new Set(order.slice(0, proposedCount).map((entry) => entry.index));
    const quality = 66 + random() * 24;
    const base = dimensions.map((_, index) =>
      proposed.has(index) ? Math.min(90, Math.max(62, quality + (random() - 0.5) * 12)) : undefined
    );
    const applicant: Applicant = {
      id: `SC-${String(i + 1).padStart(4, "0")}`,
      name: `${KINDS[i % KINDS.length]}${PLACES[Math.floor(i / KINDS.length) % PLACES.length]}`,
      base,
      answers: preliminaryCriteria.map(() => random() < 0.93),
    };
    if (random() < 0.05) {
      const dimension = [...proposed][Math.floor(random() * proposed.size)];
      const by = (25 + random() * 10) * (random() < 0.5 ? -1 : 1);
      applicant.outlier = { evaluator: Math.floor(random() * evaluators), dimension, by };
    }
    applicants.push(applicant);
  }

  const headers = evaluationSheetHeaders(BASELINE_RULESET.rules);
  const created = new Date(Date.UTC(2024, 2, 20, 9, 0, 0));
  const files: UploadFile[] = [];
  for (let e = 0; e < evaluators; e++) {
    const rows = applicants.map((applicant) => {
      const answers = applicant.answers.map((truth) => {
        const roll = random();
        if (roll < 0.0004) return null;
        return roll < 0.0006 ? !truth : truth;
      });
      const given: number[] = [];
      const scores = applicant.base.map((base, d) => {
        if (base === undefined || random() < 0.0005) return null;
        const noise = (random() + random() + random() - 1.5) * 6;
        let score = Math.min(95, Math.max(55, base + noise));
        if (applicant.outlier?.evaluator === e && applicant.outlier.dimension === d)
          score = Math.min(100, Math.max(20, base + applicant.outlier.by));
        score = random() < 0.1 ? Math.round(score * 10) / 10 : Math.round(score);
        given.push(score);
        return score;
      });
      const mean = given.reduce((sum, score) => sum + score, 0) / Math.max(1, given.length);
      const overall =
        given.length === 0 || random() < 0.001 ? null : Math.round(mean + (random() - 0.5) * 4);
      return [applicant.id, applicant.name, ...answers, ...scores, overall, null, null, null];
    });
    const workbook = new Workbook();
    const evaluator = `evaluator-${String(e + 1).padStart(2, "0")}`;
    workbook.creator = evaluator;
    workbook.lastModifiedBy = evaluator;
    workbook.created = created;
    workbook.modified = created;
    const sheet = workbook.addWorksheet("Evaluation", {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    sheet.addTable({
      name: "Evaluation1",
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: headers.map((name) => ({ name })),
      rows,
    });
    sheet.getRow(1).height = 45;
    for (let c = 1; c <= headers.length; c++) sheet.getColumn(c).width = 16;
    files.push({
      name: `${evaluator}.xlsx`,
      bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
  }
  return files;
}

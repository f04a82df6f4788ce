import {
  describeIssues,
  type LocalizedText,
  type ProposalRecord,
  type Ruleset,
} from "@smartcity/shared";
import { rulesHash } from "../../rules-hash";
import { type StoreFile, StoreFileSchema } from "./store-file";

/** One thing wrong with a store file, and where in it (`versions[2].rules…`). */
export interface FileProblem {
  where: string;
  message: LocalizedText;
}

export type FileCheck = { ok: true; file: StoreFile } | { ok: false; problems: FileProblem[] };

/**
 * Whether `value` is a store file that can be imported as it is: its shape (the zod schema),
 * every version's and proposal's hash against its rules (the hash the service computes when it
 * publishes), versions numbered 1, 2, 3… with the pointer on the newest, and no id twice.
 */
export function checkStoreFile(value: unknown): FileCheck {
  const parsed = StoreFileSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      problems: describeIssues(parsed.error.issues).map(({ path, message }) => ({
        where: path,
        message,
      })),
    };
  const { versions, proposals, audit, pointer } = parsed.data;
  const problems: FileProblem[] = [
    ...versions.flatMap((ruleset, index) => hashProblems(`versions[${index}]`, ruleset)),
    ...proposals.flatMap((proposal, index) => hashProblems(`proposals[${index}]`, proposal)),
    ...numberingProblems(versions, pointer.version),
    ...twice(
      proposals.map((proposal) => proposal.id),
      "proposals",
      "id"
    ),
    ...twice(
      audit.map((row) => row.rowKey),
      "audit",
      "rowKey"
    ),
    ...proposals.flatMap((proposal, index) => versionOfProposal(proposal, index, versions)),
  ];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: value as StoreFile };
}

function hashProblems(where: string, record: Ruleset | ProposalRecord): FileProblem[] {
  const computed = rulesHash(record.rules);
  if (computed === record.hash) return [];
  const what =
    "version" in record && "publishedAt" in record
      ? { th: `ชุดเกณฑ์ฉบับที่ ${record.version}`, en: `version ${record.version}` }
      : { th: `ข้อเสนอ ${record.id}`, en: `proposal ${record.id}` };
  return [
    {
      where: `${where}.hash`,
      message: {
        th: `${what.th} ระบุค่าแฮช ${record.hash} แต่เกณฑ์ที่อยู่ในแฟ้มให้ค่าแฮช ${computed} แสดงว่าเกณฑ์ถูกแก้ไขหลังจากบันทึก`,
        en: `${what.en} says its hash is ${record.hash}, but its rules hash to ${computed}: the rules were changed after they were recorded`,
      },
    },
  ];
}

function numberingProblems(versions: Ruleset[], pointer: string): FileProblem[] {
  const numbers = versions.map((ruleset) => Number(ruleset.version));
  const newest = Math.max(...numbers);
  const problems: FileProblem[] = [];
  const missing = [];
  for (let version = 1; version <= newest; version++)
    if (!numbers.includes(version)) missing.push(version);
  if (missing.length > 0)
    problems.push({
      where: "versions",
      message: {
        th: `ไม่มีชุดเกณฑ์ฉบับที่ ${missing.join(", ")} ทั้งที่มีฉบับที่ ${newest} ชุดเกณฑ์ต้องมีครบทุกฉบับตั้งแต่ฉบับที่ 1`,
        en: `version${missing.length === 1 ? "" : "s"} ${missing.join(", ")} missing below version ${newest}: the record holds every version from 1 on`,
      },
    });
  problems.push(
    ...twice(
      versions.map((ruleset) => ruleset.version),
      "versions",
      "version"
    )
  );
  if (Number(pointer) !== newest)
    problems.push({
      where: "pointer.version",
      message: {
        th: `ตัวชี้ระบุฉบับที่ ${pointer} แต่ฉบับล่าสุดในแฟ้มคือฉบับที่ ${newest}`,
        en: `the pointer names version ${pointer}, but the newest version in the file is ${newest}`,
      },
    });
  return problems;
}

function twice(values: string[], list: string, field: string): FileProblem[] {
  const seen = new Set<string>();
  const problems: FileProblem[] = [];
  values.forEach((value, index) => {
    if (seen.has(value))
      problems.push({
        where: `${list}[${index}].${field}`,
        message: { th: `${value} ซ้ำกับรายการก่อนหน้า`, en: `${value} appears twice` },
      });
    seen.add(value);
  });
  return problems;
}

function versionOfProposal(
  proposal: ProposalRecord,
  index: number,
  versions: Ruleset[]
): FileProblem[] {
  if (proposal.status !== "approved") return [];
  if (versions.some((ruleset) => ruleset.version === proposal.version)) return [];
  return [
    {
      where: `proposals[${index}].version`,
      message: {
        th: `ข้อเสนอ ${proposal.id} อนุมัติเป็นฉบับที่ ${proposal.version ?? "(ไม่ระบุ)"} แต่แฟ้มไม่มีฉบับนั้น`,
        en: `proposal ${proposal.id} was approved as version ${proposal.version ?? "(none given)"}, which the file does not hold`,
      },
    },
  ];
}

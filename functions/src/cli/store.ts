import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { LocalizedText } from "@smartcity/shared";
import { ConfigError, loadStorageConfig, type StorageConfig } from "../config";
import { checkStoreFile, type FileProblem } from "../store/backup/check-store-file";
import { readStore, UnknownRowError } from "../store/backup/read-store";
import type { StoreFile } from "../store/backup/store-file";
import {
  ImportInterruptedError,
  StoreNotEmptyError,
  writeStore,
} from "../store/backup/write-store";
import { isStatus, StorageUnavailableError } from "../store/storage-errors";
import { createTableClient } from "../store/table-client";

/**
 * `npm run store -- export <file>` and `npm run store -- import <file>`: the committee's record
 * (every version with its hash, the pointer, the proposals, the audit log) to one JSON file,
 * and from one into an empty store. Table Storage has no point-in-time restore; this is the
 * backup. The store is the one the service reads, from the same settings:
 * SMARTCITY_STORAGE_CONNECTION_STRING (a key), or SMARTCITY_STORAGE_ACCOUNT_URL (the signed-in
 * identity, by DefaultAzureCredential: `az login` on an operator's machine), and
 * SMARTCITY_RULESETS_TABLE (default rulesets).
 */
const USAGE =
  "usage: npm run store -- export <file>   (the whole store to a new JSON file)\n" +
  "       npm run store -- import <file>   (a file from export into an empty store)";

/** Nobody waits on a request here: a big page of versions may take its time. */
const CLI_TIME_LIMITS = { tryTimeoutMs: 60_000, callDeadlineMs: 180_000 };

async function main(args: string[]): Promise<number> {
  const [command, file, ...rest] = args;
  if ((command !== "export" && command !== "import") || !file || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  let storage: StorageConfig;
  try {
    storage = loadStorageConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say({
      th: "ไม่ทราบว่าที่เก็บข้อมูลอยู่ที่ใด ให้ตั้งค่า SMARTCITY_STORAGE_ACCOUNT_URL หรือ SMARTCITY_STORAGE_CONNECTION_STRING",
      en: `Which store? ${error.message}`,
    });
    return 2;
  }
  // npm runs scripts from the repository's root; a relative path is the caller's.
  const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const table = createTableClient(storage, CLI_TIME_LIMITS);
  const store: LocalizedText = {
    th: `ตาราง "${storage.tableName}" ที่ ${whereIs(storage)}`,
    en: `table "${storage.tableName}" at ${whereIs(storage)}`,
  };
  try {
    return command === "export"
      ? await exportTo(target, () => readStore(table), store)
      : await importFrom(target, (checked) => writeStore(table, checked), store);
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      say({
        th: `ติดต่อที่เก็บข้อมูลไม่ได้ (${store.th}) กรุณาลองใหม่ภายหลัง`,
        en: `The store could not be reached (${store.en}): ${error.message}`,
      });
      return 1;
    }
    throw error;
  }
}

async function exportTo(
  target: string,
  read: () => Promise<StoreFile>,
  store: LocalizedText
): Promise<number> {
  if (existsSync(target)) {
    say({
      th: `มีแฟ้ม ${target} อยู่แล้ว จึงไม่เขียนทับ กรุณาใช้ชื่อแฟ้มใหม่`,
      en: `${target} exists; an export never overwrites a file: name a new one`,
    });
    return 1;
  }
  let file: StoreFile;
  try {
    file = await read();
  } catch (error) {
    if (isStatus(error, 404)) {
      say({ th: `ไม่พบ${store.th}`, en: `There is no ${store.en}` });
      return 1;
    }
    if (error instanceof UnknownRowError) {
      say({
        th: `ที่เก็บข้อมูลมีแถวที่เครื่องมือนี้ไม่รู้จัก จึงไม่ได้ส่งออก เพราะสำเนาจะไม่ครบ`,
        en: `The store holds ${error.message}, which this tool does not know: no file was written, as it would not hold the whole store`,
      });
      return 1;
    }
    throw error;
  }
  // Written whole or not at all: a file that stopped half way would not be the record.
  const partial = `${target}.partial`;
  await writeFile(partial, `${JSON.stringify(file, null, 2)}\n`);
  await rename(partial, target);
  const check = checkStoreFile(file);
  if (!check.ok) {
    say({
      th: `เขียนแฟ้ม ${target} แล้ว แต่ข้อมูลใน${store.th} มีปัญหาต่อไปนี้ การนำเข้าจะไม่ยอมรับแฟ้มนี้จนกว่าจะแก้ไข`,
      en: `Wrote ${target}, but the ${store.en} holds what an import will refuse:`,
    });
    listProblems(check.problems);
    return 1;
  }
  console.log(`Exported ${summary(file)} from the ${store.en} to ${target}`);
  return 0;
}

async function importFrom(
  source: string,
  write: (file: StoreFile) => Promise<number>,
  store: LocalizedText
): Promise<number> {
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    say({
      th: `อ่านแฟ้ม ${source} ไม่ได้`,
      en: `Could not read ${source}: ${(error as Error).message}`,
    });
    return 1;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    say({
      th: `แฟ้ม ${source} ไม่ใช่ข้อมูลรูปแบบ JSON ไม่ได้เขียนสิ่งใดลงที่เก็บข้อมูล`,
      en: `${source} is not JSON (${(error as Error).message}); nothing was written`,
    });
    return 1;
  }
  const check = checkStoreFile(value);
  if (!check.ok) {
    say({
      th: `แฟ้ม ${source} ไม่ผ่านการตรวจสอบ ไม่ได้เขียนสิ่งใดลงที่เก็บข้อมูล:`,
      en: `${source} does not check out; nothing was written:`,
    });
    listProblems(check.problems);
    return 1;
  }
  try {
    await write(check.file);
  } catch (error) {
    if (error instanceof StoreNotEmptyError) {
      say({
        th: `${store.th} มีข้อมูลอยู่แล้ว (เช่น ${error.firstRow}) นำเข้าได้เฉพาะที่เก็บข้อมูลที่ว่างเปล่า ไม่ได้เขียนสิ่งใด บริการที่เคยเริ่มทำงานกับที่เก็บข้อมูลนั้นได้ใส่ชุดเกณฑ์ฉบับที่ 1 ไว้แล้ว ให้นำเข้าก่อนเริ่มบริการ หรือนำเข้าในตารางใหม่`,
        en: `The ${store.en} is not empty (it holds ${error.firstRow}, for one): an import writes only into an empty store, and nothing was written. A service that has started on a store has seeded version 1 there: import before it starts, or into a new table (SMARTCITY_RULESETS_TABLE).`,
      });
      return 1;
    }
    if (error instanceof ImportInterruptedError) {
      say({
        th: `การนำเข้าหยุดหลังจากเขียนไป ${error.written} จาก ${error.total} แถว ${store.th} ยังไม่มีตัวชี้ไปยังฉบับล่าสุด จึงยังใช้งานไม่ได้ ให้ลบตารางนั้นแล้วนำเข้าใหม่`,
        en: `The import stopped after ${error.written} of ${error.total} rows (${(error.reason as Error).message}). The ${store.en} holds no pointer to the newest version, so it is not a usable store: delete the table and import again.`,
      });
      return 1;
    }
    throw error;
  }
  console.log(`Imported ${summary(check.file)} from ${source} into the ${store.en}`);
  return 0;
}

function summary(file: StoreFile): string {
  return (
    `${file.versions.length} version${file.versions.length === 1 ? "" : "s"} (the newest ${file.pointer.version}), ` +
    `${file.proposals.length} proposal${file.proposals.length === 1 ? "" : "s"}, ` +
    `${file.audit.length} audit entr${file.audit.length === 1 ? "y" : "ies"}`
  );
}

/** Where the store is, without its key. */
function whereIs(storage: StorageConfig): string {
  if (storage.kind === "identity") return storage.tableUrl;
  const endpoint = /TableEndpoint=([^;]+)/i.exec(storage.connectionString)?.[1];
  const account = /AccountName=([^;]+)/i.exec(storage.connectionString)?.[1];
  return endpoint ?? (account ? `account ${account}` : "the connection string's account");
}

function say(text: LocalizedText): void {
  console.error(`${text.en}\n${text.th}`);
}

function listProblems(problems: FileProblem[]): void {
  for (const problem of problems)
    console.error(`  - ${problem.where}: ${problem.message.en}\n    ${problem.message.th}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);

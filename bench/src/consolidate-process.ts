import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inProcessRounds } from "./consolidate-bench";

// The in-process consolidation figures in a fresh process, printed as JSON for
// consolidate-bench.ts: the workbooks in the folder given, `rounds` rounds after a warm-up,
// the JSON answer's steps first, then the workbook answer's. A fresh process, like the
// service's, so that the bench's own heap (generation, HTTP client) does not weigh on it.
async function main(): Promise<void> {
  const [folder, rounds] = process.argv.slice(2);
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".xlsx"))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(path.join(folder, name)) }));
  const json = await inProcessRounds(files, Number(rounds), "json");
  const xlsx = await inProcessRounds(files, Number(rounds), "xlsx");
  process.stdout.write(
    `${JSON.stringify({ json: json.rounds, xlsx: xlsx.rounds, detailsRows: json.detailsRows })}\n`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

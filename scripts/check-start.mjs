// Before `npm start` (or `npm run start:api`) builds again: the previous build's start checks
// its settings, its ports and its data folder, claiming and starting nothing
// (`start-api.js --check-only`). A second start on the same data folder is so refused at once,
// before a rebuild of some seconds that would rewrite the files the first one serves. With no
// previous build, or one older than the check, nothing of it can be asked: the start's own
// checks, after the build, still refuse.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const startApi = path.join(root, "functions", "dist", "local", "start-api.js");
if (!existsSync(startApi) || !readFileSync(startApi, "utf8").includes("--check-only"))
  process.exit(0);
const check = spawnSync(process.execPath, [startApi, "--check-only", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(check.status ?? 1);

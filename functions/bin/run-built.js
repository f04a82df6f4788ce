// Runs a built CLI of functions/ (functions/dist/cli/<name>.js) straight away. `tsc -b` took
// ~3 s on every call even with nothing to build, so it runs only when the CLI has not been built
// or a source of functions/ or shared/ is newer than the last build. The build's output goes to
// stderr, so that stdout stays the CLI's own.
const { existsSync, readdirSync, statSync } = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "../..");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function runBuiltCli(name) {
  const cli = path.join(root, `functions/dist/cli/${name}.js`);
  const buildInfo = path.join(root, "functions/tsconfig.tsbuildinfo");
  const stale =
    !existsSync(cli) ||
    !existsSync(buildInfo) ||
    Math.max(
      newestSource(path.join(root, "functions/src")),
      newestSource(path.join(root, "shared/src"))
    ) > statSync(buildInfo).mtimeMs;
  if (stale) {
    const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
    const build = spawnSync(process.execPath, [tsc, "-b", "functions"], {
      cwd: root,
      stdio: ["ignore", process.stderr, process.stderr],
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // Node 22 can keep the compiled code of the CLI's modules (zod, jose, shared) between calls.
  require("node:module").enableCompileCache?.();
  require(cli);
}

module.exports = { runBuiltCli };

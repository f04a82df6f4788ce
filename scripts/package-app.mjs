// `npm run package`: the deployable function app, and with ADDIN_URL and SERVICE_URL the
// production add-in. Run after `npm run build` (the npm script does both).
//
// dist/functions-app/ (and dist/functions-app.zip) holds what the Functions worker loads and
// nothing else: host.json, a package.json whose `main` the worker globs, the compiled service
// (dist/, without the local host and the dev-token tool), and the production dependencies,
// copied from this install as npm laid them out (the exact versions the tests ran), with the
// built @smartcity/shared as a real folder, not a workspace link. No devDependencies, no
// local.settings.json, no .local/, no dev signing key: each is checked before the zip is made.
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "dist", "functions-app");
const FUNCTIONS = path.join(ROOT, "functions");

function fail(message) {
  process.stderr.write(`npm run package: ${message}\n`);
  process.exit(1);
}

/** Where npm installed the function app's production dependencies, from npm itself. */
function productionPackages() {
  const listed = execFileSync(
    "npm",
    ["ls", "--omit=dev", "--all", "--parseable", "--workspace", "@smartcity/functions"],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }
  );
  const places = new Map();
  for (const line of listed.split("\n").filter(Boolean)) {
    const file = path.resolve(line);
    // The root project, the function app itself and the shared workspace are not copied here.
    if (file === ROOT || !file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const inApp = [path.join(FUNCTIONS, "node_modules"), path.join(ROOT, "node_modules")]
      .map((folder) => (file.startsWith(folder + path.sep) ? path.relative(folder, file) : null))
      .find((relative) => relative !== null);
    if (!inApp) fail(`${file} is outside the project's node_modules`);
    if (inApp.startsWith("@smartcity" + path.sep)) continue;
    const earlier = places.get(inApp);
    // Two installs that land on one place would make one of them silently wrong.
    if (earlier && earlier !== file)
      fail(`${earlier} and ${file} would both be node_modules/${inApp}`);
    places.set(inApp, file);
  }
  return places;
}

/** The commit this was built from, with "+changes" when the work tree differed from it. */
function gitCommit() {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trim();
    const dirty =
      execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return undefined;
  }
}

async function copyFiltered(from, to, keep) {
  await cp(from, to, { recursive: true, filter: (source) => keep(path.relative(from, source)) });
}

async function listFiles(folder, prefix = "") {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory())
      found.push(...(await listFiles(path.join(folder, entry.name), relative)));
    else found.push(relative);
  }
  return found;
}

async function main() {
  const functionsJson = JSON.parse(await readFile(path.join(FUNCTIONS, "package.json"), "utf8"));
  const sharedJson = JSON.parse(await readFile(path.join(ROOT, "shared", "package.json"), "utf8"));
  for (const built of [
    path.join(FUNCTIONS, "dist", "functions", "index.js"),
    path.join(ROOT, "shared", "dist", "index.js"),
  ]) {
    if (!existsSync(built))
      fail(`${path.relative(ROOT, built)} is missing: run npm run build first`);
  }

  await rm(OUT, { recursive: true, force: true });
  await rm(`${OUT}.zip`, { force: true });
  await mkdir(OUT, { recursive: true });

  await cp(path.join(FUNCTIONS, "host.json"), path.join(OUT, "host.json"));
  // The local host (Azurite, the add-in's dev server) and the dev-token tool stay behind: they
  // need devDependencies and have no place in Azure.
  await copyFiltered(path.join(FUNCTIONS, "dist"), path.join(OUT, "dist"), (relative) => {
    const top = relative.split(path.sep)[0];
    return (
      top !== "local" &&
      top !== "cli" &&
      !relative.endsWith(".tsbuildinfo") &&
      !relative.endsWith(".d.ts")
    );
  });

  const modules = path.join(OUT, "node_modules");
  const places = productionPackages();
  for (const [inApp, from] of places) {
    // A package's own nested node_modules are copied as places of their own (or not at all,
    // when they are devDependencies of it), so each folder is copied without them.
    await copyFiltered(
      from,
      path.join(modules, inApp),
      (relative) => !relative.split(path.sep).includes("node_modules")
    );
  }
  await copyFiltered(
    path.join(ROOT, "shared"),
    path.join(modules, "@smartcity", "shared"),
    (relative) => {
      const top = relative.split(path.sep)[0];
      return (
        relative === "" ||
        top === "package.json" ||
        (top === "dist" && !relative.endsWith(".tsbuildinfo"))
      );
    }
  );

  const dependencies = {};
  for (const name of Object.keys(functionsJson.dependencies)) {
    const installed = path.join(modules, name, "package.json");
    if (!existsSync(installed)) fail(`the dependency ${name} is not installed: run npm ci`);
    dependencies[name] = JSON.parse(await readFile(installed, "utf8")).version;
  }
  const packageJson = {
    name: "smartcity-scoring-api",
    version: functionsJson.version,
    private: true,
    description: functionsJson.description,
    // The worker loads every file this glob matches (Azure/azure-functions-nodejs-worker, startApp).
    main: functionsJson.main,
    engines: functionsJson.engines,
    dependencies,
    // Inside the package already, built; it is not published anywhere.
    bundleDependencies: ["@smartcity/shared"],
    // Which build this is: GET /api/health shows it.
    build: { commit: gitCommit(), builtAt: new Date().toISOString() },
  };
  if (dependencies["@smartcity/shared"] !== sharedJson.version)
    fail("the built @smartcity/shared is not the workspace's");
  await writeFile(path.join(OUT, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);

  // What must never ship.
  const files = await listFiles(OUT);
  const rootJson = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
  const devOnly = [
    ...Object.keys(rootJson.devDependencies ?? {}),
    ...Object.keys(functionsJson.devDependencies ?? {}),
    ...Object.keys(functionsJson.optionalDependencies ?? {}),
  ].filter((name) => !places.has(name));
  for (const name of devOnly) {
    if (existsSync(path.join(modules, name))) fail(`the devDependency ${name} is in the package`);
  }
  const forbidden = files.find(
    (file) =>
      /(^|\/)local\.settings\.json$/.test(file) ||
      file.startsWith(".local/") ||
      /dev-signing-key/.test(file)
  );
  if (forbidden) fail(`${forbidden} must not be in the package`);

  const zip = new JSZip();
  for (const file of files) {
    const full = path.join(OUT, file);
    zip.file(file, await readFile(full), { unixPermissions: (await stat(full)).mode });
  }
  await new Promise((resolve, reject) =>
    zip
      .generateNodeStream({
        type: "nodebuffer",
        streamFiles: true,
        compression: "DEFLATE",
        platform: "UNIX",
      })
      .pipe(createWriteStream(`${OUT}.zip`))
      .on("finish", resolve)
      .on("error", reject)
  );
  const size = (await stat(`${OUT}.zip`)).size;
  process.stdout.write(
    `dist/functions-app: ${files.length} files, ${places.size + 1} packages; dist/functions-app.zip ${(size / 1024 / 1024).toFixed(1)} MB\n`
  );
}

/**
 * The production add-in, when ADDIN_URL (where dist/addin will be served) and SERVICE_URL (the
 * function app) are given: both https, and the manifest keeps no localhost and no http URL.
 */
function addinUrls() {
  const { ADDIN_URL: addinUrl, SERVICE_URL: serviceUrl } = process.env;
  if (!addinUrl && !serviceUrl) return undefined;
  for (const [name, value] of [
    ["ADDIN_URL", addinUrl],
    ["SERVICE_URL", serviceUrl],
  ]) {
    let url;
    try {
      url = new URL(value ?? "");
    } catch {
      fail(`${name} must be an https URL, not "${value ?? ""}"`);
    }
    if (url.protocol !== "https:") fail(`${name} must be an https URL, not "${value}"`);
    if (/^(localhost|127\.|\[::1\])/.test(url.hostname))
      fail(`${name} names this machine (${value}): give the address users reach`);
  }
  return { addinUrl, serviceUrl };
}

async function packageAddin(urls) {
  if (!urls) {
    process.stdout.write(
      "dist/addin: not built (set ADDIN_URL and SERVICE_URL to build the production add-in)\n"
    );
    return;
  }
  const { addinUrl, serviceUrl } = urls;
  const out = path.join(ROOT, "dist", "addin");
  execFileSync("npx", ["webpack", "--mode", "production", "--stats", "errors-warnings"], {
    cwd: path.join(ROOT, "addin"),
    stdio: "inherit",
    env: {
      ...process.env,
      SMARTCITY_ADDIN_URL: addinUrl.endsWith("/") ? addinUrl : `${addinUrl}/`,
      SMARTCITY_SERVICE_URL: serviceUrl.replace(/\/+$/, ""),
      SMARTCITY_ADDIN_OUT: out,
    },
  });
  // addin/production-manifest.js refused a manifest with localhost or http in it; check the file.
  const manifest = await readFile(path.join(out, "manifest.xml"), "utf8");
  if (/localhost/.test(manifest) || !manifest.includes(addinUrl.replace(/\/?$/, "/")))
    fail("dist/addin/manifest.xml does not name ADDIN_URL everywhere");
  if (!manifest.includes("<AppDomain>https://login.microsoftonline.com</AppDomain>"))
    fail("dist/addin/manifest.xml lacks the sign-in authority in AppDomains");
  // The unified manifest is derived from that manifest.xml, so it names the same URLs.
  const unified = await readFile(path.join(out, "manifest.json"), "utf8");
  if (/localhost/.test(unified) || !unified.includes(addinUrl.replace(/\/?$/, "/")))
    fail("dist/addin/manifest.json does not name ADDIN_URL everywhere");
  process.stdout.write(
    `dist/addin: the production add-in for ${addinUrl}, calling ${serviceUrl}\n`
  );
}

const urls = addinUrls(); // refused before anything is built
await main();
await packageAddin(urls);

// Writes manifest.json (and its localization files) at the repository's root, beside
// manifest.xml, from manifest.xml and the built functions.json: the reviewed copy of what the
// build emits into addin/dist. test/addin/unified-manifest.test.ts fails while it is stale.
//   npm run build && npm run manifest:json
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import prettier from "prettier";

const require = createRequire(import.meta.url);
const { unifiedManifest } = require("../addin/unified-manifest.js");
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const xml = await readFile(path.join(ROOT, "manifest.xml"), "utf8");
const functionsJson = JSON.parse(
  await readFile(path.join(ROOT, "addin/dist/functions.json"), "utf8").catch(() => {
    throw new Error("addin/dist/functions.json is missing: run `npm run build` first");
  })
);
const { manifest, localizations } = unifiedManifest(xml, functionsJson);
for (const [file, content] of Object.entries({ "manifest.json": manifest, ...localizations })) {
  const target = path.join(ROOT, file);
  const options = (await prettier.resolveConfig(target)) ?? {};
  await writeFile(
    target,
    await prettier.format(JSON.stringify(content), { ...options, filepath: target })
  );
  console.log(`wrote ${file}`);
}

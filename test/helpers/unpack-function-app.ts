import { mkdtempSync } from "node:fs";
import { mkdir, readFile, writeFile, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";

/**
 * Jest globalSetup of the "Functions worker" project: unpacks dist/functions-app.zip (made by
 * `npm run package`, which `npm test` runs first) into an empty folder outside the repository,
 * so that nothing beside the package can be reached, and names it in SMARTCITY_TEST_APP_DIR.
 */
export default async function unpackFunctionApp(): Promise<void> {
  const zipFile = path.resolve(__dirname, "../../dist/functions-app.zip");
  const zip = await JSZip.loadAsync(
    await readFile(zipFile).catch(() => {
      throw new Error(`${zipFile} is missing: run npm run package (npm test does)`);
    })
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), "smartcity-functions-app-"));
  for (const entry of Object.values(zip.files)) {
    const target = path.join(dir, entry.name);
    if (!target.startsWith(dir + path.sep)) throw new Error(`${entry.name} escapes the package`);
    if (entry.dir) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await entry.async("nodebuffer"));
    if (entry.unixPermissions) await chmod(target, Number(entry.unixPermissions) & 0o777);
  }
  process.env.SMARTCITY_TEST_APP_DIR = dir;
}

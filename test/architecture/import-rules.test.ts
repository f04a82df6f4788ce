import { describe, expect, it } from "@jest/globals";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

/**
 * The arrows between the parts (docs/architecture.md) are written once, as dependency-cruiser
 * rules in .dependency-cruiser.cjs, and checked here over the sources, type-only imports included.
 */
const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const cli = join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}
interface CruiseResult {
  summary: { violations: Violation[]; totalCruised: number };
  modules: { source: string }[];
}

async function cruise(cwd: string, config: string, folders: string[]): Promise<CruiseResult> {
  // The CLI exits non-zero when it finds violations; its JSON still says what they are.
  const { stdout } = await run(
    process.execPath,
    [cli, "--config", config, "--output-type", "json", ...folders],
    { cwd, maxBuffer: 64 * 1024 * 1024 }
  ).catch((error: { stdout?: string; stderr?: string }) => {
    if (!error.stdout)
      throw new Error(`dependency-cruiser failed: ${error.stderr ?? String(error)}`);
    return { stdout: error.stdout };
  });
  return JSON.parse(stdout) as CruiseResult;
}

function described(violation: Violation): string {
  const path = violation.cycle?.length
    ? [violation.from, ...violation.cycle.map((step) => step.name)].join(" → ")
    : `${violation.from} → ${violation.to}`;
  return `${violation.rule.name}: ${path}`;
}

describe("the import rules", () => {
  it("hold over shared/, functions/ and the add-in: no cycles, and no arrow the architecture forbids", async () => {
    const result = await cruise(root, ".dependency-cruiser.cjs", [
      "shared/src",
      "functions/src",
      "addin/src",
    ]);
    // Not vacuous: all three parts were read, and @smartcity/shared was followed into its sources.
    const sources = result.modules.map((module) => module.source);
    for (const part of [
      "shared/src/",
      "functions/src/",
      "addin/src/office/",
      "addin/src/taskpane/",
    ]) {
      expect(sources.filter((source) => source.startsWith(part)).length).toBeGreaterThan(5);
    }
    expect(sources).toContain("shared/src/index.ts");
    expect(result.summary.violations.map(described)).toEqual([]);
  }, 120_000);

  it("catch a cycle, a type-only one included, and the Office layer reaching up to the functions", async () => {
    // The same rules over a small made-up tree, so a rule that stopped matching would show here.
    const dir = await mkdtemp(join(tmpdir(), "import-rules-"));
    try {
      const files: Record<string, string> = {
        "shared/src/index.ts": 'export { a } from "./a";\n',
        "shared/src/a.ts": 'import type { B } from "./b";\nexport const a = (b: B): B => b;\n',
        "shared/src/b.ts":
          'import { a } from "./a";\nexport type B = number;\nexport const b = a;\n',
        "addin/src/functions/f.ts": "export interface Facts { blank: boolean }\n",
        "addin/src/office/o.ts":
          'import type { Facts } from "../functions/f";\nexport const o = (f: Facts) => f;\n',
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const config = structuredClone(require(join(root, ".dependency-cruiser.cjs"))) as {
        options: Record<string, unknown>;
      };
      delete config.options.tsConfig;
      await writeFile(join(dir, "rules.cjs"), `module.exports = ${JSON.stringify(config)};\n`);

      const result = await cruise(dir, "rules.cjs", ["shared/src", "addin/src"]);
      const names = result.summary.violations.map((violation) => violation.rule.name);
      expect(names).toContain("no-import-cycles");
      expect(names).toContain("office-layer-below-functions-and-pane");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

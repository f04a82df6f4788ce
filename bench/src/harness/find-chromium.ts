import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { extract } from "tar-fs";

/**
 * Which Chromium the browser tests and benchmarks drive, found without an install step beyond
 * `npm ci`, in this order:
 *   1. `CHROMIUM_PATH`, when it names a file;
 *   2. a Chromium, Chrome or Edge installed in its usual place (Linux, macOS, Windows);
 *   3. on Linux x64, the Chromium that `npm ci` brings inside the `@sparticuz/chromium` package
 *      (a headless build with its own NSS libraries and fonts, so it needs only the C libraries
 *      Node itself needs), unpacked once into node_modules/.cache.
 */
export interface ChromiumChoice {
  /** What was chosen, in words, for messages: "CHROMIUM_PATH", "the system's", "npm's". */
  source: string;
  executablePath: string;
  /** Added to the browser's environment (the bundled build's libraries and fonts). */
  env: Record<string, string>;
}

/** Usual install places, as Playwright's own channel look-up and the vendors' installers use. */
function systemCandidates(
  platform: NodeJS.Platform,
  environment: NodeJS.ProcessEnv
): readonly string[] {
  if (platform === "darwin") {
    return [
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    ];
  }
  if (platform === "win32") {
    const roots = [
      environment.LOCALAPPDATA,
      environment.PROGRAMFILES,
      environment["PROGRAMFILES(X86)"],
    ].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [
      path.win32.join(root, "Chromium", "Application", "chrome.exe"),
      path.win32.join(root, "Google", "Chrome", "Application", "chrome.exe"),
      path.win32.join(root, "Microsoft", "Edge", "Application", "msedge.exe"),
    ]);
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/usr/bin/microsoft-edge",
    "/opt/microsoft/msedge/msedge",
  ];
}

export interface FindOptions {
  environment?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Where the usual places are looked for; tests hide the system's browsers with it. */
  exists?: (file: string) => boolean;
  /** Where npm's Chromium is unpacked (default node_modules/.cache/smartcity-chromium). */
  cacheDir?: string;
  /** Told when CHROMIUM_PATH names nothing, so that falling back is never silent. */
  warn?: (message: string) => void;
}

const PROJECT_ROOT = path.resolve(__dirname, "../../..");

/** The folder that holds `@sparticuz/chromium`'s compressed files, or undefined. */
function bundledBin(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve("@sparticuz/chromium/package.json")), "bin");
  } catch {
    // The package's "exports" may hide package.json; find it on disk instead.
    const candidate = path.join(PROJECT_ROOT, "node_modules", "@sparticuz", "chromium", "bin");
    return existsSync(path.join(candidate, "chromium.br")) ? candidate : undefined;
  }
}

let warnedAbout: string | undefined;

export async function findChromium(options: FindOptions = {}): Promise<ChromiumChoice> {
  const environment = options.environment ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const exists = options.exists ?? existsSync;
  const warn =
    options.warn ??
    ((message: string) => {
      if (warnedAbout === message) return;
      warnedAbout = message;
      process.stderr.write(`${message}\n`);
    });

  const named = environment.CHROMIUM_PATH;
  if (named) {
    if (exists(named)) return { source: "CHROMIUM_PATH", executablePath: named, env: {} };
    warn(`CHROMIUM_PATH names ${named}, which does not exist: looking for another Chromium.`);
  }
  const system = systemCandidates(platform, environment).find((file) => exists(file));
  if (system) return { source: "the system's", executablePath: system, env: {} };

  const bin = platform === "linux" && arch === "x64" ? bundledBin() : undefined;
  if (bin) return unpackBundled(bin, options.cacheDir);

  throw new Error(
    platform === "linux" && arch === "x64"
      ? "No Chromium found: CHROMIUM_PATH is not set, none is installed in the usual places, and @sparticuz/chromium is missing from node_modules (run npm ci)."
      : `No Chromium found on ${platform}-${arch}: install Chrome, Edge or Chromium, or set CHROMIUM_PATH to one.`
  );
}

/**
 * Unpacks npm's Chromium once per version: brotli files into a folder of its own, then renamed
 * into place, so two test workers starting together never see a half-written browser (the
 * package's own `executablePath()` writes into a shared /tmp/chromium as it goes).
 */
async function unpackBundled(bin: string, cacheDir?: string): Promise<ChromiumChoice> {
  const packageJson = JSON.parse(await readFile(path.join(bin, "..", "package.json"), "utf8")) as {
    version: string;
  };
  const root = cacheDir ?? path.join(PROJECT_ROOT, "node_modules", ".cache", "smartcity-chromium");
  const target = path.join(root, packageJson.version);
  const choice: ChromiumChoice = {
    source: `npm's (@sparticuz/chromium ${packageJson.version})`,
    executablePath: path.join(target, "chromium"),
    env: {
      // The NSS, NSPR and expat libraries the build needs, in the package beside it.
      LD_LIBRARY_PATH: [path.join(target, "lib"), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(":"),
      // Its own fonts.conf naming its own fonts (Open Sans), so no system font is needed.
      FONTCONFIG_PATH: target,
    },
  };
  if (existsSync(path.join(target, "complete"))) return choice;

  await mkdir(root, { recursive: true });
  const staging = path.join(root, `.unpacking-${randomUUID()}`);
  try {
    await mkdir(staging);
    const unpacked = path.join(staging, "chromium");
    await pipeline(
      createReadStream(path.join(bin, "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(unpacked)
    );
    await chmod(unpacked, 0o755);
    for (const archive of ["al2023.tar.br", "fonts.tar.br", "swiftshader.tar.br"]) {
      await pipeline(
        createReadStream(path.join(bin, archive)),
        createBrotliDecompress(),
        extract(staging)
      );
    }
    await writeFile(
      path.join(staging, "fonts.conf"),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        "<fontconfig>",
        `  <dir>${path.join(target, "fonts")}</dir>`,
        `  <cachedir>${path.join(target, "fonts-cache")}</cachedir>`,
        "</fontconfig>",
        "",
      ].join("\n")
    );
    await writeFile(path.join(staging, "complete"), "");
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another worker finished first: its copy is as good as ours.
    if (existsSync(path.join(target, "complete"))) return choice;
    throw error;
  }
  return choice;
}

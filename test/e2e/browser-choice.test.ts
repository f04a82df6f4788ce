import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { chromium, type Browser, type Page } from "playwright-core";
import { launchChromium, whyNotStarted } from "../../bench/src/harness/browser";
import { findChromium } from "../../bench/src/harness/find-chromium";
import { serveHttps } from "../../bench/src/harness/https-static";
import { OFFICE_STANDIN_SCRIPT } from "../../bench/src/harness/office-standin";
import { withOfficeStandIn } from "../../bench/src/harness/browser";
import { tempDir } from "../helpers/temp";

/**
 * The browser tests need no install step beyond `npm ci`: they find a Chromium themselves
 * (CHROMIUM_PATH, an installed one, or the one npm brought), and the pane carries its own Thai
 * face, so screenshots show Thai on a machine with no Thai font at all.
 */
const nothingInstalled = (): boolean => false;
const DIST = path.resolve(__dirname, "../../addin/dist");
const scratch = tempDir("browser-choice");
afterAll(() => scratch.remove());

describe("which Chromium", () => {
  test("CHROMIUM_PATH wins when it names a file", async () => {
    const choice = await findChromium({
      environment: { CHROMIUM_PATH: "/opt/mine/chrome" },
      platform: "linux",
      exists: (file) => file === "/opt/mine/chrome" || file === "/usr/bin/chromium",
    });
    expect(choice).toEqual({
      source: "CHROMIUM_PATH",
      executablePath: "/opt/mine/chrome",
      env: {},
    });
  });

  test("a CHROMIUM_PATH naming nothing is said, and the next place is used", async () => {
    const warnings: string[] = [];
    const choice = await findChromium({
      environment: { CHROMIUM_PATH: "/nowhere/chromium" },
      platform: "linux",
      exists: (file) => file === "/usr/bin/google-chrome",
      warn: (message) => warnings.push(message),
    });
    expect(choice.executablePath).toBe("/usr/bin/google-chrome");
    expect(choice.source).toBe("the system's");
    expect(warnings).toEqual([
      "CHROMIUM_PATH names /nowhere/chromium, which does not exist: looking for another Chromium.",
    ]);
  });

  test.each<[NodeJS.Platform, string]>([
    ["darwin", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
    ["darwin", "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"],
    ["win32", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"],
    ["win32", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"],
    ["linux", "/usr/bin/chromium"],
    ["linux", "/opt/microsoft/msedge/msedge"],
  ])("on %s, an installed browser at %s", async (platform, file) => {
    const choice = await findChromium({
      environment: {
        PROGRAMFILES: "C:\\Program Files",
        "PROGRAMFILES(X86)": "C:\\Program Files (x86)",
      },
      platform,
      exists: (candidate) => candidate === file,
    });
    expect(choice.executablePath).toBe(file);
  });

  test("with none installed off Linux x64, the error says what to do", async () => {
    await expect(
      findChromium({ environment: {}, platform: "darwin", arch: "arm64", exists: nothingInstalled })
    ).rejects.toThrow(
      "No Chromium found on darwin-arm64: install Chrome, Edge or Chromium, or set CHROMIUM_PATH to one."
    );
  });

  test("a browser that lacks a system library is named in one line, with the library", async () => {
    // What the dynamic loader prints when a library is missing, from a program that does only that.
    const fake = path.join(scratch.dir, "chromium-without-nss");
    writeFileSync(
      fake,
      '#!/bin/sh\necho "$0: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory" >&2\nexit 127\n'
    );
    chmodSync(fake, 0o755);
    const choice = { source: "npm's", executablePath: fake, env: {} };
    const failure = await chromium.launch({ executablePath: fake, timeout: 10_000 }).then(
      () => undefined,
      (error: unknown) => error
    );
    expect(failure).toBeDefined();
    expect(whyNotStarted(choice, failure)).toBe(
      `npm's Chromium (${fake}) did not start: this system lacks the library libnss3.so; install it, or set CHROMIUM_PATH to another Chromium`
    );
  });
});

// npm's Chromium is for Linux x64; elsewhere an installed browser is the way (tested above).
const onLinuxX64 = process.platform === "linux" && process.arch === "x64";

(onLinuxX64 ? describe : describe.skip)(
  "npm's Chromium, with every installed browser hidden",
  () => {
    let browser: Browser;
    let site: Awaited<ReturnType<typeof serveHttps>>;
    let page: Page;

    beforeAll(async () => {
      const choice = await findChromium({ environment: {}, exists: nothingInstalled });
      expect(choice.source).toMatch(/^npm's \(@sparticuz\/chromium \d+\.\d+\.\d+\)$/);
      // Unpacked once: asked again, it is the same folder, ready.
      expect(await findChromium({ environment: {}, exists: nothingInstalled })).toEqual(choice);
      browser = await launchChromium(choice);
      site = await serveHttps(DIST);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    test("it starts and opens the built pane", async () => {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      page = await context.newPage();
      await withOfficeStandIn(page, OFFICE_STANDIN_SCRIPT);
      await page.goto(`${site.origin}/taskpane.html`);
      await expect(page.title()).resolves.toBe("Smart City Scoring");
    });

    test("Thai shows as glyphs, from the pane's own font", async () => {
      // Two texts of the same letters in another order: drawn as glyphs they differ; drawn as
      // boxes (no Thai face) they are the same picture.
      const shots: Buffer[] = [];
      for (const text of ["สิ่งแวดล้อมอัจฉริยะ", "อัจฉริยะสิ่งแวดล้อม"]) {
        await page.evaluate((thai) => {
          let line = document.getElementById("thai-sample");
          if (!line) {
            line = document.createElement("p");
            line.id = "thai-sample";
            line.style.cssText = "display:inline-block;font-size:24px;margin:0;padding:4px";
            document.body.prepend(line);
          }
          line.textContent = thai;
        }, text);
        await page.evaluate(() => document.fonts.ready);
        shots.push(await page.locator("#thai-sample").screenshot());
      }
      expect(shots[0].equals(shots[1])).toBe(false);
      // The face that drew them is the one the pane ships (or the same font installed).
      const faces = await page.evaluate(() =>
        [...document.fonts]
          .filter((face) => face.family.includes("Noto Sans Thai"))
          .map((face) => face.status)
      );
      expect(faces).toContain("loaded");
      await page.screenshot({ path: path.join(scratch.dir, "thai.png") });
    });
  }
);

test("launchChromium starts whichever Chromium it finds", async () => {
  const browser = await launchChromium();
  try {
    expect(browser.version()).toMatch(/^\d+\./);
  } finally {
    await browser.close();
  }
});

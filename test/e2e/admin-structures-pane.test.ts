import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../bench/src/harness/browser";
import { serveHttps } from "../../bench/src/harness/https-static";
import { devSignIn } from "../../bench/src/harness/pane";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { openPaneInExcel } from "../helpers/excel-host-page";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { signDevToken } from "../../functions/src/auth/dev-keys";

/**
 * The later criteria in the BUILT admin pane, "in Excel" (the impact preview reads the active sheet),
 * against the real API and Azurite with four-eyes publishing: the example ruleset after
 * announcement 1/2562 is version 2; somchai's form shows its city types, outcomes, groups and
 * rubric; he raises the "approved in principle" band to 75% and lets new cities propose two
 * dimensions, previews on the sheet (two applicants move from approved in principle to not
 * approved), and proposes; the proposal shows the diff and that impact in words. Then the
 * form is photographed at a task pane's width and a desktop's, in English and Thai.
 *
 * Waits are on conditions, never fixed sleeps (a loaded machine answers slowly), and the
 * test's own timeout is generous for the same reason.
 */
const DIST = path.resolve(__dirname, "../../addin/dist");
const FIXTURE = path.resolve(__dirname, "../fixtures/rulesets/announcement-1-2562.json");
// Udon Thani is a new city (its track by Thai name, as the sheet's drop-down writes it) with two
// dimensions: under version 2 a new city needs three, so the proposal's "two" moves it to
// Approved. The preview reads the sheet as the consolidation does (tracks included): read by
// its dimension columns alone, Udon Thani would be a livable city and not move.
const SHEET = [
  ["Applicant", "ประเภทเมือง / Track", "Smart Environment", "Smart Governance"],
  ["Chiang Mai", null, 90, 90],
  ["Khon Kaen", null, 72, 72],
  ["Phuket", null, 74, 74],
  ["Rayong", null, 78, 78],
  ["Udon Thani", "เมืองใหม่ทันสมัย", 85, 85],
];

let site: Awaited<ReturnType<typeof serveHttps>>;
let storage: TestStorage;
let api: ApiProcess;
let browser: Browser;
let page: Page;

async function asAdmin(
  name: string,
  method: "GET" | "POST",
  route: string,
  body?: unknown,
  etag?: string
) {
  const token = await signDevToken(storage.keyFile, { roles: ["Admin"], name });
  return fetch(`${api.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...(etag ? { "if-match": etag } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  site = await serveHttps(DIST);
  storage = await startTestStorage();
  api = await startApiProcess({
    ...storage.env,
    SMARTCITY_CORS_ORIGINS: site.origin,
    SMARTCITY_PUBLISH_APPROVALS: "1",
  });
  // The example becomes version 2 the four-eyes way: prayut proposes it, suda approves.
  const current = await asAdmin("prayut", "GET", "/api/rulesets/current");
  const proposed = await asAdmin(
    "prayut",
    "POST",
    "/api/proposals",
    JSON.parse(readFileSync(FIXTURE, "utf8")),
    current.headers.get("etag") ?? ""
  );
  expect(proposed.status).toBe(201);
  const { id } = (await proposed.json()) as { id: string };
  const approved = await asAdmin("suda", "POST", `/api/proposals/${id}/approve`);
  expect(approved.status).toBe(201);
  browser = await launchChromium();
  page = await openPaneInExcel(browser, site.origin, api.url, SHEET);
  // Playwright's own 30 s per wait proved tight on a loaded 2-core machine (four-eyes-pane
  // timed out once): each wait may take up to 60 s, inside the test's 120 s.
  page.setDefaultTimeout(60_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await storage?.stop();
  await site?.close();
});

const textOf = (selector: string) => page.textContent(selector).then((text) => text ?? "");
const valueOf = (key: string) => page.inputValue(`[data-key="${key}"]`);

test("somchai edits a band and a city type of the 1/2562 example, previews on the sheet, and proposes", async () => {
  await devSignIn(page, "Admin", "somchai");
  await page.waitForSelector('#edit-structures [data-key="outcomes.1.when.overallMinPercent"]');
  // The form shows the example's structures as they are.
  expect(await valueOf("tracks.1.id")).toBe("newCity");
  expect(await valueOf("tracks.1.overrides.minDimensions")).toBe("3");
  expect(await valueOf("outcomes.1.id")).toBe("inPrinciple");
  expect(await valueOf("outcomes.1.when.overallMinPercent")).toBe("70");
  expect(await valueOf("outcomes.1.when.requirementsMet")).toBe("yes");
  expect(await valueOf("requirementGroups.0.items.2.id")).toBe("cityDataPlatform");
  expect(await valueOf("dimensions.6.items.0.maxPoints")).toBe("25");
  // The first and last outcomes take no conditions: the form offers none.
  expect(
    await page.locator('[data-key^="outcomes.0.when"], [data-key^="outcomes.2.when"]').count()
  ).toBe(0);

  // A problem shows under its field, in the pane's language, from shared's schema.
  await page.fill('[data-key="outcomes.1.when.overallMinPercent"]', "120");
  await page.waitForFunction(
    () =>
      document.querySelector('[data-slot="outcomes.1.when.overallMinPercent"]')?.textContent ===
      "Must be at most 100."
  );
  expect(
    await page.getAttribute('[data-key="outcomes.1.when.overallMinPercent"]', "aria-invalid")
  ).toBe("true");

  await page
    .locator('[data-row="outcomes.1"]')
    .screenshot({ path: "/tmp/later-criteria-admin-error-en.png" });
  await page.click("#language");
  await page.waitForFunction(
    () =>
      document.querySelector('[data-slot="outcomes.1.when.overallMinPercent"]')?.textContent ===
      "ต้องไม่เกิน 100"
  );
  await page.setViewportSize({ width: 350, height: 900 });
  await page
    .locator('[data-row="outcomes.1"]')
    .screenshot({ path: "/tmp/later-criteria-admin-error-th-350.png" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click("#language");
  await page.fill('[data-key="outcomes.1.when.overallMinPercent"]', "75");
  await page.fill('[data-key="tracks.1.overrides.minDimensions"]', "2");
  await page.waitForFunction(
    () => document.querySelectorAll("#edit-structures [aria-invalid=true]").length === 0
  );

  await page.click("#edit-preview");
  await page.waitForFunction(() =>
    (document.getElementById("preview-out")?.textContent ?? "").includes("applicants")
  );
  expect((await textOf("#preview-out")).split("\n")).toEqual([
    "3 of 5 applicants in this sheet would change eligibility or outcome.",
    "2 applicants move from Approved in principle: revise and resubmit to Not approved",
    "1 applicant moves from Approved in principle: revise and resubmit to Approved",
    "Row 3: Approved in principle: revise and resubmit → Not approved",
    "Row 4: Approved in principle: revise and resubmit → Not approved",
    "Row 6: Approved in principle: revise and resubmit → Approved",
  ]);

  await page.fill("#edit-reference", "2/2563");
  await page.fill("#edit-date", "14/07/2563");
  await page.fill(
    "#edit-note",
    "The committee raised the in-principle band (illustrative figures)"
  );
  await page.waitForFunction(
    () => document.getElementById("edit-publish")?.textContent === "Propose…"
  );
  await page.click("#edit-publish");
  await page.waitForSelector("#confirm:not([hidden])");
  expect(await page.locator("#confirm-diff li").allTextContents()).toEqual([
    "New City, rules of its own: 3 dimensions required → 2 dimensions required",
    "Approved in principle: revise and resubmit, conditions: overall bar 70%; every requirement met → overall bar 75%; every requirement met",
  ]);
  await page.click("#confirm-yes");
  await page.waitForFunction(() =>
    (document.getElementById("admin-message")?.textContent ?? "").startsWith(
      "Proposal sent: version 3,"
    )
  );
  await page.waitForSelector("#proposals .proposal-impact");
  expect((await textOf("#proposals .proposal-impact")).split("\n")).toEqual([
    "Impact: 3 of 5 applicants change eligibility or outcome against version 2",
    "2 applicants move from Approved in principle: revise and resubmit to Not approved",
    "1 applicant moves from Approved in principle: revise and resubmit to Approved",
  ]);
  expect((await textOf("#proposals .proposal-diff")).split("\n")).toEqual([
    "New City, rules of its own: 3 dimensions required → 2 dimensions required",
    "Approved in principle: revise and resubmit, conditions: overall bar 70%; every requirement met → overall bar 75%; every requirement met",
  ]);

  // In Thai, the same impact in Thai words.
  await page.click("#language");
  await page.waitForFunction(() =>
    (document.querySelector("#proposals .proposal-impact")?.textContent ?? "").startsWith("ผลกระทบ")
  );
  expect(await textOf("#proposals .proposal-impact")).toContain(
    "ผู้สมัคร 2 รายเปลี่ยนจาก “เห็นชอบในหลักการ ให้ปรับปรุงแล้วเสนอใหม่” เป็น “ไม่เห็นชอบ”"
  );
  expect(await textOf("#edit-structures legend")).toBe("กลุ่มข้อกำหนด");
  await page.click("#language");
}, 120_000);

test("the form at a task pane's width and a desktop's, in English and Thai: nothing overflows", async () => {
  mkdirSync(path.resolve(__dirname, "../../test-results"), { recursive: true });
  for (const language of ["en", "th"] as const) {
    if ((await page.getAttribute("html", "lang")) !== language) await page.click("#language");
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    for (const width of [350, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      // No name clipped inside its box (a long Thai name wraps and the box grows with it).
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLTextAreaElement>("#edit-structures textarea")]
          .filter(
            (box) =>
              box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1
          )
          .map((box) => box.dataset.key)
      );
      expect(clipped).toEqual([]);
      // Nothing wider than the pane: no sideways scrolling at 350 px.
      const overflow = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        return [...document.querySelectorAll<HTMLElement>("body *")]
          .filter((node) => node.getClientRects().length > 0)
          .filter((node) => node.getBoundingClientRect().right > limit + 1)
          .map((node) => `${node.tagName}#${node.id}.${node.className}`)
          .slice(0, 5);
      });
      expect(overflow).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width
      );
      await page.locator("#edit-heading").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/later-criteria-admin-form-${language}-${width}.png` });
      await page.locator("#proposals").screenshot({
        path: `/tmp/later-criteria-admin-proposals-${language}-${width}.png`,
      });
      // The structures part is long at a pane's width: photographed in screen-high pieces.
      const box = await page.locator("#edit-structures").boundingBox();
      const top = (await page.evaluate(() => window.scrollY)) + (box?.y ?? 0);
      const height = box?.height ?? 0;
      for (let piece = 0; piece * 800 < height; piece++) {
        await page.screenshot({
          path: `/tmp/later-criteria-admin-structures-${language}-${width}-${piece + 1}.png`,
          fullPage: true,
          clip: { x: 0, y: top + piece * 800, width, height: Math.min(800, height - piece * 800) },
        });
      }
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}, 120_000);

test("the form's buttons: an outcome added before the last, a city type added and named, both removed", async () => {
  if ((await page.getAttribute("html", "lang")) !== "en") await page.click("#language");
  await page.click('[data-action="add-band"]');
  // The new outcome sits before the fallback, and its id field has the focus.
  await page.waitForFunction(
    () => document.activeElement?.getAttribute("data-key") === "outcomes.2.id"
  );
  expect(await valueOf("outcomes.3.id")).toBe("notApproved");
  await page.keyboard.type("deferred");
  await page.fill('[data-key="outcomes.2.name.th"]', "ชะลอการพิจารณา");
  await page.fill('[data-key="outcomes.2.name.en"]', "Deferred");
  // Until it has a condition, shared's check says so under the row (zod runs the rules'
  // cross-checks once every field of them parses: here, once the names are given).
  await page.waitForFunction(() =>
    (document.querySelector('[data-slot="outcomes.2"]')?.textContent ?? "").startsWith(
      "a band between the first and the last needs at least one when condition"
    )
  );
  await page.fill('[data-key="outcomes.2.when.overallMinPercent"]', "60");
  await page.waitForFunction(
    () => document.querySelectorAll("#edit-structures [aria-invalid=true]").length === 0
  );
  expect(await textOf('[data-slot="outcomes.2"]')).toBe("");

  await page.click('[data-action="add-track"]');
  await page.waitForFunction(
    () => document.activeElement?.getAttribute("data-key") === "tracks.2.id"
  );
  await page.keyboard.type("promotionZone");
  await page.fill('[data-key="tracks.2.name.th"]', "เขตส่งเสริมเมืองอัจฉริยะ");
  await page.fill('[data-key="tracks.2.name.en"]', "Promotion zone");
  // The default-city-type picker offers the new type by its name as soon as it is typed.
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLOptionElement>('[data-key="defaultTrack"] option')].some(
      (option) => option.value === "promotionZone" && option.textContent === "Promotion zone"
    )
  );

  await page.fill("#edit-reference", "3/2563");
  await page.fill("#edit-date", "2020-09-01");
  await page.fill("#edit-note", "Try the buttons");
  await page.click("#edit-publish");
  await page.waitForSelector("#confirm:not([hidden])");
  expect(await page.locator("#confirm-diff li").allTextContents()).toEqual([
    "City type added: Promotion zone",
    "Outcome added: Deferred",
  ]);
  await page.click("#confirm-no");

  await page.click('[data-action="remove-track"][data-at="2"]');
  await page.click('[data-action="remove-band"][data-at="2"]');
  expect(await page.locator('[data-key="tracks.2.id"], [data-key="outcomes.3.id"]').count()).toBe(
    0
  );
  // Both removed: the rules are the newest version's again, which the pane says instead of sending.
  await page.click("#edit-publish");
  await page.waitForFunction(() =>
    (document.getElementById("admin-message")?.textContent ?? "").includes("nothing to publish")
  );
  expect(await page.isHidden("#confirm")).toBe(true);
}, 120_000);

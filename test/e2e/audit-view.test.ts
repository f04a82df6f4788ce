import path from "node:path";
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { Page } from "playwright-core";
import { type AuditEntry, formatBangkokDateTime } from "@smartcity/shared";
import { devSignIn } from "../../bench/src/harness/pane";
import { apiCaller, bodyWith } from "../helpers/api-calls";
import { type PaneStack, startPaneStack } from "../helpers/pane-stack";
import { proposalsSettled } from "../helpers/proposals-settled";

/**
 * The admin pane's audit view, in the built pane against the real API: an empty log says so;
 * two admins' proposals, approvals and a withdrawal (and an evaluator refused) are listed
 * newest first with the person, the step in words and the time in Bangkok (Buddhist Era in
 * Thai); the version and person filters narrow the rows, an empty result says so; a language
 * switch re-renders it; a step taken in the pane shows without a reload; a failed load says
 * what failed. And two things of the proposals list: a reject reason being typed survives the
 * list's rebuild, and what an approve/reject did is said again in the other language.
 */
let stack: PaneStack;
let page: Page;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  stack = await startPaneStack({ SMARTCITY_PUBLISH_APPROVALS: "1" });
  page = stack.page;
  page.setDefaultTimeout(60_000); // a loaded machine is not a pane that never answers
  call = apiCaller(() => stack.api.url);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const textOf = (selector: string) => page.textContent(selector).then((text) => text ?? "");

/** A token from the service's dev sign-in, as the pane gets one. */
async function tokenOf(role: "Admin" | "Evaluator", name: string): Promise<string> {
  const answer = await call("/api/dev/sign-in", undefined, { body: { role, name } });
  expect(answer.status).toBe(200);
  return answer.body.token as string;
}

/** The audit table's rows, each as its cells' texts. */
const rows = (): Promise<string[][]> =>
  page.$$eval("#audit-table tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""))
  );

const rowCount = (count: number) =>
  page.waitForFunction(
    (n) => document.querySelectorAll("#audit-table tbody tr").length === n,
    count
  );

/** Refreshes the pane as a sign-in does (the same service URL saved again): every list reloads. */
const refreshPane = () => page.click("#service-save");

test("an empty log says so in words, with no table", async () => {
  await devSignIn(page, "Admin", "somchai");
  await page.waitForFunction(
    () =>
      document.getElementById("audit-status")?.textContent === "The audit log has no entries yet."
  );
  expect(await page.isHidden("#audit-table")).toBe(true);
  expect(await textOf("#audit-heading")).toBe("Audit log");
  expect(await textOf("#audit-version-label")).toBe("Ruleset version");
  expect(await textOf("#audit-person-label")).toBe("Person");
}, 120_000);

test("two admins' steps are listed newest first with person and Bangkok time; the filters narrow them", async () => {
  const somchai = await tokenOf("Admin", "somchai");
  const suda = await tokenOf("Admin", "suda");
  const niran = await tokenOf("Evaluator", "niran");
  const propose = async (token: string, overall: number, reference: string) => {
    const answer = await call("/api/proposals", token, {
      body: bodyWith(overall, { approval: { reference, date: "2023-07-14" } }),
    });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };
  const decide = async (token: string, id: string, action: string, note?: string) => {
    const answer = await call(`/api/proposals/${id}/${action}`, token, {
      method: "POST",
      ...(note === undefined ? {} : { body: { note } }),
    });
    expect(answer.status).toBeLessThan(300);
  };
  // Version 2: somchai proposes, suda approves. Version 3: suda proposes, somchai approves.
  await decide(suda, await propose(somchai, 75, "1/2566"), "approve");
  await decide(somchai, await propose(suda, 70, "2/2566"), "approve");
  // somchai withdraws his next proposal; an evaluator is refused the log.
  await decide(somchai, await propose(somchai, 72, "3/2566"), "reject", "Drafted in error");
  expect((await call("/api/audit", niran)).status).toBe(403);
  const { entries } = (await call("/api/audit?pageSize=100", suda)).body as {
    entries: AuditEntry[];
  };
  expect(entries).toHaveLength(7);

  await page.click("#sign-out");
  await devSignIn(page, "Admin", "suda");
  await rowCount(7);
  expect(
    await page.$$eval("#audit-table thead th", (ths) => ths.map((th) => th.getAttribute("scope")))
  ).toEqual(Array(5).fill("col"));
  expect(await textOf("#audit-table caption")).toBe(
    "Who did what to the committee's rulesets, newest first"
  );
  const listed = await rows();
  // Newest first, each with its time in Bangkok (never the stored UTC) and who took the step.
  expect(listed.map((cells) => cells[0])).toEqual(
    entries.map((entry) => formatBangkokDateTime(entry.at).en)
  );
  expect(listed.map((cells) => cells.slice(1, 4))).toEqual([
    [
      "niran",
      "Tried to read the audit log; refused: Forbidden: this needs the role Admin (the token has Evaluator)",
      "—",
    ],
    ["somchai", "Withdrew their own proposal", "—"],
    ["somchai", "Proposed a new version", "—"],
    ["somchai", "Approved a proposal, which became version 3", "3"],
    ["suda", "Proposed a new version", "3"],
    ["suda", "Approved a proposal, which became version 2", "2"],
    ["somchai", "Proposed a new version", "2"],
  ]);
  expect(listed[1][4]).toBe(
    "Committee resolution 3/2566 of 14 July 2023 · Reason: Drafted in error"
  );
  // No proposal's id stands in for words.
  const table = await textOf("#audit-table");
  for (const entry of entries) if (entry.proposal) expect(table).not.toContain(entry.proposal);
  expect(await textOf("#audit-status")).toBe("Showing 7 of the 7 newest entries.");

  // The filters' choices come from the entries; by keyboard, as a person without a mouse would.
  expect(
    await page.$$eval("#audit-version option", (options) => options.map((o) => o.textContent))
  ).toEqual(["All versions", "Version 3", "Version 2"]);
  expect(
    await page.$$eval("#audit-person option", (options) => options.map((o) => o.textContent))
  ).toEqual(["Everyone", "niran", "somchai", "suda"]);
  const region = page.getByRole("region", { name: "Audit log" });
  const labelled = (label: string) => region.getByLabel(label, { exact: true }).getAttribute("id");
  expect(await labelled("Ruleset version")).toBe("audit-version");
  expect(await labelled("Person")).toBe("audit-person");
  await page.focus("#audit-version");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("audit-person");
  await page.focus("#audit-version");
  await page.selectOption("#audit-version", "2");
  await rowCount(2);
  expect((await rows()).map((cells) => cells[1])).toEqual(["suda", "somchai"]);
  await page.selectOption("#audit-person", { label: "suda" });
  await rowCount(1);
  expect((await rows())[0][2]).toBe("Approved a proposal, which became version 2");
  expect(await textOf("#audit-status")).toBe("Showing 1 of the 7 newest entries.");
  await page.selectOption("#audit-person", { label: "niran" });
  await rowCount(0);
  expect(await page.isHidden("#audit-table")).toBe(true);
  expect(await textOf("#audit-status")).toBe("No entry matches the chosen version and person.");

  // The language switch re-renders in Thai, times with the Buddhist Era, the filters kept.
  await page.click("#language");
  await page.waitForFunction(
    () =>
      document.getElementById("audit-status")?.textContent === "ไม่มีรายการที่ตรงกับฉบับและผู้ดำเนินการที่เลือก"
  );
  expect(await textOf("#audit-heading")).toBe("บันทึกการดำเนินการ");
  expect(await textOf("#audit-version-label")).toBe("ฉบับของชุดเกณฑ์");
  await page.selectOption("#audit-person", "");
  await rowCount(2);
  const thai = await rows();
  expect(thai.map((cells) => cells[0])).toEqual(
    entries.slice(5).map((entry) => formatBangkokDateTime(entry.at).th)
  );
  expect(thai[0][0]).toMatch(/ 25\d\d เวลา \d\d:\d\d น\.$/);
  expect(thai.map((cells) => cells[2])).toEqual(["อนุมัติข้อเสนอ ซึ่งออกเป็นฉบับที่ 2", "เสนอฉบับใหม่"]);
  await page.selectOption("#audit-version", "");
  await rowCount(7);
  // Every Thai word of the view is Thai: only the people's names are in Latin letters.
  const thaiWords = (await rows()).flatMap((cells) => [cells[0], cells[2]]);
  for (const words of thaiWords) expect(words).not.toMatch(/[A-Za-z]/);
  expect(await textOf("#audit-table thead")).toBe("เวลาผู้ดำเนินการการดำเนินการฉบับรายละเอียด");
  expect((await rows())[0][2]).toBe("พยายามดูบันทึกการดำเนินการ แต่ถูกปฏิเสธ: ไม่มีสิทธิ์");
  expect((await rows())[1][4]).toBe("มติที่ 3/2566 วันที่ 14 กรกฎาคม 2566 · เหตุผล: Drafted in error");
  await page.click("#language");
  await page.waitForFunction(
    () =>
      document.querySelector("#audit-table caption")?.textContent?.startsWith("Who did") === true
  );
}, 180_000);

test("a reason typed survives the list's rebuild; a rejection in the pane shows in the log at once, and says what it did in either language", async () => {
  const somchai = await tokenOf("Admin", "somchai");
  const proposed = await call("/api/proposals", somchai, {
    body: bodyWith(74, { approval: { reference: "4/2566", date: "2023-07-14" } }),
  });
  expect(proposed.status).toBe(201);
  await refreshPane();
  await page.waitForSelector("#proposals .proposal-note");
  await rowCount(8);
  await proposalsSettled(page);
  await page.fill("#proposals .proposal-note", "Waiting for the minutes");
  // A rebuild of the list (as a sign-in's refresh makes) keeps the reason being typed, and a
  // rebuild in the other language too.
  const rebuilt = page.waitForResponse((r) => r.url().includes("/api/proposals?status=pending"));
  await refreshPane();
  await rebuilt;
  await proposalsSettled(page);
  expect(await page.inputValue("#proposals .proposal-note")).toBe("Waiting for the minutes");
  await page.click("#language");
  await page.waitForFunction(() =>
    (document.querySelector("#proposals h2")?.textContent ?? "").startsWith("ข้อเสนอ")
  );
  expect(await page.inputValue("#proposals .proposal-note")).toBe("Waiting for the minutes");
  await page.click("#language");
  await page.waitForFunction(() =>
    (document.querySelector("#proposals h2")?.textContent ?? "").startsWith("Proposals")
  );
  expect(await page.inputValue("#proposals .proposal-note")).toBe("Waiting for the minutes");

  await page.click("#proposals .proposal-reject");
  await page.click("#proposals .proposal-confirm-yes");
  await page.waitForFunction(
    () => document.getElementById("proposals-message")?.textContent === "Rejected"
  );
  // The log reloads after the step: its newest row is suda's rejection, with her reason.
  await rowCount(9);
  const [newest] = await rows();
  expect(newest.slice(1)).toEqual([
    "suda",
    "Rejected a proposal",
    "—",
    "Committee resolution 4/2566 of 14 July 2023 · Reason: Waiting for the minutes",
  ]);
  // What the rejection did is said again in the other language, and back.
  await page.click("#language");
  await page.waitForFunction(
    () => document.getElementById("proposals-message")?.textContent === "ปฏิเสธแล้ว"
  );
  expect((await rows())[0][2]).toBe("ปฏิเสธข้อเสนอ");
  await page.click("#language");
  await page.waitForFunction(
    () => document.getElementById("proposals-message")?.textContent === "Rejected"
  );
  await page.locator("#audit").screenshot({
    path: path.resolve(__dirname, "../../test-results/audit-view.png"),
  });
  // A sign-in is a new start: what the last step did is no longer said.
  await refreshPane();
  await page.waitForFunction(
    () => document.getElementById("proposals-message")?.textContent === ""
  );
}, 180_000);

test("a failed load of the log says what failed, in the pane's language", async () => {
  await page.route("**/api/audit?*", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      headers: { "access-control-allow-origin": "*" },
      body: JSON.stringify({
        error: {
          code: "STORAGE_UNAVAILABLE",
          message: { th: "ที่เก็บข้อมูลไม่ตอบสนอง", en: "Storage is unavailable" },
        },
      }),
    })
  );
  await refreshPane();
  await page.waitForFunction(() =>
    (document.getElementById("audit-status")?.textContent ?? "").startsWith(
      "The audit log could not be loaded:"
    )
  );
  expect(await textOf("#audit-status")).toContain("Storage is unavailable");
  expect(await page.isHidden("#audit-table")).toBe(true);
  await page.click("#language");
  await page.waitForFunction(() =>
    (document.getElementById("audit-status")?.textContent ?? "").startsWith(
      "โหลดบันทึกการดำเนินการไม่สำเร็จ:"
    )
  );
  expect(await textOf("#audit-status")).toContain("ที่เก็บข้อมูลไม่ตอบสนอง");
  await page.click("#language");
  await page.unroute("**/api/audit?*");
  await refreshPane();
  await rowCount(9);
}, 120_000);

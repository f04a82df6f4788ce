import { describe, expect, test } from "@jest/globals";
import type { AuditEntry } from "@smartcity/shared";
import { auditRows } from "../../addin/src/taskpane/admin/audit-rows";

/**
 * The audit view's rows, from the log's entries: the step in words in both languages, the
 * version a proposal became carried to its every step, a withdrawal told from a rejection, an
 * attempt without a sign-in named in words, and no English in the Thai.
 */
const approval = { reference: "1/2566", date: "2023-07-14" };
const entry = (fields: Partial<AuditEntry> & Pick<AuditEntry, "action" | "at">): AuditEntry => ({
  who: "somchai",
  whoId: "dev-somchai",
  endpoint: "POST /api/proposals",
  ...fields,
});

const log: AuditEntry[] = [
  entry({ action: "propose", at: "2026-12-01T01:00:00.000Z", proposal: "p1", approval }),
  entry({
    action: "approve",
    at: "2026-12-01T02:00:00.000Z",
    who: "suda",
    whoId: "dev-suda",
    proposal: "p1",
    version: "2",
    approval,
  }),
  entry({ action: "propose", at: "2026-12-02T01:00:00.000Z", proposal: "p2", approval }),
  entry({
    action: "reject",
    at: "2026-12-02T02:00:00.000Z",
    proposal: "p2",
    approval,
    note: "Drafted in error",
  }),
  entry({ action: "propose", at: "2026-12-03T01:00:00.000Z", proposal: "p3", approval }),
  entry({
    action: "reject",
    at: "2026-12-03T02:00:00.000Z",
    who: "suda",
    whoId: "dev-suda",
    proposal: "p3",
    approval,
    note: "ยังไม่ผ่านที่ประชุม",
  }),
  entry({
    action: "refused",
    at: "2026-12-04T00:00:00.000Z",
    who: "anonymous",
    whoId: undefined,
    endpoint: "POST /api/proposals/p3/approve",
    why: "401 no Authorization header; send Authorization: Bearer <token>",
  }),
  entry({
    action: "publish",
    at: "2026-12-05T00:00:00.000Z",
    endpoint: "POST /api/rulesets",
    version: "3",
    note: "direct",
    approval,
  }),
];

describe("auditRows", () => {
  const rows = auditRows(log);

  test("newest first, each step in words, with the version its proposal became", () => {
    expect(rows.map((row) => [row.what.en, row.version])).toEqual([
      ["Published version 3 directly", "3"],
      [
        "Tried to approve a proposal; refused: no Authorization header; send Authorization: Bearer <token>",
        undefined,
      ],
      ["Rejected a proposal", undefined],
      ["Proposed a new version", undefined],
      ["Withdrew their own proposal", undefined],
      ["Proposed a new version", undefined],
      ["Approved a proposal, which became version 2", "2"],
      ["Proposed a new version", "2"],
    ]);
  });

  test("in Thai: the Buddhist Era in Bangkok time, and no English word but what people wrote", () => {
    expect(rows.map((row) => row.what.th)).toEqual([
      "ออกฉบับที่ 3 โดยตรง",
      "พยายามอนุมัติข้อเสนอ แต่ถูกปฏิเสธ: ไม่ได้ลงชื่อเข้าใช้ หรือการลงชื่อเข้าใช้ไม่ถูกต้อง",
      "ปฏิเสธข้อเสนอ",
      "เสนอฉบับใหม่",
      "ถอนข้อเสนอของตนเอง",
      "เสนอฉบับใหม่",
      "อนุมัติข้อเสนอ ซึ่งออกเป็นฉบับที่ 2",
      "เสนอฉบับใหม่",
    ]);
    // 2026-12-01 01:00 UTC is 08:00 in Bangkok, in 2569 of the Buddhist Era.
    expect(rows[7].when).toEqual({
      th: "1 ธันวาคม 2569 เวลา 08:00 น.",
      en: "1 December 2026, 08:00 (Bangkok time)",
    });
    for (const row of rows) {
      expect(row.what.th).not.toMatch(/[A-Za-z]/);
      expect(row.when.th).not.toMatch(/[A-Za-z]/);
    }
    expect(rows[2].details.th).toBe("มติที่ 1/2566 วันที่ 14 กรกฎาคม 2566 · เหตุผล: ยังไม่ผ่านที่ประชุม");
    expect(rows[2].details.en).toBe(
      "Committee resolution 1/2566 of 14 July 2023 · Reason: ยังไม่ผ่านที่ประชุม"
    );
  });

  test("people: by id, and an attempt without a sign-in is named in words", () => {
    expect(rows[1].person).toEqual({
      en: "someone not signed in",
      th: "ผู้ที่ไม่ได้ลงชื่อเข้าใช้",
    });
    expect(new Set(rows.map((row) => row.personKey))).toEqual(
      new Set(["id:dev-somchai", "id:dev-suda", "name:anonymous"])
    );
  });

  test("a proposal's steps have no version while the step that published it is not among the entries", () => {
    expect(auditRows(log.slice(0, 1))[0].version).toBeUndefined();
  });
});

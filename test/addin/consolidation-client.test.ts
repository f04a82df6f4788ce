import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  type ConsolidateResponse,
  ConsolidateResponseSchema,
  MAX_CONSOLIDATE_FILES,
  MAX_WORKBOOK_BYTES,
  summariseRuleset,
  XLSX_MEDIA_TYPE,
} from "@smartcity/shared";
import {
  fileNameFromDisposition,
  requestConsolidatedWorkbook,
  requestConsolidation,
} from "../../addin/src/client/consolidate-upload";
import { ServiceError } from "../../addin/src/client/service-error";
import { addChosenFiles } from "../../addin/src/taskpane/secretary/chosen-files";
import {
  applicantCards,
  arrangeCards,
  dimensionOverview,
  foundNobody,
  issueItems,
} from "../../addin/src/taskpane/secretary/consolidation-view";
import { base64Of } from "../../addin/src/taskpane/secretary/workbook-file";

/**
 * The secretary section's logic without a browser: the upload over a scripted XMLHttpRequest
 * (what it sends, progress, and every way it can fail), the local limits on chosen files, the
 * content-disposition file name, and what the summary table and issues list are made of.
 * The e2e test (test/e2e/secretary-pane.test.ts) runs the same code in Chromium.
 */

/** An XMLHttpRequest whose network the test plays: upload progress, the answer, or nothing. */
class ScriptedXhr {
  upload: { onprogress?: (event: unknown) => void; onload?: () => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  responseType = "";
  status = 0;
  response: unknown;
  opened?: { method: string; url: string };
  headers: Record<string, string> = {};
  body?: FormData;
  aborted = false;
  private answerHeaders: Record<string, string> = {};
  constructor(private readonly script: (xhr: ScriptedXhr) => void) {}
  open(method: string, url: string) {
    this.opened = { method, url };
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getResponseHeader(name: string) {
    return this.answerHeaders[name.toLowerCase()] ?? null;
  }
  send(body: FormData) {
    this.body = body;
    setTimeout(() => this.script(this), 0);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.response = body;
    this.answerHeaders = headers;
    this.onload?.();
  }
}

const workbook = (name: string, bytes = 10) =>
  new File([new Uint8Array(bytes)], name, { type: XLSX_MEDIA_TYPE, lastModified: 1 });

function run(script: (xhr: ScriptedXhr) => void, extra: { token?: string | undefined } = {}) {
  let xhr: ScriptedXhr | undefined;
  const progress: number[] = [];
  const request = {
    baseUrl: "http://127.0.0.1:7071/",
    token: "token" in extra ? extra.token : "t0k",
    files: [workbook("somchai.xlsx"), workbook("suda.xlsx")],
    rulesetVersion: "2",
    onProgress: (percent: number) => progress.push(percent),
    stallMs: 40,
    answerMs: 40,
    createRequest: () => {
      xhr = new ScriptedXhr(script);
      return xhr as unknown as XMLHttpRequest;
    },
  };
  return { request, progress, xhr: () => xhr };
}

const applicant = (
  id: string,
  name: string,
  overallPercent: number,
  scores: Record<string, number>,
  flags: ConsolidateResponse["applicants"][number]["flags"] = []
): ConsolidateResponse["applicants"][number] => ({
  id,
  name,
  evaluators: ["Somchai", "Suda"],
  dimensions: Object.entries(scores).map(([dimension, percent]) => ({
    id: dimension,
    percent,
    min: percent,
    max: percent,
    spread: 0,
    scored: 2,
    missing: 0,
    flags: [],
  })),
  subcommitteeOverall: null,
  preliminary: [],
  overallPercent,
  eligible: overallPercent >= 80 && Object.values(scores).every((percent) => percent >= 70),
  reasons:
    overallPercent >= 80
      ? []
      : [
          {
            code: "OVERALL_BELOW_MIN",
            message: { th: "คะแนนภาพรวมต่ำกว่าร้อยละ 80", en: "overall below 80%" },
          },
        ],
  flags,
});

const RESPONSE: ConsolidateResponse = ConsolidateResponseSchema.parse({
  ruleset: summariseRuleset(BASELINE_RULESET),
  consolidatedAt: "2024-05-01T03:00:00.000Z",
  calibration: { offsetPoints: 10, minApplicants: 5, evaluators: [] },
  applicants: [
    applicant("phuket", "ภูเก็ต", 85, { environment: 90, energy: 80 }),
    applicant("yala", "ยะลา", 79.999, { environment: 65.5, energy: 94.5 }, [
      {
        code: "DISAGREEMENT",
        dimension: "environment",
        message: { th: "สิ่งแวดล้อม: ต่างกันเกิน 20", en: "Environment: spread above 20" },
      },
    ]),
  ],
  files: [
    {
      name: "somchai.xlsx",
      evaluator: "Somchai",
      evaluators: ["Somchai"],
      sheets: ["Evaluation"],
      rows: 2,
      warnings: [
        {
          code: "UNREADABLE_SCORE",
          sheet: "Evaluation",
          cell: "E7",
          message: {
            th: "somchai.xlsx · Evaluation!E7: อ่านไม่ได้",
            en: "somchai.xlsx · Evaluation!E7: unreadable",
          },
        },
      ],
    },
    {
      name: "notes.xlsx",
      evaluator: "notes",
      evaluators: [],
      sheets: [],
      rows: 0,
      warnings: [],
      error: {
        code: "NO_RECOGNISABLE_SHEET",
        message: { th: "notes.xlsx: ไม่มีชีตการประเมิน", en: "notes.xlsx: no evaluation sheet" },
      },
    },
  ],
});

describe("the upload (POST /api/consolidate over XMLHttpRequest)", () => {
  test("sends the bearer token, Accept, the version BEFORE the files, and reports progress up to 100 %", async () => {
    const { request, progress, xhr } = run((x) => {
      x.progress(0, 1000);
      x.progress(512, 1000);
      x.progress(1000, 1000);
      x.upload.onload?.();
      x.answer(200, JSON.stringify(RESPONSE), { "content-type": "application/json" });
    });
    expect(await requestConsolidation(request)).toEqual(RESPONSE);
    const sent = xhr()!;
    expect(sent.opened).toEqual({ method: "POST", url: "http://127.0.0.1:7071/api/consolidate" });
    expect(sent.headers).toEqual({ authorization: "Bearer t0k", accept: "application/json" });
    expect([...sent.body!.keys()]).toEqual(["rulesetVersion", "files", "files"]);
    expect(sent.body!.get("rulesetVersion")).toBe("2");
    expect((sent.body!.getAll("files") as File[]).map((file) => file.name)).toEqual([
      "somchai.xlsx",
      "suda.xlsx",
    ]);
    // 100 only once the last byte has gone (upload.onload), not at the last progress event.
    expect(progress).toEqual([0, 51, 99, 100]);
  });

  test("the workbook: Accept xlsx, a blob back, named by content-disposition (RFC 8187 Thai names too)", async () => {
    const xlsx = new Blob([new Uint8Array([0x50, 0x4b])], { type: XLSX_MEDIA_TYPE });
    const { request, xhr } = run((x) =>
      x.answer(200, xlsx, {
        "content-type": XLSX_MEDIA_TYPE,
        "content-disposition": `attachment; filename="consolidated.xlsx"; filename*=UTF-8''${encodeURIComponent("ผลรวม-v2.xlsx")}`,
      })
    );
    const got = await requestConsolidatedWorkbook(request, "fallback.xlsx");
    expect(got).toEqual({ blob: xlsx, fileName: "ผลรวม-v2.xlsx" });
    expect(xhr()!.headers.accept).toBe(XLSX_MEDIA_TYPE);
    expect(xhr()!.responseType).toBe("blob");
  });

  test("when CORS hides content-disposition the pane's own name is used", async () => {
    const { request } = run((x) =>
      x.answer(200, new Blob([]), { "content-type": XLSX_MEDIA_TYPE })
    );
    expect((await requestConsolidatedWorkbook(request, "fallback.xlsx")).fileName).toBe(
      "fallback.xlsx"
    );
  });

  test("a 4xx gives the service's own message in both languages, with the status", async () => {
    const body = {
      error: {
        code: "TOO_MANY_FILES",
        message: { th: "ส่งได้ไม่เกิน 100 ไฟล์", en: "at most 100 files" },
      },
    };
    const { request } = run((x) => x.answer(413, JSON.stringify(body)));
    const error = await requestConsolidation(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      failure: "REFUSED",
      status: 413,
      code: "TOO_MANY_FILES",
      text: {
        th: "บริการประเมินที่ http://127.0.0.1:7071 ตอบกลับด้วยรหัส 413: ส่งได้ไม่เกิน 100 ไฟล์",
        en: "scoring service at http://127.0.0.1:7071 answered 413: at most 100 files",
      },
    });
  });

  test("an error answered to a workbook request (a blob) is read as the service's JSON too", async () => {
    const body = JSON.stringify({
      error: { code: "FORBIDDEN", message: { th: "ไม่มีสิทธิ์", en: "not allowed" } },
    });
    const { request } = run((x) => x.answer(403, new Blob([body])));
    await expect(requestConsolidatedWorkbook(request, "x.xlsx")).rejects.toMatchObject({
      text: { th: "ไม่มีสิทธิ์", en: "not allowed" },
    });
  });

  test("a 401 also says to sign in again; a 5xx without a JSON body says the status", async () => {
    const expired = JSON.stringify({
      error: { code: "UNAUTHORIZED", message: { th: "โทเค็นหมดอายุ", en: "the token has expired" } },
    });
    await expect(requestConsolidation(run((x) => x.answer(401, expired)).request)).rejects.toThrow(
      "Sign in from the Smart City pane (the token has expired)"
    );
    await expect(
      requestConsolidation(run((x) => x.answer(502, "<html>Bad gateway</html>")).request)
    ).rejects.toMatchObject({
      failure: "REFUSED",
      text: {
        en: "scoring service at http://127.0.0.1:7071 answered HTTP 502",
        th: "บริการประเมินที่ http://127.0.0.1:7071 ตอบกลับด้วยรหัส HTTP 502",
      },
    });
  });

  test("a network failure, a stalled upload and a service that never answers each say so", async () => {
    await expect(requestConsolidation(run((x) => x.onerror?.()).request)).rejects.toMatchObject({
      failure: "UNREACHABLE",
    });

    const stalled = run((x) => x.progress(10, 1000)); // then nothing
    await expect(requestConsolidation(stalled.request)).rejects.toMatchObject({
      failure: "TIMEOUT",
      message: expect.stringContaining("made no progress for 0 s"),
    });
    expect(stalled.xhr()!.aborted).toBe(true);

    const silent = run((x) => x.upload.onload?.()); // every byte sent, no answer
    await expect(requestConsolidation(silent.request)).rejects.toMatchObject({
      failure: "TIMEOUT",
      message: expect.stringContaining("did not answer within"),
    });
    expect(silent.progress).toEqual([100]);
  });

  test("signed out: refused before anything is sent", async () => {
    const { request, xhr } = run(() => undefined, { token: undefined });
    await expect(requestConsolidation(request)).rejects.toMatchObject({ failure: "SIGNED_OUT" });
    expect(xhr()).toBeUndefined();
  });

  test("a 200 that is not a consolidation, or not a workbook, is a bad answer, not a crash", async () => {
    await expect(
      requestConsolidation(run((x) => x.answer(200, '{"applicants": 3}')).request)
    ).rejects.toMatchObject({ failure: "BAD_ANSWER" });
    await expect(
      requestConsolidatedWorkbook(
        run((x) => x.answer(200, new Blob(["{}"]), { "content-type": "application/json" })).request,
        "x.xlsx"
      )
    ).rejects.toMatchObject({ failure: "BAD_ANSWER" });
  });
});

describe("content-disposition", () => {
  test.each([
    ['attachment; filename="consolidated-v1.xlsx"', "consolidated-v1.xlsx"],
    ["attachment; filename=plain.xlsx", "plain.xlsx"],
    ['attachment; filename="a \\"quoted\\" name.xlsx"', 'a "quoted" name.xlsx'],
    ['attachment; filename="../../etc/passwd.xlsx"', "passwd.xlsx"],
    ["attachment; filename*=UTF-8''%E0%B8%9C%E0%B8%A5.xlsx", "ผล.xlsx"],
    ["attachment", undefined],
    [null, undefined],
  ])("%s → %s", (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name);
  });
});

describe("choosing files", () => {
  const file = (name: string, size: number) => ({ name, size, lastModified: 1 });

  test("the same file twice is listed once; a file above MAX_WORKBOOK_BYTES is refused, the others kept", () => {
    const first = addChosenFiles([], [file("a.xlsx", 10), file("b.xlsx", MAX_WORKBOOK_BYTES)]);
    expect(first.refused).toEqual([]);
    const second = addChosenFiles(first.files, [
      file("a.xlsx", 10),
      file("huge.xlsx", MAX_WORKBOOK_BYTES + 1),
      file("c.xlsx", 5),
    ]);
    expect(second.files.map((chosen) => chosen.name)).toEqual(["a.xlsx", "b.xlsx", "c.xlsx"]);
    expect(second.refused).toEqual([
      { code: "FILE_TOO_LARGE", name: "huge.xlsx", size: MAX_WORKBOOK_BYTES + 1 },
    ]);
  });

  test(`more than MAX_CONSOLIDATE_FILES (${MAX_CONSOLIDATE_FILES}) refuses the whole addition`, () => {
    const many = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, i) => file(`${prefix}${i}.xlsx`, 1));
    const full = addChosenFiles([], many(MAX_CONSOLIDATE_FILES, "a"));
    expect(full).toEqual({ files: many(MAX_CONSOLIDATE_FILES, "a"), refused: [] });
    const over = addChosenFiles(full.files, many(2, "b"));
    expect(over.files).toHaveLength(MAX_CONSOLIDATE_FILES);
    expect(over.refused).toEqual([{ code: "TOO_MANY_FILES", chosen: MAX_CONSOLIDATE_FILES + 2 }]);
  });
});

describe("what the pane shows of a consolidation", () => {
  test("one card per applicant: scores in the ruleset's order against their bars, each marked; reasons and flags in words", () => {
    const cards = applicantCards(RESPONSE, BASELINE_RULESET.rules, "th");
    expect(cards.map((card) => [card.label, card.eligible])).toEqual([
      ["phuket · ภูเก็ต", true],
      ["yala · ยะลา", false],
    ]);
    // In the ruleset's order (energy before environment), not the order the applicants gave.
    expect(cards[1].scores).toEqual([
      { id: "energy", name: "พลังงานอัจฉริยะ", percent: 94.5, bar: 70, passed: true, text: "94.5" },
      {
        id: "environment",
        name: "สิ่งแวดล้อมอัจฉริยะ",
        percent: 65.5,
        bar: 70,
        passed: false,
        text: "65.5",
      },
    ]);
    // 79.999 is not shown as a passing-looking "80" (shared's formatPercent).
    expect(cards[1].overall).toEqual({ percent: 79.999, bar: 80, passed: false, text: "79.999" });
    expect(cards[1].reasons).toEqual(["คะแนนภาพรวมต่ำกว่าร้อยละ 80"]);
    expect(cards[1].flags).toEqual(["สิ่งแวดล้อม: ต่างกันเกิน 20"]);
    expect(cards[0].overall.passed).toBe(true);
  });

  test("preliminary criteria: met, not met and unanswered, named from the ruleset", () => {
    const [criterion, other] = BASELINE_RULESET.rules.preliminaryCriteria;
    const response = structuredClone(RESPONSE);
    response.applicants[0].preliminary = [
      { id: criterion.id, holds: false, yes: 1, no: 1, unanswered: 0, flags: [] },
      { id: other.id, holds: null, yes: 0, no: 0, unanswered: 2, flags: [] },
    ];
    expect(applicantCards(response, BASELINE_RULESET.rules, "en")[0].preliminary).toEqual([
      { name: criterion.name.en, holds: false },
      { name: other.name.en, holds: null },
    ]);
  });

  test("filter (eligible, not eligible, flagged) and sort (overall either way, label); the overview counts passes per dimension", () => {
    const cards = applicantCards(RESPONSE, BASELINE_RULESET.rules, "en");
    const ids = (
      filter: Parameters<typeof arrangeCards>[1],
      sort: Parameters<typeof arrangeCards>[2]
    ) => arrangeCards(cards, filter, sort).map((card) => card.id);
    expect(ids("all", "order")).toEqual(["phuket", "yala"]);
    expect(ids("eligible", "order")).toEqual(["phuket"]);
    expect(ids("notEligible", "order")).toEqual(["yala"]);
    expect(ids("flagged", "order")).toEqual(["yala"]);
    expect(ids("all", "overallAsc")).toEqual(["yala", "phuket"]);
    expect(ids("all", "overallDesc")).toEqual(["phuket", "yala"]);
    expect(ids("all", "label")).toEqual(["phuket", "yala"]);
    expect(dimensionOverview(cards, BASELINE_RULESET.rules, "en")).toEqual([
      { id: "energy", name: "Smart Energy", bar: 70, proposed: 2, passed: 2 },
      { id: "environment", name: "Smart Environment", bar: 70, proposed: 2, passed: 1 },
    ]);
  });

  test("a consolidation that found nobody is an error: every file failed, or no applicant rows", () => {
    expect(foundNobody(RESPONSE)).toBeUndefined();
    const failed = { ...RESPONSE, applicants: [], files: [RESPONSE.files[1]] };
    expect(foundNobody(failed)).toBe("allFilesFailed");
    expect(foundNobody({ ...RESPONSE, applicants: [] })).toBe("noApplicants");
  });

  test("issues: unread files first, then applicants' flags (named), then cell warnings; capped with a count", () => {
    expect(issueItems(RESPONSE, "en", 10)).toEqual({
      items: [
        { kind: "fileError", text: "notes.xlsx: no evaluation sheet" },
        { kind: "flag", text: "yala · ยะลา: Environment: spread above 20" },
        { kind: "warning", text: "somchai.xlsx · Evaluation!E7: unreadable" },
      ],
      more: 0,
    });
    expect(issueItems(RESPONSE, "th", 1)).toEqual({
      items: [{ kind: "fileError", text: "notes.xlsx: ไม่มีชีตการประเมิน" }],
      more: 2,
    });
  });
});

test("base64 of a workbook: the bytes, no data: prefix, also past the 32 KiB slices", async () => {
  const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
  expect(await base64Of(new Blob([bytes]))).toBe(Buffer.from(bytes).toString("base64"));
});

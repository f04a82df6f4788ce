import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import {
  builtFunctionsJson,
  excelCalls,
  type FormulaArgument,
  installCustomFunctionsStandIn,
  type Platform,
  Workbook,
} from "../helpers/custom-functions-standin";
import { type ExcelStandIn, installExcelStandIn } from "../helpers/excel-standin";
import { type ApiProcess, startApiProcess } from "../helpers/api-process";
import { publishOverHttp } from "../helpers/publish";
import { startTestStorage, type TestStorage } from "../helpers/service-env";
import { tokenFor } from "../helpers/tokens";
import { until } from "../helpers/until";

/**
 * The custom functions as Excel runs them: called per the BUILT functions.json, with
 * a sheet's cells passed as desktop Excel passes them (a blank as 0) and as Excel on the web does
 * (a blank as null), parameter addresses only where the metadata contract gives them, and the
 * cells' value types readable only after load + sync (the stand-ins name their documents).
 * One test per fault the issue lists, on both platforms, against the real API.
 */
installCustomFunctionsStandIn();
let excel: ExcelStandIn = installExcelStandIn(["Sheet1"]);
// Imported after the stand-ins, as Excel loads functions.js after its runtime. The runtime loads
// signed out: the normal case, a workbook opened before its user signs in.
const functions = require("../../addin/src/functions/functions") as Record<string, unknown>;
const runtime = require("../../addin/src/runtime") as typeof import("../../addin/src/runtime");

let storage: TestStorage;
let api: ApiProcess;
let token: string;
beforeAll(async () => {
  storage = await startTestStorage();
  api = await startApiProcess({ ...storage.env, SMARTCITY_CURRENT_RULESET_TTL_MS: "0" });
  token = await tokenFor(storage.keyFile, "Evaluator");
});
afterAll(async () => {
  await api?.stop();
  await storage?.stop();
});

const DIMENSIONS = BASELINE_RULESET.rules.dimensions.map((dimension) => dimension.name.en);
const COLUMNS = ["H", "I", "J", "K", "L", "M", "N"]; // one per dimension, in the ruleset's order
const CRITERIA = ["C", "D", "E", "F", "G"];

/** Row 1 the headers; row 2 one applicant: only the cells given are filled, the rest blank. */
function sheet(cells: Record<string, unknown>, formats: Record<string, string> = {}): Workbook {
  const all: Record<string, unknown> = {};
  DIMENSIONS.forEach((name, index) => (all[`Sheet1!${COLUMNS[index]}1`] = name));
  for (const [cell, value] of Object.entries(cells)) all[`Sheet1!${cell}`] = value;
  const named: Record<string, string> = {};
  for (const [cell, format] of Object.entries(formats)) named[`Sheet1!${cell}`] = format;
  return new Workbook(all, named);
}
const ref = (range: string): FormulaArgument => ({ ref: `Sheet1!${range}` });
const SCORES = ref("H2:N2");
const LABELS = ref("H1:N1");
const PRELIMINARY = ref("C2:G2");
const OVERALL = ref("O2");
const VERSION = ref("P2");
const TRACK = ref("Q2");
const allYes = Object.fromEntries(CRITERIA.map((column) => [`${column}2`, true]));
// Environment 85 and Energy 80; the five other dimensions blank.
const TWO_SCORES = { N2: 85, J2: 80 };

const call = (
  id: string,
  workbook: Workbook,
  platform: Platform,
  args: FormulaArgument[],
  valuePreview = false
) => excelCalls(functions, id, args, { platform, workbook, excel, valuePreview });

beforeEach(() => {
  runtime.setServiceUrl(api.url);
  runtime.setSession({ token, role: "Evaluator", name: "test" });
});

describe("the metadata contract (custom-functions-json.md, options)", () => {
  test("every function that asks for parameter addresses returns a matrix", () => {
    const asking = builtFunctionsJson().filter(
      (entry) => entry.options?.requiresParameterAddresses
    );
    expect(asking.map((entry) => entry.id).sort()).toEqual(
      ["DIMENSIONS", "ELIGIBLE", "OUTCOME", "REASONS", "SCORE", "THRESHOLD"].sort()
    );
    for (const entry of asking) expect(entry.result?.dimensionality).toBe("matrix");
  });
});

describe.each(["desktop", "web"] as const)("on Excel %s", (platform) => {
  test("fault 1: scores 85 and 80 with five blank dimensions give SCORE 82.5 and ELIGIBLE TRUE", async () => {
    const workbook = sheet(TWO_SCORES);
    expect(await call("SCORE", workbook, platform, [SCORES, LABELS])).toBe(82.5);
    expect(await call("ELIGIBLE", workbook, platform, [SCORES, LABELS])).toBe(true);
    // A typed 0 is a proposed dimension that scored 0, on both platforms.
    expect(await call("SCORE", sheet({ ...TWO_SCORES, H2: 0 }), platform, [SCORES, LABELS])).toBe(
      55
    );
  });

  test("fault 1, without addresses (value preview): a blank is never scored as 0", async () => {
    // A preview asks nothing of the service: with no ruleset held yet, it says the value comes
    // once the formula is entered; once one is held, it computes with it here.
    expect(await call("SCORE", sheet(TWO_SCORES), platform, [SCORES, LABELS], true)).toBe(
      "#N/A: the value shows once the formula is entered (no ruleset is loaded yet)"
    );
    expect(await call("SCORE", sheet(TWO_SCORES), platform, [SCORES, LABELS])).toBe(82.5);
    const shown = await call("SCORE", sheet(TWO_SCORES), platform, [SCORES, LABELS], true);
    if (platform === "web")
      expect(shown).toBe(82.5); // blanks arrive as null: nothing to guess
    else
      expect(shown).toBe(
        '#N/A: Scores: Excel did not give this formula its cells\' addresses, so a blank cell cannot be told from 0. Recalculate (Ctrl+Alt+F9), or type the 0 as text "0"'
      );
  });

  test("fault 2: a blank Overall is no subcommittee score, not 0%", async () => {
    const args = [SCORES, LABELS, PRELIMINARY, OVERALL];
    expect(await call("ELIGIBLE", sheet({ ...TWO_SCORES, ...allYes }), platform, args)).toBe(true);
    expect(await call("REASONS", sheet({ ...TWO_SCORES, ...allYes }), platform, args)).toBe("");
    expect(await call("REASONS", sheet({ ...TWO_SCORES, ...allYes, O2: 0 }), platform, args)).toBe(
      "The subcommittee's overall score of 0% is below the minimum of 80%"
    );
    expect(
      await call(
        "ELIGIBLE",
        sheet({ ...TWO_SCORES, ...allYes, O2: 0.9 }, { O2: "0%" }),
        platform,
        args
      )
    ).toBe(true); // a percent-formatted 0.9 is 90%
  });

  test("fault 3: a blank preliminary cell is not answered, a typed FALSE is not met", async () => {
    const args = [SCORES, LABELS, PRELIMINARY, null, null, { value: "en" }];
    const cells = { ...TWO_SCORES, ...allYes, D2: undefined, F2: false };
    expect(await call("REASONS", sheet(cells), platform, args)).toBe(
      "Preliminary criterion not answered: Development plan; Preliminary criterion not met: Public cooperation"
    );
    expect(
      await call("REASONS", sheet(cells), platform, [...args.slice(0, 5), { value: "th" }])
    ).toBe("ไม่ได้ระบุผลเกณฑ์เบื้องต้น: แผนการพัฒนาที่ชัดเจน; ไม่ผ่านเกณฑ์เบื้องต้น: ความร่วมมือจากประชาชน");
  });

  test("later criteria: a blank track cell is the default track; OUTCOME reads its requirements cells as ELIGIBLE reads preliminary", async () => {
    const eligibleArgs = [SCORES, LABELS, PRELIMINARY, OVERALL, VERSION, TRACK];
    const outcomeArgs = [SCORES, LABELS, PRELIMINARY, OVERALL, TRACK, VERSION, { value: "en" }];
    const all = sheet({ ...TWO_SCORES, ...allYes });
    expect(await call("ELIGIBLE", all, platform, eligibleArgs)).toBe(true);
    expect(await call("SCORE", all, platform, [SCORES, LABELS, VERSION, TRACK])).toBe(82.5);
    expect(await call("OUTCOME", all, platform, outcomeArgs)).toBe("Eligible");
    // D2 blank (a 0 on desktop): not answered, so not eligible on both platforms.
    const gap = sheet({ ...TWO_SCORES, ...allYes, D2: undefined });
    expect(await call("OUTCOME", gap, platform, outcomeArgs)).toBe("Not eligible");
    expect(
      await call("OUTCOME", gap, platform, [...outcomeArgs.slice(0, 6), { value: "th" }])
    ).toBe("ไม่ผ่านเกณฑ์");
    // A track this ruleset does not have is the service's UNKNOWN_TRACK, not the default.
    expect(
      await call(
        "ELIGIBLE",
        sheet({ ...TWO_SCORES, ...allYes, Q2: "newCity" }),
        platform,
        eligibleArgs
      )
    ).toMatch(/^#VALUE!: "newCity" is not a track of ruleset 1/);
  });

  test("blank labels and a blank version cell read as blank too", async () => {
    const workbook = sheet({ ...TWO_SCORES, H1: undefined, H2: 99 });
    // H1 blank: H2 is an unlabelled column, not a score; P2 blank: the version in force.
    expect(await call("SCORE", workbook, platform, [SCORES, LABELS, VERSION])).toBe(82.5);
    expect(await call("THRESHOLD", workbook, platform, [{ value: "overall" }, VERSION])).toBe(80);
    expect(
      await call("SCORE", sheet({ ...TWO_SCORES, P2: 1 }), platform, [SCORES, LABELS, VERSION])
    ).toBe(82.5);
  });
});

/** Reading a proxy's property before load + sync throws, as office.js does. */
test("the Excel stand-in refuses a property read before load + sync", async () => {
  /* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read,
     office-addins/call-sync-after-load -- the point of this test is reading too early */
  await Excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
    expect(() => range.valueTypes).toThrow(/PropertyNotLoaded|is not available/);
    range.load("valueTypes");
    expect(() => range.valueTypes).toThrow(/is not available/);
    await context.sync();
    expect(() => range.valueTypes).not.toThrow();
  });
  /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read,
     office-addins/call-sync-after-load */
});

describe.each<[Platform, number]>([
  ["desktop", 75],
  ["web", 79],
])(
  "fault 4 on Excel %s: unpinned formulas follow a publication from the very first answer",
  (platform, bar) => {
    test("runtime loaded before sign-in; sign in; publish: a recalculation is requested, unpinned cells follow, pinned ones do not", async () => {
      excel = installExcelStandIn(["Sheet1"]);
      runtime.setSession(undefined); // the workbook opens signed out
      const workbook = sheet({ ...TWO_SCORES, O2: 78 });
      const eligible = (version?: FormulaArgument) =>
        call("ELIGIBLE", workbook, platform, [SCORES, LABELS, null, OVERALL, version ?? null]);
      expect(await eligible()).toBe("#N/A: Sign in from the Smart City pane");

      const versions: unknown[] = [];
      const streaming = {
        setResult: (value: unknown) => versions.push(value),
        onCanceled: undefined as undefined | (() => void),
      };
      (functions.version as (invocation: unknown) => void)(streaming);
      await until(() => versions.length > 0, "VERSION's first result");
      expect(String((versions[0] as Error).message)).toMatch(/Sign in/);

      excel.calculations.length = 0;
      runtime.setSession({ token, role: "Evaluator", name: "test" }); // signing in recalculates
      expect(excel.calculations).toEqual(["Full"]);
      await until(
        () => versions.some((value) => typeof value === "string"),
        "VERSION after sign-in"
      );
      const inForce = (await call("THRESHOLD", workbook, platform, [
        { value: "overall" },
      ])) as number;
      expect(await eligible()).toBe(78 >= inForce);

      const admin = await tokenFor(storage.keyFile, "Admin");
      const published = await publishOverHttp(api.url, admin, {
        rules: { ...BASELINE_RULESET.rules, overallMinPercent: bar },
        approval: { reference: "9/2569", date: "2026-11-30" },
        note: "a note",
      });
      expect(published.status).toBe(201);
      const version = ((await published.json()) as { version: string }).version;

      excel.calculations.length = 0;
      await runtime.rulesets.checkInForce(); // what the poll does every VERSION_POLL_MS (≤ 60 s)
      await until(() => excel.calculations.length > 0, "the recalculation after the publication");
      expect(excel.calculations).toEqual(["Full"]);
      await until(() => versions.includes(version), "VERSION following the publication");
      // Excel now re-runs every formula: unpinned ones use the new bar, pinned ones keep 80.
      expect(await eligible()).toBe(78 >= bar);
      expect(await eligible({ value: "1" })).toBe(false); // 78 < 80
      expect(await call("THRESHOLD", workbook, platform, [{ value: "overall" }])).toBe(bar);
      expect(
        await call("THRESHOLD", workbook, platform, [{ value: "overall" }, { value: "1" }])
      ).toBe(80);

      excel.calculations.length = 0;
      const heard = versions.length;
      runtime.setSession(undefined); // signing out recalculates too, and VERSION says why
      expect(excel.calculations).toEqual(["Full"]);
      await until(
        () => versions.slice(heard).some((value) => value instanceof Error),
        "VERSION after sign-out"
      );
      expect(String(versions.at(-1))).toMatch(/Sign in/);
      streaming.onCanceled?.();
      excel.calculations.length = 0;
      runtime.setServiceUrl(api.url); // so does another service URL
      expect(excel.calculations).toEqual(["Full"]);
    });
  }
);

import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import {
  BASELINE_RULESET,
  dateInTimeZone,
  formatThaiDate,
  historyWithStatus,
  nextVersion,
  type Ruleset,
  versionInForce,
} from "@smartcity/shared";

describe("the committee's calendar (Asia/Bangkok)", () => {
  test("06:30 in Bangkok is that Bangkok date, though UTC is still the day before", () => {
    const at0630 = new Date("2026-03-01T23:30:00Z");
    expect(dateInTimeZone(at0630, "Asia/Bangkok")).toBe("2026-03-02");
    expect(dateInTimeZone(at0630, "UTC")).toBe("2026-03-01");
    expect(dateInTimeZone(new Date("2026-03-02T16:59:59Z"), "Asia/Bangkok")).toBe("2026-03-02");
    expect(dateInTimeZone(new Date("2026-03-02T17:00:00Z"), "Asia/Bangkok")).toBe("2026-03-03");
  });

  test("a Thai date has the Buddhist Era year", () => {
    expect(formatThaiDate("2026-12-01")).toBe("1 ธันวาคม 2569");
  });

  test("a version takes effect at midnight in Bangkok on its effectiveFrom", () => {
    const history = [
      { version: "2", effectiveFrom: "2026-03-02" },
      { version: "1", effectiveFrom: "2018-09-27" },
    ];
    const today = (iso: string) => dateInTimeZone(new Date(iso), "Asia/Bangkok");
    expect(versionInForce(history, today("2026-03-01T16:59:00Z"))?.version).toBe("1");
    expect(versionInForce(history, today("2026-03-01T17:00:00Z"))?.version).toBe("2");
    expect(historyWithStatus(history, "2026-03-01").map((h) => h.status)).toEqual([
      "scheduled",
      "inForce",
    ]);
  });
});

describe("nextVersion", () => {
  const request = {
    rules: { ...BASELINE_RULESET.rules, overallMinPercent: 75 },
    approval: { reference: "1/2569", date: "2026-07-14" },
    note: "lower",
  };
  const hash = `sha256:${"a".repeat(64)}`;
  const at0630 = new Date("2026-03-01T23:30:00Z");

  test("a publish at 06:30 Bangkok time is dated that Bangkok day by default", () => {
    const next = nextVersion({
      request,
      newest: BASELINE_RULESET,
      today: dateInTimeZone(at0630, "Asia/Bangkok"),
      now: at0630,
      hash,
      publishedBy: "somchai",
    });
    expect(next).toMatchObject({
      ok: true,
      ruleset: { version: "2", effectiveFrom: "2026-03-02", publishedAt: at0630.toISOString() },
    });
  });

  test("refusals: a date before today, the newest's hash", () => {
    const input = { request, newest: BASELINE_RULESET, today: "2026-03-02", now: at0630, hash };
    const past = nextVersion({
      ...input,
      publishedBy: "x",
      request: { ...request, effectiveFrom: "2026-03-01" },
    });
    expect(past).toMatchObject({ ok: false, refusal: { code: "EFFECTIVE_DATE_IN_PAST" } });
    const same = nextVersion({ ...input, publishedBy: "x", hash: BASELINE_RULESET.hash });
    expect(same).toMatchObject({ ok: false, refusal: { code: "NO_CHANGE" } });
  });
});

/**
 * For any sequence of publishes (each at some moment, asking for some effective date, often
 * in the past), asOf any date before the moment of a publish answers the same version before
 * and after it: history is append-only in time.
 */
test("property: asOf any past date answers the same version before and after any sequence of publishes", () => {
  const day = 86_400_000;
  const start = Date.parse("2024-01-01T00:00:00Z");
  const isoDay = (offset: number) => new Date(start + offset * day).toISOString().slice(0, 10);
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          // When the publish happens (hours after the previous one) and the date it asks for (days from then).
          afterHours: fc.integer({ min: 0, max: 24 * 40 }),
          askDays: fc.option(fc.integer({ min: -400, max: 60 }), { nil: undefined }),
          bar: fc.integer({ min: 50, max: 95 }),
        }),
        { minLength: 1, maxLength: 25 }
      ),
      fc.array(fc.integer({ min: -2000, max: 2000 }), { minLength: 1, maxLength: 10 }),
      (publishes, probes) => {
        let history: Ruleset[] = [BASELINE_RULESET];
        let clock = start;
        for (const publish of publishes) {
          clock += publish.afterHours * 3_600_000;
          const now = new Date(clock);
          const today = dateInTimeZone(now, "Asia/Bangkok");
          const asked =
            publish.askDays === undefined
              ? undefined
              : new Date(clock + publish.askDays * day).toISOString().slice(0, 10);
          const newest = history[0];
          const before = probes
            .map(isoDay)
            .filter((date) => date < today)
            .map((date) => [date, versionInForce(history, date)?.version] as const);
          const next = nextVersion({
            request: {
              rules: { ...BASELINE_RULESET.rules, overallMinPercent: publish.bar },
              approval: { reference: "1/2569", date: "2026-07-14" },
              effectiveFrom: asked,
              note: "p",
            },
            newest,
            today,
            now,
            hash: `sha256:${publish.bar.toString(16).padStart(64, "0")}`,
            publishedBy: "x",
          });
          if (next.ok) history = [next.ruleset, ...history];
          for (const [date, version] of before)
            expect(versionInForce(history, date)?.version).toBe(version);
        }
      }
    ),
    { numRuns: 300 }
  );
});

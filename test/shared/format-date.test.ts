import { describe, expect, test } from "@jest/globals";
import { bangkokDate, formatBangkokDateTime, formatDate } from "@smartcity/shared";

describe("dates as the committee writes them", () => {
  test("a calendar date in Thai (Buddhist Era) and English", () => {
    expect(formatDate("2018-09-27")).toEqual({ th: "27 กันยายน 2561", en: "27 September 2018" });
  });

  test("an instant in Bangkok time (UTC+7), which may be the next day", () => {
    expect(formatBangkokDateTime("2026-12-01T21:21:42.000Z")).toEqual({
      th: "2 ธันวาคม 2569 เวลา 04:21 น.",
      en: "2 December 2026, 04:21 (Bangkok time)",
    });
    expect(bangkokDate("2026-12-31T17:00:00Z")).toBe("2027-01-01");
    expect(bangkokDate("2026-12-31T16:59:59Z")).toBe("2026-12-31");
  });
});

import { describe, expect, test } from "@jest/globals";
import {
  BASELINE_RULESET,
  describeRuleChanges,
  diffRules,
  formatDate,
  type Rules,
} from "@smartcity/shared";

/** A rules diff in words, both languages; and dates written for people (Buddhist Era in Thai). */
const before: Rules = BASELINE_RULESET.rules;

function changed(edit: (rules: Rules) => void): Rules {
  const after = structuredClone(before);
  edit(after);
  return after;
}

const words = (after: Rules) => describeRuleChanges(diffRules(before, after), before, after);

describe("describeRuleChanges", () => {
  test("the bars and the count of dimensions", () => {
    const after = changed((rules) => {
      rules.overallMinPercent = 75;
      rules.dimensionMinPercent = 65.5;
      rules.minDimensions = 3;
    });
    expect(words(after)).toEqual(
      expect.arrayContaining([
        { en: "Overall bar: 80% → 75%", th: "เกณฑ์ภาพรวม: 80% → 75%" },
        { en: "Bar for each dimension: 70% → 65.5%", th: "เกณฑ์ขั้นต่ำของแต่ละด้าน: 70% → 65.5%" },
        { en: "Dimensions required: 2 → 3", th: "จำนวนด้านขั้นต่ำ: 2 → 3" },
      ])
    );
    expect(words(after)).toHaveLength(3);
  });

  test("a dimension's weight, own bar and mandatory flag, named in each language", () => {
    const after = changed((rules) => {
      const energy = rules.dimensions.find((dimension) => dimension.id === "energy")!;
      energy.weight = 2;
      energy.minPercent = 75;
      energy.mandatory = true;
    });
    // In the order diffRules finds them (the fields' order in the ruleset).
    expect(words(after)).toEqual([
      { en: "Smart Energy, weight: 1 → 2", th: "พลังงานอัจฉริยะ น้ำหนัก: 1 → 2" },
      { en: "Smart Energy: now mandatory", th: "พลังงานอัจฉริยะ: เป็นด้านบังคับ" },
      { en: "Smart Energy, own bar: none → 75%", th: "พลังงานอัจฉริยะ เกณฑ์เฉพาะด้าน: ไม่มี → 75%" },
    ]);
  });

  test("a dimension removed keeps its name from the version before; one added takes it from after", () => {
    const removed = changed((rules) => {
      rules.dimensions = rules.dimensions.filter((dimension) => dimension.id !== "energy");
    });
    expect(words(removed)).toEqual([
      { en: "Dimension removed: Smart Energy", th: "ยกเลิกด้าน: พลังงานอัจฉริยะ" },
    ]);
    const added = changed((rules) => {
      rules.dimensions.push({
        ...rules.dimensions[0],
        id: "culture",
        name: { en: "Smart Culture", th: "วัฒนธรรมอัจฉริยะ" },
      });
    });
    expect(words(added)).toEqual([
      { en: "Dimension added: Smart Culture", th: "เพิ่มด้าน: วัฒนธรรมอัจฉริยะ" },
    ]);
  });

  test("how the overall score and the consolidation are taken, in words", () => {
    const after = changed((rules) => {
      rules.overallScore.useSubcommitteeScore = !rules.overallScore.useSubcommitteeScore;
      rules.consolidation = { method: "median", disagreementSpread: 25 };
    });
    const lines = words(after);
    expect(lines.map((line) => line.en)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Overall score: .+ → .+$/),
        expect.stringMatching(/^Consolidation: .+ → median, flagged above a spread of 25$/),
      ])
    );
    // No JSON and no English words in the Thai.
    for (const line of lines) {
      expect(line.en).not.toMatch(/[{}"]/);
      expect(line.th).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe("formatDate", () => {
  test.each([
    ["2023-07-14", "th", "14 กรกฎาคม 2566"],
    ["2023-07-14", "en", "14 July 2023"],
    ["2018-09-27", "th", "27 กันยายน 2561"],
    ["2024-01-01T03:00:00.000Z", "th", "1 มกราคม 2567"],
    ["not a date", "th", "not a date"],
  ] as [string, "th" | "en", string][])("%s in %s → %s", (iso, language, written) => {
    expect(formatDate(iso, language)).toBe(written);
  });
});

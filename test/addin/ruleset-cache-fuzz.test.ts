import { expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import fc from "fast-check";
import { RulesetCache } from "../../addin/src/offline/ruleset-cache";
import { WebStorageStandIn } from "../helpers/web-storage";

/**
 * What the add-in finds in the browser's storage is hostile until read: another page of the same
 * origin, an extension or a half-written value may have put anything under its keys. Whatever is
 * there, reading a kept version or the version in force never throws, and gives either nothing or
 * a ruleset whose rules hash to its hash and whose version is the one asked for.
 */
const SCOPE = "one service";
const versionKey = (version: string) => `smartcity.offline.ruleset ${SCOPE} ${version}`;
const inForceKey = `smartcity.offline.in-force ${SCOPE}`;
const baselineText = JSON.stringify(BASELINE_RULESET);

/** The kept baseline, changed in one place: a value swapped for any JSON, or the text cut; or any text. */
const damaged = fc.oneof(
  fc.json(),
  // A sound version under another version's key: its hash holds, its number does not.
  fc.constant(JSON.stringify({ ...BASELINE_RULESET, version: "2" })),
  fc.string(),
  fc.nat({ max: baselineText.length }).map((cut) => baselineText.slice(0, cut)),
  fc
    .tuple(fc.constantFrom("version", "hash", "rules", "approval", "effectiveFrom"), fc.jsonValue())
    .map(([field, value]) => JSON.stringify({ ...BASELINE_RULESET, [field]: value })),
  fc
    .tuple(
      fc.constantFrom("overallMinPercent", "dimensionMinPercent", "minDimensions"),
      fc.double()
    )
    .map(([field, value]) =>
      JSON.stringify({ ...BASELINE_RULESET, rules: { ...BASELINE_RULESET.rules, [field]: value } })
    )
);

test("whatever is stored under its keys, reading gives nothing or a sound ruleset", async () => {
  await fc.assert(
    fc.asyncProperty(
      damaged,
      fc.oneof(fc.json(), fc.constant(JSON.stringify({ version: "1", confirmedAt: 1 }))),
      async (kept, inForce) => {
        const storage = new WebStorageStandIn();
        storage.setItem(versionKey("1"), kept);
        storage.setItem(inForceKey, inForce);
        const cache = new RulesetCache(
          () => storage,
          () => SCOPE
        );
        const read = await cache.get("1");
        const said = await cache.inForce();
        for (const ruleset of [read, said?.ruleset]) {
          if (ruleset === undefined) continue;
          expect(ruleset).toEqual(BASELINE_RULESET); // only the genuine version passes its hash
        }
        // A copy that failed is gone, so it is not read (and hashed) again and again.
        if (read === undefined) expect(storage.getItem(versionKey("1"))).toBeNull();
      }
    ),
    { numRuns: 300 }
  );
});

test("a 4 MB value under a version's key is refused without harm", async () => {
  const storage = new WebStorageStandIn();
  storage.setItem(versionKey("1"), `{"version":"1","note":"${"ก".repeat(4_000_000)}"}`);
  const cache = new RulesetCache(
    () => storage,
    () => SCOPE
  );
  expect(await cache.get("1")).toBeUndefined();
  expect(storage.getItem(versionKey("1"))).toBeNull();
});

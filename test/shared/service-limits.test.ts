import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@jest/globals";
import { openApiDocument, SERVICE_LIMITS } from "@smartcity/shared";

// The README's "Limits" table and the OpenAPI document's x-limits say the same (README:
// "GET /api/openapi.json lists the same limits"): every answer code of one is in the other.
const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
const table = readme.slice(readme.indexOf("#### Limits"), readme.indexOf("### Errors"));
const readmeAnswers = [...table.matchAll(/^\|[^|]+\|[^|]+\|\s*(file )?`([^`]+)`/gm)].map(
  (row) => `${row[1] ? "file " : ""}${row[2]}`
);

test("the README's limits and x-limits name the same answers", () => {
  const document = openApiDocument() as { "x-limits": typeof SERVICE_LIMITS };
  expect(document["x-limits"]).toEqual(SERVICE_LIMITS);
  const documented = new Set(SERVICE_LIMITS.map((limit) => limit.answer));
  expect(readmeAnswers.length).toBeGreaterThan(10);
  expect(new Set(readmeAnswers)).toEqual(documented);
});

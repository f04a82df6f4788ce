import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@jest/globals";
import { openApiDocument, SERVICE_LIMITS } from "@smartcity/shared";

// The limits tables of the docs (docs/api.md: a request's limits; docs/consolidation.md: each
// workbook's) and the OpenAPI document's x-limits say the same (the docs: "GET
// /api/openapi.json lists both"): every answer code of one is in the other.
const LIMITS_PAGES = ["api.md", "consolidation.md"];
const documentedAnswers = LIMITS_PAGES.flatMap((page) => {
  const text = readFileSync(join(__dirname, "..", "..", "docs", page), "utf8");
  // The section under a heading that names limits, up to the next heading.
  const section = /^#+ .*\blimits\b.*$([\s\S]*?)(?=^#|(?![\s\S]))/im.exec(text)?.[1] ?? "";
  return [...section.matchAll(/^\|[^|]+\|[^|]+\|\s*(file )?`([^`]+)`/gm)].map(
    (row) => `${row[1] ? "file " : ""}${row[2]}`
  );
});

test("the docs' limits tables and x-limits name the same answers", () => {
  const document = openApiDocument() as { "x-limits": typeof SERVICE_LIMITS };
  expect(document["x-limits"]).toEqual(SERVICE_LIMITS);
  const documented = new Set(SERVICE_LIMITS.map((limit) => limit.answer));
  expect(documentedAnswers.length).toBeGreaterThan(10);
  expect(new Set(documentedAnswers)).toEqual(documented);
});

import { expect, test } from "@jest/globals";
import { normaliseServiceUrl } from "../../addin/src/service-url";

const DEFAULT = "http://127.0.0.1:7071";

test.each([
  ["127.0.0.1:37461", "http://127.0.0.1:37461"],
  ["localhost:7071/", "http://localhost:7071"],
  ["[::1]:7071", "http://[::1]:7071"],
  ["  http://127.0.0.1:7071//  ", "http://127.0.0.1:7071"],
  ["scoring.example.go.th", "https://scoring.example.go.th"],
  ["scoring.example.go.th/api-root", "https://scoring.example.go.th/api-root"],
  ["https://scoring.example.go.th/", "https://scoring.example.go.th"],
  ["", DEFAULT],
  ["   ", DEFAULT],
])("a service URL typed as %j is used as %j", (typed, used) => {
  expect(normaliseServiceUrl(typed, DEFAULT)).toBe(used);
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@jest/globals";

// The webpack config's own module (CommonJS, as the config is).
const { DEV_URL, productionManifest } = require("../../addin/production-manifest") as {
  DEV_URL: string;
  productionManifest: (xml: string, addinUrl: string) => string;
};

const manifest = readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");

test("every dev URL becomes the add-in's, and no localhost remains", () => {
  const devUrls = manifest.split(DEV_URL).length - 1;
  expect(devUrls).toBeGreaterThan(5);
  const production = productionManifest(manifest, "https://addin.example.org");
  expect(production).not.toMatch(/localhost/);
  expect(production.split("https://addin.example.org/").length - 1).toBe(devUrls);
  const urls = production.match(/https?:\/\/[^\s"<]+/g) ?? [];
  const ours = urls.filter((url) => !/schemas\.microsoft\.com|www\.w3\.org/.test(url));
  expect(ours.every((url) => url.startsWith("https://"))).toBe(true);
  expect(production).toContain("<AppDomain>https://login.microsoftonline.com</AppDomain>");
});

test("an http add-in URL, or a manifest that would keep naming this machine, is refused", () => {
  expect(() => productionManifest(manifest, "http://addin.example.org/")).toThrow(
    "the add-in's URL must be https, not http://addin.example.org/"
  );
  const withOtherPort = manifest.replace(
    "</DisplayName>",
    "<!-- https://localhost:3001/ --></DisplayName>"
  );
  expect(() => productionManifest(withOtherPort, "https://addin.example.org/")).toThrow(
    "the production manifest still names localhost"
  );
  const withHttp = manifest.replace(
    'https://localhost:3000/taskpane.html" />\n  <!--',
    'http://help.example.org/" />\n  <!--'
  );
  expect(() => productionManifest(withHttp, "https://addin.example.org/")).toThrow(
    "the production manifest has URLs that are not https: http://help.example.org/"
  );
});

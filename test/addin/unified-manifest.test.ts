import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLParser } from "fast-xml-parser";
import { readPng } from "../helpers/png-pixels";

/**
 * The unified manifest (manifest.json) as the build emits it into addin/dist and as it is kept
 * beside manifest.xml: valid against Microsoft's published schema (the copy that
 * @microsoft/app-manifest ships, read offline), and saying what manifest.xml and functions.json
 * say: the same id, version, URLs, namespace and functions.
 */
const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "addin/dist");

type Json = Record<string, any>;
const readJson = (file: string): Json => JSON.parse(readFileSync(file, "utf8"));

const { MANIFEST_VERSION, SCHEMA_URL, ICONS, unifiedManifest } =
  require("../../addin/unified-manifest") as {
    MANIFEST_VERSION: string;
    SCHEMA_URL: string;
    ICONS: { color: string; outline: string };
    unifiedManifest: (
      xml: string,
      functionsJson: Json
    ) => { manifest: Json; localizations: Record<string, Json> };
  };

const schemaDir = path.join(
  path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
  `build/json-schemas/teams/v${MANIFEST_VERSION}`
);
// Draft-04 schemas. The manifest's patterns use \p{L} (unicode mode); the localization schema's
// patterns are not valid in unicode mode, and name ASCII keys only.
const manifestAjv = new Ajv({ allErrors: true, strict: false });
addFormats(manifestAjv);
const validateManifest = manifestAjv.compile(
  readJson(path.join(schemaDir, "MicrosoftTeams.schema.json"))
);
const localizationAjv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(localizationAjv);
const validateLocalization = localizationAjv.compile(
  readJson(path.join(schemaDir, "MicrosoftTeams.Localization.schema.json"))
);

/** The schema's complaints about a manifest, as "path message" lines ([] when it is valid). */
function schemaErrors(manifest: unknown): string[] {
  validateManifest(manifest);
  return (validateManifest.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function localizationErrors(strings: unknown): string[] {
  validateLocalization(strings);
  return (validateLocalization.errors ?? []).map(
    (e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`
  );
}

const functionsJson = readJson(path.join(DIST, "functions.json"));
const built = readJson(path.join(DIST, "manifest.json"));
const sourceXml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const builtXml = readFileSync(path.join(DIST, "manifest.xml"), "utf8");

/** The XML's values the JSON must repeat: id, version, and each resid's URL. */
function xmlFacts(xml: string) {
  const app = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml)
    .OfficeApp as Json;
  const resources = app.VersionOverrides.Resources as Json;
  const url = (id: string): string =>
    [resources["bt:Urls"]["bt:Url"], resources["bt:Images"]["bt:Image"]]
      .flat()
      .find((entry: Json) => entry["@id"] === id)["@DefaultValue"];
  return { id: app.Id as string, version: String(app.Version), url };
}

const runtimeOf = (manifest: Json): Json => manifest.extensions[0].runtimes[0];

describe("manifest.json, as built into addin/dist", () => {
  test(`targets the published schema v${MANIFEST_VERSION}, the first with custom functions`, () => {
    expect(built.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`
    );
    expect(built.$schema).toBe(SCHEMA_URL);
    expect(built.manifestVersion).toBe(MANIFEST_VERSION);
    const schema = readJson(path.join(schemaDir, "MicrosoftTeams.schema.json"));
    expect(Object.keys(schema.definitions)).toContain("extensionCustomFunctions");
  });

  test("is valid against Microsoft's schema, and so is each localization file", () => {
    expect(schemaErrors(built)).toEqual([]);
    const languages = built.localizationInfo.additionalLanguages as Json[];
    expect(languages.map((l) => l.languageTag)).toEqual(["th-th"]);
    for (const { file } of languages) {
      const strings = readJson(path.join(DIST, file));
      expect(localizationErrors(strings)).toEqual([]);
      expect(strings["name.short"]).toBe("ประเมินเมืองอัจฉริยะ");
    }
  });

  test("the schema check can fail: a missing required field, a wrong type, an overlong text", () => {
    const withoutIcons = structuredClone(built);
    delete withoutIcons.icons;
    expect(schemaErrors(withoutIcons)).toContain(" must have required property 'icons'");
    const numericVersion = { ...structuredClone(built), version: 120 };
    expect(schemaErrors(numericVersion)).toContain("/version must be string");
    const longParameter = structuredClone(built);
    runtimeOf(longParameter).customFunctions.functions[0].parameters[0].description = "x".repeat(
      129
    );
    expect(schemaErrors(longParameter)).toEqual([
      "/extensions/0/runtimes/0/customFunctions/functions/0/parameters/0/description must NOT have more than 128 characters",
    ]);
    const badNamespace = structuredClone(built);
    runtimeOf(badNamespace).customFunctions.namespace.id = "SMART CITY";
    expect(schemaErrors(badNamespace).join("\n")).toMatch(/namespace\/id must match pattern/);
  });

  test("has exactly functions.json's functions, ids and names, in the SMARTCITY namespace", () => {
    const custom = runtimeOf(built).customFunctions;
    expect(custom.namespace).toEqual({ id: "SMARTCITY", name: "SMARTCITY" });
    const pairs = (fns: Json[]) => fns.map((fn) => [fn.id, fn.name]);
    expect(pairs(custom.functions)).toEqual(pairs(functionsJson.functions));
    expect(custom.functions.map((fn: Json) => fn.parameters.map((p: Json) => p.name))).toEqual(
      functionsJson.functions.map((fn: Json) => fn.parameters.map((p: Json) => p.name))
    );
    // The options Excel acts on keep their meaning under the schema's names.
    const flags = (fn: Json) => ({
      stream: fn.stream ?? fn.options?.stream ?? false,
      addresses: fn.requiresParameterAddress ?? fn.options?.requiresParameterAddresses ?? false,
    });
    expect(custom.functions.map(flags)).toEqual(functionsJson.functions.map(flags));
  });

  test("has the XML's id and version (in semver: the XML's fourth part is 0)", () => {
    const xml = xmlFacts(builtXml);
    expect(built.id).toBe(xml.id);
    expect(xml.version).toMatch(/^\d+\.\d+\.\d+\.0$/);
    expect(built.version).toBe(xml.version.replace(/\.0$/, ""));
  });

  test("names the XML's pages and icons: the shared runtime's page, the script, the ribbon", () => {
    const xml = xmlFacts(builtXml);
    const runtime = runtimeOf(built);
    expect(runtime.code).toEqual({
      page: xml.url("Taskpane.Url"),
      script: xml.url("Functions.Script.Url"),
    });
    expect(runtime.lifetime).toBe("long");
    const button = built.extensions[0].ribbons[0].tabs[0].groups[0].controls[0];
    expect(button.icons).toEqual(
      [16, 32, 80].map((size) => ({ size, url: xml.url(`Icon.${size}x${size}`) }))
    );
    expect(runtime.actions.map((a: Json) => a.id)).toEqual([button.actionId]);
    expect(built.extensions[0].getStartedMessages[0].learnMoreUrl).toBe(
      xml.url("GetStarted.LearnMoreUrl")
    );
    expect(built.extensions[0].requirements.capabilities).toEqual([
      { name: "SharedRuntime", minVersion: "1.1" },
    ]);
    expect(built.authorization.permissions.resourceSpecific).toEqual([
      { name: "Document.ReadWrite.User", type: "Delegated" },
    ]);
  });

  test("every URL in it is one the built XML names: production URLs, no localhost", () => {
    const urls = JSON.stringify(built).match(/https?:\/\/[^"]+/g) ?? [];
    const ours = urls.filter((url) => !url.startsWith("https://developer.microsoft.com/"));
    expect(ours.length).toBeGreaterThan(10);
    expect(ours.filter((url) => !builtXml.includes(url))).toEqual([]);
    expect(JSON.stringify(built)).not.toContain("localhost");
    expect(runtimeOf(built).code.page).toBe(
      `${process.env.SMARTCITY_ADDIN_URL ?? "https://smartcity-addin.example.org/"}taskpane.html`
    );
  });

  test("its icon paths are files beside it", () => {
    for (const icon of Object.values(built.icons) as string[])
      expect(existsSync(path.join(DIST, icon))).toBe(true);
  });
});

describe("manifest.json beside manifest.xml", () => {
  test("is what the generator makes of manifest.xml and functions.json (npm run manifest:json)", () => {
    const { manifest, localizations } = unifiedManifest(sourceXml, functionsJson);
    expect(readJson(path.join(ROOT, "manifest.json"))).toEqual(manifest);
    for (const [file, strings] of Object.entries(localizations))
      expect(readJson(path.join(ROOT, file))).toEqual(strings);
  });

  test("is valid, names the dev server as manifest.xml does, and has its URLs", () => {
    const checkedIn = readJson(path.join(ROOT, "manifest.json"));
    expect(schemaErrors(checkedIn)).toEqual([]);
    const xml = xmlFacts(sourceXml);
    expect(runtimeOf(checkedIn).code.page).toBe(xml.url("Taskpane.Url"));
    expect(xml.url("Taskpane.Url")).toBe("https://localhost:3000/taskpane.html");
  });
});

describe("the unified manifest's icons", () => {
  const assets = path.join(ROOT, "addin/assets");
  const iconFile = (relative: string) => path.join(assets, path.basename(relative));

  test("color is a 192×192 PNG, outline a 32×32 PNG", () => {
    const color = readPng(readFileSync(iconFile(ICONS.color)));
    const outline = readPng(readFileSync(iconFile(ICONS.outline)));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  test("the outline icon is white on transparency only, and has a shape", () => {
    const { rgba } = readPng(readFileSync(iconFile(ICONS.outline)));
    expect(rgba).toBeDefined();
    const pixels = rgba as Uint8Array;
    let visible = 0;
    let transparent = 0;
    const colored: string[] = [];
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) visible++;
      else colored.push(`pixel ${i / 4}: ${r},${g},${b},${a}`);
    }
    expect(colored).toEqual([]);
    expect(visible).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });
});

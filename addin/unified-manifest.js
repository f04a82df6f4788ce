// The unified app manifest for Microsoft 365 (manifest.json), derived from manifest.xml and the
// build's functions.json so that the XML stays the one place where names, URLs, the id and the
// version are written. Shapes follow Microsoft's "Microsoft 365 app manifest schema reference"
// (extensions, extensionRuntimesArray, extensionCustomFunctions, extensionFunction object) and
// "Compare the XML manifest with the unified manifest for Microsoft 365" for the mapping of each
// XML element; "Office Add-ins with the unified app manifest for Microsoft 365" says which Office
// clients read it (docs/deploy.md).
const { XMLParser } = require("fast-xml-parser");

/** The first schema version with custom functions (extensionCustomFunctions). */
const MANIFEST_VERSION = "1.23";
const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/** The icons the schema asks for beside the ribbon's, relative to manifest.json (as in dist). */
const ICONS = { color: "assets/icon-color-192.png", outline: "assets/icon-outline-32.png" };
/** The icon's frame green: the XML has no accent color, the schema requires one. */
const ACCENT_COLOR = "#107C10";

/** XML <Permissions> to the unified manifest's resource-specific permission of the same reach. */
const PERMISSIONS = {
  Restricted: "Document.Restricted.User",
  ReadDocument: "Document.Read.User",
  ReadWriteDocument: "Document.ReadWrite.User",
};

/** XML host names to the unified manifest's scopes. */
const SCOPES = { Workbook: "workbook", Document: "document", Presentation: "presentation" };

/** The schema's limits on the strings that the XML and functions.json do not limit as tightly. */
const LIMITS = { developerName: 32, nameShort: 30, descriptionShort: 80, functionText: 128 };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["Override", "bt:Override", "bt:Image", "bt:Url", "bt:String"].includes(name),
});

function list(value) {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The XML's strings and URLs by resid, and a reader of any localizable value (a DefaultValue with
 * Override children) in one locale: the default, or the override for `locale` if there is one.
 */
function readXml(xml, locale) {
  const app = parser.parse(xml).OfficeApp;
  const resources = app.VersionOverrides.Resources;
  const byId = new Map();
  for (const group of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
    const entries = resources[group] ?? {};
    for (const entry of list(Object.values(entries)[0])) byId.set(entry["@id"], entry);
  }
  const text = (node) => {
    const override = [...list(node.Override), ...list(node["bt:Override"])].find(
      (candidate) => candidate["@Locale"] === locale
    );
    return override ? override["@Value"] : node["@DefaultValue"];
  };
  const res = (ref) => {
    const entry = byId.get(ref["@resid"]);
    if (!entry)
      throw new Error(`manifest.xml uses resid ${ref["@resid"]}, which it does not define`);
    return text(entry);
  };
  return { app, text, res };
}

/**
 * A text cut to the schema's limit: whole sentences while they fit, otherwise whole words (by
 * Intl.Segmenter, which also finds the word breaks in Thai, written without spaces) and an
 * ellipsis. The full text stays where Excel shows it in the XML manifest's add-in.
 */
function shorten(text, max, locale = "en") {
  if (text.length <= max) return text;
  const sentences = [...new Intl.Segmenter(locale, { granularity: "sentence" }).segment(text)];
  let kept = "";
  for (const { segment } of sentences) {
    if ((kept + segment).trimEnd().length > max) break;
    kept += segment;
  }
  if (kept.trim()) return kept.trimEnd();
  let cut = "";
  for (const { segment } of new Intl.Segmenter(locale, { granularity: "word" }).segment(text)) {
    if ((cut + segment).trimEnd().length > max - 1) break;
    cut += segment;
  }
  return `${cut.trimEnd().replace(/[,;:]$/, "")}…`;
}

/**
 * The version in semver (the schema's and the admin center's format): the XML's four-part
 * version without its fourth part, which must then be 0 so that two XML versions never share one.
 */
function semver(version) {
  const parts = String(version).split(".");
  if (parts.length === 4 && parts[3] === "0") return parts.slice(0, 3).join(".");
  if (parts.length === 3) return parts.join(".");
  throw new Error(
    `manifest.xml's <Version> ${version} has no semver form (its fourth part is not 0)`
  );
}

/** One function of functions.json in the extensionFunction shape (its options become flags). */
function customFunction(fn, locale) {
  const options = fn.options ?? {};
  return {
    id: fn.id,
    name: fn.name,
    ...(fn.description && { description: shorten(fn.description, LIMITS.functionText, locale) }),
    ...(fn.helpUrl && { helpUrl: fn.helpUrl }),
    parameters: (fn.parameters ?? []).map((parameter) => ({
      name: parameter.name,
      ...(parameter.description && {
        description: shorten(parameter.description, LIMITS.functionText, locale),
      }),
      ...(parameter.type && { type: parameter.type }),
      ...(parameter.dimensionality && { dimensionality: parameter.dimensionality }),
      ...(parameter.optional !== undefined && { optional: parameter.optional }),
      ...(parameter.repeating !== undefined && { repeating: parameter.repeating }),
    })),
    // The schema's result object has dimensionality only; functions.json's result type is a
    // hint for the XML manifest's loader that the unified manifest does not take.
    result: { dimensionality: fn.result?.dimensionality ?? "scalar" },
    ...(options.stream && { stream: true }),
    ...(options.volatile && { volatile: true }),
    ...(options.cancelable && { cancelable: true }),
    ...(options.requiresAddress && { requiresAddress: true }),
    // functions.json spells it requiresParameterAddresses; the extensionFunction object, singular.
    ...(options.requiresParameterAddresses && { requiresParameterAddress: true }),
  };
}

/** The manifest in one locale: the XML's default strings, or its overrides for `locale`. */
function manifestIn(xml, functionsJson, locale) {
  const { app, text, res } = readXml(xml, locale);
  const host = app.VersionOverrides.Hosts.Host;
  const extension = host.AllFormFactors.ExtensionPoint;
  if (extension["@xsi:type"] !== "CustomFunctions")
    throw new Error("manifest.xml declares no CustomFunctions extension point");
  const desktop = host.DesktopFormFactor;
  const getStarted = desktop.GetStarted;
  const tab = desktop.ExtensionPoint.OfficeTab;
  const group = tab.Group;
  const control = group.Control;
  const action = control.Action;
  if (action["@xsi:type"] !== "ShowTaskpane")
    throw new Error(`the ribbon button's action ${action["@xsi:type"]} has no mapping here`);
  const runtime = host.Runtimes.Runtime;
  const page = res(runtime);
  if (res(extension.Page.SourceLocation) !== page || res(action.SourceLocation) !== page)
    throw new Error("the functions, the pane and the runtime must share one page");
  const icons = (node) =>
    list(node.Icon["bt:Image"]).map((image) => ({
      size: Number(image["@size"]),
      url: res(image),
    }));
  const permission = PERMISSIONS[app.Permissions];
  if (!permission) throw new Error(`no unified manifest permission for ${app.Permissions}`);
  const scope = SCOPES[app.Hosts.Host["@Name"]];
  const supportUrl = app.SupportUrl["@DefaultValue"];
  const displayName = text(app.DisplayName);
  const description = text(app.Description);
  const capabilities = list(app.Requirements.Sets.Set).map((set) => ({
    name: set["@Name"],
    minVersion: set["@MinVersion"] ?? app.Requirements.Sets["@DefaultMinVersion"],
  }));
  const namespace = res(extension.Namespace);
  const lang = locale.split("-")[0];

  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: semver(app.Version),
    id: app.Id,
    localizationInfo: { defaultLanguageTag: app.DefaultLocale.toLowerCase() },
    developer: {
      name: app.ProviderName,
      // The XML has one page for support; it stands for the privacy and terms pages the
      // schema requires until the toolkit has its own (docs/deploy.md).
      websiteUrl: supportUrl,
      privacyUrl: supportUrl,
      termsOfUseUrl: supportUrl,
    },
    name: { short: displayName, full: displayName },
    description: {
      short: shorten(description, LIMITS.descriptionShort, lang),
      full: description,
    },
    icons: { ...ICONS },
    accentColor: ACCENT_COLOR,
    // The XML's AppDomains are origins; validDomains are host names.
    validDomains: list(app.AppDomains?.AppDomain).map((origin) => new URL(origin).host),
    authorization: {
      permissions: { resourceSpecific: [{ name: permission, type: "Delegated" }] },
    },
    extensions: [
      {
        requirements: { scopes: [scope], capabilities },
        runtimes: [
          {
            id: "SharedRuntime",
            type: "general",
            code: { page, script: res(extension.Script.SourceLocation) },
            lifetime: runtime["@lifetime"],
            actions: [{ id: action.TaskpaneId, type: "openPage" }],
            customFunctions: {
              namespace: { id: namespace, name: namespace },
              functions: functionsJson.functions.map((fn) => customFunction(fn, lang)),
              ...(functionsJson.allowCustomDataForDataTypeAny && {
                allowCustomDataForDataTypeAny: true,
              }),
            },
          },
        ],
        // The XML puts the ribbon and the welcome callout under DesktopFormFactor.
        ribbons: [
          {
            requirements: { formFactors: ["desktop"] },
            tabs: [
              {
                builtInTabId: tab["@id"],
                groups: [
                  {
                    id: group["@id"],
                    label: res(group.Label),
                    icons: icons(group),
                    controls: [
                      {
                        id: control["@id"],
                        type: "button",
                        label: res(control.Label),
                        icons: icons(control),
                        supertip: {
                          title: res(control.Supertip.Title),
                          description: res(control.Supertip.Description),
                        },
                        actionId: action.TaskpaneId,
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
        getStartedMessages: [
          {
            requirements: { formFactors: ["desktop"] },
            title: res(getStarted.Title),
            description: res(getStarted.Description),
            learnMoreUrl: res(getStarted.LearnMoreUrl),
          },
        ],
      },
    ],
  };
}

/** Every string leaf of a manifest by its localization key ("name.short", "extensions[0]…"). */
function strings(node, key = "", found = new Map()) {
  if (typeof node === "string") found.set(key, node);
  else if (Array.isArray(node)) node.forEach((item, i) => strings(item, `${key}[${i}]`, found));
  else if (node && typeof node === "object")
    for (const [name, value] of Object.entries(node))
      strings(value, key ? `${key}.${name}` : name, found);
  return found;
}

/** The locales the XML overrides any string for (th-TH), in the order first met. */
function overrideLocales(xml) {
  return [...new Set([...xml.matchAll(/<(?:bt:)?Override Locale="([^"]+)"/g)].map((m) => m[1]))];
}

/** The file name of a locale's strings, beside manifest.json. */
function localizationFile(locale) {
  return `manifest.${locale.toLowerCase()}.json`;
}

/**
 * manifest.json's content, and one localization file per locale the XML overrides strings for:
 * the strings that differ from the default, by the key the localization schema names them with
 * (the schema requires name and description even where they do not differ).
 */
function unifiedManifest(xml, functionsJson) {
  const defaultLocale = readXml(xml, "").app.DefaultLocale;
  const manifest = manifestIn(xml, functionsJson, defaultLocale);
  const defaults = strings(manifest);
  const localizations = {};
  const additionalLanguages = [];
  for (const locale of overrideLocales(xml)) {
    const localized = {};
    for (const [key, value] of strings(manifestIn(xml, functionsJson, locale)))
      if (value !== defaults.get(key) || /^(name|description)\.(short|full)$/.test(key))
        localized[key] = value;
    const file = localizationFile(locale);
    localizations[file] = { $schema: LOCALIZATION_SCHEMA_URL, ...localized };
    additionalLanguages.push({ languageTag: locale.toLowerCase(), file });
  }
  if (additionalLanguages.length > 0)
    manifest.localizationInfo.additionalLanguages = additionalLanguages;
  return { manifest, localizations };
}

module.exports = { MANIFEST_VERSION, SCHEMA_URL, ICONS, shorten, semver, unifiedManifest };

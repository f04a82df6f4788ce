// The manifest for where the add-in is served: every dev URL (https://localhost:3000/) becomes
// `addinUrl`, all of them (Microsoft's shared-runtime template replaces only the first), and a
// manifest that still names this machine, or any http URL, is refused rather than shipped.
const DEV_URL = "https://localhost:3000/";
const SCHEMA_HOSTS = ["http://schemas.microsoft.com/", "http://www.w3.org/"];

function productionManifest(xml, addinUrl) {
  const base = addinUrl.endsWith("/") ? addinUrl : `${addinUrl}/`;
  if (!base.startsWith("https://"))
    throw new Error(`the add-in's URL must be https, not ${addinUrl}`);
  const manifest = xml.replaceAll(DEV_URL, base);
  if (/localhost|127\.0\.0\.1/.test(manifest))
    throw new Error("the production manifest still names localhost");
  const insecure = (manifest.match(/http:\/\/[^\s"<]+/g) ?? []).filter(
    (url) => !SCHEMA_HOSTS.some((schema) => url.startsWith(schema))
  );
  if (insecure.length > 0)
    throw new Error(`the production manifest has URLs that are not https: ${insecure.join(", ")}`);
  return manifest;
}

module.exports = { DEV_URL, productionManifest };

// Emits manifest.json (and its localization files) beside the built manifest.xml, from that
// manifest.xml as copied (so its URLs are the ones the XML got: the dev server's, or the
// production URL after production-manifest.js's checks) and the functions.json of this build.
const { Compilation, sources } = require("webpack");
const { unifiedManifest } = require("./unified-manifest");

const NAME = "UnifiedManifestPlugin";

class UnifiedManifestPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      // After CopyWebpackPlugin (ADDITIONAL) and the metadata plugin have added their assets.
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        () => {
          const xml = compilation.getAsset("manifest.xml");
          const functions = compilation.getAsset("functions.json");
          if (!xml || !functions) {
            compilation.errors.push(
              new Error(`${NAME}: the build has no manifest.xml or functions.json to derive from`)
            );
            return;
          }
          const { manifest, localizations } = unifiedManifest(
            xml.source.source().toString(),
            JSON.parse(functions.source.source().toString())
          );
          const files = { "manifest.json": manifest, ...localizations };
          for (const [file, content] of Object.entries(files))
            compilation.emitAsset(
              file,
              new sources.RawSource(`${JSON.stringify(content, null, 2)}\n`)
            );
        }
      );
    });
  }
}

module.exports = { UnifiedManifestPlugin };

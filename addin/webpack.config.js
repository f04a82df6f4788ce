// Built like Microsoft's Excel-Custom-Functions-Shared template: one task pane page that
// loads the functions chunk (shared runtime), functions.json from the JSDoc, and the manifest
// copied with the production URL substituted, and the unified manifest (manifest.json) derived
// from that copy and functions.json.
const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_URL: urlDev, productionManifest } = require("./production-manifest");
const { UnifiedManifestPlugin } = require("./unified-manifest-plugin");

/** The dev server's port: ADDIN_PORT, as `npm start` sets it (default 3000). */
const addinPort = Number(process.env.ADDIN_PORT ?? 3000);
const urlDevServed = `https://localhost:${addinPort}/`;
/** Where the production bundle is hosted; the manifest's URLs are rewritten to it. */
const urlProd = process.env.SMARTCITY_ADDIN_URL ?? "https://smartcity-addin.example.org/";
/** The scoring service the add-in calls unless the pane is told otherwise: the API on PORT. */
const serviceUrl =
  process.env.SMARTCITY_SERVICE_URL || `http://127.0.0.1:${process.env.PORT || 7071}`;

const FUNCTIONS_INPUT = "./src/functions/functions.ts";

/**
 * { id: [parameter names] } of the functions.json being emitted, or null if it failed. Read from
 * the plugin's `generateResults`, which its own loader uses but its docs do not promise: the
 * plugin's version is pinned exactly in package.json for that, and a missing result gives null,
 * which the pane's health check reports as "not known" rather than failing the build.
 */
function builtFunctions() {
  const result = CustomFunctionsMetadataPlugin.generateResults[FUNCTIONS_INPUT];
  if (!result) return null;
  const { functions } = JSON.parse(result.metadataJson);
  return Object.fromEntries(
    functions.map((entry) => [entry.id, (entry.parameters ?? []).map((p) => p.name)])
  );
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  return {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      functions: "./src/functions/functions.ts",
      "auth-dialog": "./src/auth/auth-dialog.ts",
    },
    // SMARTCITY_ADDIN_OUT: `npm run package` builds the production add-in into dist/addin.
    output: {
      path: path.resolve(process.env.SMARTCITY_ADDIN_OUT || path.join(__dirname, "dist")),
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        // The pane's styles live in taskpane.css and are inlined into taskpane.html where the
        // template asks for them, so the page loads as one document (its font URLs stay relative
        // to the page) and the dev server still rebuilds when the styles change.
        { resourceQuery: /inline/, type: "asset/source" },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { configFile: "tsconfig.json", transpileOnly: true },
          },
        },
      ],
    },
    // One webpack runtime and shared chunks: the pane and the functions load in one page (the
    // shared runtime) and must share module instances (runtime.ts) rather than each have a copy.
    optimization: { runtimeChunk: "single", splitChunks: { chunks: "all" } },
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin({
        SMARTCITY_SERVICE_URL: JSON.stringify(serviceUrl),
        // The functions.json this bundle is built with, as each id's parameter names, for the
        // pane's health check (taskpane/evaluator/functions-health.ts) to compare with the one
        // the site serves. Read from the metadata plugin's own result (set before any module is
        // parsed), so it is the emitted file's, rebuilt with it in watch mode.
        SMARTCITY_BUILT_FUNCTIONS: webpack.DefinePlugin.runtimeValue(
          () => JSON.stringify(builtFunctions()),
          true
        ),
      }),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_INPUT }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "taskpane", "functions"],
      }),
      new HtmlWebpackPlugin({
        filename: "auth-dialog.html",
        template: "./src/taskpane/auth-dialog.html",
        chunks: ["runtime", "auth-dialog"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          // A Thai face the pane can always use (taskpane.html's @font-face): Office on Windows
          // and macOS have Leelawadee UI and Thonburi, Excel on the web on other systems may
          // have none. The Thai subset only, regular and semibold (the weights the pane uses).
          ...["400", "600"].map((weight) => ({
            from: require.resolve(
              `@fontsource/noto-sans-thai/files/noto-sans-thai-thai-${weight}-normal.woff2`
            ),
            to: "assets/fonts/[name][ext]",
          })),
          {
            from: path.join(
              path.dirname(require.resolve("@fontsource/noto-sans-thai/package.json")),
              "LICENSE"
            ),
            to: "assets/fonts/noto-sans-thai-LICENSE.txt",
          },
          {
            from: "../manifest.xml",
            to: "manifest.xml",
            // The manifest names https://localhost:3000; served by the dev server on another
            // port it names that one, so that a sideloaded copy loads the pane that is running.
            transform: (content) =>
              dev
                ? content.toString().replaceAll(urlDev, urlDevServed)
                : productionManifest(content.toString(), urlProd),
          },
        ],
      }),
      new UnifiedManifestPlugin(),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env.WEBPACK_BUILD ? undefined : await httpsOptions() },
      port: addinPort,
      host: "localhost",
      hot: false,
      client: false,
    },
  };
};

/**
 * office-addin-dev-certs' certificate for https://localhost. Where its CA cannot be trusted (no
 * sudo, as on CI machines) the certificate it generated is used anyway: Excel and browsers will
 * then ask to trust it, and headless test browsers are told to ignore the error. A certificate
 * already generated and still valid for a day is reused as it is: asking the package again
 * would make a new CA on every start where it cannot install one, and a user who trusted the
 * last one would be asked again.
 */
async function httpsOptions() {
  const fs = require("node:fs");
  const { X509Certificate } = require("node:crypto");
  const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
  const files = ["ca.crt", "localhost.key", "localhost.crt"].map((name) => path.join(dir, name));
  try {
    const [ca, key, cert] = files.map((file) => fs.readFileSync(file));
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    if (validTo - Date.now() > 24 * 60 * 60 * 1000) return { ca, key, cert };
  } catch {
    // None yet, or unreadable: let the package make them.
  }
  const devCerts = require("office-addin-dev-certs");
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { ca, key, cert };
  } catch (error) {
    const reason = String(error.message ?? error)
      .replace(/\s+/g, " ")
      .trim();
    console.warn(
      `office-addin-dev-certs could not trust its CA (${reason}); serving its certificate untrusted.`
    );
    const [ca, key, cert] = files.map((file) => fs.readFileSync(file));
    return { ca, key, cert };
  }
}

// The arrows between the parts (docs/architecture.md), checked by test/architecture/import-rules.test.ts
// over the TypeScript sources, type-only imports included.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-import-cycles",
      comment:
        "A cycle means two modules are one idea split badly, or a lower layer reaches up. Move the shared part below both.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-is-pure",
      comment:
        "shared/ is the domain: no I/O, no Office, no Azure, nothing from the app or the add-in. Its only runtime dependency is zod.",
      severity: "error",
      from: { path: "^shared/src/" },
      to: {
        pathNot: ["^shared/src/", "^node_modules/zod/"],
      },
    },
    {
      name: "office-layer-below-functions-and-pane",
      comment:
        "addin/src/office is the one typed layer over Office.js; the custom functions and the pane sit above it.",
      severity: "error",
      from: { path: "^addin/src/office/" },
      to: { path: ["^addin/src/functions/", "^addin/src/taskpane/"] },
    },
    {
      name: "custom-functions-without-pane",
      comment: "The custom functions run without the pane (Excel may start them alone).",
      severity: "error",
      from: { path: "^addin/src/functions/" },
      to: { path: "^addin/src/taskpane/" },
    },
    {
      name: "app-and-addin-apart",
      comment: "The service and the add-in meet only in shared/ and over HTTP.",
      severity: "error",
      from: { path: "^(functions|addin)/src/" },
      to: { path: "^(functions|addin)/src/", pathNot: "^$1/src/" },
    },
    {
      name: "shared-through-its-index",
      comment:
        "The app and the add-in use shared/ only through its public surface, @smartcity/shared.",
      severity: "error",
      from: { path: "^(functions|addin)/src/" },
      to: { path: "^shared/src/", pathNot: "^shared/src/index\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },

    tsPreCompilationDeps: true,
    tsConfig: { fileName: "test/architecture/tsconfig.imports.json" },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};

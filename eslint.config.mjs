// One lint setup for the whole repository: Office's add-in config (office-addin-lint's
// eslint-plugin-office-addins "recommended": eslint's recommended rules, the TypeScript
// parser, the Office API rules and prettier), plus the TypeScript rules this codebase keeps to,
// taken from the @typescript-eslint plugin that the Office config registers.
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["**/dist/**", "**/node_modules/**", "coverage/**", ".local/**"] },
  {
    files: ["addin/src/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    // window.name, window.event… are globals in a page, so a missing local of that name still compiles.
    rules: { "no-restricted-globals": ["error", "name", "event", "length", "status", "origin"] },
  },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.{ts,js,mjs,cjs}"],
    // The Office config names its parser as a default import, which this parser version lacks; set it here.
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-require-imports": "error",
      "no-undef": "off", // TypeScript checks names; eslint's rule does not know TS types
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      // A test may need a module loaded after it has installed a global (the CustomFunctions stand-in).
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // The Office API rules recognise Office.js by method names (getCell, getRow…) that exceljs
    // shares; outside the add-in there is no Office.js, only exceljs workbooks in memory.
    files: ["functions/**/*.ts", "bench/**/*.ts", "test/{functions,integration,shared}/**/*.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
];

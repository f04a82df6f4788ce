/** @type {import('jest').Config} */
const base = {
  testEnvironment: "node",
  transform: {
    // Type-checking is `tsc -b`'s job (npm test runs it first); jest only transpiles.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
  },
  moduleNameMapper: { "^@smartcity/shared$": "<rootDir>/shared/src/index.ts" },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...base, displayName: "local host", roots: ["<rootDir>/test"], testMatch: ["**/*.test.ts"] },
    // The integration suites again, with the same assertions, against the deployable package
    // (npm run package) unpacked into an empty folder and run by the Functions host-and-worker
    // stand-in with the real @azure/functions library (bench/src/harness/functions-host.ts).
    {
      ...base,
      displayName: "Functions worker",
      roots: ["<rootDir>/test/integration"],
      testMatch: ["**/*.test.ts"],
      globalSetup: "<rootDir>/test/helpers/unpack-function-app.ts",
      setupFiles: ["<rootDir>/test/helpers/use-functions-worker.ts"],
    },
  ],
  testTimeout: 60_000,
  // Integration suites each start their own Azurite and API on free ports; two at a time suit 2 cores.
  maxWorkers: 2,
};

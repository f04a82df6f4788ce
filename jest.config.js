/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type-checking is `tsc -b`'s job (npm test runs it first); jest only transpiles.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
  },
  moduleNameMapper: { "^@smartcity/shared$": "<rootDir>/shared/src/index.ts" },
  testTimeout: 60_000,
  // Integration suites each start their own Azurite and API on free ports; two at a time suit 2 cores.
  maxWorkers: 2,
};

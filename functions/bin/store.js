// `npm run store -- export <file>` / `npm run store -- import <file>`: runs the built CLI
// (functions/dist/cli/store.js), building it first only when a source is newer (run-built.js).
require("./run-built").runBuiltCli("store");

// `npm run --silent dev-token -- <role>`: runs the built CLI (functions/dist/cli/dev-token.js),
// building it first only when a source is newer (run-built.js). stdout is the token alone.
require("./run-built").runBuiltCli("dev-token");

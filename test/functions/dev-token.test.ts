import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "@jest/globals";
import { createLocalJWKSet, jwtVerify } from "jose";
import { loadOrCreateDevKey } from "../../functions/src/auth/dev-keys";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../functions/src/config";
import { tempDir } from "../helpers/temp";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const temp = tempDir("dev-token");
const keyFile = path.join(temp.dir, "key.json");
afterAll(() => temp.remove());

test("`npm run --silent dev-token -- Admin` prints a verifiable token and nothing else", async () => {
  const { stdout, stderr } = await run("npm", ["run", "--silent", "dev-token", "--", "Admin"], {
    cwd: ROOT,
    env: { ...process.env, SMARTCITY_DEV_KEY_FILE: keyFile },
  });
  expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  expect(stderr.split("\n").filter((line) => line !== "" && !line.includes("npm warn"))).toEqual(
    []
  );
  const keys = createLocalJWKSet({ keys: [(await loadOrCreateDevKey(keyFile)).publicJwk] });
  const { payload } = await jwtVerify(stdout.trim(), keys, {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
  });
  expect(payload.roles).toEqual(["Admin"]);
});

test("an unknown role is refused with the list of roles, and no token", async () => {
  const cli = path.join(ROOT, "functions/dist/cli/dev-token.js");
  await expect(
    run(process.execPath, [cli, "Mayor"], {
      env: { ...process.env, SMARTCITY_DEV_KEY_FILE: keyFile },
    })
  ).rejects.toMatchObject({
    code: 2,
    stdout: "",
    stderr: expect.stringContaining('"Mayor" is not a role; use Evaluator, Secretary, Admin'),
  });
});

test("it refuses to run when the environment is configured for production", async () => {
  const cli = path.join(ROOT, "functions/dist/cli/dev-token.js");
  await expect(
    run(process.execPath, [cli, "Admin"], {
      env: { ...process.env, SMARTCITY_DEV_KEY_FILE: keyFile, SMARTCITY_ENVIRONMENT: "production" },
    })
  ).rejects.toMatchObject({
    code: 2,
    stdout: "",
    stderr: expect.stringContaining("refuses to run"),
  });
});

test("`dev-token -- Admin --user somchai` names a distinct person (sub and name)", async () => {
  const cli = path.join(ROOT, "functions/dist/cli/dev-token.js");
  const env = { ...process.env, SMARTCITY_DEV_KEY_FILE: keyFile };
  const keys = createLocalJWKSet({ keys: [(await loadOrCreateDevKey(keyFile)).publicJwk] });
  const claims = async (...args: string[]) =>
    (await jwtVerify((await run(process.execPath, [cli, ...args], { env })).stdout.trim(), keys))
      .payload;
  const somchai = await claims("Admin", "--user", "somchai");
  const suda = await claims("--user", "suda", "Admin");
  expect(somchai).toMatchObject({ sub: "dev-user-somchai", name: "somchai", roles: ["Admin"] });
  expect(suda).toMatchObject({ sub: "dev-user-suda", name: "suda", roles: ["Admin"] });
  await expect(run(process.execPath, [cli, "Admin", "--user"], { env })).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining("--user needs a name"),
  });
});

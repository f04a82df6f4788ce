import { ROLES, type Role } from "@smartcity/shared";
import { signDevToken } from "../auth/dev-keys";
import { productionSignal } from "../config";
import { DEFAULT_DEV_KEY_FILE } from "../local/paths";

/**
 * `npm run --silent dev-token -- <role> [role…] [--user <name>]` prints a bearer token for
 * the local service in dev mode, and nothing else, so that it can be captured:
 *   TOKEN=$(npm run --silent dev-token -- Evaluator)
 *   SUDA=$(npm run --silent dev-token -- Admin --user suda)   (a distinct person: sub dev-user-suda)
 */
async function main(args: string[]): Promise<number> {
  const production = productionSignal(process.env);
  if (production !== undefined) {
    console.error(
      `dev-token refuses to run: the environment is configured for production (${production}).`
    );
    return 2;
  }
  const usage = `usage: npm run --silent dev-token -- <role> [role…] [--user <name>]   (roles: ${ROLES.join(", ")})`;
  let user: string | undefined;
  const userAt = args.indexOf("--user");
  if (userAt >= 0) {
    user = args[userAt + 1]?.trim();
    if (!user || user.startsWith("--")) {
      console.error(`--user needs a name, e.g. --user somchai\n${usage}`);
      return 2;
    }
    args = [...args.slice(0, userAt), ...args.slice(userAt + 2)];
  }
  if (args.length === 0) {
    console.error(usage);
    return 2;
  }
  const roles: Role[] = [];
  for (const arg of args) {
    const role = ROLES.find((candidate) => candidate.toLowerCase() === arg.toLowerCase());
    if (role === undefined) {
      console.error(`"${arg}" is not a role; use ${ROLES.join(", ")}`);
      return 2;
    }
    roles.push(role);
  }
  const token = await signDevToken(process.env.SMARTCITY_DEV_KEY_FILE ?? DEFAULT_DEV_KEY_FILE, {
    roles,
    name: user,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);

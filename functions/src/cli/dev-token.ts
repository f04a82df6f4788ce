import { ROLES, type Role } from "@smartcity/shared";
import { signDevToken } from "../auth/dev-keys";
import { productionSignal } from "../config";
import { DEFAULT_DEV_KEY_FILE } from "../local/paths";

/**
 * `npm run --silent dev-token -- <role> [role…]` prints a bearer token for the
 * local service in dev mode, and nothing else, so that it can be captured:
 *   TOKEN=$(npm run --silent dev-token -- Evaluator)
 */
async function main(args: string[]): Promise<number> {
  const production = productionSignal(process.env);
  if (production !== undefined) {
    console.error(
      `dev-token refuses to run: the environment is configured for production (${production}).`
    );
    return 2;
  }
  if (args.length === 0) {
    console.error(
      `usage: npm run --silent dev-token -- <role> [role…]   (roles: ${ROLES.join(", ")})`
    );
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

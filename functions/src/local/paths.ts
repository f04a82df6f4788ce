import path from "node:path";

/** The repository root, from this file's place in `functions/dist/local/`. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** Git-ignored folder for local state: the dev signing key and Azurite's data. */
export const LOCAL_STATE_DIR = path.join(REPO_ROOT, ".local");

export const DEFAULT_DEV_KEY_FILE = path.join(LOCAL_STATE_DIR, "dev-signing-key.json");

import path from "node:path";
import { type RunningAzurite, startAzurite } from "../../functions/src/local/azurite";
import { tempDir } from "./temp";

/**
 * A real Azurite (in memory, on a free port) and the settings that point a
 * service at it in dev mode, with a signing key of its own, publishing directly
 * (SMARTCITY_PUBLISH_APPROVALS=0). Stop it in afterAll.
 */
export interface TestStorage {
  azurite: RunningAzurite;
  keyFile: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestStorage(): Promise<TestStorage> {
  const azurite = await startAzurite();
  const temp = tempDir("keys");
  const keyFile = path.join(temp.dir, "dev-signing-key.json");
  return {
    azurite,
    keyFile,
    env: {
      SMARTCITY_AUTH_MODE: "dev",
      SMARTCITY_DEV_KEY_FILE: keyFile,
      SMARTCITY_STORAGE_CONNECTION_STRING: azurite.connectionString,
      SMARTCITY_CORS_ORIGINS: "https://localhost:3000",
      // Most suites publish directly (POST /api/rulesets); the four-eyes suites set 1 or more.
      SMARTCITY_PUBLISH_APPROVALS: "0",
      // The committee's time zone, as in production (explicit, so a test's "today" is clear).
      SMARTCITY_TIME_ZONE: "Asia/Bangkok",
    },
    async stop() {
      await azurite.stop();
      temp.remove();
    },
  };
}

import { describe, expect, test } from "@jest/globals";
import { HttpRequest, InvocationContext } from "@azure/functions";
import { createAuthenticator } from "../../functions/src/auth/authenticate";
import { health as health_ } from "../../functions/src/handlers/health";
import { withServices } from "../../functions/src/http/handler";
import { azuriteConnectionString } from "../../functions/src/local/azurite";
import { createServices } from "../../functions/src/services";
import { loadConfig } from "../../functions/src/config";
import { runApiExpectingExit } from "../helpers/api-process";

const storage = { SMARTCITY_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true" };

describe("configuration", () => {
  test("Entra ID mode derives issuer and keys from the tenant", () => {
    const config = loadConfig({
      ...storage,
      SMARTCITY_AUTH_TENANT_ID: "tid",
      SMARTCITY_AUTH_AUDIENCE: "api://smartcity",
    });
    expect(config.auth).toEqual({
      mode: "entra",
      issuer: "https://login.microsoftonline.com/tid/v2.0",
      audience: "api://smartcity",
      jwksUrl: "https://login.microsoftonline.com/tid/discovery/v2.0/keys",
    });
  });

  test("production without an audience is refused, naming the setting", () => {
    expect(() => loadConfig({ ...storage, SMARTCITY_AUTH_TENANT_ID: "tid" })).toThrow(
      "The setting SMARTCITY_AUTH_AUDIENCE is missing"
    );
  });

  test("no storage setting is refused, naming both accepted settings", () => {
    expect(() => loadConfig({ SMARTCITY_AUTH_MODE: "dev" })).toThrow(
      "The storage setting is missing: SMARTCITY_STORAGE_ACCOUNT_URL (storage by identity) or SMARTCITY_STORAGE_CONNECTION_STRING (by key, e.g. Azurite)"
    );
  });

  describe("storage by identity or by connection string", () => {
    const dev = { SMARTCITY_AUTH_MODE: "dev" };
    const url = "https://stsmartcity.table.core.windows.net";

    test("an account URL means identity, with the user-assigned identity's client id", () => {
      expect(
        loadConfig({ ...dev, SMARTCITY_STORAGE_ACCOUNT_URL: `${url}/`, AZURE_CLIENT_ID: "cid" })
          .storage
      ).toEqual({ kind: "identity", tableUrl: url, clientId: "cid", tableName: "rulesets" });
    });

    test("the host's own AzureWebJobsStorage__tableServiceUri and __clientId are used too", () => {
      expect(
        loadConfig({
          ...dev,
          AzureWebJobsStorage__tableServiceUri: url,
          AzureWebJobsStorage__clientId: "host-cid",
          AzureWebJobsStorage: "UseDevelopmentStorage=true",
        }).storage
      ).toEqual({ kind: "identity", tableUrl: url, clientId: "host-cid", tableName: "rulesets" });
    });

    test("a connection string is used as it is", () => {
      expect(loadConfig({ ...dev, ...storage }).storage).toEqual({
        kind: "connection-string",
        connectionString: "UseDevelopmentStorage=true",
        tableName: "rulesets",
      });
    });

    test.each([
      [
        { SMARTCITY_STORAGE_ACCOUNT_URL: url, ...storage },
        "Set SMARTCITY_STORAGE_ACCOUNT_URL (storage by identity) or SMARTCITY_STORAGE_CONNECTION_STRING (by key), not both",
      ],
      [
        { SMARTCITY_STORAGE_ACCOUNT_URL: "http://127.0.0.1:10002/devstoreaccount1" },
        'The setting SMARTCITY_STORAGE_ACCOUNT_URL must be an https URL, not "http://127.0.0.1:10002/devstoreaccount1"',
      ],
      [
        { SMARTCITY_STORAGE_ACCOUNT_URL: "stsmartcity" },
        'The setting SMARTCITY_STORAGE_ACCOUNT_URL must be a URL, not "stsmartcity"',
      ],
      [
        { AzureWebJobsStorage__tableServiceUri: "https://stsmartcity.blob.core.windows.net" },
        'The setting AzureWebJobsStorage__tableServiceUri must be the account\'s Table endpoint (https://<account>.table.core.windows.net), not "https://stsmartcity.blob.core.windows.net"',
      ],
    ])("%j is refused, saying why", (settings, message) => {
      expect(() => loadConfig({ ...dev, ...settings })).toThrow(message);
    });
  });

  test.each([
    ["SMARTCITY_ENVIRONMENT", "production"],
    ["AZURE_FUNCTIONS_ENVIRONMENT", "Production"],
    ["WEBSITE_INSTANCE_ID", "abc123"],
  ])("dev mode is refused when %s=%s says this is production", (name, value) => {
    expect(() => loadConfig({ ...storage, SMARTCITY_AUTH_MODE: "dev", [name]: value })).toThrow(
      /SMARTCITY_AUTH_MODE=dev is refused/
    );
  });

  test("an unknown auth mode is refused", () => {
    expect(() => loadConfig({ ...storage, SMARTCITY_AUTH_MODE: "none" })).toThrow(
      'SMARTCITY_AUTH_MODE must be "entra" or "dev", not "none"'
    );
  });

  test("the API process refuses to start in dev mode when configured for production", async () => {
    const { code, output } = await runApiExpectingExit({
      SMARTCITY_AUTH_MODE: "dev",
      AZURE_FUNCTIONS_ENVIRONMENT: "Production",
    });
    expect(code).toBe(1);
    expect(output).toContain("Configuration error: SMARTCITY_AUTH_MODE=dev is refused");
    expect(output).not.toContain("ready at");
  });
});

describe("Entra ID mode", () => {
  test("an unreachable key set is a 503 that says so, not a 401", async () => {
    const authenticate = createAuthenticator({
      mode: "entra",
      issuer: "https://login.microsoftonline.com/tid/v2.0",
      audience: "api://smartcity",
      jwksUrl: "http://127.0.0.1:9/keys", // port 9 (discard): nothing listens
    });
    const token = [{ alg: "RS256", kid: "k" }, { sub: "x" }].map((part) =>
      Buffer.from(JSON.stringify(part)).toString("base64url")
    );
    await expect(authenticate(`Bearer ${token.join(".")}.c2ln`)).rejects.toMatchObject({
      status: 503,
      code: "AUTH_UNAVAILABLE",
    });
  });
});

test("Entra ID mode tells the add-in how to sign users in, through health", async () => {
  const config = loadConfig({
    SMARTCITY_STORAGE_CONNECTION_STRING: azuriteConnectionString(9), // nothing listens: health is 503, still with signIn
    SMARTCITY_AUTH_TENANT_ID: "tid",
    SMARTCITY_AUTH_AUDIENCE: "api://smartcity",
    SMARTCITY_ADDIN_CLIENT_ID: "client-1",
  });
  const signIn = {
    clientId: "client-1",
    authority: "https://login.microsoftonline.com/tid",
    scope: "api://smartcity/access_as_user",
  };
  expect(config.auth).toMatchObject({ addin: signIn });
  const services = createServices(config);
  const health = await withServices(health_, () => services)(
    new HttpRequest({ method: "GET", url: "http://localhost/api/health" }),
    new InvocationContext({ logHandler: () => undefined })
  );
  expect(JSON.parse(health.body as string)).toMatchObject({ authMode: "entra", signIn });
});

describe("the committee's settings", () => {
  const dev = { ...storage, SMARTCITY_AUTH_MODE: "dev" };
  test("by default the time zone is Asia/Bangkok and one other admin must approve a publish", () => {
    expect(loadConfig(dev)).toMatchObject({ timeZone: "Asia/Bangkok", publishApprovals: 1 });
    expect(
      loadConfig({ ...dev, SMARTCITY_TIME_ZONE: "UTC", SMARTCITY_PUBLISH_APPROVALS: "0" })
    ).toMatchObject({ timeZone: "UTC", publishApprovals: 0 });
  });

  test.each([
    ["SMARTCITY_TIME_ZONE", "Mars/Olympus", "IANA time zone"],
    ["SMARTCITY_PUBLISH_APPROVALS", "-1", "whole number from 0 to 99"],
    ["SMARTCITY_PUBLISH_APPROVALS", "one", "whole number from 0 to 99"],
  ])("%s=%s is refused, naming the setting", (name, value, says) => {
    expect(() => loadConfig({ ...dev, [name]: value })).toThrow(says);
  });
});

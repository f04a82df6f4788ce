import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import { MAX_CONSOLIDATE_REQUEST_BYTES } from "@smartcity/shared";
import { appSettings, bicep, INFRA, objectAfter, params } from "../helpers/bicep-text";

/**
 * What text can show of infra/ and azure.yaml (no Bicep compiler runs here): every parameter is
 * used and every module is given what it declares, every setting the service reads in
 * production is set or deliberately left out, nothing Flex Consumption refuses is set, the role
 * ids are the built-in roles', and the plan stays within Flex's limits.
 */
const ROOT = path.resolve(__dirname, "../..");
const files = [
  "main.bicep",
  ...readdirSync(path.join(INFRA, "app")).map((file) => `app/${file}`),
].filter((file) => file.endsWith(".bicep"));

describe.each(files)("%s", (file) => {
  const text = bicep(file);

  test("every parameter declared is used", () => {
    const unused = params(text)
      .map((param) => param.name)
      .filter((name) => {
        // Uses of the name, not the declaration and not an object key spelt the same (`name:`).
        const uses = text.match(new RegExp(`(?<!param\\s+)\\b${name}\\b(?!\\s*:)`, "g")) ?? [];
        return uses.length === 0;
      });
    expect(unused).toEqual([]);
  });

  test("every module is given each parameter it needs, and only those", () => {
    for (const module of text.matchAll(/module\s+(\w+)\s+'([^']+)'\s*=\s*\{/g)) {
      const target = path.posix.join(path.posix.dirname(file), module[2]);
      const declared = params(bicep(target));
      const given = Object.keys(objectAfter(text.slice(module.index), "params:"));
      for (const name of given)
        expect({
          module: module[1],
          given: name,
          declared: declared.some((p) => p.name === name),
        }).toEqual({ module: module[1], given: name, declared: true });
      for (const param of declared.filter((p) => p.defaultValue === undefined))
        expect({ module: module[1], needs: param.name, given: given.includes(param.name) }).toEqual(
          {
            module: module[1],
            needs: param.name,
            given: true,
          }
        );
    }
  });

  test("no setting that Flex Consumption refuses or ignores", () => {
    for (const refused of [
      "FUNCTIONS_WORKER_RUNTIME",
      "FUNCTIONS_EXTENSION_VERSION",
      "WEBSITE_RUN_FROM_PACKAGE",
      "WEBSITE_CONTENTSHARE",
      "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
      "SCM_DO_BUILD_DURING_DEPLOYMENT",
      "WEBSITE_TIME_ZONE",
      "WEBSITE_NODE_DEFAULT_VERSION",
    ]) {
      expect({ file, refused, present: text.includes(refused) }).toEqual({
        file,
        refused,
        present: false,
      });
    }
    // No key anywhere: storage by identity, Application Insights by identity.
    expect(text).not.toMatch(/listKeys\(|AccountKey=|InstrumentationKey=/);
    expect(text).not.toMatch(/AzureWebJobsStorage\s*:/);
  });
});

describe("the service's settings", () => {
  const settings = appSettings();
  // Every name functions/src/config.ts reads from the environment.
  const config = readFileSync(path.join(ROOT, "functions/src/config.ts"), "utf8");
  // `env.NAME`, `env["NAME"]`, and a helper given `(env, "NAME"`.
  const read = new Set(
    [...config.matchAll(/\benv(?:\.(\w+)|\["(\w+)"\]|,\s*"(\w+)")/g)].map(
      (m) => m[1] ?? m[2] ?? m[3]
    )
  );

  // Read by the service but deliberately not set in Azure, each for its reason.
  const leftOut: Record<string, string> = {
    SMARTCITY_STORAGE_CONNECTION_STRING:
      "storage is reached by identity (SMARTCITY_STORAGE_ACCOUNT_URL)",
    AzureWebJobsStorage: "a connection string: the host uses AzureWebJobsStorage__* by identity",
    AzureWebJobsStorage__tableServiceUri: "SMARTCITY_STORAGE_ACCOUNT_URL names the table endpoint",
    SMARTCITY_DEV_KEY_FILE: "dev mode only, refused in production",
    SMARTCITY_AUTH_ISSUER: "derived from SMARTCITY_AUTH_TENANT_ID",
    SMARTCITY_AUTH_JWKS_URL: "derived from SMARTCITY_AUTH_TENANT_ID",
    SMARTCITY_ADDIN_AUTHORITY: "derived from SMARTCITY_AUTH_TENANT_ID",
    SMARTCITY_WORKBOOK_THREADS: "default: one per core of the instance",
    AZURE_FUNCTIONS_ENVIRONMENT: "set by the platform",
    WEBSITE_INSTANCE_ID: "set by the platform",
  };

  test("config.ts reads settings (the parse works)", () => {
    expect(read.has("SMARTCITY_AUTH_AUDIENCE")).toBe(true);
    expect(read.size).toBeGreaterThan(15);
  });

  test("every setting the service reads is set by the infrastructure, or left out for a reason", () => {
    const unaccounted = [...read].filter((name) => !(name in settings) && !(name in leftOut));
    expect(unaccounted).toEqual([]);
    const stale = Object.keys(leftOut).filter((name) => !read.has(name) || name in settings);
    expect(stale).toEqual([]);
  });

  test("production mode, Entra ID, storage by identity", () => {
    expect(settings.SMARTCITY_ENVIRONMENT).toBe("'production'");
    expect(settings.SMARTCITY_AUTH_MODE).toBe("'entra'");
    expect(settings.SMARTCITY_STORAGE_ACCOUNT_URL).toBe(
      "storage.properties.primaryEndpoints.table"
    );
    expect(settings.AZURE_CLIENT_ID).toBe("identityClientId");
    expect(settings.AzureWebJobsStorage__credential).toBe("'managedidentity'");
    expect(settings.SMARTCITY_CORS_ORIGINS).toBe("corsOrigin");
  });

  test("the host's body limit lets the service answer its own 413 to the largest upload", () => {
    const limit = Number(settings.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT.replace(/'/g, ""));
    expect(limit).toBeGreaterThan(MAX_CONSOLIDATE_REQUEST_BYTES);
  });
});

describe("Flex Consumption", () => {
  const main = bicep("main.bicep");
  const api = bicep("app/api.bicep");
  const mainParams = Object.fromEntries(params(main).map((param) => [param.name, param]));

  test("plan FC1, Node.js 22, a blob container deployment by the user-assigned identity", () => {
    expect(api).toMatch(/sku:\s*\{\s*name:\s*'FC1',\s*tier:\s*'FlexConsumption'\s*\}/);
    expect(api).toMatch(/runtime:\s*\{\s*name:\s*'node',\s*version:\s*'22'\s*\}/);
    expect(api).toMatch(/type:\s*'blobContainer'/);
    expect(api).toMatch(/type:\s*'UserAssignedIdentity'/);
    expect(api).not.toMatch(/cors\s*:/); // the service answers CORS itself
  });

  test("memory is one of 512/2048/4096 (2048), instances 40–1000 (100)", () => {
    expect(mainParams.instanceMemoryMB.decorators).toContain("@allowed([512, 2048, 4096])");
    expect(mainParams.instanceMemoryMB.defaultValue).toBe("2048");
    expect(mainParams.maximumInstanceCount.decorators).toEqual(
      expect.arrayContaining(["@minValue(40)", "@maxValue(1000)"])
    );
    expect(mainParams.maximumInstanceCount.defaultValue).toBe("100");
  });

  test("storage allows no shared key; Application Insights no local auth", () => {
    expect(bicep("app/storage.bicep")).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(bicep("app/monitoring.bicep")).toMatch(/DisableLocalAuth:\s*true/);
  });

  test("the three roles are the built-in roles' ids, each assigned to the identity", () => {
    const rbac = bicep("app/rbac.bicep");
    const ids = {
      storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
      monitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
    };
    for (const [name, id] of Object.entries(ids)) {
      expect(rbac).toContain(`var ${name} = '${id}'`);
      expect(rbac).toMatch(new RegExp(`roleDefinitions', ${name}\\)`));
    }
    expect(rbac.match(/Microsoft\.Authorization\/roleAssignments/g)).toHaveLength(3);
  });
});

describe("the tenant and the add-in", () => {
  const entra = bicep("app/entra.bicep");

  test("the API: v2 tokens, the access_as_user scope, the three app roles", () => {
    expect(entra).toMatch(/requestedAccessTokenVersion:\s*2/);
    expect(entra).toMatch(/value:\s*'access_as_user'/);
    for (const role of ["Evaluator", "Secretary", "Admin"])
      expect(entra).toContain(`value: '${role}'`);
  });

  test("the add-in: a SPA with the nested-auth and dialog redirect URIs, a page the build has", () => {
    expect(entra).toContain("'brk-multihub://${addinHost}'");
    expect(entra).toContain("'https://${addinHost}/auth-dialog.html'");
    expect(existsSync(path.join(ROOT, "addin/src/taskpane/auth-dialog.html"))).toBe(true);
  });

  test("azd deploys the function app as packaged, with its node_modules: no remote build", () => {
    const yaml = readFileSync(path.join(ROOT, "azure.yaml"), "utf8");
    const api = yaml.slice(yaml.indexOf("  api:"), yaml.indexOf("  addin:"));
    expect(api).toMatch(/^ {4}remoteBuild: false$/m);
    expect(api).toMatch(/^ {4}dist: dist\/functions-app$/m);
  });

  test("azure.yaml's services are the resources tagged with their names, and the outputs the package reads exist", () => {
    const yaml = readFileSync(path.join(ROOT, "azure.yaml"), "utf8");
    const services = [...yaml.matchAll(/^ {2}(\w+):\n {4}project:/gm)].map((m) => m[1]);
    expect(services).toEqual(["api", "addin"]);
    const all = files.map(bicep).join("\n");
    for (const service of services) expect(all).toContain(`'azd-service-name': '${service}'`);
    const main = bicep("main.bicep");
    for (const output of ["ADDIN_URL", "SERVICE_URL"])
      expect(main).toMatch(new RegExp(`output ${output} string`));
  });
});

import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { Readable } from "node:stream";
import { type LocalHost, startLocalHost } from "../../functions/src/local/host";
import type { Route } from "../../functions/src/routes";
import type { Services } from "../../functions/src/services";

/**
 * A streamed answer that fails after its first byte: the status (200) is already sent, so the
 * local host must close the connection mid-body, so that the client sees an error, never a
 * truncated body that ends like a complete one.
 */
const failsMidway: Route = {
  name: "fails",
  method: "GET",
  route: "fails",
  handler: async () => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: Readable.from(
      (function* () {
        yield '{"results":[';
        throw new Error("a bug after the first byte");
      })()
    ),
  }),
};

const services = { config: { corsOrigins: [] } } as unknown as Services;
let host: LocalHost;
const logged: string[] = [];
beforeAll(async () => {
  host = await startLocalHost({
    routes: [failsMidway],
    services,
    port: 0,
    log: (_, message) => logged.push(message),
  });
});
afterAll(() => host.close());

test("a failure after the first byte closes the connection: reading the body fails", async () => {
  const response = await fetch(`${host.url}/api/fails`);
  expect(response.status).toBe(200);
  await expect(response.text()).rejects.toThrow();
  expect(logged.join("\n")).toContain("a bug after the first byte");
});

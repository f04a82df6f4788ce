import net from "node:net";
import type { AddressInfo } from "node:net";
import { expect, test } from "@jest/globals";
import { ApiClient } from "../../addin/src/client/api-client";

test("a service that accepts the connection but never answers times out with a message saying so", async () => {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket)); // never writes a byte
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new ApiClient({ baseUrl: () => url, token: () => "t", timeoutMs: 300 });
  try {
    await expect(client.request("/api/rulesets/current")).rejects.toMatchObject({
      kind: "unavailable",
      message: `scoring service at ${url} did not answer within 0 s`.replace(
        "0 s",
        `${Math.round(300 / 1000)} s`
      ),
    });
  } finally {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});

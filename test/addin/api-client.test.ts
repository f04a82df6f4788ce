import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "@jest/globals";
import { BASELINE_RULESET } from "@smartcity/shared";
import { ApiClient } from "../../addin/src/client/api-client";
import { ServiceClient } from "../../addin/src/client/service-client";
import { ServiceError } from "../../addin/src/client/service-error";

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

describe("the panes' service client", () => {
  /** A loopback server that answers every request with `status` and `body`. */
  async function answering(status: number, body: unknown) {
    const server = http.createServer((_request, response) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api = new ApiClient({ baseUrl: () => url, token: () => "t", timeoutMs: 2000 });
    const client = new ServiceClient({ api, baseUrl: () => url, token: () => "t" });
    return { url, client, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  test("an answer that is not what the contract says is a bad answer, in Thai and English, naming where", async () => {
    const { client, close } = await answering(200, { from: "1", to: "2", changes: "none" });
    try {
      await expect(client.diff("1", "2")).rejects.toMatchObject({
        failure: "BAD_ANSWER",
        text: {
          en: expect.stringMatching(
            /^the scoring service sent a diff this add-in cannot read \(changes: /
          ),
          th: expect.stringMatching(
            /^บริการประเมินส่งความแตกต่างของชุดเกณฑ์ที่ส่วนเสริมนี้อ่านไม่ได้ \(changes: /
          ),
        },
      });
    } finally {
      await close();
    }
  });

  test("the service's error body is read once, into both languages, with its status and code", async () => {
    const body = {
      error: { code: "FORBIDDEN", message: { th: "ต้องเป็นผู้ดูแลระบบ", en: "admins only" } },
    };
    const { client, close } = await answering(403, body);
    try {
      const error = await client.preview(BASELINE_RULESET.rules, []).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({
        failure: "REFUSED",
        status: 403,
        code: "FORBIDDEN",
        text: { th: "ต้องเป็นผู้ดูแลระบบ", en: "admins only" },
        message: "admins only",
      });
    } finally {
      await close();
    }
  });

  test("a well-formed answer comes back typed", async () => {
    const { client, close } = await answering(200, {
      token: "abc",
      role: "Secretary",
      name: "Dev Secretary",
      expiresIn: "8h",
    });
    try {
      expect(await client.devSignIn("Secretary")).toEqual({
        token: "abc",
        role: "Secretary",
        name: "Dev Secretary",
        expiresIn: "8h",
      });
    } finally {
      await close();
    }
  });
});

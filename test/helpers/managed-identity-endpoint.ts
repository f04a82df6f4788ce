import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPair, SignJWT } from "jose";

/**
 * The managed identity endpoint that App Service and Azure Functions give an app, as Microsoft
 * documents it ("How to use managed identities for App Service and Azure Functions", REST
 * endpoint reference, api-version 2019-08-01): the platform sets IDENTITY_ENDPOINT and
 * IDENTITY_HEADER; the app GETs `?api-version=2019-08-01&resource=<resource>[&client_id=<id>]`
 * with header `X-IDENTITY-HEADER`, and gets `{ access_token, expires_on, resource, token_type,
 * client_id }`. @azure/identity's DefaultAzureCredential reaches it unchanged, so the service
 * under test runs its real credential code.
 *
 * Stricter than the real one where it can be: a request without the secret header, with
 * another api-version, without a resource, or for a client id other than the identity's is
 * refused. Tokens are RS256 JWTs with Entra's claims (issuer `https://sts.windows.net/<tenant>/`,
 * `aud` the resource asked for, `nbf`/`exp`, `oid`, `appid`, `tid`), or, when `audience` is set,
 * a token for that audience whatever was asked (a misconfigured identity).
 */
export interface ManagedIdentityEndpoint {
  /** The app's settings: IDENTITY_ENDPOINT, IDENTITY_HEADER, AZURE_CLIENT_ID. */
  env: Record<string, string>;
  clientId: string;
  /** Every token request, in order. */
  requests: { resource: string | null; clientId: string | null }[];
  /** Changes the audience of the tokens issued from now on (undefined: the resource asked). */
  setAudience(audience: string | undefined): void;
  close(): Promise<void>;
}

export async function startManagedIdentityEndpoint(
  options: { audience?: string } = {}
): Promise<ManagedIdentityEndpoint> {
  const secret = randomUUID();
  const clientId = randomUUID();
  const tenant = randomUUID();
  const principal = randomUUID();
  const { privateKey } = await generateKeyPair("RS256");
  const requests: ManagedIdentityEndpoint["requests"] = [];
  let audience = options.audience;

  const refuse = (response: http.ServerResponse, status: number, message: string): void => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify({ statusCode: status, message }));
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const resource = url.searchParams.get("resource");
    const askedFor = url.searchParams.get("client_id");
    requests.push({ resource, clientId: askedFor });
    if (request.method !== "GET") return refuse(response, 405, "GET only");
    if (request.headers["x-identity-header"] !== secret)
      return refuse(response, 401, "X-IDENTITY-HEADER is missing or wrong");
    if (url.searchParams.get("api-version") !== "2019-08-01")
      return refuse(response, 400, "api-version must be 2019-08-01");
    if (!resource) return refuse(response, 400, "resource is required");
    if (askedFor !== null && askedFor !== clientId)
      return refuse(response, 400, `No managed identity with client_id ${askedFor}`);
    const now = Math.floor(Date.now() / 1000);
    const expiresOn = now + 3600;
    const aud = audience ?? resource.replace(/\/\.default$/, "");
    void new SignJWT({ tid: tenant, oid: principal, appid: clientId, idtyp: "app" })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .setIssuer(`https://sts.windows.net/${tenant}/`)
      .setAudience(aud)
      .setSubject(principal)
      .setIssuedAt(now)
      .setNotBefore(now - 300)
      .setExpirationTime(expiresOn)
      .sign(privateKey)
      .then((token) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            access_token: token,
            expires_on: String(expiresOn),
            resource,
            token_type: "Bearer",
            client_id: clientId,
          })
        );
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: {
      IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`,
      IDENTITY_HEADER: secret,
      AZURE_CLIENT_ID: clientId,
    },
    clientId,
    requests,
    setAudience: (next) => (audience = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

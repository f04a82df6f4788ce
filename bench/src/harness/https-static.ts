import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { generateCertificates } from "office-addin-dev-certs/lib/generate";

/**
 * The built add-in served over https on 127.0.0.1 (as https://localhost:<port>), with a
 * certificate made by office-addin-dev-certs — the same tool the dev server uses — in a
 * temporary folder. Browsers in tests are told to accept it.
 */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

export async function serveHttps(
  root: string
): Promise<{ origin: string; close: () => Promise<void> }> {
  const certDir = mkdtempSync(path.join(os.tmpdir(), "smartcity-certs-"));
  const [ca, cert, key] = ["ca.crt", "localhost.crt", "localhost.key"].map((name) =>
    path.join(certDir, name)
  );
  await generateCertificates(ca, cert, key, 2);
  const server = https.createServer(
    { cert: await readFile(cert), key: await readFile(key) },
    (request, response) => {
      const file = path.join(
        root,
        path.normalize(decodeURIComponent(new URL(request.url ?? "/", "https://x").pathname))
      );
      if (!file.startsWith(root)) {
        response.writeHead(403).end();
        return;
      }
      readFile(file).then(
        (body) => {
          response.writeHead(200, {
            "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
          });
          response.end(body);
        },
        () => response.writeHead(404).end()
      );
    }
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(certDir, { recursive: true, force: true });
      }),
  };
}

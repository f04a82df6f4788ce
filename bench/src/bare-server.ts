import http from "node:http";
import type { AddressInfo } from "node:net";
import { BASELINE_RULESET, evaluateBatch } from "@smartcity/shared";
import { sampleApplications } from "./applications";

/**
 * The floor under POST /api/evaluate's latency on this machine: a bare
 * node:http server that reads and JSON-parses the request and sends the
 * JSON of results computed before the request came (no auth, no validation,
 * no evaluation). Whatever the service does costs time on top of this.
 */
const answer = JSON.stringify({
  results: evaluateBatch(sampleApplications(10_000, 10_000), BASELINE_RULESET),
});
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    JSON.parse(Buffer.concat(chunks).toString("utf8"));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(answer);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`ready at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

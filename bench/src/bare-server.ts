import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  BASELINE_RULESET,
  evaluateInChunks,
  type MessageLanguages,
  outcomeBands,
  summariseRuleset,
} from "@smartcity/shared";
import { sampleApplications } from "./applications";

/**
 * The floor under POST /api/evaluate's latency on this machine: a bare
 * node:http server that reads and JSON-parses the request and sends the
 * JSON of results computed before the request came (no auth, no validation,
 * no evaluation). Its answer is the service's answer to the benchmark's
 * request byte for byte (the same ruleset summary, outcome bands and results,
 * for the `messages` the request asks for; benchAgainstFloor checks it), so whatever the service does on top costs
 * time on top of this.
 */
const applications = sampleApplications(10_000, 10_000);
const answers = new Map<MessageLanguages, string>();
function answerFor(messages: MessageLanguages): string {
  let answer = answers.get(messages);
  if (answer === undefined) {
    const results = [
      ...evaluateInChunks(applications, BASELINE_RULESET, 500, "applications", messages),
    ].flat();
    // The head as the service writes it (handlers/evaluate.ts): its outcome bands carry Thai
    // names, so the answer is not ASCII, which costs the client's decoding more.
    answer = JSON.stringify({
      ruleset: summariseRuleset(BASELINE_RULESET),
      outcomes: outcomeBands(BASELINE_RULESET.rules),
      results,
    });
    answers.set(messages, answer);
  }
  return answer;
}
answerFor("both");
answerFor("none");

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      messages?: MessageLanguages;
    };
    response.writeHead(200, { "content-type": "application/json" });
    response.end(answerFor(body.messages ?? "both"));
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`ready at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

import { readFileSync } from "node:fs";
import { canListen } from "../../functions/src/local/free-port";

/**
 * A free port on 127.0.0.1 below the range the OS hands out for port 0 and for outgoing
 * connections, for a server that a test stops and starts again on the same port: while it is
 * stopped, no other program's listen(0) or connection takes the port (on a shared machine,
 * another test's Azurite did, and the service under test then read someone else's store).
 */
export async function steadyPort(): Promise<number> {
  const ephemeralFrom = ephemeralRangeStart();
  const from = Math.min(20_000, ephemeralFrom - 1_000);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = from + Math.floor(Math.random() * (ephemeralFrom - from));
    if (await canListen(port, "127.0.0.1")) return port;
  }
  throw new Error(`no free port between ${from} and ${ephemeralFrom}`);
}

/** Where the OS's ephemeral ports start (Linux says; elsewhere the IANA range, 49152). */
function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && low > 2_000) return low;
  } catch {
    // not Linux
  }
  return 49_152;
}

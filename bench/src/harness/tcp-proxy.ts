import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP relay to a server on 127.0.0.1, which a test or a benchmark can cut and restore: the
 * server "stops" for whoever goes through the relay (connections refused, open ones reset) while
 * it goes on behind it, as in a real outage — storage for the service (stopping Azurite itself
 * can lose its last writes, which it saves to disk only now and then), or the service for the
 * add-in.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const createServer = () =>
    net.createServer((client) => {
      const upstream = net.connect({ host: "127.0.0.1", port: targetPort });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
  let server = createServer();
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const shut = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return {
    port,
    cut: shut,
    async restore() {
      server = createServer();
      await listen(port);
    },
    close: shut,
  };
}

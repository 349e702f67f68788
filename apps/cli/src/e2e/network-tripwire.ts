import { createServer, type Socket } from 'node:net';
import { offlineEnv } from '@worker-chart-export/testing';

/** A loopback port that counts and drops every connection: where a process that must not touch the network is pointed. */
export interface NetworkTripwire {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: () => number;
  /**
   * Env that sends every client a spawned CLI could create here: proxies for HTTP and gRPC, the GCE metadata
   * server the Google auth library probes, and the Chart-IMG base URL.
   */
  readonly env: Readonly<Record<string, string>>;
  readonly close: () => Promise<void>;
}

/** Starts a {@link NetworkTripwire} on 127.0.0.1. */
export async function startNetworkTripwire(): Promise<NetworkTripwire> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the tripwire has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    connections: () => connections,
    env: offlineEnv(address.port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

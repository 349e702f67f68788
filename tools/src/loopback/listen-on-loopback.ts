import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake's HTTP server listening on 127.0.0.1. */
export interface LoopbackListener {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops listening and drops open connections, so a test's teardown never waits on keep-alive sockets. */
  readonly close: () => Promise<void>;
}

/** Starts `server` on 127.0.0.1 (`port`, or any free one when absent); rejects when the port is taken. */
export async function listenOnLoopback(server: Server, port?: number): Promise<LoopbackListener> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((cause) => (cause ? reject(cause) : resolve()));
        server.closeAllConnections();
      }),
  };
}

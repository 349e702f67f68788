/** A started fake server, as its command runs it. */
export interface RunningServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * Runs a fake server as a command: prints its URL as the first line of stdout, then closes it and exits 0 on
 * SIGINT/SIGTERM. A failure to start prints `<name>: <message>` as one stderr line and exits 2.
 */
export function serveUntilSignal(name: string, start: () => Promise<RunningServer>): void {
  const serve = async (): Promise<void> => {
    const server = await start();
    process.stdout.write(`${server.url}\n`);
    const stop = (): void => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  };
  serve().catch((error: unknown) => {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}

// Standalone fake GCS for manual runs and e2e tests:
//   npx tsx tools/src/fake-gcs/main.ts [--port 0]
// Prints its URL (use it as STORAGE_EMULATOR_HOST or the client's apiEndpoint) as the first line of
// stdout; stops on SIGINT/SIGTERM. Objects live in memory only.
import { parseArgs } from 'node:util';
import { startFakeGcs } from './fake-gcs.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number`);

  const fake = await startFakeGcs({ port });
  process.stdout.write(`${fake.url}\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-gcs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});

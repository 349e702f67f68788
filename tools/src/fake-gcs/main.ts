// Standalone fake GCS for manual runs and e2e tests:
//   npx tsx tools/src/fake-gcs/main.ts [--port 0]
// Prints its URL (use it as STORAGE_EMULATOR_HOST or the client's apiEndpoint) as the first line of
// stdout; stops on SIGINT/SIGTERM. Objects live in memory only.
import { parseArgs } from 'node:util';
import { parsePortFlag } from '../loopback/parse-port-flag.js';
import { serveUntilSignal } from '../loopback/serve-until-signal.js';
import { startFakeGcs } from './fake-gcs.js';

serveUntilSignal('fake-gcs', async () => {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  return startFakeGcs({ port: parsePortFlag(values.port) });
});

// Standalone fake Chart-IMG for manual runs and e2e tests:
//   npx tsx tools/src/fake-chart-img/main.ts --port 0 --accounts FILE [--latency-ms 200] [--echo-key FORM]
// --echo-key answers every authenticated request with a 403 whose JSON body echoes the key in FORM
// (one of KEY_ECHO_FORMS: plain, json-unicode-lower, percent-upper, mixed ...), to check it never leaks.
// Prints its base URL (use it as CHART_IMG_BASE_URL) as the first line of stdout; stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { isKeyEchoForm, KEY_ECHO_FORMS } from './echo-key.js';
import { startFakeChartImg } from './fake-chart-img.js';
import { readFakeAccounts } from './read-fake-accounts.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      accounts: { type: 'string' },
      'latency-ms': { type: 'string', default: '0' },
      'echo-key': { type: 'string' },
    },
  });
  if (values.accounts === undefined) throw new Error('--accounts FILE is required (JSON array of {id, apiKey, plan?, dailyLimit?})');
  const port = Number(values.port);
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number`);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency-ms ${values['latency-ms']} is not a duration`);

  const form = values['echo-key'];
  if (form !== undefined && !isKeyEchoForm(form)) throw new Error(`--echo-key ${form} is not one of ${KEY_ECHO_FORMS.join(', ')}`);

  const fault = form === undefined ? undefined : ({ type: 'key-echo', times: Number.POSITIVE_INFINITY, form } as const);
  const fake = await startFakeChartImg({ accounts: await readFakeAccounts(values.accounts), port, latencyMs, ...(fault === undefined ? {} : { fault }) });
  process.stdout.write(`${fake.url}\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-chart-img: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});

// Standalone fake Chart-IMG for manual runs and e2e tests:
//   npx tsx tools/src/fake-chart-img/main.ts --port 0 --accounts FILE [--latency-ms 200] [--echo-key FORM]
// --echo-key answers every authenticated request with a 403 whose JSON body echoes the key in FORM
// (one of KEY_ECHO_FORMS: plain, json-unicode-lower, percent-upper, mixed ...), to check it never leaks.
// Prints its base URL (use it as CHART_IMG_BASE_URL) as the first line of stdout; stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { parsePortFlag } from '../loopback/parse-port-flag.js';
import { serveUntilSignal } from '../loopback/serve-until-signal.js';
import { isKeyEchoForm, KEY_ECHO_FORMS } from './echo-key.js';
import { startFakeChartImg } from './fake-chart-img.js';
import { readFakeAccounts } from './read-fake-accounts.js';

serveUntilSignal('fake-chart-img', async () => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      accounts: { type: 'string' },
      'latency-ms': { type: 'string', default: '0' },
      'echo-key': { type: 'string' },
    },
  });
  if (values.accounts === undefined) throw new Error('--accounts FILE is required (JSON array of {id, apiKey, plan?, dailyLimit?})');
  const port = parsePortFlag(values.port);
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency-ms ${values['latency-ms']} is not a duration`);

  const form = values['echo-key'];
  if (form !== undefined && !isKeyEchoForm(form)) throw new Error(`--echo-key ${form} is not one of ${KEY_ECHO_FORMS.join(', ')}`);

  const fault = form === undefined ? undefined : ({ type: 'key-echo', times: Number.POSITIVE_INFINITY, form } as const);
  return startFakeChartImg({ accounts: await readFakeAccounts(values.accounts), port, latencyMs, ...(fault === undefined ? {} : { fault }) });
});

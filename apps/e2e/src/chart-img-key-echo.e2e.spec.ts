import { readFile } from 'node:fs/promises';
import { describe, expect, it, jest } from '@jest/globals';
import { KEY_ECHO_FORMS, type KeyEchoForm } from '@worker-chart-export/tools/fake-chart-img/index.js';
import { useFakeChartImgs } from './support/fake-chart-imgs.js';
import { runLocalReal } from './support/run-local-real.js';
import { jsonSummaryOf, textsLeakingKeyForms } from '@worker-chart-export/testing';

// One CLI process per form, all at once; each takes a few seconds on a loaded machine.
jest.setTimeout(120_000);

/** Mixed case, a slash and a space, so every escape (`\u` in both hex cases, `\/`, `%XX`, `+`) has work to do. */
const API_KEY = 'Zq9/Echo Key-x7Wv_3KpL';
/**
 * Every form in a JSON-labelled body; and one in a body mislabelled `image/png`: the Chart-IMG adapter scrubs
 * every body that is not really a PNG, whatever its label, and the manifest, the flow_run, the logs and the
 * summary are redacted again where they are written.
 */
const CASES: ReadonlyArray<readonly [KeyEchoForm, string]> = [
  ...KEY_ECHO_FORMS.map((form) => [form, 'application/json'] as const),
  ['json-unicode-lower', 'image/png'],
];

describe('run-local in real mode against a provider that echoes the key in its error body', () => {
  const { dirs, start } = useFakeChartImgs();

  it.concurrent.each(CASES)(
    'echoed %s in a body labelled %s: the key is in no form in the manifest, the flow_run, the logs or the summary',
    async (form: KeyEchoForm, contentType: string) => {
      const fake = await start({
        accounts: [{ id: 'acc-echo', apiKey: API_KEY, plan: 'PRO' }],
        fault: { type: 'key-echo', times: 1_000, form, contentType },
      });
      const dir = await dirs.make(`key-echo-${form}-${contentType.replace('/', '-')}`);
      const { run, flowRun, storageDir } = await runLocalReal(dir, {
        timeframe: '4h',
        accounts: [{ id: 'acc-echo', apiKey: API_KEY, plan: 'PRO' }],
        chartImgUrl: fake.url,
        env: { LOG_LEVEL: 'debug' },
      });

      expect(run.plainStderrLines).toEqual([]);
      expect(run.code).toBe(1);
      const summary = jsonSummaryOf(run);
      expect(summary).toMatchObject({ status: 'FAILED', itemsCount: 0, failuresCount: 5, chartsApiMode: 'real' });
      // Every request really got the echo, and its message reached the manifest with the key redacted.
      expect(fake.calls.filter((call) => call.status === 403).length).toBeGreaterThanOrEqual(5);
      const manifestText = await readFile(`${storageDir}/${String(summary['outputsManifestGcsUri']).slice('gs://'.length)}`, 'utf8');
      const manifest = JSON.parse(manifestText) as { failures: { error: { message: string } }[] };
      expect(manifest.failures).toHaveLength(5);
      for (const failure of manifest.failures) expect(failure.error.message).toMatch(/Invalid API key \[redacted\]/i);
      const flowRunText = await readFile(flowRun.path, 'utf8');
      expect(JSON.parse(flowRunText)).toMatchObject({ steps: { [flowRun.stepId]: { status: 'FAILED' } } });

      expect(
        textsLeakingKeyForms(API_KEY, {
          manifest: manifestText,
          flowRun: flowRunText,
          stderr: run.stderr,
          stdout: run.stdout,
        }),
      ).toEqual([]);
    },
  );
});

// The worker process with CHART_RENDER_FALLBACK=local against the Firestore emulator, the fake GCS server and the
// fake Chart-IMG server: the provider answers `Limit Exceeded` for every account, and the step still SUCCEEDS with
// charts the local renderer drew from the run's OHLCV export, read from Cloud Storage through the real client.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, jest } from '@jest/globals';
import { PNG } from 'pngjs';
import { describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { createStorage } from '@worker-chart-export/adapter-gcs';
import { parseGsUri } from '@worker-chart-export/domain';
import { REPO_ROOT as ROOT } from '@worker-chart-export/testing';
import { listObjects } from './support/fake-gcs-objects.js';
import { readExampleFlowRun } from './support/example-flow-run.js';
import { useWorkerStack } from './support/worker-stack.js';

const PROJECT = 'demo-worker-fallback';
const BUCKET = 'charts-fallback';
const API_KEY = 'sk-e2e-fallback-never-print-0123456789';
// The worker believes the account has quota; the provider says it has none left today.
const WORKER_ACCOUNTS = [{ id: 'acc-spent', apiKey: API_KEY, plan: 'PRO', dailyLimit: 100 }];
const PROVIDER_ACCOUNTS = [{ id: 'acc-spent', apiKey: API_KEY, plan: 'PRO', dailyLimit: 0 }];

describeWithFirestoreEmulator('the worker with CHART_RENDER_FALLBACK=local when Chart-IMG has no quota left', () => {
  jest.setTimeout(90_000);
  const { flowRun, stepId } = readExampleFlowRun();
  const { runId } = flowRun;
  const stack = useWorkerStack({
    project: PROJECT,
    bucket: BUCKET,
    prefix: 'worker-fallback',
    accounts: WORKER_ACCOUNTS,
    providerAccounts: PROVIDER_ACCOUNTS,
    flowRun,
    env: { CHART_RENDER_FALLBACK: 'local' },
    // What the run's OHLCV_EXPORT step wrote, where its URI says, uploaded with the Cloud Storage client.
    beforeWorker: async ({ gcsUrl: fakeGcsUrl }) => {
      const ohlcv = parseGsUri(flowRun.steps[stepId]?.inputs.ohlcv_gcs_uri ?? '');
      if (ohlcv === undefined) throw new Error('the example names no gs:// OHLCV file');
      await createStorage({ apiEndpoint: fakeGcsUrl })
        .bucket(ohlcv.bucket)
        .file(ohlcv.objectPath)
        .save(await readFile(join(ROOT, 'fixtures/ohlcv/BTCUSDT_1h.json')), { contentType: 'application/json', resumable: false });
    },
  });

  const workerEvents = (name: string) => stack.worker.events(name);

  it('SUCCEEDS with five charts drawn locally, marked in the manifest and counted apart from the refused calls', async () => {
    expect(await stack.worker.postEvent('evt-fallback-1', PROJECT, flowRun)).toEqual({
      status: 200,
      body: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', itemsCount: 5 }),
    });

    const step = ((await stack.db.collection('flow_runs').doc(runId).get()).data() as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    const usage = (step?.['outputs'] as { usage: Record<string, unknown> }).usage;
    // Chart-IMG was asked and refused (`Limit Exceeded`): calls, none succeeded, every chart drawn locally.
    expect(usage).toMatchObject({ succeeded: 0, replayed: 0, renderedLocally: 5 });
    expect(usage['calls']).toBeGreaterThan(0);
    expect(usage['failed']).toBe(usage['calls']);
    expect(workerEvents('chart_api.accounts_exhausted')).toHaveLength(1);

    const storage = createStorage({ apiEndpoint: stack.fakes.gcsUrl });
    const [manifestBytes] = await storage.bucket(BUCKET).file(`charts/${runId}/${stepId}/manifest.json`).download();
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as { items: Array<{ png_gcs_uri: string; meta?: unknown }>; failures: unknown[] };
    expect(manifest.failures).toEqual([]);
    expect(manifest.items.map((item) => item.meta)).toEqual(Array(5).fill({ renderer: 'local' }));
    const pngs = (await listObjects(stack.fakes.gcsUrl, BUCKET, `charts/${runId}/${stepId}/`)).filter((o) => o.name.endsWith('.png'));
    expect(pngs).toHaveLength(5);
    for (const item of manifest.items) {
      const object = parseGsUri(item.png_gcs_uri);
      if (object === undefined) throw new Error(`not a gs:// URI: ${item.png_gcs_uri}`);
      const [bytes] = await storage.bucket(object.bucket).file(object.objectPath).download();
      const png = PNG.sync.read(bytes);
      // Every seed template asks for a height of 600 and leaves Chart-IMG's default width of 800.
      expect([png.width, png.height]).toEqual([800, 600]);
    }
    expect(stack.worker.process.lines.join('\n')).not.toContain(API_KEY);
  });
});

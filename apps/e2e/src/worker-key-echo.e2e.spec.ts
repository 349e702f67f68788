// The deployed worker against a provider that echoes the API key in its error bodies: the bundled worker as a
// real process, the Firestore emulator, the fake GCS server and the fake Chart-IMG, all on 127.0.0.1.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject, describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { startFakeChartImg, type FakeChartImg, type KeyEchoForm } from '@worker-chart-export/tools/fake-chart-img/index.js';
import {
  buildWorkerBundle,
  flowRunUpdatedEvent,
  startToolServer,
  startWorker,
  textsLeakingKeyForms,
  type ToolServer,
  type WorkerProcess,
} from '@worker-chart-export/testing';
import { readExampleFlowRun } from './support/example-flow-run.js';
import { downloadObject } from './support/fake-gcs-objects.js';
import { seedFirestore } from './support/seed-firestore.js';

const PROJECT = 'demo-worker-key-echo';
const BUCKET = 'charts-key-echo';
/** Mixed case, a slash and a space, so every escape has work to do. */
const API_KEY = 'Wk4/Echo Key-q8Tz_5MnR';
const ACCOUNTS = [{ id: 'acc-echo', apiKey: API_KEY, plan: 'PRO' as const, dailyLimit: 100 }];
const STARTUP_MS = 120_000;
const WORKER_BUNDLE = 'dist/apps/worker/main.js';
/**
 * A layered form (percent-encoded, then `%` JSON-escaped) in a JSON body; and a mix of forms in a body mislabelled
 * `image/png`: the Chart-IMG adapter scrubs every body that is not really a PNG, whatever its label, and the
 * manifest, the flow_run and the logs are redacted again where they are written.
 */
const CASES: ReadonlyArray<readonly [KeyEchoForm, string]> = [
  ['json-escaped-percent', 'application/json'],
  ['mixed', 'image/png'],
];

describeWithFirestoreEmulator('the worker as a process, against a provider that echoes the key', () => {
  jest.setTimeout(60_000);
  let gcs: ToolServer | undefined;
  let worker: WorkerProcess | undefined;
  let chartImg: FakeChartImg | undefined;
  let db: Firestore;
  let gcsUrl: string;
  let workerUrl: string;

  const { flowRun: example, stepId } = readExampleFlowRun();
  const flowRunFor = (index: number) => ({ ...example, runId: `${example.runId.slice(0, -1)}${'pq'[index]}` });

  beforeAll(async () => {
    const emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, PROJECT);
    const build = buildWorkerBundle(WORKER_BUNDLE);
    gcs = startToolServer('tools/src/fake-gcs/main.ts', ['--port', '0']);
    chartImg = await startFakeChartImg({ accounts: ACCOUNTS });
    [gcsUrl] = await Promise.all([gcs.url, build]);
    db = createFirestore({ projectId: PROJECT });
    for (const index of CASES.keys()) await seedFirestore(db, flowRunFor(index));

    worker = await startWorker(WORKER_BUNDLE, {
      CHARTS_BUCKET: `gs://${BUCKET}`,
      CHART_IMG_ACCOUNTS_JSON: JSON.stringify(ACCOUNTS),
      CHARTS_API_MODE: 'real',
      CHART_IMG_BASE_URL: chartImg.url,
      GOOGLE_CLOUD_PROJECT: PROJECT,
      FIRESTORE_EMULATOR_HOST: emulatorHost,
      STORAGE_EMULATOR_HOST: gcsUrl,
      LOG_LEVEL: 'debug',
      METADATA_SERVER_DETECTION: 'none',
    });
    workerUrl = worker.url;
  }, 4 * STARTUP_MS);

  afterAll(async () => {
    await Promise.all([worker?.process.stop(), gcs?.process.stop(), chartImg?.close()]);
    await db?.terminate();
  }, 60_000);

  it.each(CASES.map(([form, contentType], index) => [form, contentType, index] as const))(
    'echoed %s in a body labelled %s: the step fails, and the key is in no form in the manifest, the flow_run, the logs or the reply',
    async (form, contentType, index) => {
      chartImg?.setFault({ type: 'key-echo', times: 1_000, form, contentType });
      const flowRun = flowRunFor(index);
      const delivery = flowRunUpdatedEvent({ id: `evt-echo-${index}`, projectId: PROJECT, doc: flowRun });
      const response = await fetch(`${workerUrl}/`, { method: 'POST', headers: delivery.headers, body: new Uint8Array(delivery.body) });
      const replyText = await response.text();
      expect({ status: response.status, reply: replyText }).toMatchObject({ status: 200 });
      expect(JSON.parse(replyText)).toMatchObject({ outcome: 'handled', status: 'FAILED' });

      const manifestText = await downloadObject(gcsUrl, BUCKET, `charts/${flowRun.runId}/${stepId}/manifest.json`);
      const manifest = JSON.parse(manifestText) as { failures: { error: { message: string } }[] };
      expect(manifest.failures.length).toBeGreaterThan(0);
      for (const failure of manifest.failures) expect(failure.error.message).toMatch(/Invalid API key \[redacted\]/i);
      const flowRunDoc = (await db.collection('flow_runs').doc(flowRun.runId).get()).data() as { steps: Record<string, { status: string }> };
      expect(flowRunDoc.steps[stepId]?.status).toBe('FAILED');

      expect(
        textsLeakingKeyForms(API_KEY, {
          manifest: manifestText,
          flowRun: JSON.stringify(flowRunDoc),
          logs: (worker?.process.lines ?? []).join('\n'),
          reply: replyText,
        }),
      ).toEqual([]);
    },
  );
});

// The worker process with CHART_RENDER_FALLBACK=local against the Firestore emulator, the fake GCS server and the
// fake Chart-IMG server: the provider answers `Limit Exceeded` for every account, and the step still SUCCEEDS with
// charts the local renderer drew from the run's OHLCV export, read from Cloud Storage through the real client.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { PNG } from 'pngjs';
import { createFirestore } from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject, describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { createStorage } from '@worker-chart-export/adapter-gcs';
import { parseGsUri } from '@worker-chart-export/domain';
import { buildWorkerBundle, flowRunUpdatedEvent, type LineProcess, REPO_ROOT as ROOT, startLineProcess, startWorker, type WorkerProcess } from '@worker-chart-export/testing';
import { listObjects } from './support/fake-gcs-objects.js';
import { seedFirestore } from './support/seed-firestore.js';

const PROJECT = 'demo-worker-fallback';
const BUCKET = 'charts-fallback';
const API_KEY = 'sk-e2e-fallback-never-print-0123456789';
// The worker believes the account has quota; the provider says it has none left today.
const WORKER_ACCOUNTS = [{ id: 'acc-spent', apiKey: API_KEY, plan: 'PRO', dailyLimit: 100 }];
const PROVIDER_ACCOUNTS = [{ id: 'acc-spent', apiKey: API_KEY, plan: 'PRO', dailyLimit: 0 }];
const STARTUP_MS = 120_000;
const WORKER_BUNDLE = 'dist/apps/worker/main.js';

describeWithFirestoreEmulator('the worker with CHART_RENDER_FALLBACK=local when Chart-IMG has no quota left', () => {
  jest.setTimeout(90_000);
  let gcs: LineProcess | undefined;
  let chartImg: LineProcess | undefined;
  let worker: WorkerProcess | undefined;
  let db: Firestore;
  let tempDir: string;
  let gcsUrl: string;
  let workerUrl: string;

  const flowRun = JSON.parse(readFileSync(join(ROOT, 'fixtures/flow-runs/example-ready.json'), 'utf8')) as {
    runId: string;
    steps: Record<string, { stepType: string; inputs: { requests: unknown[]; ohlcv_gcs_uri: string } }>;
  };
  const { runId } = flowRun;
  const stepId = Object.keys(flowRun.steps).find((id) => flowRun.steps[id]?.stepType === 'CHART_EXPORT') as string;

  beforeAll(async () => {
    const emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, PROJECT);
    tempDir = await mkdtemp(join(tmpdir(), 'worker-fallback-'));
    const accountsFile = join(tempDir, 'accounts.json');
    await writeFile(accountsFile, JSON.stringify(PROVIDER_ACCOUNTS));
    const tsx = (script: string, args: string[]) => startLineProcess(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT });
    const build = buildWorkerBundle(WORKER_BUNDLE);
    gcs = tsx('tools/src/fake-gcs/main.ts', ['--port', '0']);
    chartImg = tsx('tools/src/fake-chart-img/main.ts', ['--port', '0', '--accounts', accountsFile]);
    const [gcsLine, chartImgLine] = await Promise.all([
      gcs.waitForLine((line) => line.startsWith('http'), STARTUP_MS),
      chartImg.waitForLine((line) => line.startsWith('http'), STARTUP_MS),
      build,
    ]);
    gcsUrl = gcsLine.trim();

    // What the run's OHLCV_EXPORT step wrote, where its URI says, uploaded with the Cloud Storage client.
    const ohlcv = parseGsUri(flowRun.steps[stepId]?.inputs.ohlcv_gcs_uri ?? '');
    if (ohlcv === undefined) throw new Error('the example names no gs:// OHLCV file');
    await createStorage({ apiEndpoint: gcsUrl })
      .bucket(ohlcv.bucket)
      .file(ohlcv.objectPath)
      .save(await readFile(join(ROOT, 'fixtures/ohlcv/BTCUSDT_1h.json')), { contentType: 'application/json', resumable: false });

    db = createFirestore({ projectId: PROJECT });
    await seedFirestore(db, flowRun);
    worker = await startWorker(WORKER_BUNDLE, {
      CHARTS_BUCKET: `gs://${BUCKET}`,
      CHART_IMG_ACCOUNTS_JSON: JSON.stringify(WORKER_ACCOUNTS),
      CHARTS_API_MODE: 'real',
      CHART_RENDER_FALLBACK: 'local',
      CHART_IMG_BASE_URL: chartImgLine.trim(),
      GOOGLE_CLOUD_PROJECT: PROJECT,
      FIRESTORE_EMULATOR_HOST: emulatorHost,
      STORAGE_EMULATOR_HOST: gcsUrl,
      METADATA_SERVER_DETECTION: 'none',
    });
    workerUrl = worker.url;
  }, 4 * STARTUP_MS);

  afterAll(async () => {
    await Promise.all([worker?.process.stop(), gcs?.stop(), chartImg?.stop()]);
    await db?.terminate();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }, 60_000);

  const workerEvents = (name: string) => worker?.events(name) ?? [];

  it('SUCCEEDS with five charts drawn locally, marked in the manifest and counted apart from the refused calls', async () => {
    const request = flowRunUpdatedEvent({ id: 'evt-fallback-1', projectId: PROJECT, doc: flowRun });
    const response = await fetch(`${workerUrl}/`, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', itemsCount: 5 }),
    });

    const step = ((await db.collection('flow_runs').doc(runId).get()).data() as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    const usage = (step?.['outputs'] as { usage: Record<string, unknown> }).usage;
    // Chart-IMG was asked and refused (`Limit Exceeded`): calls, none succeeded, every chart drawn locally.
    expect(usage).toMatchObject({ succeeded: 0, replayed: 0, renderedLocally: 5 });
    expect(usage['calls']).toBeGreaterThan(0);
    expect(usage['failed']).toBe(usage['calls']);
    expect(workerEvents('chart_api.accounts_exhausted')).toHaveLength(1);

    const storage = createStorage({ apiEndpoint: gcsUrl });
    const [manifestBytes] = await storage.bucket(BUCKET).file(`charts/${runId}/${stepId}/manifest.json`).download();
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as { items: Array<{ png_gcs_uri: string; meta?: unknown }>; failures: unknown[] };
    expect(manifest.failures).toEqual([]);
    expect(manifest.items.map((item) => item.meta)).toEqual(Array(5).fill({ renderer: 'local' }));
    const pngs = (await listObjects(gcsUrl, BUCKET, `charts/${runId}/${stepId}/`)).filter((o) => o.name.endsWith('.png'));
    expect(pngs).toHaveLength(5);
    for (const item of manifest.items) {
      const object = parseGsUri(item.png_gcs_uri);
      if (object === undefined) throw new Error(`not a gs:// URI: ${item.png_gcs_uri}`);
      const [bytes] = await storage.bucket(object.bucket).file(object.objectPath).download();
      const png = PNG.sync.read(bytes);
      // Every seed template asks for a height of 600 and leaves Chart-IMG's default width of 800.
      expect([png.width, png.height]).toEqual([800, 600]);
    }
    expect((worker?.process.lines ?? []).join('\n')).not.toContain(API_KEY);
  });
});

// The deployable worker end to end (issue 5 item 4): the bundled worker as a real process, the Firestore
// emulator, the fake GCS server and the fake Chart-IMG server, all on 127.0.0.1; events posted as Eventarc
// posts them (binary content mode, protobuf DocumentEventData).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject, describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { flowRunUpdatedEvent, startLineProcess, type LineProcess } from '@worker-chart-export/tools/testing/index.js';
import { downloadObject, listObjects } from './support/fake-gcs-objects.js';
import { seedFirestore } from './support/seed-firestore.js';
import { REPO_ROOT as ROOT } from './support/spawn-cli.js';

const PROJECT = 'demo-worker-e2e';
const BUCKET = 'charts-e2e';
const API_KEY = 'sk-e2e-never-print-0123456789abcdef';
const ACCOUNTS = [{ id: 'acc-e2e', apiKey: API_KEY, plan: 'PRO', dailyLimit: 100 }];
const STARTUP_MS = 120_000;

// The Firestore emulator is the one the jest global setup started for this project (FIRESTORE_EMULATOR_HOST).
describeWithFirestoreEmulator('the worker as a process (emulator, fake GCS, fake Chart-IMG)', () => {
  // The first event also waits for the lazily loaded SDK clients; on a loaded 2-core machine that takes seconds.
  jest.setTimeout(60_000);
  let gcs: LineProcess | undefined;
  let chartImg: LineProcess | undefined;
  let worker: LineProcess | undefined;
  let db: Firestore;
  let tempDir: string;
  let gcsUrl: string;
  let workerUrl: string;
  let readyAfterMs: number;

  const flowRun = JSON.parse(readFileSync(join(ROOT, 'fixtures/flow-runs/example-ready.json'), 'utf8')) as {
    runId: string;
    steps: Record<string, { stepType: string; inputs: { requests: unknown[] } }>;
  };
  const runId = flowRun.runId;
  const stepId = Object.keys(flowRun.steps).find((id) => flowRun.steps[id]?.stepType === 'CHART_EXPORT') as string;
  const requestCount = flowRun.steps[stepId]?.inputs.requests.length ?? 0;

  beforeAll(async () => {
    const emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, PROJECT);
    tempDir = await mkdtemp(join(tmpdir(), 'worker-e2e-'));
    const accountsFile = join(tempDir, 'accounts.json');
    await writeFile(accountsFile, JSON.stringify(ACCOUNTS));
    const tsx = (script: string, args: string[]) => startLineProcess(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT });

    const build = promisify(execFile)(process.execPath, ['apps/worker/esbuild.mjs'], { cwd: ROOT });
    gcs = tsx('tools/src/fake-gcs/main.ts', ['--port', '0']);
    chartImg = tsx('tools/src/fake-chart-img/main.ts', ['--port', '0', '--accounts', accountsFile]);
    const [gcsLine, chartImgLine] = await Promise.all([
      gcs.waitForLine((line) => line.startsWith('http'), STARTUP_MS),
      chartImg.waitForLine((line) => line.startsWith('http'), STARTUP_MS),
      build,
    ]);
    gcsUrl = gcsLine.trim();
    db = createFirestore({ projectId: PROJECT });
    await seedFirestore(db, flowRun);

    const spawnedAt = performance.now();
    worker = startLineProcess(process.execPath, ['dist/apps/worker/main.js'], {
      cwd: ROOT,
      env: {
        CHARTS_BUCKET: `gs://${BUCKET}`,
        CHART_IMG_ACCOUNTS_JSON: JSON.stringify(ACCOUNTS),
        CHARTS_API_MODE: 'real',
        CHART_IMG_BASE_URL: chartImgLine.trim(),
        GOOGLE_CLOUD_PROJECT: PROJECT,
        FIRESTORE_EMULATOR_HOST: emulatorHost,
        STORAGE_EMULATOR_HOST: gcsUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        ENV: 'test',
        CHART_EXPORT_CONCURRENCY: '5',
        // Against the emulators the SDKs would still probe the GCE metadata server (about 1 s each).
        METADATA_SERVER_DETECTION: 'none',
      },
    });
    const started = JSON.parse(await worker.waitForLine((line) => line.includes('"worker.started"'), STARTUP_MS)) as { port: number };
    workerUrl = `http://127.0.0.1:${started.port}`;
    const health = await fetch(`${workerUrl}/healthz`);
    readyAfterMs = Math.round(performance.now() - spawnedAt);
    expect(health.status).toBe(200);
    console.info(`worker e2e: process start to /healthz 200 in ${readyAfterMs} ms`);
  }, 4 * STARTUP_MS);

  afterAll(async () => {
    const workerExit = worker?.stop();
    await Promise.all([workerExit, gcs?.stop(), chartImg?.stop()]);
    await db?.terminate();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }, 60_000);

  const post = async (id: string, doc: { runId: string } = flowRun) => {
    const request = flowRunUpdatedEvent({ id, projectId: PROJECT, doc });
    const response = await fetch(`${workerUrl}/`, { method: 'POST', headers: request.headers, body: request.body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const workerEvents = (name: string) =>
    (worker?.lines ?? []).flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return entry['event'] === name ? [entry] : [];
      } catch {
        return [];
      }
    });

  it('runs the READY step: SUCCEEDED in Firestore, PNGs and manifest in GCS', async () => {
    const reply = await post('evt-1');
    expect(reply).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', itemsCount: requestCount }) });

    const manifestUri = `gs://${BUCKET}/charts/${runId}/${stepId}/manifest.json`;
    const step = ((await db.collection('flow_runs').doc(runId).get()).data() as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    expect(step).toMatchObject({ status: 'SUCCEEDED', outputs: { outputsManifestGcsUri: manifestUri } });

    const objects = await listObjects(gcsUrl, BUCKET, `charts/${runId}/${stepId}/`);
    const pngs = objects.filter((o) => o.name.endsWith('.png'));
    expect(pngs).toHaveLength(requestCount);
    for (const png of pngs) expect(png.contentType).toBe('image/png');
    const manifest = JSON.parse(await downloadObject(gcsUrl, BUCKET, `charts/${runId}/${stepId}/manifest.json`)) as { items: Array<{ png_gcs_uri: string }> };
    expect(manifest.items.map((item) => item.png_gcs_uri).sort()).toEqual(pngs.map((o) => `gs://${BUCKET}/${o.name}`).sort());
  });

  it('never runs the step twice: the same event again and 10 copies at once are no-ops without Chart-IMG calls', async () => {
    const callsBefore = workerEvents('chart_api.call.finished').length;
    expect(callsBefore).toBe(requestCount);
    expect(await post('evt-1')).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'NOOP' }) });
    const copies = await Promise.all(Array.from({ length: 10 }, () => post('evt-1')));
    for (const copy of copies) expect(copy).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'NOOP' }) });

    expect(workerEvents('chart_api.call.finished')).toHaveLength(requestCount);
    expect(workerEvents('step.claimed')).toHaveLength(1);
    const usage = (await db.collection('chart_img_accounts_usage').doc('acc-e2e').get()).data();
    expect(usage?.['usageToday']).toBe(requestCount);
  });

  it('runs a READY step once when 10 copies of its event arrive at once', async () => {
    const second = { ...flowRun, runId: runId.replace(/.$/, (c) => (c === 'z' ? 'y' : 'z')) };
    await db.collection('flow_runs').doc(second.runId).set(second);
    const callsBefore = workerEvents('chart_api.call.finished').length;
    const replies = await Promise.all(Array.from({ length: 10 }, () => post('evt-2', second)));
    const statuses = replies.map((r) => `${r.status} ${String(r.body['status'])}`).sort();
    expect(statuses).toEqual(['200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 SUCCEEDED']);
    expect(workerEvents('chart_api.call.finished').length - callsBefore).toBe(requestCount);
    const step = ((await db.collection('flow_runs').doc(second.runId).get()).data() as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    expect(step?.['status']).toBe('SUCCEEDED');
  });

  it('logs JSON lines with the event id and never the API key', () => {
    expect(workerEvents('event.parsed')[0]).toMatchObject({ severity: 'INFO', service: 'worker-chart-export', env: 'test', eventId: 'evt-1', runId });
    expect((worker?.lines ?? []).join('\n')).not.toContain(API_KEY);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await worker?.stop()).toBe(0);
    expect(workerEvents('worker.stopped')).toEqual([expect.objectContaining({ drained: true })]);
  }, 30_000);
});

// The deployable worker end to end (issue 5 item 4): the bundled worker as a real process, the Firestore
// emulator, the fake GCS server and the fake Chart-IMG server, all on 127.0.0.1; events posted as Eventarc
// posts them (binary content mode, protobuf DocumentEventData).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '@worker-chart-export/adapter-firestore';
import { locateFirestoreEmulator, startFirestoreEmulator, type FirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { binaryModeRequest, encodeDocumentEventData } from '../testing/index.js';
import { startLineProcess, type LineProcess } from './line-process.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const PROJECT = 'demo-worker-e2e';
const BUCKET = 'charts-e2e';
const API_KEY = 'sk-e2e-never-print-0123456789abcdef';
const ACCOUNTS = [{ id: 'acc-e2e', apiKey: API_KEY, plan: 'PRO', dailyLimit: 100 }];
const STARTUP_MS = 120_000;

const emulatorLocation = locateFirestoreEmulator();
const describeE2e = emulatorLocation.found ? describe : describe.skip;
if (!emulatorLocation.found) console.warn(`SKIPPED worker e2e: the Firestore emulator is not available (missing ${emulatorLocation.missing})`);

describeE2e('the worker as a process (emulator, fake GCS, fake Chart-IMG)', () => {
  // The first event also waits for the lazily loaded SDK clients; on a loaded 2-core machine that takes seconds.
  jest.setTimeout(60_000);
  let emulator: FirestoreEmulator | undefined;
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
    if (!emulatorLocation.found) return;
    tempDir = await mkdtemp(join(tmpdir(), 'worker-e2e-'));
    const accountsFile = join(tempDir, 'accounts.json');
    await writeFile(accountsFile, JSON.stringify(ACCOUNTS));
    const tsx = (script: string, args: string[]) => startLineProcess(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT });

    const build = promisify(execFile)(process.execPath, ['apps/worker/esbuild.mjs'], { cwd: ROOT });
    gcs = tsx('tools/src/fake-gcs/main.ts', ['--port', '0']);
    chartImg = tsx('tools/src/fake-chart-img/main.ts', ['--port', '0', '--accounts', accountsFile]);
    const [emu, gcsLine, chartImgLine] = await Promise.all([
      startFirestoreEmulator({ executable: emulatorLocation.executable }),
      gcs.waitForLine((line) => line.startsWith('http'), STARTUP_MS),
      chartImg.waitForLine((line) => line.startsWith('http'), STARTUP_MS),
      build,
    ]);
    emulator = emu;
    gcsUrl = gcsLine.trim();
    process.env['FIRESTORE_EMULATOR_HOST'] = emu.host;
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
        FIRESTORE_EMULATOR_HOST: emu.host,
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
    await emulator?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }, 60_000);

  const post = async (id: string, doc: { runId: string } = flowRun) => {
    const docPath = `flow_runs/${doc.runId}`;
    const request = binaryModeRequest({ id, path: docPath, projectId: PROJECT }, encodeDocumentEventData({ path: docPath, value: doc, projectId: PROJECT }));
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

    const objects = await listObjects(gcsUrl, `charts/${runId}/${stepId}/`);
    const pngs = objects.filter((o) => o.name.endsWith('.png'));
    expect(pngs).toHaveLength(requestCount);
    for (const png of pngs) expect(png.contentType).toBe('image/png');
    const manifest = JSON.parse(await download(gcsUrl, `charts/${runId}/${stepId}/manifest.json`)) as { items: Array<{ png_gcs_uri: string }> };
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

async function seedFirestore(db: Firestore, flowRun: { runId: string }): Promise<void> {
  const dir = join(ROOT, 'chart-templates');
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.json'))) {
    const template = JSON.parse(await readFile(join(dir, file), 'utf8')) as { id: string };
    await db.collection('chart_templates').doc(template.id).set(template);
  }
  await db.collection('flow_runs').doc(flowRun.runId).set(flowRun);
}

async function listObjects(gcsUrl: string, prefix: string): Promise<Array<{ name: string; contentType?: string }>> {
  const response = await fetch(`${gcsUrl}/storage/v1/b/${BUCKET}/o?prefix=${encodeURIComponent(prefix)}`);
  const body = (await response.json()) as { items?: Array<{ name: string; contentType?: string }> };
  return body.items ?? [];
}

async function download(gcsUrl: string, name: string): Promise<string> {
  const response = await fetch(`${gcsUrl}/storage/v1/b/${BUCKET}/o/${encodeURIComponent(name)}?alt=media`);
  return response.text();
}

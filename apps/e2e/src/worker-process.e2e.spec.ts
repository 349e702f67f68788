// The deployable worker end to end: the bundled worker as a real process, the Firestore
// emulator, the fake GCS server and the fake Chart-IMG server, all on 127.0.0.1; events posted as Eventarc
// posts them (binary content mode, protobuf DocumentEventData).
import { beforeAll, expect, it, jest } from '@jest/globals';
import { describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { downloadObject, listObjects } from './support/fake-gcs-objects.js';
import { readExampleFlowRun } from './support/example-flow-run.js';
import { useWorkerStack } from './support/worker-stack.js';

const PROJECT = 'demo-worker-e2e';
const BUCKET = 'charts-e2e';
const API_KEY = 'sk-e2e-never-print-0123456789abcdef';
const ACCOUNTS = [{ id: 'acc-e2e', apiKey: API_KEY, plan: 'PRO', dailyLimit: 100 }];

// The Firestore emulator is the one the jest global setup started for this project (FIRESTORE_EMULATOR_HOST).
describeWithFirestoreEmulator('the worker as a process (emulator, fake GCS, fake Chart-IMG)', () => {
  // The first event also waits for the lazily loaded SDK clients; on a loaded 2-core machine that takes seconds.
  jest.setTimeout(60_000);
  const { flowRun, stepId, requestCount } = readExampleFlowRun();
  const runId = flowRun.runId;
  const stack = useWorkerStack({
    project: PROJECT,
    bucket: BUCKET,
    prefix: 'worker-e2e',
    accounts: ACCOUNTS,
    flowRun,
    env: { LOG_LEVEL: 'debug', CHART_EXPORT_CONCURRENCY: '5' },
  });

  beforeAll(async () => {
    const health = await fetch(`${stack.worker.url}/healthz`);
    const readyAfterMs = Math.round(performance.now() - stack.spawnedAt);
    expect(health.status).toBe(200);
    console.info(`worker e2e: process start to /healthz 200 in ${readyAfterMs} ms`);
  });

  const post = (id: string, doc: { runId: string } = flowRun) => stack.worker.postEvent(id, PROJECT, doc);
  const workerEvents = (name: string) => stack.worker.events(name);

  it('runs the READY step: SUCCEEDED in Firestore, PNGs and manifest in GCS', async () => {
    const reply = await post('evt-1');
    expect(reply).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', itemsCount: requestCount }) });

    const manifestUri = `gs://${BUCKET}/charts/${runId}/${stepId}/manifest.json`;
    const step = ((await stack.db.collection('flow_runs').doc(runId).get()).data() as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    expect(step).toMatchObject({ status: 'SUCCEEDED', outputs: { outputsManifestGcsUri: manifestUri } });

    const objects = await listObjects(stack.fakes.gcsUrl, BUCKET, `charts/${runId}/${stepId}/`);
    const pngs = objects.filter((o) => o.name.endsWith('.png'));
    expect(pngs).toHaveLength(requestCount);
    for (const png of pngs) expect(png.contentType).toBe('image/png');
    const manifest = JSON.parse(await downloadObject(stack.fakes.gcsUrl, BUCKET, `charts/${runId}/${stepId}/manifest.json`)) as {
      items: Array<{ png_gcs_uri: string }>;
    };
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
    const usage = (await stack.db.collection('chart_img_accounts_usage').doc('acc-e2e').get()).data();
    expect(usage?.['usageToday']).toBe(requestCount);
  });

  it('runs a READY step once when 10 copies of its event arrive at once', async () => {
    const second = { ...flowRun, runId: runId.replace(/.$/, (c) => (c === 'z' ? 'y' : 'z')) };
    await stack.db.collection('flow_runs').doc(second.runId).set(second);
    const callsBefore = workerEvents('chart_api.call.finished').length;
    const replies = await Promise.all(Array.from({ length: 10 }, () => post('evt-2', second)));
    const statuses = replies.map((r) => `${r.status} ${String(r.body['status'])}`).sort();
    expect(statuses).toEqual(['200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 NOOP', '200 SUCCEEDED']);
    expect(workerEvents('chart_api.call.finished').length - callsBefore).toBe(requestCount);
    const step = ((await stack.db.collection('flow_runs').doc(second.runId).get()).data() as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    expect(step?.['status']).toBe('SUCCEEDED');
  });

  /** The example flow_run as run `id`, its CHART_EXPORT step keyed `key` with `inputs` over the example's. */
  const variant = (id: string, key: string, inputs: Record<string, unknown> = {}) => {
    const step = flowRun.steps[stepId] as Record<string, unknown>;
    const steps = Object.fromEntries(Object.entries(flowRun.steps).filter(([other]) => other !== stepId));
    return { ...flowRun, runId: id, steps: { ...steps, [key]: { ...step, inputs: { ...(step['inputs'] as object), ...inputs } } } };
  };
  const stepOf = async (id: string, key: string) =>
    ((await stack.db.collection('flow_runs').doc(id).get()).data() as { steps: Record<string, Record<string, unknown>> }).steps[key];

  it('runs a step whose id is 200 CJK characters, which percent-encoded would pass the 1500-byte document-id limit', async () => {
    const cjkStep = '図'.repeat(200);
    const doc = variant('20251215-102530_BTCUSDT_cjk01', cjkStep);
    await stack.db.collection('flow_runs').doc(doc.runId).set(doc);
    const callsBefore = workerEvents('chart_api.call.finished').length;
    const reply = await post('evt-cjk-1', doc);
    expect(reply).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', itemsCount: requestCount }) });
    expect(await stepOf(doc.runId, cjkStep)).toMatchObject({ status: 'SUCCEEDED' });
    expect(workerEvents('chart_api.call.finished').length - callsBefore).toBe(requestCount);
    const objects = await listObjects(stack.fakes.gcsUrl, BUCKET, `charts/${doc.runId}/${cjkStep}/`);
    expect(objects.map((o) => o.name).filter((name) => name.endsWith('.png'))).toHaveLength(requestCount);
  });

  it('fails a step whose object names would pass 1024 bytes: FAILED VALIDATION_FAILED, answered 200, no call, nothing stored', async () => {
    const cjkStep = '図'.repeat(200);
    const doc = variant('20251215-102530_BTCUSDT_cjk02', cjkStep, { minImages: 1, requests: [{ chartTemplateId: 'ж'.repeat(200) }] });
    await stack.db.collection('flow_runs').doc(doc.runId).set(doc);
    const callsBefore = workerEvents('chart_api.call.finished').length;
    const reply = await post('evt-cjk-2', doc);
    expect(reply).toEqual({
      status: 200,
      body: expect.objectContaining({ outcome: 'handled', status: 'FAILED', error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }),
    });
    const step = await stepOf(doc.runId, cjkStep);
    expect(step).toMatchObject({ status: 'FAILED', error: { code: 'VALIDATION_FAILED' } });
    expect(String((step?.['error'] as { message?: unknown }).message)).toMatch(/over Cloud Storage's 1024-byte limit/);
    expect(workerEvents('chart_api.call.finished').length - callsBefore).toBe(0);
    expect(await listObjects(stack.fakes.gcsUrl, BUCKET, `charts/${doc.runId}/`)).toEqual([]);
    // The same event again finds the step terminal: a no-op, not a retry.
    expect(await post('evt-cjk-2', doc)).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'NOOP' }) });
  });

  it('logs JSON lines with the event id and never the API key', () => {
    expect(workerEvents('event.received')[0]).toMatchObject({ severity: 'INFO', eventId: 'evt-1', cloudEvent: expect.objectContaining({ id: 'evt-1' }) });
    expect(workerEvents('event.parsed')[0]).toMatchObject({ severity: 'INFO', service: 'worker-chart-export', env: 'test', eventId: 'evt-1', runId });
    expect(stack.worker.process.lines.join('\n')).not.toContain(API_KEY);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await stack.worker.process.stop()).toBe(0);
    expect(workerEvents('worker.stopped')).toEqual([expect.objectContaining({ drained: true })]);
  }, 30_000);
});

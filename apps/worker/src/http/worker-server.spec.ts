import { afterEach, describe, expect, it } from '@jest/globals';
import type { FlowRunStore } from '@worker-chart-export/domain';
import { aChartExportStep, aFlowRun, RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { binaryModeRequest, documentEventBytes, type EventDelivery, structuredModeRequest } from '@worker-chart-export/testing';
import { gatedWorkerDeps } from '../testing/gated-worker-deps.js';
import { fakeWorkerDeps } from '../testing/index.js';
import { WorkerServer } from './worker-server.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const servers: WorkerServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.shutdown(0)));
});

type Deps = ReturnType<typeof fakeWorkerDeps>;

async function start(deps: Deps = fakeWorkerDeps(), maxBodyBytes?: number) {
  const server = new WorkerServer({ log: deps.log, launcher: deps.launcher, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  servers.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, request?: EventDelivery) => {
    const response = await fetch(`${base}${path}`, { method, ...(request ? { headers: request.headers, body: new Uint8Array(request.body) } : {}) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { server, deps, port, call, postEvent: (request: EventDelivery) => call('POST', '/', request) };
}

const eventFor = (value: Record<string, unknown> | undefined, id = 'evt-1', runId = RUN_ID) =>
  binaryModeRequest(
    { id, path: `flow_runs/${runId}`, traceparent: TRACEPARENT },
    documentEventBytes({ path: `flow_runs/${runId}`, ...(value ? { value } : {}) }),
  );

/** A FlowRunStore that records every call before delegating (or failing). */
function spyStore(inner: FlowRunStore, fail: Partial<Record<'load' | 'claim', Error>> = {}) {
  const calls: string[] = [];
  const store: FlowRunStore = {
    load: async (runId) => {
      calls.push(`load:${runId}`);
      if (fail.load) throw fail.load;
      return inner.load(runId);
    },
    claim: async (runId, stepId, at) => {
      calls.push(`claim:${runId}/${stepId}`);
      if (fail.claim) throw fail.claim;
      return inner.claim(runId, stepId, at);
    },
    finalize: async (runId, stepId, result) => {
      calls.push(`finalize:${runId}/${stepId}`);
      return inner.finalize(runId, stepId, result);
    },
  };
  return { store, calls };
}

describe('POST / (Eventarc CloudEvents)', () => {
  it('skips an event without a READY CHART_EXPORT step with one INFO line and no Firestore read', async () => {
    const base = fakeWorkerDeps();
    const spy = spyStore(base.store);
    const { postEvent, deps } = await start(fakeWorkerDeps({ flowRuns: spy.store }));
    const reply = await postEvent(eventFor(aFlowRun({ [STEP_ID]: aChartExportStep({ status: 'SUCCEEDED' }) })));
    expect(reply).toEqual({
      status: 200,
      body: { outcome: 'skipped', reason: 'no-ready-chart-export-step', runId: RUN_ID, flowKey: 'scheduled_month_week_report_v1' },
    });
    expect(spy.calls).toEqual([]);
    // One line at every level, DEBUG included.
    expect(deps.log.events).toEqual([
      expect.objectContaining({ severity: 'INFO', event: 'event.skipped', fields: expect.objectContaining({ eventId: 'evt-1', runId: RUN_ID }) }),
    ]);
  });

  it.each([
    ['binary', binaryModeRequest],
    ['structured', structuredModeRequest],
  ])('runs the step of the event (%s mode) and answers 200 with the outcome', async (_mode, build) => {
    const { postEvent, deps } = await start();
    const path = `flow_runs/${RUN_ID}`;
    const reply = await postEvent(build({ id: 'evt-7', path, traceparent: TRACEPARENT }, documentEventBytes({ path, value: aFlowRun() })));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      outcome: 'handled',
      status: 'SUCCEEDED',
      runId: RUN_ID,
      stepId: STEP_ID,
      itemsCount: 1,
      outputsManifestGcsUri: `gs://charts-test/charts/${RUN_ID}/${STEP_ID}/manifest.json`,
    });
    expect(deps.store.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
    const parsed = deps.log.named('event.parsed')[0];
    expect(parsed?.fields).toMatchObject({
      eventId: 'evt-7',
      runId: RUN_ID,
      flowKey: 'scheduled_month_week_report_v1',
      'logging.googleapis.com/trace': 'projects/demo-worker/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
    });
    // the use case's own events carry the event's id and trace too
    expect(deps.log.named('step.completed')[0]?.fields).toMatchObject({
      eventId: 'evt-7',
      stepId: STEP_ID,
      'logging.googleapis.com/trace': expect.any(String),
    });
    expect(deps.log.named('event.received')[0]).toMatchObject({
      severity: 'INFO',
      fields: { cloudEvent: { id: 'evt-7', type: 'google.cloud.firestore.document.v1.updated', subject: `documents/${path}` } },
    });
  });

  it('routes to the flow_run named by the document, not any other', async () => {
    const other = { ...aFlowRun(), runId: '20251215-102530_ETHUSDT_zzzzz' };
    const deps = fakeWorkerDeps();
    deps.store.put(other);
    const spy = spyStore(deps.store);
    const { postEvent } = await start(fakeWorkerDeps({ flowRuns: spy.store, flowRun: other }));
    await postEvent(eventFor(other, 'evt-2', '20251215-102530_ETHUSDT_zzzzz'));
    expect(spy.calls).toEqual([
      'load:20251215-102530_ETHUSDT_zzzzz',
      `claim:20251215-102530_ETHUSDT_zzzzz/${STEP_ID}`,
      `finalize:20251215-102530_ETHUSDT_zzzzz/${STEP_ID}`,
    ]);
  });

  it('answers 200 with the no-op when the fresh document is no longer READY (a stale or duplicate event)', async () => {
    const { postEvent, deps } = await start();
    expect((await postEvent(eventFor(aFlowRun(), 'evt-a'))).body).toMatchObject({ status: 'SUCCEEDED' });
    const again = await postEvent(eventFor(aFlowRun(), 'evt-a'));
    expect(again).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'NOOP', reason: 'no-ready-step' }) });
    expect(deps.chartApi.calls).toHaveLength(1);
  });

  it.each([
    ['loading', { load: new Error('14 UNAVAILABLE: firestore down') }],
    ['claiming', { claim: new Error('4 DEADLINE_EXCEEDED') }],
  ])('answers 503 when Firestore fails while %s (before the claim), so Eventarc redelivers', async (_what, fail) => {
    const spy = spyStore(fakeWorkerDeps().store, fail);
    const { postEvent, deps } = await start(fakeWorkerDeps({ flowRuns: spy.store }));
    const reply = await postEvent(eventFor(aFlowRun()));
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ outcome: 'retry', runId: RUN_ID, error: { message: expect.stringMatching(/UNAVAILABLE|DEADLINE/) } });
    expect(deps.log.named('event.failed')).toEqual([expect.objectContaining({ severity: 'ERROR' })]);
  });

  it('answers 200 when the run fails after its claim: the lease and the sweeper take over, a redelivery could not help', async () => {
    const deps = fakeWorkerDeps();
    deps.store.finalize = async () => {
      throw new Error('flow run store unavailable');
    };
    const { postEvent } = await start(deps);
    const reply = await postEvent(eventFor(aFlowRun()));
    expect(reply).toEqual({
      status: 200,
      body: { outcome: 'crashed-after-claim', runId: RUN_ID, stepId: STEP_ID, error: { message: 'flow run store unavailable' } },
    });
    expect(deps.store.step(RUN_ID, STEP_ID)?.['status']).toBe('RUNNING');
  });

  it.each([
    ['an empty body', { 'content-type': 'application/protobuf' }, Buffer.alloc(0)],
    ['a JSON body that is no CloudEvent', { 'content-type': 'application/json' }, Buffer.from('{"hello":1}')],
    ['garbage protobuf', binaryModeRequest({ path: 'flow_runs/x' }, Buffer.alloc(0)).headers, Buffer.from([0x0a, 0xff, 0xff, 0x01])],
    ['an empty protobuf', binaryModeRequest({ path: 'flow_runs/x' }, Buffer.alloc(0)).headers, Buffer.alloc(0)],
  ])('answers 200 with one WARNING for %s (a redelivery would never succeed)', async (_what, headers, body) => {
    const { postEvent, deps } = await start();
    const reply = await postEvent({ headers: headers as Record<string, string>, body });
    expect(reply).toEqual({ status: 200, body: { outcome: 'rejected', reason: expect.any(String) } });
    expect(deps.log.events).toEqual([expect.objectContaining({ severity: 'WARNING', event: 'event.rejected' })]);
  });

  it('skips event types it does not handle', async () => {
    const { postEvent } = await start();
    const request = binaryModeRequest(
      { path: `flow_runs/${RUN_ID}`, type: 'google.cloud.firestore.document.v1.deleted' },
      documentEventBytes({ path: `flow_runs/${RUN_ID}`, oldValue: aFlowRun() }),
    );
    expect(await postEvent(request)).toEqual({ status: 200, body: { outcome: 'skipped', reason: 'unsupported-type' } });
  });

  it('answers 200 without reading an oversized body', async () => {
    const { postEvent } = await start(fakeWorkerDeps(), 1024);
    const reply = await postEvent(eventFor(aFlowRun({ [STEP_ID]: aChartExportStep({}, { note: 'x'.repeat(4096) }) })));
    expect(reply).toEqual({ status: 200, body: { outcome: 'rejected', reason: 'request body exceeds 1024 bytes' } });
  });
});

describe('GET /healthz and other routes', () => {
  it('answers 200 while serving, 404 for unknown paths and 405 for wrong methods', async () => {
    const { call } = await start();
    expect(await call('GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await call('GET', '/nope')).toEqual({ status: 404, body: { error: 'no route /nope' } });
    expect(await call('GET', '/__proto__')).toEqual({ status: 404, body: { error: 'no route /__proto__' } });
    expect(await call('GET', '/')).toEqual({ status: 405, body: { error: '/ accepts POST only' } });
    expect(await call('GET', '/sweep')).toEqual({ status: 405, body: { error: '/sweep accepts POST only' } });
  });
});

describe('POST /sweep', () => {
  it('re-drives a RUNNING step whose lease expired and answers the report', async () => {
    const deps = fakeWorkerDeps({ flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({ status: 'RUNNING' }) }) });
    await deps.leases.acquire(RUN_ID, STEP_ID, 'crashed-worker', 1000);
    deps.clock.advance(5000);
    const { call } = await start(deps);
    const reply = await call('POST', '/sweep');
    expect(reply).toEqual({ status: 200, body: { examined: 1, actions: [{ runId: RUN_ID, stepId: STEP_ID, action: 'redriven', detail: 'SUCCEEDED' }] } });
    expect(deps.store.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
    expect(deps.log.named('sweep.finished')[0]?.fields).toMatchObject({ examined: 1, actions: { redriven: 1 } });
  });

  it('answers 500 when the leases cannot be listed', async () => {
    const deps = fakeWorkerDeps();
    deps.leases.listExpired = async () => {
      throw new Error('firestore down');
    };
    const { call } = await start(deps);
    expect(await call('POST', '/sweep')).toEqual({ status: 500, body: { error: { message: 'firestore down' } } });
  });
});

describe('shutdown', () => {
  it('lets a step in flight finish, refuses new work with 503 and reports healthz 503 meanwhile', async () => {
    const { deps, release, inner } = gatedWorkerDeps();
    const { server, postEvent, call } = await start(deps);
    const running = postEvent(eventFor(aFlowRun()));
    await waitFor(() => server.inFlightCount === 1);
    const stopping = server.shutdown(5000);
    expect(server.isDraining).toBe(true);
    // the listener is closed; a request on the already-open keep-alive socket is refused
    release();
    expect(await running).toMatchObject({ status: 200, body: { status: 'SUCCEEDED' } });
    expect(await stopping).toEqual({ drained: true, abandoned: 0 });
    expect(inner.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
    await expect(call('GET', '/healthz')).rejects.toThrow();
  });

  it('answers 503 to an event whose body completes while draining, before any Firestore read', async () => {
    const { deps, release } = gatedWorkerDeps();
    const { server, postEvent, port } = await start(deps);
    const first = postEvent(eventFor(aFlowRun()));
    await waitFor(() => server.inFlightCount === 1);
    const late = eventFor(aFlowRun(), 'evt-late');
    const { request: httpRequest } = await import('node:http');
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', method: 'POST', headers: late.headers });
    const lateReply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    req.write(late.body.subarray(0, 10));
    await waitFor(() => server.inFlightCount === 2);
    const stopping = server.shutdown(5000);
    req.end(late.body.subarray(10));
    expect(await lateReply).toEqual({ status: 503, body: JSON.stringify({ error: 'shutting down' }) });
    release();
    expect(await first).toMatchObject({ status: 200, body: { status: 'SUCCEEDED' } });
    expect(await stopping).toEqual({ drained: true, abandoned: 0 });
    expect(deps.log.named('event.refused_draining')).toHaveLength(1);
    expect(deps.log.named('event.parsed')).toHaveLength(1);
  });

  it('gives up on a step that outlasts the grace period and reports it cut off', async () => {
    const { deps, release } = gatedWorkerDeps();
    const { server, postEvent } = await start(deps);
    const running = postEvent(eventFor(aFlowRun())).catch((error: unknown) => error);
    await waitFor(() => server.inFlightCount === 1);
    expect(await server.shutdown(50)).toEqual({ drained: false, abandoned: 1 });
    release();
    expect(String(await running)).toMatch(/fetch failed/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

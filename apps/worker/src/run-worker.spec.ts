import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { aFlowRun, RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { runWorker } from './run-worker.js';
import { binaryModeRequest, documentEventBytes } from '@worker-chart-export/testing';
import { gatedWorkerDeps } from './testing/gated-worker-deps.js';
import { fakeWorkerDeps } from './testing/index.js';

const config = { port: 0, host: '127.0.0.1', shutdownGraceMs: 5000, chartsApiMode: 'mock' as const, env: 'test' };

describe('runWorker', () => {
  it('logs its start and answers /healthz', async () => {
    const deps = fakeWorkerDeps();
    const signals = new EventEmitter();
    const worker = await runWorker({ config, log: deps.log, launcher: deps.launcher, signals, uptimeMs: () => 1234.4 });
    const health = await fetch(`http://127.0.0.1:${worker.address.port}/healthz`);
    expect(health.status).toBe(200);
    expect(deps.log.named('worker.started')[0]?.fields).toMatchObject({ port: worker.address.port, chartsApi: { mode: 'mock' }, startup_ms: 1234 });
    await worker.stop('test over');
  });

  it('names where PNGs, manifests and templates come from when they are local files', async () => {
    const deps = fakeWorkerDeps();
    const local = {
      ...config,
      bucket: 'charts-local',
      storage: { kind: 'local', dir: '.charts-out' },
      templates: { from: 'files', dir: 'chart-templates' },
    } as const;
    const worker = await runWorker({ config: local, log: deps.log, launcher: deps.launcher, signals: new EventEmitter() });
    expect(deps.log.named('worker.started')[0]?.message).toMatch(
      /\(CHARTS_API_MODE=mock, ENV=test, PNGs and manifests under \.charts-out\/charts-local, templates from chart-templates\)$/,
    );
    await worker.stop('test over');
  });

  it('on SIGTERM lets the running step finish, then releases the clients, flushes and exits 0', async () => {
    const { deps, release, inner } = gatedWorkerDeps();
    const signals = new EventEmitter();
    const order: string[] = [];
    const worker = await runWorker({
      config,
      log: Object.assign(deps.log, { flush: async () => void order.push('flush') }),
      launcher: deps.launcher,
      signals,
      release: async () => void order.push('release'),
      exit: (code) => void order.push(`exit ${code}`),
    });
    const path = `flow_runs/${RUN_ID}`;
    const request = binaryModeRequest({ path }, documentEventBytes({ path, value: aFlowRun() }));
    const reply = fetch(`http://127.0.0.1:${worker.address.port}/`, { method: 'POST', headers: request.headers, body: request.body });
    while (worker.server.inFlightCount === 0) await new Promise((r) => setTimeout(r, 5));
    signals.emit('SIGTERM');
    expect(signals.listenerCount('SIGINT')).toBe(0); // a second signal gets the default: immediate exit
    expect(worker.server.isDraining).toBe(true);
    // Draining takes no new connection: a health probe gets no answer while the step finishes.
    await expect(fetch(`http://127.0.0.1:${worker.address.port}/healthz`)).rejects.toThrow();
    expect(order).toEqual([]);
    release();
    expect((await reply).status).toBe(200);
    const report = await worker.stop('already stopping');
    expect(report).toEqual({ drained: true, abandoned: 0 });
    expect(order).toEqual(['release', 'flush', 'exit 0']);
    expect(inner.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
    expect(deps.log.named('worker.stopping')).toHaveLength(1);
    expect(deps.log.named('worker.stopped')[0]).toMatchObject({ severity: 'INFO', fields: { drained: true, abandoned: 0 } });
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
  });
});

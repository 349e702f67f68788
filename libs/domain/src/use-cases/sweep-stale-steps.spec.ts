import { describe, expect, it } from '@jest/globals';
import { aChartExportStep, aFlowRun, FakeClock, inMemoryStepRig, RUN_ID, STEP_ID } from '../testing/index.js';
import { SweepStaleSteps } from './sweep-stale-steps.js';

function harness(stepStatus: string, stepIds: readonly string[] = [STEP_ID]) {
  const { clock, flowRuns, leases, chartApi, blobs, log, useCase } = inMemoryStepRig({
    clock: new FakeClock('2025-12-15T10:30:00Z'),
    flowRun: aFlowRun(Object.fromEntries(stepIds.map((id) => [id, aChartExportStep({ status: stepStatus })]))),
    owner: 'sweeper',
  });
  const deps = { leases, flowRuns, clock, log, runStep: useCase };
  const sweeper = new SweepStaleSteps(deps, { maxAttempts: 3, batchSize: 10 });
  return { clock, flowRuns, leases, chartApi, sweeper, blobs, deps };
}

describe('SweepStaleSteps', () => {
  it('re-drives a RUNNING step whose lease expired, reusing nothing it did not store, and finishes it', async () => {
    const h = harness('RUNNING');
    await h.leases.acquire(RUN_ID, STEP_ID, 'killed-worker', 60_000);
    h.clock.advance(61_000);
    const report = await h.sweeper.sweep();
    expect(report.actions).toEqual([{ runId: RUN_ID, stepId: STEP_ID, action: 'redriven', detail: 'SUCCEEDED' }]);
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
    expect(h.chartApi.calls).toHaveLength(1);
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
  });

  it('leaves unexpired leases alone', async () => {
    const h = harness('RUNNING');
    await h.leases.acquire(RUN_ID, STEP_ID, 'live-worker', 60_000);
    h.clock.advance(59_000);
    expect((await h.sweeper.sweep()).examined).toBe(0);
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('RUNNING');
  });

  it('fails the step with STEP_LEASE_EXHAUSTED once the attempts are used up', async () => {
    const h = harness('RUNNING');
    for (let i = 0; i < 3; i++) {
      const { lease } = await h.leases.acquire(RUN_ID, STEP_ID, `w${i}`, 1_000);
      await h.leases.record(RUN_ID, STEP_ID, lease, {
        usage: { calls: 1, succeeded: 0, failed: 1, replayed: 0, byAccount: { acc1: { calls: 1, succeeded: 0, failed: 1 } } },
      });
      h.clock.advance(2_000);
    }
    const report = await h.sweeper.sweep();
    expect(report.actions[0]?.action).toBe('failed');
    expect(h.flowRuns.step(RUN_ID, STEP_ID)).toMatchObject({
      status: 'FAILED',
      error: { code: 'STEP_LEASE_EXHAUSTED' },
      outputs: { usage: { calls: 3, failed: 3, byAccount: { acc1: { calls: 3, succeeded: 0, failed: 3 } } } },
    });
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
    expect(h.chartApi.calls).toHaveLength(0);
  });

  it('drops the lease of a step that already finished', async () => {
    const h = harness('SUCCEEDED');
    await h.leases.acquire(RUN_ID, STEP_ID, 'w', 1_000);
    h.clock.advance(2_000);
    expect((await h.sweeper.sweep()).actions[0]?.action).toBe('closed');
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
  });

  it('runs a step that is still READY (a worker died between lease and claim)', async () => {
    const h = harness('READY');
    await h.leases.acquire(RUN_ID, STEP_ID, 'w', 1_000);
    h.clock.advance(2_000);
    expect((await h.sweeper.sweep()).actions[0]).toMatchObject({ action: 'ran', detail: 'SUCCEEDED' });
  });

  it('settles expired leases a few at a time, not one after another', async () => {
    const stepIds = ['charts:a', 'charts:b', 'charts:c'];
    const h = harness('RUNNING', stepIds);
    for (const stepId of stepIds) await h.leases.acquire(RUN_ID, stepId, 'killed-worker', 1_000);
    h.clock.advance(2_000);
    let inFlight = 0;
    let peak = 0;
    h.blobs.beforePut = async (blob) => {
      if (blob.contentType !== 'image/png') return;
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
    };
    const report = await h.sweeper.sweep();
    expect(report.actions.map((a) => a.action)).toEqual(['redriven', 'redriven', 'redriven']);
    expect(peak).toBe(3);
  });

  it('starts no re-drive that could outlast its budget: what does not fit is left for the next sweep', async () => {
    const stepIds = ['charts:a', 'charts:b', 'charts:c'];
    const h = harness('RUNNING', stepIds);
    for (const stepId of stepIds) await h.leases.acquire(RUN_ID, stepId, 'killed-worker', 1_000);
    h.clock.advance(2_000);
    const sweeper = new SweepStaleSteps(h.deps, { maxAttempts: 3, batchSize: 10, concurrency: 1 });
    // Each re-drive takes 200 s here; a budget of 600 s fits two of them (step deadline 240 s + margin each).
    h.blobs.beforePut = async (blob) => {
      if (blob.contentType === 'image/png') await h.clock.sleep(200_000);
    };
    const first = await sweeper.sweep({ budgetMs: 600_000 });
    expect(first.actions.map((a) => a.action)).toEqual(['redriven', 'redriven', 'deferred']);
    h.blobs.beforePut = async () => undefined;
    const next = await sweeper.sweep({ budgetMs: 600_000 });
    expect(next.actions).toEqual([{ runId: RUN_ID, stepId: 'charts:c', action: 'redriven', detail: 'SUCCEEDED' }]);
  });

  it("keeps room for a dead worker's locks: a budget of the step deadline plus a minute starts no settle", async () => {
    // Taking a lease over waits while a worker that died inside a transaction still holds its locks, which the
    // database releases about a minute after that worker's last request.
    const h = harness('RUNNING');
    await h.leases.acquire(RUN_ID, STEP_ID, 'killed-worker', 1_000);
    h.clock.advance(2_000);
    const sweeper = new SweepStaleSteps(h.deps, { maxAttempts: 3, batchSize: 10 });
    const deadlineMs = h.deps.runStep.settings.stepDeadlineMs;
    const tight = await sweeper.sweep({ budgetMs: deadlineMs + 60_000 });
    expect(tight.actions).toEqual([{ runId: RUN_ID, stepId: STEP_ID, action: 'deferred', detail: 'left for the next sweep' }]);
    const roomy = await sweeper.sweep({ budgetMs: deadlineMs + 75_000 });
    expect(roomy.actions).toEqual([{ runId: RUN_ID, stepId: STEP_ID, action: 'redriven', detail: 'SUCCEEDED' }]);
  });
});

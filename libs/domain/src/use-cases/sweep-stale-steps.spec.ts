import { describe, expect, it } from '@jest/globals';
import {
  aChartExportStep,
  aFlowRun,
  aTemplate,
  FakeAccountPool,
  FakeClock,
  InMemoryBlobStore,
  InMemoryFlowRunStore,
  InMemoryStepLeaseStore,
  MapTemplateRepo,
  RecordingEventLog,
  RUN_ID,
  ScriptedChartApi,
  STEP_ID,
} from '../testing/index.js';
import { RunChartExportStep } from './run-chart-export-step.js';
import { DEFAULT_CHART_EXPORT_SETTINGS } from './run-chart-export-step.types.js';
import { SweepStaleSteps } from './sweep-stale-steps.js';

function harness(stepStatus: string) {
  const clock = new FakeClock('2025-12-15T10:30:00Z');
  const flowRuns = new InMemoryFlowRunStore(aFlowRun({ [STEP_ID]: aChartExportStep({ status: stepStatus }) }));
  const leases = new InMemoryStepLeaseStore();
  const chartApi = new ScriptedChartApi();
  const log = new RecordingEventLog();
  const blobs = new InMemoryBlobStore();
  const runStep = new RunChartExportStep(
    {
      flowRuns,
      templates: new MapTemplateRepo({ ctpl_price_ma1226_vol_v1: aTemplate('ctpl_price_ma1226_vol_v1') }),
      blobs,
      chartApi,
      accounts: new FakeAccountPool([{ id: 'acc1' }], clock),
      leases,
      clock,
      log,
      owner: 'sweeper',
    },
    { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: 'b' },
  );
  const sweeper = new SweepStaleSteps({ leases, flowRuns, clock, log, runStep }, { maxAttempts: 3, batchSize: 10 });
  return { clock, flowRuns, leases, chartApi, sweeper, blobs };
}

describe('SweepStaleSteps', () => {
  it('re-drives a RUNNING step whose lease expired, reusing nothing it did not store, and finishes it', async () => {
    const h = harness('RUNNING');
    await h.leases.acquire(RUN_ID, STEP_ID, 'killed-worker', new Date('2025-12-15T10:00:00Z'), 60_000);
    const report = await h.sweeper.sweep();
    expect(report.actions).toEqual([{ runId: RUN_ID, stepId: STEP_ID, action: 'redriven', detail: 'SUCCEEDED' }]);
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
    expect(h.chartApi.calls).toHaveLength(1);
    expect(h.leases.leases.size).toBe(0);
  });

  it('leaves unexpired leases alone', async () => {
    const h = harness('RUNNING');
    await h.leases.acquire(RUN_ID, STEP_ID, 'live-worker', h.clock.now(), 60_000);
    expect((await h.sweeper.sweep()).examined).toBe(0);
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('RUNNING');
  });

  it('fails the step with STEP_LEASE_EXHAUSTED once the attempts are used up', async () => {
    const h = harness('RUNNING');
    for (let i = 0; i < 3; i++) await h.leases.acquire(RUN_ID, STEP_ID, `w${i}`, new Date(Date.parse('2025-12-15T10:00:00Z') + i * 2_000), 1_000);
    const report = await h.sweeper.sweep();
    expect(report.actions[0]?.action).toBe('failed');
    expect(h.flowRuns.step(RUN_ID, STEP_ID)).toMatchObject({ status: 'FAILED', error: { code: 'STEP_LEASE_EXHAUSTED' } });
    expect(h.chartApi.calls).toHaveLength(0);
  });

  it('drops the lease of a step that already finished', async () => {
    const h = harness('SUCCEEDED');
    await h.leases.acquire(RUN_ID, STEP_ID, 'w', new Date('2025-12-15T10:00:00Z'), 1_000);
    expect((await h.sweeper.sweep()).actions[0]?.action).toBe('closed');
    expect(h.leases.leases.size).toBe(0);
  });

  it('runs a step that is still READY (a worker died between lease and claim)', async () => {
    const h = harness('READY');
    await h.leases.acquire(RUN_ID, STEP_ID, 'w', new Date('2025-12-15T10:00:00Z'), 1_000);
    expect((await h.sweeper.sweep()).actions[0]).toMatchObject({ action: 'ran', detail: 'SUCCEEDED' });
  });
});

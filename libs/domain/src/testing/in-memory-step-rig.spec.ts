import { describe, expect, it } from '@jest/globals';
import { LOG_EVENTS } from '../use-cases/log-events.js';
import { aChartExportStep, aFlowRun, requestsFor, RUN_ID, STEP_ID } from './builders.js';
import { FakeClock } from './fake-clock.js';
import { InMemoryAccountPool } from './in-memory-account-pool.js';
import { inMemoryStepRig } from './in-memory-step-rig.js';
import { jsonError, ScriptedChartApi } from './scripted-chart-api.js';

describe('inMemoryStepRig', () => {
  it('runs the default flow_run to SUCCEEDED on its own fakes, each one open to inspection', async () => {
    const rig = inMemoryStepRig();

    const result = await rig.run();

    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      itemsCount: 1,
      outputsManifestGcsUri: `gs://ARTIFACTS_BUCKET/charts/${RUN_ID}/${STEP_ID}/manifest.json`,
    });
    expect(rig.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
    expect(rig.chartApi.calls.map((call) => call.accountId)).toEqual(['acc1']);
    expect(rig.accounts.reservations).toEqual(['acc1']);
    expect(rig.blobs.paths().filter((path) => path.endsWith('.png'))).toHaveLength(1);
    expect(rig.log.named(LOG_EVENTS.stepCompleted)).toHaveLength(1);
    await expect(rig.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
    expect(rig.clock.now().toISOString()).toBe('2025-12-15T10:26:12.000Z');
  });

  it('holds the given flow_run and a template for each chart it requests', async () => {
    const rig = inMemoryStepRig({ flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 3, requests: requestsFor(3) }) }) });

    expect(await rig.run()).toMatchObject({ status: 'SUCCEEDED', itemsCount: 3, failuresCount: 0 });
    expect(rig.chartApi.calls.map((call) => call.call.chartTemplateId)).toEqual(['ctpl_t1_v1', 'ctpl_t2_v1', 'ctpl_t3_v1']);
  });

  it('wires the parts and settings it is given instead of its own', async () => {
    const clock = new FakeClock('2026-01-02T03:04:05Z');
    const accounts = new InMemoryAccountPool([{ id: 'given' }], clock);
    const chartApi = new ScriptedChartApi(() => jsonError(422, 'Invalid Symbol'));
    const rig = inMemoryStepRig({ clock, accounts, chartApi, owner: 'rig-spec', settings: { bucket: 'given-bucket' } });

    const result = await rig.run();

    expect(rig.clock).toBe(clock);
    expect(rig.accounts).toBe(accounts);
    expect(rig.chartApi).toBe(chartApi);
    expect(result).toMatchObject({ status: 'FAILED', outputsManifestGcsUri: `gs://given-bucket/charts/${RUN_ID}/${STEP_ID}/manifest.json` });
    expect(accounts.reservations).toEqual(['given']);
    expect(rig.deps.owner).toBe('rig-spec');
    expect(rig.flowRuns.step(RUN_ID, STEP_ID)?.['finishedAt']).toBe('2026-01-02T03:04:05Z');
  });
});

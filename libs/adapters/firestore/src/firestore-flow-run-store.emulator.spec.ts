import { expect, it } from '@jest/globals';
import { validateFlowRun, type StepFinalization } from '@worker-chart-export/domain';
import { aChartExportStep, aFlowRun, RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreFlowRunStore } from './firestore-flow-run-store.js';
import { FirestoreStepLeaseStore } from './firestore-step-lease-store.js';

const OTHER_STEP = 'ohlcv:1M';
const ohlcvStep = (status: string) => aChartExportStep({ stepType: 'OHLCV_EXPORT', status });

describeWithFirestoreEmulator('FirestoreFlowRunStore', () => {
  const emulator = useEmulatorFirestore('flow-run-store');
  const doc = () => emulator.db().collection('flow_runs').doc(RUN_ID);
  const store = () => new FirestoreFlowRunStore(emulator.db());

  async function seed(steps: Record<string, unknown> = { [STEP_ID]: aChartExportStep() }): Promise<void> {
    await doc().set(aFlowRun(steps));
  }

  const updateTime = async () => (await doc().get()).updateTime?.valueOf();

  async function stored(): Promise<Record<string, unknown>> {
    return (await doc().get()).data() as Record<string, unknown>;
  }

  function expectSchemaValid(value: unknown): void {
    const result = validateFlowRun(value);
    expect(result.ok ? [] : result.issues).toEqual([]);
  }

  const succeeded: StepFinalization = {
    status: 'SUCCEEDED',
    finishedAt: new Date('2025-12-15T10:27:01.250Z'),
    outputs: { outputsManifestGcsUri: `gs://charts/charts/${RUN_ID}/${STEP_ID}/manifest.json` },
  };

  it('loads the document, or undefined when it is absent', async () => {
    await expect(store().load(RUN_ID)).resolves.toBeUndefined();
    await seed();
    await expect(store().load(RUN_ID)).resolves.toEqual(aFlowRun());
  });

  it('claims a READY step: RUNNING and updatedAt written as RFC 3339 strings, the rest untouched', async () => {
    await seed({ [STEP_ID]: aChartExportStep(), [OTHER_STEP]: ohlcvStep('SUCCEEDED') });

    await expect(store().claim(RUN_ID, STEP_ID, new Date('2025-12-15T10:26:12.900Z'))).resolves.toEqual({ type: 'claimed' });

    const expected = aFlowRun({
      [STEP_ID]: aChartExportStep({ status: 'RUNNING' }),
      [OTHER_STEP]: ohlcvStep('SUCCEEDED'),
    });
    expect(await stored()).toEqual({ ...expected, updatedAt: '2025-12-15T10:26:12Z' });
    expectSchemaValid(await stored());
  });

  it('lets exactly one of 20 concurrent claims of one READY step win', async () => {
    await seed();
    const at = new Date('2025-12-15T10:26:12Z');

    const results = await Promise.all(Array.from({ length: 20 }, () => store().claim(RUN_ID, STEP_ID, at)));

    expect(results.filter((result) => result.type === 'claimed')).toHaveLength(1);
    expect(results.filter((result) => result.type === 'not-ready')).toEqual(Array.from({ length: 19 }, () => ({ type: 'not-ready', status: 'RUNNING' })));
  });

  it('claims two READY steps of one run concurrently, each exactly once', async () => {
    await seed({ [STEP_ID]: aChartExportStep(), 'charts:1w:other': aChartExportStep() });
    const at = new Date('2025-12-15T10:26:12Z');

    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => store().claim(RUN_ID, i % 2 === 0 ? STEP_ID : 'charts:1w:other', at)));

    expect(results.filter((result) => result.type === 'claimed')).toHaveLength(2);
    const steps = (await stored())['steps'] as Record<string, { status: string }>;
    expect([steps[STEP_ID]?.status, steps['charts:1w:other']?.status]).toEqual(['RUNNING', 'RUNNING']);
  });

  it('gives no claim for a step that is not READY, is missing, or whose run is missing', async () => {
    await seed({ [STEP_ID]: aChartExportStep({ status: 'PENDING' }) });
    const before = await updateTime();
    const at = new Date('2025-12-15T10:26:12Z');

    await expect(store().claim(RUN_ID, STEP_ID, at)).resolves.toEqual({ type: 'not-ready', status: 'PENDING' });
    await expect(store().claim(RUN_ID, 'charts:missing', at)).resolves.toEqual({ type: 'not-ready', status: undefined });
    await expect(store().claim('20251215-000000_ETHUSDT_aaaa', STEP_ID, at)).resolves.toEqual({
      type: 'not-ready',
      status: undefined,
    });
    expect(await updateTime()).toBe(before);
  });

  it('finalizes a RUNNING step as SUCCEEDED with finishedAt, outputs and no error, keeping the document valid', async () => {
    await seed({
      [STEP_ID]: aChartExportStep({ status: 'RUNNING', error: { code: 'OLD', message: 'from an earlier attempt' } }),
      [OTHER_STEP]: ohlcvStep('READY'),
    });

    await expect(store().finalize(RUN_ID, STEP_ID, succeeded)).resolves.toEqual({ type: 'written' });

    const expected = aFlowRun({
      [STEP_ID]: aChartExportStep({ status: 'SUCCEEDED', finishedAt: '2025-12-15T10:27:01Z', outputs: succeeded.outputs }),
      [OTHER_STEP]: ohlcvStep('READY'),
    });
    expect(await stored()).toEqual({ ...expected, updatedAt: '2025-12-15T10:27:01Z' });
    expectSchemaValid(await stored());
  });

  it('finalizes a RUNNING step as FAILED with the step error, keeping the document valid', async () => {
    await seed({ [STEP_ID]: aChartExportStep({ status: 'RUNNING' }) });
    const error = { code: 'CHART_API_FAILED', message: '1 of 3 charts rendered, minImages=2', details: { CHART_API_FAILED: 2 } };

    await store().finalize(RUN_ID, STEP_ID, { ...succeeded, status: 'FAILED', error });

    const step = ((await stored())['steps'] as Record<string, Record<string, unknown>>)[STEP_ID];
    expect(step).toMatchObject({ status: 'FAILED', error, finishedAt: '2025-12-15T10:27:01Z' });
    expectSchemaValid(await stored());
  });

  it('writes once when finalize is repeated: the second is unchanged and the update time stays', async () => {
    await seed({ [STEP_ID]: aChartExportStep({ status: 'RUNNING' }) });
    await store().finalize(RUN_ID, STEP_ID, succeeded);
    const afterFirst = await updateTime();

    const second = await store().finalize(RUN_ID, STEP_ID, { ...succeeded, status: 'FAILED', finishedAt: new Date() });

    expect(second).toEqual({ type: 'unchanged', status: 'SUCCEEDED' });
    expect(afterFirst).toBeDefined();
    expect(await updateTime()).toBe(afterFirst);
  });

  it('never finalizes a step that was not claimed', async () => {
    await seed({ [STEP_ID]: aChartExportStep({ status: 'READY' }) });

    await expect(store().finalize(RUN_ID, STEP_ID, succeeded)).resolves.toEqual({ type: 'unchanged', status: 'READY' });
    expect(await stored()).toEqual(aFlowRun());
  });

  it('lets one of several concurrent finalizers write', async () => {
    await seed({ [STEP_ID]: aChartExportStep({ status: 'RUNNING' }) });

    const results = await Promise.all(Array.from({ length: 5 }, () => store().finalize(RUN_ID, STEP_ID, succeeded)));

    expect(results.filter((result) => result.type === 'written')).toHaveLength(1);
  });

  it("finalizes with a fence only while the step's lease is that owner's and attempt's, in one transaction", async () => {
    await seed({ [STEP_ID]: aChartExportStep({ status: 'RUNNING' }) });
    const leases = new FirestoreStepLeaseStore(emulator.db());
    const acquired = await leases.acquire(RUN_ID, STEP_ID, 'worker-a#1', 60_000);
    const fence = { owner: acquired.lease.owner, attempt: acquired.lease.attempt };
    const before = await updateTime();

    await expect(store().finalize(RUN_ID, STEP_ID, succeeded, { owner: 'worker-b#1', attempt: 1 })).resolves.toEqual({ type: 'fenced' });
    await expect(store().finalize(RUN_ID, STEP_ID, succeeded, { ...fence, attempt: 2 })).resolves.toEqual({ type: 'fenced' });
    expect(await updateTime()).toBe(before);
    await expect(store().finalize(RUN_ID, STEP_ID, succeeded, fence)).resolves.toEqual({ type: 'written' });
    expect(((await stored())['steps'] as Record<string, Record<string, unknown>>)[STEP_ID]?.['status']).toBe('SUCCEEDED');
  });

  it('refuses a fenced finalize once the lease is gone', async () => {
    await seed({ [STEP_ID]: aChartExportStep({ status: 'RUNNING' }) });
    await expect(store().finalize(RUN_ID, STEP_ID, succeeded, { owner: 'worker-a#1', attempt: 1 })).resolves.toEqual({ type: 'fenced' });
    expect(((await stored())['steps'] as Record<string, Record<string, unknown>>)[STEP_ID]?.['status']).toBe('RUNNING');
  });
});

import type { FlowRunStore, StepFinalization } from '../ports/flow-run-store.js';
import type { StepLeaseStore } from '../ports/step-lease-store.js';
import { aChartExportStep, aFlowRun, RUN_ID } from './builders.js';
import { contractGlobals, withFresh } from './contract-globals.js';

/**
 * What a contract run needs from an adapter: a store holding exactly `document` (as `flow_runs/{runId}`, or the
 * one file), and, for a store that checks fences itself, the lease store it checks them against.
 */
export type FlowRunStoreFactory = (document: Record<string, unknown>) => Promise<{
  store: FlowRunStore;
  /** The leases the store's fenced finalize reads; absent for a store that passes the fence over. */
  leases?: StepLeaseStore;
  dispose?: () => Promise<void>;
}>;

type Doc = Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };

const READY = 'charts:1h:all_templates';
const RUNNING = 'charts:4h:all_templates';
const DONE = 'charts:1d:all_templates';
const ODD = 'charts:1w:all_templates';
const UPSTREAM = 'ohlcv_export:1h';
const MANIFEST_URI = `gs://charts-local/charts/${RUN_ID}/${RUNNING}/manifest.json`;
const USAGE = { calls: 3, succeeded: 2, failed: 1, replayed: 0, byAccount: { 'acc-1': { calls: 3, succeeded: 2, failed: 1 } } };

const chartStep = (status: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  aChartExportStep(
    { status, timeframe: '1h', dependsOn: [UPSTREAM], ...extra },
    { requests: [{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }, { chartTemplateId: 'ctpl_price_psar_adi_v1' }] },
  );

/** A flow_run with a step in every situation the contract exercises. */
function aDocument(): Doc {
  const steps = {
    [UPSTREAM]: { stepType: 'OHLCV_EXPORT', status: 'SUCCEEDED', outputs: { gcs_uri: 'gs://charts-local/ohlcv/x.json' }, finishedAt: '2025-12-15T10:25:45Z' },
    [READY]: chartStep('READY'),
    [RUNNING]: chartStep('RUNNING', { outputs: { note: 'kept' }, error: { code: 'STALE', message: 'from an earlier attempt' } }),
    [DONE]: chartStep('SUCCEEDED', { finishedAt: '2025-12-15T10:20:00Z', outputs: { outputsManifestGcsUri: 'gs://charts-local/done.json' } }),
    [ODD]: chartStep('PAUSED'),
  };
  return aFlowRun(steps, { updatedAt: '2025-12-15T10:25:46Z' }) as Doc;
}

const succeeded = (finishedAt = '2025-12-15T10:26:15.512Z'): StepFinalization => ({
  status: 'SUCCEEDED',
  finishedAt: new Date(finishedAt),
  outputs: { outputsManifestGcsUri: MANIFEST_URI, usage: USAGE },
});

const failed = (finishedAt = '2025-12-15T10:26:20Z'): StepFinalization => ({
  status: 'FAILED',
  finishedAt: new Date(finishedAt),
  outputs: { usage: USAGE },
  error: { code: 'CHART_API_FAILED', message: '1 of 2 charts rendered, minImages=2', details: { failures: 1 } },
});

/** `doc` with one step changed and `updatedAt` set, as a claim or finalize leaves it. */
function withStep(doc: Doc, stepId: string, change: (step: Record<string, unknown>) => void, updatedAt: string): Doc {
  const copy = structuredClone(doc);
  const step = copy.steps[stepId];
  if (step === undefined) throw new Error(`no step ${stepId}`);
  change(step);
  copy['updatedAt'] = updatedAt;
  return copy;
}

/** The document after `succeeded()` finalized the RUNNING step. */
const finalizedRunning = (): Doc =>
  withStep(
    aDocument(),
    RUNNING,
    (step) => {
      step['status'] = 'SUCCEEDED';
      step['finishedAt'] = '2025-12-15T10:26:15Z';
      step['outputs'] = { note: 'kept', outputsManifestGcsUri: MANIFEST_URI, usage: USAGE };
      delete step['error'];
    },
    '2025-12-15T10:26:15Z',
  );

/**
 * The behaviour every {@link FlowRunStore} shares, as a jest suite: load, claim and finalize as the port states
 * them, atomic moves, and the fence where the store checks it.
 */
export function describeFlowRunStoreContract(name: string, factory: FlowRunStoreFactory): void {
  const { describe, it, expect } = contractGlobals('describeFlowRunStoreContract');
  const fresh = () => factory(aDocument());
  const withStore = (body: (subject: Awaited<ReturnType<FlowRunStoreFactory>>) => Promise<void>) => withFresh(fresh, body);

  describe(`${name} (FlowRunStore contract)`, () => {
    it(
      'loads a copy of the document; another run id, or one no document can have, is undefined',
      withStore(async ({ store }) => {
        const loaded = (await store.load(RUN_ID)) as Doc;
        expect(loaded).toEqual(aDocument());

        (loaded.steps[READY] as Record<string, unknown>)['status'] = 'CHANGED';
        await expect(store.load(RUN_ID)).resolves.toEqual(aDocument());
        await expect(store.load('20251215-102530_BTCUSDT_other')).resolves.toBeUndefined();
        await expect(store.load(`${RUN_ID}/steps`)).resolves.toBeUndefined();
      }),
    );

    it(
      'claims a READY step: RUNNING and updatedAt, nothing else changes',
      withStore(async ({ store }) => {
        await expect(store.claim(RUN_ID, READY, new Date('2025-12-15T10:26:12.345Z'))).resolves.toEqual({ type: 'claimed' });

        await expect(store.load(RUN_ID)).resolves.toEqual(withStep(aDocument(), READY, (step) => (step['status'] = 'RUNNING'), '2025-12-15T10:26:12Z'));
      }),
    );

    it(
      'answers not-ready with the status of a step that is not READY, changing nothing',
      withStore(async ({ store }) => {
        const at = new Date('2025-12-15T10:26:12Z');
        await expect(store.claim(RUN_ID, RUNNING, at)).resolves.toEqual({ type: 'not-ready', status: 'RUNNING' });
        await expect(store.claim(RUN_ID, DONE, at)).resolves.toEqual({ type: 'not-ready', status: 'SUCCEEDED' });
        await expect(store.claim(RUN_ID, ODD, at)).resolves.toEqual({ type: 'not-ready', status: undefined });
        await expect(store.claim(RUN_ID, 'charts:1h:missing', at)).resolves.toEqual({ type: 'not-ready', status: undefined });
        await expect(store.claim('20251215-102530_BTCUSDT_other', READY, at)).resolves.toEqual({ type: 'not-ready', status: undefined });

        await expect(store.load(RUN_ID)).resolves.toEqual(aDocument());
      }),
    );

    it(
      'lets exactly one of concurrent claims of a step win',
      withStore(async ({ store }) => {
        const at = new Date('2025-12-15T10:26:12Z');
        const results = await Promise.all(Array.from({ length: 5 }, () => store.claim(RUN_ID, READY, at)));

        expect(results.filter((result) => result.type === 'claimed')).toHaveLength(1);
        expect(results.filter((result) => result.type === 'not-ready' && result.status === 'RUNNING')).toHaveLength(4);
      }),
    );

    it(
      'finalizes a RUNNING step: status, finishedAt, outputs set key by key, error removed, updatedAt',
      withStore(async ({ store }) => {
        await expect(store.finalize(RUN_ID, RUNNING, succeeded())).resolves.toEqual({ type: 'written' });

        await expect(store.load(RUN_ID)).resolves.toEqual(finalizedRunning());
      }),
    );

    it(
      'finalizes FAILED with the error object',
      withStore(async ({ store }) => {
        await expect(store.finalize(RUN_ID, RUNNING, failed())).resolves.toEqual({ type: 'written' });

        const step = ((await store.load(RUN_ID)) as Doc).steps[RUNNING];
        expect(step).toMatchObject({ status: 'FAILED', finishedAt: '2025-12-15T10:26:20Z', error: failed().error as Record<string, unknown> });
        expect(step?.['outputs']).toEqual({ note: 'kept', usage: USAGE });
      }),
    );

    it(
      'leaves a finalized step as it is when finalized again: unchanged with its status',
      withStore(async ({ store }) => {
        await store.finalize(RUN_ID, RUNNING, succeeded());

        await expect(store.finalize(RUN_ID, RUNNING, failed('2025-12-15T10:30:00Z'))).resolves.toEqual({ type: 'unchanged', status: 'SUCCEEDED' });
        await expect(store.finalize(RUN_ID, RUNNING, succeeded('2025-12-15T10:31:00Z'))).resolves.toEqual({ type: 'unchanged', status: 'SUCCEEDED' });
        await expect(store.load(RUN_ID)).resolves.toEqual(finalizedRunning());
      }),
    );

    it(
      'finalizes nothing that is not RUNNING: unchanged with the status, or undefined for no step',
      withStore(async ({ store }) => {
        await expect(store.finalize(RUN_ID, READY, succeeded())).resolves.toEqual({ type: 'unchanged', status: 'READY' });
        await expect(store.finalize(RUN_ID, ODD, succeeded())).resolves.toEqual({ type: 'unchanged', status: undefined });
        await expect(store.finalize(RUN_ID, 'charts:1h:missing', succeeded())).resolves.toEqual({ type: 'unchanged', status: undefined });
        await expect(store.finalize('20251215-102530_BTCUSDT_other', RUNNING, succeeded())).resolves.toEqual({ type: 'unchanged', status: undefined });

        await expect(store.load(RUN_ID)).resolves.toEqual(aDocument());
      }),
    );

    it(
      'lets exactly one of concurrent finalizes of a step write',
      withStore(async ({ store }) => {
        const results = await Promise.all([
          store.finalize(RUN_ID, RUNNING, succeeded()),
          store.finalize(RUN_ID, RUNNING, failed()),
          store.finalize(RUN_ID, RUNNING, succeeded()),
        ]);

        expect(results.filter((result) => result.type === 'written')).toHaveLength(1);
        const status = (((await store.load(RUN_ID)) as Doc).steps[RUNNING] as Record<string, unknown>)['status'];
        expect(results.filter((result) => result.type === 'unchanged')).toEqual([
          { type: 'unchanged', status },
          { type: 'unchanged', status },
        ]);
      }),
    );

    it(
      'takes a step from READY through RUNNING to its outcome',
      withStore(async ({ store }) => {
        await store.claim(RUN_ID, READY, new Date('2025-12-15T10:26:12Z'));
        await expect(store.finalize(RUN_ID, READY, failed())).resolves.toEqual({ type: 'written' });

        const loaded = (await store.load(RUN_ID)) as Doc;
        expect(loaded.steps[READY]).toMatchObject({ status: 'FAILED', error: { code: 'CHART_API_FAILED' } });
        expect(loaded['updatedAt']).toBe('2025-12-15T10:26:20Z');
      }),
    );

    it(
      "with a fence: writes only for the lease's owner and attempt (or, without its own lease check, as unfenced)",
      withFresh(fresh, async ({ store, leases }) => {
        if (leases === undefined) {
          await expect(store.finalize(RUN_ID, RUNNING, succeeded(), { owner: 'anyone', attempt: 7 })).resolves.toEqual({ type: 'written' });
          await expect(store.load(RUN_ID)).resolves.toEqual(finalizedRunning());
          return;
        }
        const acquired = await leases.acquire(RUN_ID, RUNNING, 'worker-a', 60_000);
        if (acquired.type !== 'acquired') throw new Error('the contract needs an empty lease store');

        await expect(store.finalize(RUN_ID, RUNNING, succeeded(), { owner: 'worker-b', attempt: 1 })).resolves.toEqual({ type: 'fenced' });
        await expect(store.finalize(RUN_ID, RUNNING, succeeded(), { owner: 'worker-a', attempt: 2 })).resolves.toEqual({ type: 'fenced' });
        await expect(store.finalize(RUN_ID, DONE, succeeded(), { owner: 'worker-a', attempt: 1 })).resolves.toEqual({ type: 'fenced' });
        await expect(store.load(RUN_ID)).resolves.toEqual(aDocument());

        await expect(store.finalize(RUN_ID, RUNNING, succeeded(), { owner: 'worker-a', attempt: 1 })).resolves.toEqual({ type: 'written' });
        await expect(store.finalize(RUN_ID, RUNNING, failed(), { owner: 'worker-a', attempt: 1 })).resolves.toEqual({ type: 'unchanged', status: 'SUCCEEDED' });
        await expect(store.load(RUN_ID)).resolves.toEqual(finalizedRunning());
      }),
    );
  });
}

import { describe, expect, it } from '@jest/globals';
import type { ChartApiResponse } from '../ports/chart-api.js';
import { expectedManifest, flowRunReadyChartStep } from '../rules/__fixtures__/upstream-test-vectors.js';
import {
  aChartExportStep,
  aFlowRun,
  aTemplate,
  InMemoryAccountPool,
  FakeClock,
  type InMemoryStepLeaseStore,
  inMemoryStepRig,
  jsonError,
  MapTemplateRepo,
  okPng,
  requestsFor,
  RUN_ID,
  ScriptedChartApi,
  STEP_ID,
  type Responder,
} from '../testing/index.js';
import { RunChartExportStep } from './run-chart-export-step.js';
import { SweepStaleSteps } from './sweep-stale-steps.js';
import type { ChartExportSettings } from './run-chart-export-step.types.js';
import { LOG_EVENTS } from './log-events.js';

/** test_vectors/expected_flow_run_step_patch.json */
const expectedStepPatch = {
  stepId: 'charts:1M:ctpl_price_ma1226_vol_v1',
  expectedStepAfterSuccess: {
    status: 'SUCCEEDED',
    finishedAt: '2025-12-15T10:26:15Z',
    outputs: { outputsManifestGcsUri: 'gs://ARTIFACTS_BUCKET/charts/20251215-102530_BTCUSDT_k3f7a/charts:1M:ctpl_price_ma1226_vol_v1/manifest.json' },
  },
};

const SEED_TEMPLATE = {
  id: 'ctpl_price_ma1226_vol_v1',
  description: 'price + MA12/26 + Volume',
  chartImgSymbolTemplate: 'BINANCE:{symbol}',
  request: {
    height: 600,
    style: 'candle',
    theme: 'light',
    scale: 'regular',
    timezone: 'Etc/UTC',
    format: 'png',
    studies: [
      { name: 'Moving Average Double', input: { firstPeriods: 12, secondPeriods: 26, method: 'Simple' } },
      { name: 'Volume', forceOverlay: false },
    ],
  },
};

function harness(
  p: {
    flowRun?: Record<string, unknown>;
    templates?: Record<string, unknown>;
    responder?: Responder;
    mode?: 'real' | 'mock';
    replays?: (key: string) => ChartApiResponse | undefined;
    accounts?: ConstructorParameters<typeof InMemoryAccountPool>[0];
    usage?: ConstructorParameters<typeof InMemoryAccountPool>[2];
    settings?: Partial<ChartExportSettings>;
  } = {},
) {
  const clock = new FakeClock('2025-12-15T10:26:12Z');
  const replays = p.replays;
  return inMemoryStepRig({
    clock,
    flowRun: p.flowRun,
    templates: new MapTemplateRepo(p.templates ?? { [SEED_TEMPLATE.id]: SEED_TEMPLATE }),
    chartApi: new ScriptedChartApi(p.responder, p.mode ?? 'real', replays ? (call) => replays(call.fixtureKey) : undefined),
    accounts: new InMemoryAccountPool(p.accounts ?? [{ id: 'acc1' }, { id: 'acc2' }], clock, p.usage),
    settings: p.settings,
  });
}

const templatesFor = (count: number) => Object.fromEntries(requestsFor(count).map(({ chartTemplateId }) => [chartTemplateId, aTemplate(chartTemplateId)]));

describe('RunChartExportStep on the upstream READY test vector', () => {
  it('writes exactly the expected manifest and finishes the step as the expected patch says', async () => {
    const h = harness({ flowRun: flowRunReadyChartStep as unknown as Record<string, unknown> });
    const result = await h.run();

    expect(result.status).toBe('SUCCEEDED');
    const manifestKey = `ARTIFACTS_BUCKET/charts/${RUN_ID}/${STEP_ID}/manifest.json`;
    expect(h.blobs.json(manifestKey)).toEqual(expectedManifest);
    const step = h.flowRuns.step(RUN_ID, STEP_ID);
    expect(step?.['status']).toBe(expectedStepPatch.expectedStepAfterSuccess.status);
    expect((step?.['outputs'] as Record<string, unknown>)['outputsManifestGcsUri']).toBe(
      expectedStepPatch.expectedStepAfterSuccess.outputs.outputsManifestGcsUri,
    );
    expect(h.blobs.objects.get(`ARTIFACTS_BUCKET/charts/${RUN_ID}/${STEP_ID}/20251215-102612_BTCUSDT_1M_ctpl_price_ma1226_vol_v1.png`)?.contentType).toBe(
      'image/png',
    );
  });

  it('sends the template body with the injected symbol, interval and timezone', async () => {
    const h = harness();
    await h.run();
    expect(h.chartApi.calls).toHaveLength(1);
    expect(h.chartApi.calls[0]?.call.body).toMatchObject({ symbol: 'BINANCE:BTCUSDT', interval: '1M', timezone: 'Etc/UTC', style: 'candle' });
  });
});

describe('RunChartExportStep no-ops', () => {
  it('does nothing when the flow_run does not exist', async () => {
    const h = harness();
    const result = await h.useCase.execute({ runId: '20250101-000000_ETHUSDT_abc' });
    expect(result).toMatchObject({ status: 'NOOP', reason: 'flow-run-not-found' });
  });

  it('does nothing when no CHART_EXPORT step is READY', async () => {
    const h = harness({ flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({ status: 'PENDING' }) }) });
    expect(await h.run()).toMatchObject({ status: 'NOOP', reason: 'no-ready-step' });
    expect(h.flowRuns.writes).toBe(0);
  });

  it('does not run a step whose dependency has not SUCCEEDED', async () => {
    const h = harness({
      flowRun: aFlowRun({
        'ohlcv_export:1M': aChartExportStep({ stepType: 'OHLCV_EXPORT', status: 'RUNNING' }),
        [STEP_ID]: aChartExportStep({ dependsOn: ['ohlcv_export:1M'] }),
      }),
    });
    expect(await h.run()).toMatchObject({ status: 'NOOP', reason: 'dependencies-unmet' });
    expect(h.chartApi.calls).toHaveLength(0);
  });

  it('runs a step once: a second event finds it claimed and makes no call', async () => {
    const h = harness();
    expect((await h.run()).status).toBe('SUCCEEDED');
    const again = await h.run(STEP_ID);
    expect(again).toMatchObject({ status: 'NOOP', reason: 'step-not-ready' });
    expect(h.chartApi.calls).toHaveLength(1);
  });

  it('adopts a step it finds RUNNING under its own live lease (its claim landed but the answer was lost)', async () => {
    const h = harness();
    const original = h.flowRuns.claim.bind(h.flowRuns);
    h.flowRuns.claim = async (runId, stepId, at) => {
      await original(runId, stepId, at);
      return original(runId, stepId, at);
    };
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(h.chartApi.calls).toHaveLength(1);
    expect(h.log.named(LOG_EVENTS.stepClaimAdopted)).toHaveLength(1);
  });

  it('runs a step once when two copies of its event reach the same process at once', async () => {
    const h = harness();
    const results = await Promise.all([h.run(), h.run()]);
    expect(results.map((r) => r.status).sort()).toEqual(['NOOP', 'SUCCEEDED']);
    expect(h.chartApi.calls).toHaveLength(1);
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
  });

  it('names a missing or non-CHART_EXPORT --step-id', async () => {
    const h = harness({ flowRun: aFlowRun({ [STEP_ID]: aChartExportStep(), other: aChartExportStep({ stepType: 'LLM_REPORT' }) }) });
    expect(await h.run('nope')).toMatchObject({ status: 'NOOP', reason: 'step-not-found' });
    expect(await h.run('other')).toMatchObject({ status: 'NOOP', reason: 'not-chart-export' });
  });
});

describe('RunChartExportStep validation', () => {
  it('fails a step with a slash in the symbol before any call, listing every request in the manifest', async () => {
    const h = harness({ flowRun: aFlowRun(undefined, { scope: { symbol: 'BTC/USDT' } }) });
    const result = await h.run();
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'VALIDATION_FAILED' } });
    expect(result.status !== 'NOOP' && result.error?.message).toContain('BTC/USDT');
    expect(h.chartApi.calls).toHaveLength(0);
    const manifest = h.blobs.json(`ARTIFACTS_BUCKET/charts/${RUN_ID}/${STEP_ID}/manifest.json`) as { failures: unknown[]; items: unknown[] };
    expect(manifest.items).toEqual([]);
    expect(manifest.failures).toHaveLength(1);
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('FAILED');
  });

  it('logs one WARNING per request of a step that fails validation as a whole, naming it', async () => {
    const h = harness({
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 1, requests: requestsFor(3) }) }, { scope: { symbol: 'BTC/USDT' } }),
    });
    expect(await h.run()).toMatchObject({ status: 'FAILED', error: { code: 'VALIDATION_FAILED' } });
    const named = h.log.named(LOG_EVENTS.requestInvalid);
    expect(named.map((e) => [e.severity, e.fields['chartTemplateId']])).toEqual([
      ['WARNING', 'ctpl_t1_v1'],
      ['WARNING', 'ctpl_t2_v1'],
      ['WARNING', 'ctpl_t3_v1'],
    ]);
    expect(named[1]?.message).toContain('"ctpl_t2_v1"');
  });

  it('fails a document whose runId field is not its id, writing only under the claimed id and nothing in the other run', async () => {
    const h = harness();
    const other = '20250101-000000_BTCUSDT_zzz';
    h.flowRuns.docs.set(other, { ...(structuredClone(h.flowRuns.docs.get(RUN_ID)) as object), runId: RUN_ID } as never);
    const result = await h.useCase.execute({ runId: other });
    expect(result).toMatchObject({ status: 'FAILED', runId: other, error: { code: 'VALIDATION_FAILED' } });
    expect(result.status !== 'NOOP' && result.error?.message).toContain(`does not match its document id "${other}"`);
    expect(h.flowRuns.docs.get(other)?.steps[STEP_ID]?.['status']).toBe('FAILED');
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('READY');
    expect(h.chartApi.calls).toHaveLength(0);
    expect(h.blobs.paths()).toEqual([]);
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
  });

  it('fails when minImages exceeds the number of requests', async () => {
    const h = harness({ flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 2 }) }) });
    const result = await h.run();
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'VALIDATION_FAILED' } });
    expect(h.chartApi.calls).toHaveLength(0);
  });

  it('fails an unmappable timeframe with no call made', async () => {
    const h = harness({ flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({ timeframe: '7m' }) }) });
    expect(await h.run()).toMatchObject({ status: 'FAILED', error: { code: 'VALIDATION_FAILED' } });
    expect(h.chartApi.calls).toHaveLength(0);
  });

  it('fails only the request whose template is missing or invalid, and still succeeds at minImages', async () => {
    const templates = templatesFor(3);
    delete templates['ctpl_t2_v1'];
    templates['ctpl_t3_v1'] = aTemplate('ctpl_t3_v1', { request: { studies: [{ name: 'Not A Study' }] } });
    const h = harness({
      templates,
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 1, requests: requestsFor(3) }) }),
    });
    const result = await h.run();
    expect(result).toMatchObject({ status: 'SUCCEEDED', itemsCount: 1, failuresCount: 2 });
    const manifest = result.status === 'SUCCEEDED' ? result.manifest : undefined;
    expect(manifest?.failures?.map((f) => [f.request.chartTemplateId, f.error.code])).toEqual([
      ['ctpl_t2_v1', 'VALIDATION_FAILED'],
      ['ctpl_t3_v1', 'VALIDATION_FAILED'],
    ]);
    expect(manifest?.failures?.[1]?.error.message).toContain('Not A Study');
    expect(h.log.named(LOG_EVENTS.requestFailed).map((e) => e.severity)).toEqual(['WARNING', 'WARNING']);
  });
});

describe('RunChartExportStep minImages outcome', () => {
  it('fails below minImages with the most common code and a counting message', async () => {
    const h = harness({
      templates: templatesFor(3),
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 2, requests: requestsFor(3) }) }),
      responder: (call) => (call.chartTemplateId === 'ctpl_t1_v1' ? okPng() : jsonError(422, 'Invalid Symbol')),
    });
    const result = await h.run();
    expect(result).toMatchObject({ status: 'FAILED', itemsCount: 1, failuresCount: 2, error: { code: 'CHART_API_FAILED' } });
    expect(result.status !== 'NOOP' && result.error?.message).toContain('1 of 3 charts rendered, minImages=2');
    const step = h.flowRuns.step(RUN_ID, STEP_ID);
    expect(step?.['status']).toBe('FAILED');
    expect((step?.['outputs'] as Record<string, unknown>)['outputsManifestGcsUri']).toMatch(/^gs:\/\/ARTIFACTS_BUCKET\/charts\/.+\/manifest\.json$/);
    expect(step?.['error']).toMatchObject({ code: 'CHART_API_FAILED' });
  });

  it('succeeds with minImages 0 even when every request failed', async () => {
    const h = harness({
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 0 }) }),
      responder: () => jsonError(422, 'Invalid Interval'),
    });
    expect(await h.run()).toMatchObject({ status: 'SUCCEEDED', itemsCount: 0, failuresCount: 1 });
  });
});

describe('RunChartExportStep against Chart-IMG failures', () => {
  it('switches account on 429 Limit Exceeded and marks the first exhausted', async () => {
    const h = harness({ responder: (_c, account) => (account.accountId === 'acc1' ? jsonError(429, 'Limit Exceeded') : okPng()) });
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(h.chartApi.calls.map((c) => c.accountId)).toEqual(['acc1', 'acc2']);
    expect(h.accounts.outcomes).toEqual([
      { accountId: 'acc1', outcome: { type: 'quota-exhausted' } },
      { accountId: 'acc2', outcome: { type: 'succeeded' } },
    ]);
  });

  it('waits out Too Many Requests honouring Retry-After, then succeeds', async () => {
    const h = harness({ responder: (_c, _a, attempt) => (attempt === 1 ? jsonError(429, 'Too Many Requests', 2_000) : okPng()) });
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(h.chartApi.calls).toHaveLength(2);
    expect(h.clock.sleeps).toEqual([2_000]);
  });

  it('makes exactly 3 attempts on a persistent 5xx, backing off between them', async () => {
    const h = harness({ responder: () => jsonError(500, 'Something Went Wrong') });
    const result = await h.run();
    expect(h.chartApi.calls).toHaveLength(3);
    expect(h.clock.sleeps).toHaveLength(2);
    expect(h.clock.sleeps[1]).toBeGreaterThan(h.clock.sleeps[0] as number);
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'CHART_API_FAILED' } });
    expect(result.status !== 'NOOP' && result.manifest?.failures?.[0]?.error.message).toContain('after 3 attempts');
  });

  it('never retries a non-retriable 4xx', async () => {
    const h = harness({ responder: () => jsonError(422, 'Invalid Symbol') });
    await h.run();
    expect(h.chartApi.calls).toHaveLength(1);
  });

  it('retries a 200 whose body is not a PNG', async () => {
    const notPng: ChartApiResponse = {
      kind: 'http',
      status: 200,
      contentType: 'text/html',
      body: new TextEncoder().encode('<html>'),
      source: 'network',
      durationMs: 1,
    };
    const h = harness({ responder: (_c, _a, attempt) => (attempt === 1 ? notPng : okPng()) });
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(h.chartApi.calls).toHaveLength(2);
  });

  it('retries a timeout', async () => {
    const timeout: ChartApiResponse = { kind: 'transport-error', reason: 'timeout', message: 'timed out after 30000 ms', durationMs: 30_000 };
    const h = harness({ responder: (_c, _a, attempt) => (attempt < 3 ? timeout : okPng()) });
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(h.chartApi.calls).toHaveLength(3);
  });

  it('disables an account whose key is rejected and uses the next one', async () => {
    const h = harness({ responder: (_c, account) => (account.accountId === 'acc1' ? jsonError(403, 'Forbidden') : okPng()) });
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(h.accounts.snapshot().find((s) => s.id === 'acc1')?.disabled).toBe(true);
  });

  it('fails with CHART_API_LIMIT_EXCEEDED and no HTTP call when every account is exhausted, logging one ERROR naming them', async () => {
    const h = harness({
      templates: templatesFor(2),
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 1, requests: requestsFor(2) }) }),
      accounts: [{ id: 'acc1' }, { id: 'acc2', dailyLimit: 10 }],
      usage: [
        { id: 'acc1', usageToday: 44 },
        { id: 'acc2', usageToday: 10 },
      ],
    });
    const result = await h.run();
    expect(h.chartApi.calls).toHaveLength(0);
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'CHART_API_LIMIT_EXCEEDED' } });
    const exhausted = h.log.named(LOG_EVENTS.accountsExhausted);
    expect(exhausted).toHaveLength(1);
    expect(exhausted[0]).toMatchObject({ severity: 'ERROR', fields: { exhaustedAccounts: ['acc1', 'acc2'], runId: RUN_ID, stepId: STEP_ID } });
  });

  it('reports CHART_API_LIMIT_EXCEEDED and the exhaustion event when every account answers Limit Exceeded', async () => {
    const h = harness({ responder: () => jsonError(429, 'Limit Exceeded') });
    const result = await h.run();
    expect(h.chartApi.calls.map((c) => c.accountId)).toEqual(['acc1', 'acc2']);
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'CHART_API_LIMIT_EXCEEDED' } });
    expect(h.log.named(LOG_EVENTS.accountsExhausted)).toHaveLength(1);
  });

  it('routes a large chart only to an account whose plan can serve it', async () => {
    const big = aTemplate('ctpl_t1_v1', { request: { width: 1920, height: 1080 } });
    const h = harness({
      templates: { ctpl_t1_v1: big },
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { requests: requestsFor(1) }) }),
      accounts: [
        { id: 'basic', plan: 'BASIC', priority: 1 },
        { id: 'pro', plan: 'PRO', priority: 50 },
      ],
      responder: () => okPng(1920, 1080),
    });
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(h.chartApi.calls.map((c) => c.accountId)).toEqual(['pro']);
  });

  it('makes no call when no plan can serve the chart', async () => {
    const big = aTemplate('ctpl_t1_v1', { request: { width: 1920, height: 1080 } });
    const h = harness({
      templates: { ctpl_t1_v1: big },
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { requests: requestsFor(1) }) }),
      accounts: [{ id: 'basic', plan: 'BASIC' }],
    });
    const result = await h.run();
    expect(h.chartApi.calls).toHaveLength(0);
    expect(result.status !== 'NOOP' && result.manifest?.failures?.[0]?.error.message).toContain('1920x1080');
  });

  it('gives up when the step deadline has passed', async () => {
    const h = harness({
      settings: { stepDeadlineMs: 1_000 },
      responder: () => jsonError(503, 'Service Unavailable', 5_000),
    });
    const result = await h.run();
    expect(h.chartApi.calls.length).toBeLessThan(3);
    expect(result.status !== 'NOOP' && result.manifest?.failures?.[0]?.error.message).toContain('deadline');
  });
});

describe('RunChartExportStep in mock mode', () => {
  it('replays fixtures without reserving quota and maps fixture errors to codes', async () => {
    const h = harness({
      mode: 'mock',
      templates: templatesFor(3),
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 1, requests: requestsFor(3) }) }),
      replays: (key) =>
        key.endsWith('ctpl_t1_v1')
          ? { ...okPng(), source: 'fixture' }
          : key.endsWith('ctpl_t2_v1')
            ? { ...jsonError(429, 'Limit Exceeded'), source: 'fixture' }
            : { kind: 'fixture-missing', fixtureKey: key },
    });
    const result = await h.run();
    expect(h.accounts.reservations).toEqual([]);
    expect(result.status !== 'NOOP' && result.manifest?.failures?.map((f) => f.error.code)).toEqual(['CHART_API_LIMIT_EXCEEDED', 'CHART_API_MOCK_MISSING']);
    expect(result.status !== 'NOOP' && result.manifest?.failures?.[1]?.error.message).toContain('BINANCE_BTCUSDT__1M__ctpl_t3_v1');
    expect(result.status !== 'NOOP' && result.usage).toMatchObject({ calls: 0, replayed: 3 });
  });
});

describe('RunChartExportStep storage', () => {
  it('fails a request whose PNG cannot be stored with GCS_WRITE_FAILED naming the path', async () => {
    const h = harness();
    h.blobs.failWhen = (blob) => (blob.contentType === 'image/png' ? '403 Forbidden' : undefined);
    const result = await h.run();
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'GCS_WRITE_FAILED' } });
    expect(result.status !== 'NOOP' && result.manifest?.items).toEqual([]);
    expect(result.status !== 'NOOP' && JSON.stringify(result.manifest?.failures)).toContain('.png');
  });

  it('fails the step with MANIFEST_WRITE_FAILED and no manifest URI when the manifest cannot be written', async () => {
    const h = harness();
    h.blobs.failWhen = (blob) => (blob.contentType === 'application/json' ? '503 backend error' : undefined);
    const result = await h.run();
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'MANIFEST_WRITE_FAILED' } });
    expect((h.flowRuns.step(RUN_ID, STEP_ID)?.['outputs'] as Record<string, unknown>)['outputsManifestGcsUri']).toBeUndefined();
  });

  const EARLIER_PNG = `charts/${RUN_ID}/${STEP_ID}/20251215-102613_BTCUSDT_1M_ctpl_price_ma1226_vol_v1.png`;
  const storeEarlierPng = (h: ReturnType<typeof harness>, path = EARLIER_PNG) =>
    h.blobs.objects.set(`ARTIFACTS_BUCKET/${path}`, {
      bucket: 'ARTIFACTS_BUCKET',
      path,
      bytes: new Uint8Array([1]),
      contentType: 'image/png',
      createOnly: true,
    });
  /** What a worker killed after its claim leaves: the step RUNNING under its lease (attempt 1), which then expires. */
  const crashedAttempt = async (h: ReturnType<typeof harness>, record?: Parameters<InMemoryStepLeaseStore['record']>[3]) => {
    const acquired = await h.leases.acquire(RUN_ID, STEP_ID, 'crashed-worker', 1_000);
    await h.flowRuns.claim(RUN_ID, STEP_ID, h.clock.now());
    if (record !== undefined) await h.leases.record(RUN_ID, STEP_ID, acquired.lease, record);
    h.clock.advance(2_000);
  };

  it.each([
    { title: 'reuses a PNG stored by an earlier attempt instead of calling Chart-IMG again', stored: true, calls: 0, png: '20251215-102613_BTCUSDT_1M' },
    {
      title: 'renders again when the lease names a PNG that never reached the store (killed mid-upload)',
      stored: false,
      calls: 1,
      png: '20251215-102614_BTCUSDT_1M',
    },
  ])('$title', async ({ stored, calls, png }) => {
    const h = harness();
    await crashedAttempt(h, {
      renders: [
        { chartTemplateId: 'ctpl_price_ma1226_vol_v1', objectPath: EARLIER_PNG, generatedAt: '2025-12-15T10:26:13Z', kind: 'price + MA12/26 + Volume' },
      ],
    });
    if (stored) storeEarlierPng(h);
    const result = await h.useCase.resume(RUN_ID, STEP_ID);
    expect(result.status).toBe('SUCCEEDED');
    expect(h.chartApi.calls).toHaveLength(calls);
    expect(result.status !== 'NOOP' && result.manifest?.items[0]?.png_gcs_uri).toContain(png);
  });

  it('reuses a PNG an earlier attempt stored but died before noting in its lease, found through the store', async () => {
    const h = harness();
    await crashedAttempt(h);
    storeEarlierPng(h);
    storeEarlierPng(h, `charts/${RUN_ID}/${STEP_ID}/20251215-102613_ETHUSDT_1M_ctpl_price_ma1226_vol_v1.png`);
    const result = await h.useCase.resume(RUN_ID, STEP_ID);
    expect(result).toMatchObject({ status: 'SUCCEEDED', itemsCount: 1 });
    expect(h.chartApi.calls).toHaveLength(0);
    expect(result.status !== 'NOOP' && result.manifest?.items[0]).toMatchObject({
      png_gcs_uri: `gs://ARTIFACTS_BUCKET/${EARLIER_PNG}`,
      kind: 'price + MA12/26 + Volume',
      generatedAt: '2025-12-15T10:26:13Z',
    });
  });

  it('never reuses a PNG an earlier run of the step left behind: a fresh claim renders every request', async () => {
    const h = harness();
    // A PNG from a run of this step before it was put back to READY (perhaps in another Chart-IMG mode).
    storeEarlierPng(h);
    const result = await h.run();
    expect(result).toMatchObject({ status: 'SUCCEEDED', itemsCount: 1 });
    expect(h.chartApi.calls).toHaveLength(1);
    expect(h.log.named(LOG_EVENTS.pngReused)).toHaveLength(0);
    expect(result.status !== 'NOOP' && result.manifest?.items[0]?.png_gcs_uri).not.toContain(EARLIER_PNG);
  });

  it("on a re-drive reuses only PNGs stored since the run's first attempt, not older ones found in the store", async () => {
    const h = harness();
    storeEarlierPng(h, `charts/${RUN_ID}/${STEP_ID}/20251215-102500_BTCUSDT_1M_ctpl_price_ma1226_vol_v1.png`);
    await crashedAttempt(h);
    const result = await h.useCase.resume(RUN_ID, STEP_ID);
    expect(result).toMatchObject({ status: 'SUCCEEDED', itemsCount: 1 });
    expect(h.chartApi.calls).toHaveLength(1);
    expect(result.status !== 'NOOP' && result.manifest?.items[0]?.png_gcs_uri).not.toContain('102500');
  });

  it("stores the PNG before any bookkeeping: neither the account's success nor the lease's note comes first", async () => {
    const h = harness();
    const order: string[] = [];
    h.blobs.beforePut = async (blob) => {
      if (blob.contentType === 'image/png') order.push('upload');
    };
    const record = h.accounts.record.bind(h.accounts);
    h.accounts.record = async (reservation, outcome) => {
      order.push(`account ${outcome.type}`);
      return record(reservation, outcome);
    };
    const note = h.leases.record.bind(h.leases);
    h.leases.record = async (runId, stepId, fence, entry) => {
      if ((entry.renders ?? []).length > 0) order.push('lease note');
      return note(runId, stepId, fence, entry);
    };
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(order).toEqual(['upload', 'account succeeded', 'lease note']);
  });

  it('does not run a step whose lease another live worker holds', async () => {
    const h = harness();
    await h.leases.acquire(RUN_ID, STEP_ID, 'other-worker', 60_000);
    expect(await h.run()).toMatchObject({ status: 'NOOP', reason: 'claim-lost' });
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('READY');
    expect(h.chartApi.calls).toHaveLength(0);
  });

  it('drops the lease it took when the claim finds the step already finished', async () => {
    const h = harness();
    const original = h.flowRuns.claim.bind(h.flowRuns);
    h.flowRuns.claim = async () => ({ type: 'not-ready', status: 'SUCCEEDED' });
    expect(await h.run()).toMatchObject({ status: 'NOOP', reason: 'claim-lost' });
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
    h.flowRuns.claim = original;
  });

  it('writes the usage summary into the step outputs', async () => {
    const h = harness({
      responder: (_c, account) => (account.accountId === 'acc1' ? jsonError(500, 'Something Went Wrong') : okPng()),
      accounts: [
        { id: 'acc1', priority: 1 },
        { id: 'acc2', priority: 2, dailyLimit: 0 },
      ],
    });
    await h.run();
    const outputs = h.flowRuns.step(RUN_ID, STEP_ID)?.['outputs'] as Record<string, unknown>;
    expect(outputs['usage']).toEqual({ calls: 3, succeeded: 0, failed: 3, replayed: 0, byAccount: { acc1: { calls: 3, succeeded: 0, failed: 3 } } });
  });
});

describe('RunChartExportStep concurrency', () => {
  it('renders requests in parallel but never more than the configured bound', async () => {
    let inFlight = 0;
    let peak = 0;
    const h = harness({
      templates: templatesFor(5),
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 5, requests: requestsFor(5) }) }),
      settings: { concurrency: 2 },
      responder: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return okPng();
      },
    });
    expect((await h.run()).status).toBe('SUCCEEDED');
    expect(peak).toBe(2);
  });
});

describe('RunChartExportStep under its lease', () => {
  const TTL = 3_000;

  it('renews its lease while slow uploads run, so sweeps meanwhile re-drive nothing and each request is rendered once', async () => {
    const h = harness({ settings: { leaseTtlMs: TTL, stepDeadlineMs: 60_000 } });
    const other = new RunChartExportStep({ ...h.deps, owner: 'sweeping-worker' }, h.settings);
    const sweeper = new SweepStaleSteps(
      { leases: h.leases, flowRuns: h.flowRuns, clock: h.clock, log: h.log, runStep: other },
      { maxAttempts: 3, batchSize: 10 },
    );
    const examined: number[] = [];
    h.blobs.beforePut = async (blob) => {
      if (blob.contentType !== 'image/png') return;
      // An upload three times as slow as the lease is long, with a sweep every half TTL.
      for (let i = 0; i < 6; i++) {
        await h.clock.sleep(TTL / 2);
        examined.push((await sweeper.sweep()).examined);
      }
    };
    const result = await h.run();
    expect(result.status).toBe('SUCCEEDED');
    expect(examined).toEqual([0, 0, 0, 0, 0, 0]);
    expect(h.chartApi.calls).toHaveLength(1);
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
  });

  it('stops without manifest or finalize once another execution took its lease over', async () => {
    const h = harness({ settings: { leaseTtlMs: TTL } });
    h.blobs.beforePut = async (blob) => {
      if (blob.contentType !== 'image/png') return;
      await h.leases.close(RUN_ID, STEP_ID);
      await h.leases.acquire(RUN_ID, STEP_ID, 'taking-over-worker', 60_000);
    };
    const result = await h.run();
    expect(result).toMatchObject({ status: 'NOOP', reason: 'lease-lost' });
    expect(h.blobs.paths().filter((path) => path.endsWith('manifest.json'))).toEqual([]);
    expect(h.flowRuns.step(RUN_ID, STEP_ID)?.['status']).toBe('RUNNING');
    expect(h.log.named(LOG_EVENTS.leaseLost)).toHaveLength(1);
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toMatchObject({ owner: 'taking-over-worker' });
  });

  it('passes its fence to the finalize, and writes nothing when the store refuses it', async () => {
    const h = harness();
    const fences: unknown[] = [];
    h.flowRuns.finalize = async (_runId, _stepId, _result, fence) => {
      fences.push(fence);
      return { type: 'fenced' };
    };
    expect(await h.run()).toMatchObject({ status: 'NOOP', reason: 'lease-lost' });
    expect(fences).toEqual([{ owner: expect.stringMatching(/^test#\d+$/), attempt: 1 }]);
    expect(h.log.named(LOG_EVENTS.stepCompleted)).toEqual([]);
  });

  it('bounds the PNG uploads by the step deadline and still writes the manifest and finalizes in time', async () => {
    const h = harness({ settings: { stepDeadlineMs: 40_000, leaseTtlMs: 60_000 } });
    const started = h.clock.now().getTime();
    h.blobs.beforePut = async (blob) => {
      if (blob.contentType !== 'image/png') return;
      // Ten minutes, moved on between macrotasks so the rest of the step runs in between, as it would.
      for (let i = 0; i < 120; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        h.clock.advance(5_000);
      }
    };
    let finalizedAfterMs = -1;
    const finalize = h.flowRuns.finalize.bind(h.flowRuns);
    h.flowRuns.finalize = async (...args) => {
      finalizedAfterMs = h.clock.now().getTime() - started;
      return finalize(...args);
    };
    const result = await h.run();
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'GCS_WRITE_FAILED' } });
    expect(result.status !== 'NOOP' && result.manifest?.failures?.[0]?.error.message).toContain('within the step deadline');
    expect(h.blobs.json(`ARTIFACTS_BUCKET/charts/${RUN_ID}/${STEP_ID}/manifest.json`)).toMatchObject({ items: [] });
    expect(finalizedAfterMs).toBeGreaterThanOrEqual(0);
    expect(finalizedAfterMs).toBeLessThanOrEqual(40_000);
  });

  it('gives its lease back when the claim fails, so a retried delivery runs the step instead of finding it held', async () => {
    const h = harness();
    const claim = h.flowRuns.claim.bind(h.flowRuns);
    h.flowRuns.claim = async () => {
      throw new Error('firestore unavailable');
    };
    await expect(h.run()).rejects.toThrow('firestore unavailable');
    await expect(h.leases.get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
    h.flowRuns.claim = claim;
    expect((await h.run()).status).toBe('SUCCEEDED');
  });

  it('counts in outputs.usage the calls of every attempt, those of an earlier crashed attempt included', async () => {
    const h = harness();
    const acquired = await h.leases.acquire(RUN_ID, STEP_ID, 'crashed-worker', 1_000);
    await h.flowRuns.claim(RUN_ID, STEP_ID, h.clock.now());
    await h.leases.record(RUN_ID, STEP_ID, acquired.lease, {
      usage: { calls: 2, succeeded: 0, failed: 2, replayed: 0, byAccount: { acc1: { calls: 2, succeeded: 0, failed: 2 } } },
    });
    h.clock.advance(2_000);
    const result = await h.useCase.resume(RUN_ID, STEP_ID);
    expect(result.status).toBe('SUCCEEDED');
    expect((h.flowRuns.step(RUN_ID, STEP_ID)?.['outputs'] as Record<string, unknown>)['usage']).toEqual({
      calls: 3,
      succeeded: 1,
      failed: 2,
      replayed: 0,
      byAccount: { acc1: { calls: 3, succeeded: 1, failed: 2 } },
    });
  });

  it('keeps its own calls in the lease as they happen, for a later attempt to count', async () => {
    const h = harness();
    let noted: unknown;
    h.blobs.beforePut = async (blob) => {
      if (blob.contentType === 'application/json') noted = (await h.leases.get(RUN_ID, STEP_ID))?.usageByAttempt;
    };
    await h.run();
    expect(noted).toEqual({ '1': { calls: 1, succeeded: 1, failed: 0, replayed: 0, byAccount: { acc1: { calls: 1, succeeded: 1, failed: 0 } } } });
  });
});

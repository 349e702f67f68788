import { describe, expect, it } from '@jest/globals';
import type { ChartCall } from '../ports/chart-api.js';
import type { LocalRenderer, LocalRenderResult } from '../ports/local-renderer.js';
import { aChartCall } from '../testing/a-chart-call.js';
import { InMemoryAccountPool } from '../testing/in-memory-account-pool.js';
import { FakeClock } from '../testing/fake-clock.js';
import { RecordingEventLog } from '../testing/recording-event-log.js';
import { jsonError, okPng, ScriptedChartApi, type Responder } from '../testing/scripted-chart-api.js';
import { renderRequest, type RenderContext } from './render-request.js';
import { DEFAULT_CHART_EXPORT_SETTINGS, type ChartExportSettings } from './run-chart-export-step.types.js';
import { UsageTally } from './usage-tally.js';

const OHLCV = 'gs://charts-test/ohlcv/run/ohlcv_export:1h.json';
const CALL = aChartCall({ chartTemplateId: 'ctpl_price_v1', body: { symbol: 'BINANCE:BTCUSDT', interval: '1h' }, ohlcvGcsUri: OHLCV });
const EXPECTED = { demand: { width: 800, height: 600, parameterCount: 0 } };
const LOCAL_PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1]);

/** A LocalRenderer that answers `result` and remembers the calls it drew. */
class StubLocalRenderer implements LocalRenderer {
  readonly calls: ChartCall[] = [];
  constructor(private readonly result: LocalRenderResult = { ok: true, png: LOCAL_PNG, durationMs: 12 }) {}
  async render(call: ChartCall): Promise<LocalRenderResult> {
    this.calls.push(call);
    return this.result;
  }
}

function contextOf(p: {
  chartApi: ScriptedChartApi;
  accounts?: InMemoryAccountPool;
  localRenderer?: LocalRenderer;
  ohlcvMissing?: string;
  settings?: Partial<ChartExportSettings>;
}): RenderContext & { log: RecordingEventLog; tally: UsageTally } {
  const clock = new FakeClock();
  return {
    chartApi: p.chartApi,
    accounts: p.accounts ?? new InMemoryAccountPool([{ id: 'acc-a' }], clock),
    clock,
    log: new RecordingEventLog(),
    random: () => 0.5,
    settings: { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: 'charts-test', backoffBaseMs: 1, backoffMaxMs: 2, ...p.settings },
    deadlineAt: clock.now().getTime() + 60_000,
    tally: new UsageTally(),
    onAllExhausted: () => undefined,
    ...(p.localRenderer === undefined ? {} : { localRenderer: p.localRenderer }),
    ...(p.ohlcvMissing === undefined ? {} : { ohlcvMissing: p.ohlcvMissing }),
  };
}

const exhausted: Responder = () => jsonError(429, 'Limit Exceeded');

describe('renderRequest in local mode', () => {
  it('draws every request locally, never reserving an account nor calling Chart-IMG, and counts it apart', async () => {
    const chartApi = new ScriptedChartApi(() => okPng(), 'local');
    const localRenderer = new StubLocalRenderer();
    const ctx = contextOf({ chartApi, localRenderer });

    const outcome = await renderRequest(CALL, EXPECTED, ctx);

    expect(outcome).toEqual({ type: 'image', bytes: LOCAL_PNG, renderer: 'local' });
    expect(localRenderer.calls).toEqual([CALL]);
    expect(chartApi.calls).toEqual([]);
    expect(ctx.tally.summary()).toEqual({ calls: 0, succeeded: 0, failed: 0, replayed: 0, renderedLocally: 1, byAccount: {} });
  });

  it('fails the request naming why the step has no OHLCV, without drawing', async () => {
    const localRenderer = new StubLocalRenderer();
    const ctx = contextOf({ chartApi: new ScriptedChartApi(() => okPng(), 'local'), localRenderer, ohlcvMissing: 'no OHLCV_EXPORT step' });
    const { ohlcvGcsUri: _none, ...withoutOhlcv } = CALL;

    const outcome = await renderRequest(withoutOhlcv, EXPECTED, ctx);

    expect(outcome).toMatchObject({
      type: 'failure',
      error: { code: 'CHART_API_FAILED', message: 'ctpl_price_v1: no OHLCV to draw from: no OHLCV_EXPORT step' },
    });
    expect(localRenderer.calls).toEqual([]);
    expect(ctx.tally.summary().renderedLocally).toBeUndefined();
  });

  it("passes on the renderer's own reason, once prefixed with the template", async () => {
    const localRenderer = new StubLocalRenderer({
      ok: false,
      message: 'ctpl_price_v1: study "Ichimoku Cloud" is not drawn by the local renderer',
      durationMs: 1,
    });
    const outcome = await renderRequest(CALL, EXPECTED, contextOf({ chartApi: new ScriptedChartApi(() => okPng(), 'local'), localRenderer }));
    expect(outcome).toMatchObject({ type: 'failure', error: { message: 'ctpl_price_v1: study "Ichimoku Cloud" is not drawn by the local renderer' } });
  });
});

describe('renderRequest with renderFallback local', () => {
  it('draws locally once every account is out of quota, keeping the provider calls in the usage', async () => {
    const chartApi = new ScriptedChartApi(exhausted);
    const localRenderer = new StubLocalRenderer();
    const ctx = contextOf({ chartApi, localRenderer, settings: { renderFallback: 'local' } });

    const outcome = await renderRequest(CALL, EXPECTED, ctx);

    expect(outcome).toEqual({ type: 'image', bytes: LOCAL_PNG, renderer: 'local' });
    expect(chartApi.calls.map((c) => c.accountId)).toEqual(['acc-a']);
    expect(ctx.tally.summary()).toMatchObject({ calls: 1, succeeded: 0, failed: 1, renderedLocally: 1 });
    const local = ctx.log.events.filter((e) => e.event === 'chart.local_render.finished');
    expect(local.map((e) => e.fields['localRender'])).toEqual([
      expect.objectContaining({ reason: 'fallback', providerErrorCode: 'CHART_API_LIMIT_EXCEEDED', outcome: 'succeeded' }),
    ]);
  });

  it('draws locally once the retries are spent on provider failures', async () => {
    const chartApi = new ScriptedChartApi(() => jsonError(503, 'Service Unavailable'));
    const localRenderer = new StubLocalRenderer();
    const outcome = await renderRequest(
      CALL,
      EXPECTED,
      contextOf({ chartApi, localRenderer, settings: { renderFallback: 'local', maxAttemptsPerRequest: 2 } }),
    );
    expect(outcome).toMatchObject({ type: 'image', renderer: 'local' });
    expect(chartApi.calls).toHaveLength(2);
  });

  it("keeps the provider's code and message when the local drawing fails too", async () => {
    const localRenderer = new StubLocalRenderer({ ok: false, message: 'cannot read OHLCV file gs://x/y.json', durationMs: 1 });
    const outcome = await renderRequest(
      CALL,
      EXPECTED,
      contextOf({ chartApi: new ScriptedChartApi(exhausted), localRenderer, settings: { renderFallback: 'local' } }),
    );
    expect(outcome).toMatchObject({
      type: 'failure',
      error: { code: 'CHART_API_LIMIT_EXCEEDED', message: expect.stringMatching(/; local fallback: cannot read OHLCV file gs:\/\/x\/y\.json$/) },
    });
  });

  it('is off by default: the provider failure stands and nothing is drawn', async () => {
    const localRenderer = new StubLocalRenderer();
    const outcome = await renderRequest(CALL, EXPECTED, contextOf({ chartApi: new ScriptedChartApi(exhausted), localRenderer }));
    expect(outcome).toMatchObject({ type: 'failure', error: { code: 'CHART_API_LIMIT_EXCEEDED' } });
    expect(localRenderer.calls).toEqual([]);
  });

  it("never replaces a Chart-IMG image, nor a fixture replay's failure", async () => {
    const localRenderer = new StubLocalRenderer();
    const served = await renderRequest(
      CALL,
      EXPECTED,
      contextOf({ chartApi: new ScriptedChartApi(() => okPng()), localRenderer, settings: { renderFallback: 'local' } }),
    );
    expect(served).toMatchObject({ type: 'image', renderer: 'chart-img' });
    const mock = new ScriptedChartApi(() => okPng(), 'mock');
    const replayed = await renderRequest(CALL, EXPECTED, contextOf({ chartApi: mock, localRenderer, settings: { renderFallback: 'local' } }));
    expect(replayed).toMatchObject({ type: 'failure', error: { code: 'CHART_API_MOCK_MISSING' } });
    expect(localRenderer.calls).toEqual([]);
  });
});

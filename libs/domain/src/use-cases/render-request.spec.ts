import { describe, expect, it } from '@jest/globals';
import type { ChartApiResponse, ChartCall } from '../ports/chart-api.js';
import { InMemoryAccountPool } from '../testing/in-memory-account-pool.js';
import { FakeClock } from '../testing/fake-clock.js';
import { RecordingEventLog } from '../testing/recording-event-log.js';
import { jsonError, okPng, ScriptedChartApi, type Responder } from '../testing/scripted-chart-api.js';
import { renderRequest, type RenderContext } from './render-request.js';
import { DEFAULT_CHART_EXPORT_SETTINGS } from './run-chart-export-step.types.js';
import { UsageTally } from './usage-tally.js';

const CALL: ChartCall = {
  chartTemplateId: 'ctpl_wide_v1',
  chartImgSymbol: 'BINANCE:BTCUSDT',
  timeframe: '1h',
  interval: '1h',
  body: { symbol: 'BINANCE:BTCUSDT', interval: '1h', width: 1280, height: 720 },
  fixtureKey: 'BINANCE_BTCUSDT__1h__ctpl_wide_v1',
};
const EXPECTED = { demand: { width: 1280, height: 720, parameterCount: 2 }, width: 1280, height: 720 };

/** What the client answers when its own rate limiter allowed no call within the attempt's time. */
const NOT_SENT: ChartApiResponse = {
  kind: 'transport-error',
  reason: 'timeout',
  message: 'Chart-IMG account "acc-a" could not be called within 1000 ms: its BASIC rate limit allows no earlier call',
  durationMs: 0,
  notSent: true,
};

function contextOf(chartApi: ScriptedChartApi, accounts: InMemoryAccountPool, clock: FakeClock): RenderContext & { log: RecordingEventLog } {
  return {
    chartApi,
    accounts,
    clock,
    log: new RecordingEventLog(),
    random: () => 0.5,
    settings: { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: 'charts-test', backoffBaseMs: 10, backoffMaxMs: 20 },
    deadlineAt: clock.now().getTime() + 60_000,
    tally: new UsageTally(),
    onAllExhausted: () => undefined,
  };
}

describe('renderRequest', () => {
  it('after 403 Exceed Max Usage, moves to an account of a larger plan instead of another one of the same plan', async () => {
    const clock = new FakeClock();
    const accounts = new InMemoryAccountPool(
      [
        { id: 'acc-pro-1', plan: 'PRO', priority: 1 },
        { id: 'acc-pro-2', plan: 'PRO', priority: 2 },
        { id: 'acc-mega', plan: 'MEGA', priority: 3 },
      ],
      clock,
    );
    // The provider knows both PRO accounts as smaller than configured: it refuses 1280x720 on them.
    const responder: Responder = (_call, account) =>
      account.plan === 'PRO' ? jsonError(403, 'Exceed Max Usage Resolution Limit (800x600)') : okPng(1280, 720);
    const chartApi = new ScriptedChartApi(responder);

    const outcome = await renderRequest(CALL, EXPECTED, contextOf(chartApi, accounts, clock));

    expect(outcome.type).toBe('image');
    expect(chartApi.calls.map((call) => call.accountId)).toEqual(['acc-pro-1', 'acc-mega']);
  });

  it('after 403 Exceed Max Usage with no larger plan configured, fails naming the refusal without another call', async () => {
    const clock = new FakeClock();
    const accounts = new InMemoryAccountPool(
      [
        { id: 'acc-pro-1', plan: 'PRO', priority: 1 },
        { id: 'acc-pro-2', plan: 'PRO', priority: 2 },
      ],
      clock,
    );
    const chartApi = new ScriptedChartApi(() => jsonError(403, 'Exceed Max Usage Resolution Limit (800x600)'));

    const outcome = await renderRequest(CALL, EXPECTED, contextOf(chartApi, accounts, clock));

    expect(chartApi.calls.map((call) => call.accountId)).toEqual(['acc-pro-1']);
    expect(outcome).toMatchObject({
      type: 'failure',
      error: {
        code: 'CHART_API_FAILED',
        message: 'ctpl_wide_v1: no other account left to try; last: Chart-IMG 403: Exceed Max Usage Resolution Limit (800x600)',
      },
    });
  });

  it('gives back the unit of a call the rate limiter never sent, and counts no call for it', async () => {
    const clock = new FakeClock();
    const accounts = new InMemoryAccountPool([{ id: 'acc-a', plan: 'PRO', dailyLimit: 5 }], clock);
    const chartApi = new ScriptedChartApi((_call, _account, attempt) => (attempt === 1 ? NOT_SENT : okPng(1280, 720)));
    const ctx = contextOf(chartApi, accounts, clock);

    const outcome = await renderRequest(CALL, EXPECTED, ctx);

    expect(outcome.type).toBe('image');
    expect(accounts.releases).toEqual(['acc-a']);
    expect(accounts.snapshot()[0]?.usageToday).toBe(1);
    expect(accounts.outcomes.map(({ outcome: o }) => o.type)).toEqual(['succeeded']);
    expect(ctx.tally.summary()).toMatchObject({ calls: 1, succeeded: 1, failed: 0, byAccount: { 'acc-a': { calls: 1, succeeded: 1, failed: 0 } } });
    const finished = ctx.log.named('chart_api.call.finished').map((event) => event.fields['chartsApi'] as Record<string, unknown>);
    expect(finished.map((fields) => fields['source'])).toEqual(['not-sent', 'http']);
  });

  it('keeps the unit of a call that was sent and timed out', async () => {
    const clock = new FakeClock();
    const accounts = new InMemoryAccountPool([{ id: 'acc-a', plan: 'PRO', dailyLimit: 5 }], clock);
    const timedOut: ChartApiResponse = { kind: 'transport-error', reason: 'timeout', message: 'Chart-IMG did not answer within 1000 ms', durationMs: 1000 };
    const chartApi = new ScriptedChartApi((_call, _account, attempt) => (attempt === 1 ? timedOut : okPng(1280, 720)));
    const ctx = contextOf(chartApi, accounts, clock);

    await renderRequest(CALL, EXPECTED, ctx);

    expect(accounts.releases).toEqual([]);
    expect(accounts.snapshot()[0]?.usageToday).toBe(2);
    expect(ctx.tally.summary()).toMatchObject({ calls: 2, succeeded: 1, failed: 1 });
  });

  it('logs chart api call started at INFO before each HTTP attempt', async () => {
    const clock = new FakeClock();
    const accounts = new InMemoryAccountPool([{ id: 'acc-a', plan: 'PRO' }], clock);
    const ctx = contextOf(new ScriptedChartApi(() => okPng(1280, 720)), accounts, clock);

    await renderRequest(CALL, EXPECTED, ctx);

    expect(ctx.log.named('chart_api.call.started').map((event) => event.severity)).toEqual(['INFO']);
  });
});

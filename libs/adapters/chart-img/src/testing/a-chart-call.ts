import type { AccountReservation, ChartCall, ChartImgAccount } from '@worker-chart-export/domain';

/** A ChartCall for `BINANCE:BTCUSDT` at `1h` on template `ctpl_test_v1`, with overrides. */
export function aChartCall(overrides: Partial<ChartCall> = {}): ChartCall {
  const chartImgSymbol = overrides.chartImgSymbol ?? 'BINANCE:BTCUSDT';
  const timeframe = overrides.timeframe ?? '1h';
  const chartTemplateId = overrides.chartTemplateId ?? 'ctpl_test_v1';
  return {
    chartTemplateId,
    chartImgSymbol,
    timeframe,
    interval: overrides.interval ?? '1h',
    body: overrides.body ?? { symbol: chartImgSymbol, interval: '1h', width: 800, height: 600, theme: 'dark' },
    fixtureKey: overrides.fixtureKey ?? `${chartImgSymbol.replaceAll(':', '_')}__${timeframe}__${chartTemplateId}`,
  };
}

/** A configured account (BASIC, dailyLimit 44, priority 100) with overrides. */
export function anAccount(overrides: Partial<ChartImgAccount> & Pick<ChartImgAccount, 'id'>): ChartImgAccount {
  return { apiKey: `key-${overrides.id}-s3cr3t`, dailyLimit: 44, priority: 100, plan: 'BASIC', ...overrides };
}

/** A reservation on `accountId` (plan BASIC unless given). */
export function aReservation(accountId: string, plan: AccountReservation['plan'] = 'BASIC'): AccountReservation {
  return { accountId, plan };
}

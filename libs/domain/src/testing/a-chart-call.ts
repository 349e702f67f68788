import { fixtureKey } from '../chart-img/fixture-key.js';
import type { ChartCall } from '../ports/chart-api.js';

/** A ChartCall for `BINANCE:BTCUSDT` at `1h` on template `ctpl_test_v1`, with overrides; the fixture key follows them. */
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
    fixtureKey: overrides.fixtureKey ?? fixtureKey(chartImgSymbol, timeframe, chartTemplateId),
    ...(overrides.ohlcvGcsUri === undefined ? {} : { ohlcvGcsUri: overrides.ohlcvGcsUri }),
  };
}

import type { ChartCall } from '@worker-chart-export/domain';
import { seedChartBodies } from './seed-chart-bodies.js';

/** The call for seed template `templateId` on BINANCE:BTCUSDT 1h, its body built as for Chart-IMG; `overrides` replace fields. */
export function seedChartCall(templateId: string, overrides: Partial<ChartCall> = {}): ChartCall {
  const body = seedChartBodies().get(templateId);
  if (body === undefined) throw new Error(`no seed template ${templateId}`);
  return {
    chartTemplateId: templateId,
    chartImgSymbol: 'BINANCE:BTCUSDT',
    timeframe: '1h',
    interval: '1h',
    body,
    fixtureKey: `BINANCE_BTCUSDT__1h__${templateId}`,
    ...overrides,
  };
}

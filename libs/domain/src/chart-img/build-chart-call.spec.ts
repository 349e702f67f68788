import { describe, expect, it } from '@jest/globals';
import type { ChartTemplate } from '../contracts/chart-template.schema.js';
import { buildChartCall, renderDemandOf } from './build-chart-call.js';

const template = (request: Record<string, unknown>): ChartTemplate => ({
  id: 'ctpl_price_psar_adi_v1',
  description: 'price + Parabolic SAR + Average Directional Index',
  chartImgSymbolTemplate: 'BINANCE:{symbol}',
  request,
});
const base = { symbol: 'BTCUSDT', timeframe: '1w', interval: '1W', defaultTimezone: 'Europe/Berlin' };

describe('buildChartCall', () => {
  it('injects the rendered symbol, the interval and the template timezone into a copy of the request', () => {
    const request = { height: 600, timezone: 'Etc/UTC', studies: [{ name: 'Parabolic SAR' }] };
    expect(buildChartCall({ ...base, template: template(request) })).toEqual({
      chartTemplateId: 'ctpl_price_psar_adi_v1',
      chartImgSymbol: 'BINANCE:BTCUSDT',
      timeframe: '1w',
      interval: '1W',
      body: { symbol: 'BINANCE:BTCUSDT', interval: '1W', height: 600, timezone: 'Etc/UTC', studies: [{ name: 'Parabolic SAR' }] },
      fixtureKey: 'BINANCE_BTCUSDT__1w__ctpl_price_psar_adi_v1',
    });
  });

  it('uses the default timezone when the template has none', () => {
    expect(buildChartCall({ ...base, template: template({ theme: 'dark' }) }).body).toEqual({
      symbol: 'BINANCE:BTCUSDT',
      interval: '1W',
      theme: 'dark',
      timezone: 'Europe/Berlin',
    });
  });

  it('puts symbol and interval first in the body', () => {
    expect(Object.keys(buildChartCall({ ...base, template: template({ theme: 'dark' }) }).body).slice(0, 2)).toEqual(['symbol', 'interval']);
  });

  it('leaves the template untouched when the body is changed', () => {
    const request = { studies: [{ name: 'Volume', input: { length: 20 } }] };
    const call = buildChartCall({ ...base, template: template(request) });
    const [study] = call.body['studies'] as Array<{ input: { length: number } }>;
    if (study === undefined) throw new Error('expected a study in the body');
    study.input.length = 99;
    expect(request.studies[0]?.input.length).toBe(20);
  });
});

describe('renderDemandOf', () => {
  it('defaults to 800x600 and counts nothing for a bare body', () => {
    expect(renderDemandOf({ symbol: 'BINANCE:BTCUSDT' })).toEqual({ width: 800, height: 600, parameterCount: 0 });
  });

  it('takes the size from the body and counts studies plus drawings', () => {
    const body = {
      width: 1920,
      height: 1080,
      studies: [{ name: 'Volume' }, { name: 'MACD' }],
      drawings: [{ name: 'Horizontal Line', input: { price: 1 } }],
    };
    expect(renderDemandOf(body)).toEqual({ width: 1920, height: 1080, parameterCount: 3 });
  });
});

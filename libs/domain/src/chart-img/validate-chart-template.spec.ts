import { describe, expect, it } from '@jest/globals';
import type { TemplateRecord } from '../ports/template-repo.js';
import { SEED_TEMPLATES } from './__fixtures__/seed-templates.js';
import { validateChartTemplate } from './validate-chart-template.js';

const ID = 'ctpl_x';
const record = (data: unknown, id = ID): TemplateRecord => ({ id, source: `chart-templates/${id}.json`, data });
const aTemplate = (request: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: ID,
  description: 'price + MACD',
  chartImgSymbolTemplate: 'BINANCE:{symbol}',
  request: { height: 600, style: 'candle', studies: [{ name: 'MACD' }], ...request },
  ...overrides,
});

function errorMessageOf(data: unknown, expectedId = ID): string {
  const result = validateChartTemplate(record(data, expectedId), expectedId);
  if (result.ok) throw new Error('expected the template to be rejected');
  expect(result.error.code).toBe('VALIDATION_FAILED');
  return result.error.message;
}

describe('validateChartTemplate', () => {
  it.each(SEED_TEMPLATES.map((data) => [(data as { id: string }).id, data]))('accepts the seed template %s', (id, data) => {
    const result = validateChartTemplate(record(data, id as string), id as string);
    expect(result).toEqual({ ok: true, template: data });
  });

  it('accepts every documented field with valid values', () => {
    const request = {
      width: 2048,
      height: 1920,
      style: 'heikinAshi',
      theme: 'dark',
      scale: 'logarithmic',
      session: 'extended',
      timezone: 'Asia/Tokyo',
      format: 'png',
      range: { from: '2025-01-01T00:00:00Z', to: '2025-06-30' },
      override: { style: 'line', priceRange: { from: 1, to: 2.5 }, mainPaneHeight: 1800, scalesFontSize: 10, showLegend: false },
      studies: [{ name: 'Bollinger Bands', forceOverlay: true, input: { in_0: 20 }, override: { 'Plot.color': 'red' } }],
      drawings: [{ name: 'Horizontal Line', input: { price: 100000 }, override: { lineWidth: 2 }, zOrder: 'top' }],
      shiftLeft: 1,
      shiftRight: 1000,
    };
    expect(validateChartTemplate(record(aTemplate(request)), ID).ok).toBe(true);
  });

  it('accepts a range preset and a symbol template with a suffix', () => {
    const data = aTemplate({ range: '3M' }, { chartImgSymbolTemplate: 'BYBIT:{symbol}.P' });
    expect(validateChartTemplate(record(data), ID).ok).toBe(true);
  });

  it('names the template, the field, the value and the source in the error details', () => {
    const result = validateChartTemplate(record(aTemplate({ studies: [{ name: 'MACD' }, { name: 'Foo' }] })), ID);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'template "ctpl_x": request.studies[1].name "Foo" is not a Chart-IMG study',
        details: { chartTemplateId: ID, field: 'request.studies[1].name', value: '"Foo"', source: 'chart-templates/ctpl_x.json' },
      },
    });
  });

  const rejections: Array<[string, unknown, string]> = [
    ['a document that is not an object', ['x'], 'template "ctpl_x": document ["x"] must be a JSON object'],
    ['an unknown top-level field', aTemplate({}, { version: 2 }), 'template "ctpl_x": version is not a template field'],
    ['a missing request', { id: ID, description: 'd', chartImgSymbolTemplate: 'X:{symbol}' }, 'template "ctpl_x": request is required'],
    ['an id that differs from the requested one', aTemplate({}, { id: 'ctpl_y' }), 'template "ctpl_x": id "ctpl_y" does not match the requested id "ctpl_x"'],
    ['an empty description', aTemplate({}, { description: ' ' }), 'template "ctpl_x": description " " must be a non-empty string'],
    [
      'a symbol template without {symbol}',
      aTemplate({}, { chartImgSymbolTemplate: 'BINANCE:BTCUSDT' }),
      'template "ctpl_x": chartImgSymbolTemplate "BINANCE:BTCUSDT" must contain {symbol} exactly once',
    ],
    [
      'a symbol template with {symbol} twice',
      aTemplate({}, { chartImgSymbolTemplate: '{symbol}:{symbol}' }),
      'template "ctpl_x": chartImgSymbolTemplate "{symbol}:{symbol}" must contain {symbol} exactly once',
    ],
    [
      'a symbol template with a slash',
      aTemplate({}, { chartImgSymbolTemplate: 'BINANCE:{symbol}/USD' }),
      'template "ctpl_x": chartImgSymbolTemplate "BINANCE:{symbol}/USD" may only hold A-Z 0-9 : . _ ! - around {symbol}',
    ],
    ['a request that is an array', aTemplate({}, { request: [] }), 'template "ctpl_x": request [] must be an object'],
    [
      'a request that sets symbol',
      aTemplate({ symbol: 'BINANCE:ETHUSDT' }),
      'template "ctpl_x": request.symbol is injected by the worker from chartImgSymbolTemplate; a template may not set it',
    ],
    [
      'a request that sets interval',
      aTemplate({ interval: '1h' }),
      'template "ctpl_x": request.interval is injected by the worker from the step timeframe; a template may not set it',
    ],
    ['a jpeg format', aTemplate({ format: 'jpeg' }), 'template "ctpl_x": request.format "jpeg" must be "png" or absent'],
    ['a width below the minimum', aTemplate({ width: 399 }), 'template "ctpl_x": request.width 399 must be an integer from 400 to 2048'],
    ['a height above every plan', aTemplate({ height: 1921 }), 'template "ctpl_x": request.height 1921 must be an integer from 300 to 1920'],
    ['a fractional width', aTemplate({ width: 800.5 }), 'template "ctpl_x": request.width 800.5 must be an integer from 400 to 2048'],
    ['a width given as a string', aTemplate({ width: '800' }), 'template "ctpl_x": request.width "800" must be an integer from 400 to 2048'],
    [
      'an unknown style',
      aTemplate({ style: 'candles' }),
      'template "ctpl_x": request.style "candles" is not one of bar, candle, line, area, heikinAshi, hollowCandle, baseline, hiLo, column',
    ],
    ['an unknown theme', aTemplate({ theme: 'Dark' }), 'template "ctpl_x": request.theme "Dark" is not one of light, dark'],
    ['an unknown scale', aTemplate({ scale: 'log' }), 'template "ctpl_x": request.scale "log" is not one of regular, percent, indexedTo100, logarithmic'],
    ['an unknown session', aTemplate({ session: 'premarket' }), 'template "ctpl_x": request.session "premarket" is not one of regular, extended'],
    ['an unknown timezone', aTemplate({ timezone: 'UTC' }), 'template "ctpl_x": request.timezone "UTC" is not a Chart-IMG timezone'],
    [
      'an unknown range preset',
      aTemplate({ range: '2W' }),
      'template "ctpl_x": request.range "2W" is not a range preset (1D, 5D, 1M, 3M, 6M, 1Y, 5Y, ALL, DTD, WTD, MTD, YTD)',
    ],
    [
      'a range whose from is not a date',
      aTemplate({ range: { from: 'yesterday', to: '2025-01-01' } }),
      'template "ctpl_x": request.range.from "yesterday" must be an ISO 8601 date or date-time',
    ],
    [
      'a range that ends before it starts',
      aTemplate({ range: { from: '2025-02-01', to: '2025-01-01' } }),
      'template "ctpl_x": request.range.to "2025-01-01" must be after request.range.from',
    ],
    ['an unknown request field', aTemplate({ colour: 'red' }), 'template "ctpl_x": request.colour is not an Advanced Chart field a template may set'],
    [
      'a custom watermark',
      aTemplate({ watermark: 'ACME' }),
      'template "ctpl_x": request.watermark is not supported: a custom watermark needs an ULTRA or ENTERPRISE plan',
    ],
    ['studies that are not an array', aTemplate({ studies: { name: 'MACD' } }), 'template "ctpl_x": request.studies {"name":"MACD"} must be an array'],
    ['a study that is a bare name', aTemplate({ studies: ['MACD'] }), 'template "ctpl_x": request.studies[0] "MACD" must be an object'],
    ['a study without a name', aTemplate({ studies: [{ input: {} }] }), 'template "ctpl_x": request.studies[0].name is required'],
    [
      'a study name in the wrong case',
      aTemplate({ studies: [{ name: 'macd' }] }),
      'template "ctpl_x": request.studies[0].name "macd" is not a Chart-IMG study',
    ],
    [
      'a study with a non-boolean forceOverlay',
      aTemplate({ studies: [{ name: 'MACD', forceOverlay: 'yes' }] }),
      'template "ctpl_x": request.studies[0].forceOverlay "yes" must be true or false',
    ],
    [
      'a study with an unknown field',
      aTemplate({ studies: [{ name: 'MACD', inputs: {} }] }),
      'template "ctpl_x": request.studies[0].inputs is not a study field',
    ],
    [
      'a study whose input is not an object',
      aTemplate({ studies: [{ name: 'MACD', input: [12, 26] }] }),
      'template "ctpl_x": request.studies[0].input [12,26] must be an object',
    ],
    [
      'an unknown drawing',
      aTemplate({ drawings: [{ name: 'Pitchfork', input: {} }] }),
      'template "ctpl_x": request.drawings[0].name "Pitchfork" is not a Chart-IMG drawing',
    ],
    ['a drawing without input', aTemplate({ drawings: [{ name: 'Trend Line' }] }), 'template "ctpl_x": request.drawings[0].input is required'],
    [
      'an unknown override setting',
      aTemplate({ override: { showGrid: true } }),
      'template "ctpl_x": request.override.showGrid is not a Chart-IMG override setting',
    ],
    [
      'an override boolean given as a string',
      aTemplate({ override: { showLegend: 'false' } }),
      'template "ctpl_x": request.override.showLegend "false" must be true or false',
    ],
    [
      'an override out of bounds',
      aTemplate({ override: { mainPaneHeight: 99 } }),
      'template "ctpl_x": request.override.mainPaneHeight 99 must be an integer from 100 to 1800',
    ],
    [
      'an inverted price range',
      aTemplate({ override: { priceRange: { from: 5, to: 1 } } }),
      'template "ctpl_x": request.override.priceRange.to 1 must be above request.override.priceRange.from',
    ],
    ['a shift out of bounds', aTemplate({ shiftRight: 0 }), 'template "ctpl_x": request.shiftRight 0 must be an integer from 1 to 1000'],
    [
      'more studies and drawings than any plan serves',
      aTemplate({ studies: Array.from({ length: 51 }, () => ({ name: 'Volume' })) }),
      'template "ctpl_x": request.studies+drawings 51 exceeds 50, the most any plan serves',
    ],
    [
      'a field named like an Object method',
      aTemplate({ toString: 1 }),
      'template "ctpl_x": request.toString is not an Advanced Chart field a template may set',
    ],
  ];

  it.each(rejections)('rejects %s', (_name, data, message) => {
    expect(errorMessageOf(data)).toBe(message);
  });

  it('rejects an id that is not path-safe, even when it was the one requested', () => {
    expect(errorMessageOf(aTemplate({}, { id: '../ctpl_x' }), '../ctpl_x')).toBe(
      'template "../ctpl_x": id "../ctpl_x" must be 1 to 200 characters without /, \\, .. or control characters',
    );
  });

  it('cuts a long value short in the message', () => {
    const message = errorMessageOf(aTemplate({ timezone: 'Z'.repeat(500) }));
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('(500 chars)');
  });
});

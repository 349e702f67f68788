import { describe, expect, it } from '@jest/globals';
import { LIGHT_THEME } from './chart-theme.js';
import { readRgbPng, type RgbImage } from './png-reader.js';
import { renderChartPng, type ChartPngSpec } from './render-chart-png.js';

const spec = (overrides: Partial<ChartPngSpec> = {}): ChartPngSpec => ({
  fixtureKey: 'BINANCE_BTCUSDT__1h__ctpl_test_v1',
  chartImgSymbol: 'BINANCE:BTCUSDT',
  interval: '1h',
  chartTemplateId: 'ctpl_test_v1',
  request: { studies: [{ name: 'Moving Average Double', input: { firstPeriods: 12, secondPeriods: 26 } }, { name: 'MACD' }] },
  ...overrides,
});

const decode = (bytes: Buffer): RgbImage => readRgbPng(bytes);

/** Number of distinct colours in the image: a blank or single-colour image has 1. */
const colourCount = (png: RgbImage): number => {
  const colours = new Set<number>();
  const p = png.pixels;
  for (let i = 0; i + 2 < p.length; i += 3) colours.add(((p[i] ?? 0) << 16) | ((p[i + 1] ?? 0) << 8) | (p[i + 2] ?? 0));
  return colours.size;
};

/** Share of pixels in rows [top, bottom) that differ from the top-left pixel (the background). */
const inkInRows = (png: RgbImage, top: number, bottom: number): number => {
  const p = png.pixels;
  let ink = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 3;
      if (p[i] !== p[0] || p[i + 1] !== p[1] || p[i + 2] !== p[2]) ink++;
    }
  }
  return ink / ((bottom - top) * png.width);
};

describe('renderChartPng', () => {
  it('gives identical bytes for the same spec', () => {
    expect(renderChartPng(spec()).equals(renderChartPng(spec()))).toBe(true);
  });

  it('draws a different chart for a different fixture key', () => {
    const a = decode(renderChartPng(spec()));
    const b = decode(renderChartPng(spec({ fixtureKey: 'BINANCE_BTCUSDT__1M__ctpl_test_v1' })));

    expect(Buffer.from(a.pixels).equals(Buffer.from(b.pixels))).toBe(false);
  });

  it('is 800 x 600 when the request sets no size, and the request size when it does', () => {
    expect(decode(renderChartPng(spec()))).toMatchObject({ width: 800, height: 600 });
    const sized = decode(renderChartPng(spec({ request: { width: 1024, height: 480, studies: [] } })));
    expect(sized).toMatchObject({ width: 1024, height: 480 });
  });

  it('is a real picture: many colours, a caption band and ink all over the chart', () => {
    const png = decode(renderChartPng(spec()));

    expect(colourCount(png)).toBeGreaterThan(10);
    expect(inkInRows(png, 4, 22)).toBeGreaterThan(0.05); // caption
    expect(inkInRows(png, 100, 400)).toBeGreaterThan(0.05); // candles and overlays
    expect(inkInRows(png, 500, 580)).toBeGreaterThan(0.05); // the MACD pane
  });

  it('draws one pane per non-overlay study, each under a full-width separator line', () => {
    const separatorRows = (request: Record<string, unknown>): number => {
      const png = decode(renderChartPng(spec({ request })));
      const [r, g, b] = LIGHT_THEME.separator;
      let rows = 0;
      for (let y = 30; y < png.height - 20; y++) {
        let same = 0;
        for (let x = 0; x < png.width; x++) {
          const i = (y * png.width + x) * 3;
          if (png.pixels[i] === r && png.pixels[i + 1] === g && png.pixels[i + 2] === b) same++;
        }
        if (same > png.width * 0.95) rows++;
      }
      return rows;
    };

    const overlaysOnly = separatorRows({ studies: [{ name: 'Bollinger Bands' }, { name: 'Parabolic SAR' }] });
    const twoPanes = separatorRows({ studies: [{ name: 'Relative Strength Index' }, { name: 'Volume' }] });

    expect(twoPanes).toBe(overlaysOnly + 2);
  });

  it('uses the dark theme when the request asks for it', () => {
    const light = decode(renderChartPng(spec()));
    const dark = decode(renderChartPng(spec({ request: { theme: 'dark' } })));

    expect([...light.pixels.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect([...dark.pixels.subarray(0, 3)]).toEqual([19, 23, 34]);
  });
});

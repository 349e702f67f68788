import { describe, expect, it } from '@jest/globals';
import type { Candle } from '../candles.js';
import { paletteOf } from '../palette.js';
import type { SceneSeries } from '../scene/scene-series.js';
import { STUDY_CATALOG } from './study-catalog.js';

// StockCharts' worked RSI(14) example (Wilder's smoothing): closes and the published RSI from the 15th close on.
const STOCKCHARTS_CLOSES = [
  44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71,
  46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66, 43.13,
];
const STOCKCHARTS_RSI = [70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01, 62.34, 54.67, 50.39, 40.02, 41.49, 41.9, 45.5, 37.32, 33.09, 37.79];

const HOUR = 3_600_000;
function candlesOf(closes: readonly number[], volumes: readonly number[] = closes.map(() => 1)): Candle[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : (closes[i - 1] ?? close);
    return { time: i * HOUR, open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close, volume: volumes[i] ?? 1 };
  });
}

function definition(name: string) {
  const found = STUDY_CATALOG.get(name);
  if (found === undefined) throw new Error(`no study ${name}`);
  return found;
}

function draw(name: string, candles: readonly Candle[], input: Record<string, unknown> = {}, override: Record<string, unknown> = {}) {
  const study = definition(name).prepare({ name, input, override });
  return { study, drawing: study.draw({ candles, visibleFrom: 0, visibleTo: candles.length, palette: paletteOf('light') }) };
}

function values(series: SceneSeries | undefined): readonly (number | null)[] {
  if (series?.kind !== 'line' && series?.kind !== 'histogram' && series?.kind !== 'markers') throw new Error(`no values in ${series?.kind}`);
  return series.values;
}

const rounded = (list: readonly (number | null)[], digits = 2) => list.map((value) => (value === null ? null : Number(value.toFixed(digits))));

describe('indicator values against references', () => {
  it('Relative Strength Index matches the published Wilder RSI(14), its SMA line the mean of the last RSIs', () => {
    const { drawing, study } = draw('Relative Strength Index', candlesOf(STOCKCHARTS_CLOSES), { length: 14, smoothingLine: 'SMA', smoothingLength: 3 });
    const rsi = values(drawing.series[0]);
    expect(rounded(rsi.slice(0, 14))).toEqual(new Array(14).fill(null));
    expect(rounded(rsi.slice(14))).toEqual(STOCKCHARTS_RSI);
    // SMA(3) of the first three RSI values, by hand: (70.46 + 66.25 + 66.48) / 3 = 67.73.
    expect(rounded(values(drawing.series[1]).slice(14, 17))).toEqual([null, null, 67.73]);
    expect(drawing.range).toEqual({ min: 0, max: 100 });
    expect(drawing.levels).toEqual([70, 50, 30]);
    expect(study.placement).toBe('pane');
  });

  it('Moving Average Double draws the simple averages of both periods on the price pane', () => {
    const { drawing, study } = draw('Moving Average Double', candlesOf([1, 2, 3, 4, 5, 6]), { firstPeriods: 2, secondPeriods: 4, method: 'Simple' });
    expect(values(drawing.series[0])).toEqual([null, 1.5, 2.5, 3.5, 4.5, 5.5]);
    expect(values(drawing.series[1])).toEqual([null, null, null, 2.5, 3.5, 4.5]);
    expect(study).toMatchObject({ placement: 'overlay', onPriceScale: true, legend: 'MA Double 2 4 Simple' });
  });

  it('Moving Average Double with the Exponential method seeds with the first close and smooths by 2/(n+1)', () => {
    const { drawing } = draw('Moving Average Double', candlesOf([10, 20, 30]), { firstPeriods: 3, secondPeriods: 3, method: 'Exponential' });
    // trading-signals' EMA answers from the first input: 10, then 10 + 0.5*(20-10) = 15, then 15 + 0.5*(30-15) = 22.5.
    expect(values(drawing.series[0])).toEqual([10, 15, 22.5]);
  });

  it('Bollinger Bands: SMA basis and population standard deviation times the multiplier', () => {
    const { drawing } = draw('Bollinger Bands', candlesOf([1, 2, 3, 4, 5]), { in_0: 5, in_1: 2 });
    const band = drawing.series[0];
    // mean 3, population variance (4+1+0+1+4)/5 = 2: 3 +- 2*sqrt(2).
    expect(values(drawing.series[1])).toEqual([null, null, null, null, 3]);
    expect(rounded(values(drawing.series[2]), 6)).toEqual([null, null, null, null, 5.828427]);
    expect(rounded(values(drawing.series[3]), 6)).toEqual([null, null, null, null, 0.171573]);
    expect(band?.kind).toBe('band');
  });

  it('MACD: fast EMA minus slow EMA, its EMA signal, the histogram between them, in its own pane', () => {
    const closes = [10, 11, 12, 11, 13, 14, 13, 15, 16, 15];
    const { drawing, study } = draw('MACD', candlesOf(closes), { in_0: 2, in_1: 3, in_2: 2, in_3: 'close' });
    const [histogram, macd, signal] = drawing.series.map(values);
    const ema = (n: number, list: readonly number[]) => {
      const alpha = 2 / (n + 1);
      return list.reduce<number[]>((out, value, i) => [...out, i === 0 ? value : alpha * value + (1 - alpha) * (out[i - 1] ?? value)], []);
    };
    const expectedMacd = ema(2, closes).map((fast, i) => fast - (ema(3, closes)[i] ?? 0));
    const last = closes.length - 1;
    expect(macd?.[last]).toBeCloseTo(expectedMacd[last] ?? NaN, 6);
    expect((histogram?.[last] ?? 0) + (signal?.[last] ?? 0)).toBeCloseTo(macd?.[last] ?? NaN, 9);
    expect(study.placement).toBe('pane');
  });

  it('On Balance Volume adds the volume of up closes and subtracts that of down closes; its SMA line follows', () => {
    const { drawing } = draw('On Balance Volume', candlesOf([10, 11, 10.5, 10.5, 12], [100, 200, 300, 400, 500]), { smoothingLine: 'SMA', smoothingLength: 2 });
    expect(values(drawing.series[0])).toEqual([null, 200, -100, -100, 400]);
    expect(values(drawing.series[1])).toEqual([null, null, 50, -100, 150]);
  });

  it('Average Directional Index is 100 on candles that only ever rise, and falls toward 0 when they go sideways', () => {
    const rising = Array.from({ length: 60 }, (_, i) => 100 + i);
    const adx = values(draw('Average Directional Index', candlesOf(rising), { in_0: 5, in_1: 5 }).drawing.series[0]);
    expect(adx.slice(0, 5).every((value) => value === null)).toBe(true);
    expect(adx[59]).toBeCloseTo(100, 6);
    // A zigzag whose highs and lows step up and down by the same amount: +DM and -DM balance out.
    const zigzag = Array.from({ length: 80 }, (_, i) => {
      const shift = i % 2 === 0 ? 0 : 1;
      return { time: i * HOUR, open: 100 + shift, high: 101 + shift, low: 99 + shift, close: 100 + shift, volume: 1 };
    });
    const flat = values(draw('Average Directional Index', zigzag, { in_0: 5, in_1: 5 }).drawing.series[0]);
    expect(flat[79]).toBeLessThan(15);
  });

  it('Stochastic RSI: %K is the stochastic of the RSI over its window, smoothed; %D smooths %K', () => {
    const input = { in_0: 1, in_1: 2, in_2: 14, in_3: 5 };
    const { drawing } = draw('Stochastic RSI', candlesOf(STOCKCHARTS_CLOSES), input);
    const [k, d] = drawing.series.map(values);
    // The first %K needs 5 RSI values (the 15th to the 19th close): 66.29 sits between min 66.25 and max 70.46.
    const window = [70.46, 66.25, 66.48, 69.35, 66.29];
    const expected = (100 * (66.29 - Math.min(...window))) / (Math.max(...window) - Math.min(...window));
    expect(k?.slice(0, 18).every((value) => value === null)).toBe(true);
    expect(k?.[18]).toBeCloseTo(expected, 0);
    expect(d?.[19]).toBeCloseTo(((k?.[18] ?? 0) + (k?.[19] ?? 0)) / 2, 9);
    expect(drawing.levels).toEqual([80, 50, 20]);
  });

  it('Parabolic SAR starts below a rising market and flips to the prior extreme when the trend turns', () => {
    const closes = [10, 11, 12, 13, 14, 15, 16, 15, 13, 11, 9, 8];
    const candles = candlesOf(closes);
    const { drawing, study } = draw('Parabolic SAR', candles, {}, { 'Plot.plottype': 'cross', 'Plot.color': 'rgb(33,150,243)' });
    const sar = values(drawing.series[0]);
    sar.slice(2, 7).forEach((value, i) => expect(value).toBeLessThan(candles[i + 2]?.low ?? NaN));
    const flip = sar.findIndex((value, i) => value !== null && i > 6 && value > (candles[i]?.high ?? Infinity));
    // After the turn the SAR restarts at the highest high of the up-trend (16.5).
    expect(sar[flip]).toBeCloseTo(16.5, 9);
    expect(drawing.series[0]).toMatchObject({ kind: 'markers', shape: 'cross', color: 'rgb(33,150,243)' });
    expect(study.placement).toBe('overlay');
  });

  it('Volume colours each bar by its candle and goes to its own pane when forceOverlay is false', () => {
    const candles = candlesOf([10, 11, 10], [5, 6, 7]);
    const study = definition('Volume').prepare({ name: 'Volume', forceOverlay: false, input: {}, override: {} });
    const drawing = study.draw({ candles, visibleFrom: 0, visibleTo: 3, palette: paletteOf('light') });
    expect(study.placement).toBe('pane');
    expect(drawing.series[0]).toMatchObject({
      kind: 'histogram',
      values: [5, 6, 7],
      colors: [paletteOf('light').upFaded, paletteOf('light').upFaded, paletteOf('light').downFaded],
    });
    expect(definition('Volume').prepare({ name: 'Volume', input: {}, override: {} }).placement).toBe('overlay');
  });
});

import { describe, expect, it } from '@jest/globals';
import { PNG } from 'pngjs';
import { LocalChartRenderer } from './local-chart-renderer.js';
import { RenderRefusal } from './render-refusal.js';
import { exampleOhlcvRows, seedChartBodies } from './testing/seed-chart-bodies.js';

const renderer = new LocalChartRenderer();
const rows = exampleOhlcvRows();
const bodies = seedChartBodies();
function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`nothing at ${index}`);
  return value;
}
const lastRow = at(rows, rows.length - 1);
const body = (id: string) => {
  const found = bodies.get(id);
  if (found === undefined) throw new Error(`no seed template ${id}`);
  return found;
};

// 800x600 by default: 26 px of time axis at the bottom, 74 px of price axis on the right, 6 px left margin.
const PRICE_ALONE_WITH_ONE_PANE = [
  { x: 6, y: 0, width: 720, height: 429 },
  { x: 6, y: 431, width: 720, height: 143 },
];

describe('LocalChartRenderer layout of the seed templates', () => {
  it.each([
    [
      'ctpl_price_ma1226_bb_macd1226_v1',
      PRICE_ALONE_WITH_ONE_PANE,
      [
        ['candles', 'band', 'line', 'line', 'line', 'line', 'line'],
        ['histogram', 'line', 'line'],
      ],
    ],
    ['ctpl_price_ma1226_vol_v1', PRICE_ALONE_WITH_ONE_PANE, [['candles', 'line', 'line'], ['histogram']]],
    ['ctpl_price_psar_adi_v1', PRICE_ALONE_WITH_ONE_PANE, [['candles', 'markers'], ['line']]],
    [
      'ctpl_price_rsi14_stochrsi_v1',
      [
        { x: 6, y: 0, width: 720, height: 342 },
        { x: 6, y: 344, width: 720, height: 114 },
        { x: 6, y: 460, width: 720, height: 114 },
      ],
      [['candles'], ['line', 'line'], ['line', 'line']],
    ],
    [
      'ctpl_price_vpvr_obv_v1',
      PRICE_ALONE_WITH_ONE_PANE,
      [
        ['candles', 'volume-profile'],
        ['line', 'line'],
      ],
    ],
  ])('%s: panes where TradingView puts them, with every series', (id, rects, kinds) => {
    const scene = renderer.scene(body(id), rows);

    expect(scene.panes.map((pane) => pane.rect)).toEqual(rects);
    expect(scene.panes.map((pane) => pane.series.map((series) => series.kind))).toEqual(kinds);
    // The default bar spacing shows the latest 102 of the 500 candles; indicators were warmed up on all of them.
    expect(scene.times).toHaveLength(102);
    expect(new Date(at(scene.times, 101)).toISOString()).toBe('2025-12-15T09:00:00.000Z');
    expect(scene.lastPrice.value).toBe(lastRow.close);
  });

  it('lists the studies of each pane and titles the chart with symbol and interval', () => {
    const { layout } = renderer.render(body('ctpl_price_ma1226_bb_macd1226_v1'), rows);

    expect(layout.panes.map((pane) => [pane.id, pane.kind, pane.studies])).toEqual([
      ['price', 'price', ['Bollinger Bands', 'Moving Average Double']],
      ['pane-1', 'study', ['MACD']],
    ]);
    expect(at(layout.panes, 0).legend).toEqual(['BINANCE:BTCUSDT · 1h · local', 'BB 20 SMA close 2', 'MA Double 12 26 Simple']);
    expect(at(layout.panes, 1).legend).toEqual(['MACD 12 26 close 9']);
    expect(layout).toMatchObject({ width: 800, height: 600, style: 'candle', theme: 'light', timezone: 'Etc/UTC', bars: 102 });
  });

  it('draws the SVG with one grid per pane, the time labels, the title and the last-price tag', () => {
    const svg = renderer.svg(body('ctpl_price_rsi14_stochrsi_v1'), rows);
    const scene = renderer.scene(body('ctpl_price_rsi14_stochrsi_v1'), rows);

    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('BINANCE:BTCUSDT · 1h · local');
    expect(svg).toContain('RSI 14 close SMA 14');
    expect(svg).toContain('Stoch RSI 3 3 14 14 close');
    for (const tick of scene.ticks) expect(svg).toContain(`>${tick.label}<`);
    expect(svg).toContain(`>${lastRow.close.toFixed(2)}<`);
  });

  it('honours size, theme, style and a range: a 1200x800 dark bar chart of every candle', () => {
    const scene = renderer.scene({ ...body('ctpl_price_psar_adi_v1'), width: 1200, height: 800, theme: 'dark', style: 'bar', range: 'ALL' }, rows);

    expect(scene.times).toHaveLength(500);
    expect(scene.panes.map((pane) => pane.rect)).toEqual([
      { x: 6, y: 0, width: 1120, height: 579 },
      { x: 6, y: 581, width: 1120, height: 193 },
    ]);
    expect(at(at(scene.panes, 0).series, 0).kind).toBe('ohlc-bars');
    expect(scene.palette.background).toBe('#131722');
  });

  it('puts the time axis in the template timezone: Tokyo days start at 15:00 UTC', () => {
    const inTokyo = renderer.scene({ ...body('ctpl_price_ma1226_vol_v1'), timezone: 'Asia/Tokyo' }, rows);
    const inUtc = renderer.scene(body('ctpl_price_ma1226_vol_v1'), rows);
    const dayTicks = (scene: typeof inUtc) =>
      scene.ticks.filter((tick) => /^\d+ Dec$/.test(tick.label)).map((tick) => new Date(at(scene.times, tick.index)).toISOString().slice(11, 16));

    expect(new Set(dayTicks(inUtc))).toEqual(new Set(['00:00']));
    expect(new Set(dayTicks(inTokyo))).toEqual(new Set(['15:00']));
  });

  it('keeps only the candles of an explicit {from, to} range', () => {
    const scene = renderer.scene({ ...body('ctpl_price_ma1226_vol_v1'), range: { from: '2025-12-14T00:00:00Z', to: '2025-12-14T23:59:59Z' } }, rows);

    expect(scene.times).toHaveLength(24);
    expect(new Date(at(scene.times, 0)).toISOString()).toBe('2025-12-14T00:00:00.000Z');
  });

  it('renders a PNG of the requested size', () => {
    const { png } = renderer.render({ ...body('ctpl_price_vpvr_obv_v1'), width: 640, height: 400 }, rows);
    const image = PNG.sync.read(Buffer.from(png));

    expect([image.width, image.height]).toEqual([640, 400]);
  });
});

describe('LocalChartRenderer with few candles', () => {
  it.each([1, 2, 30])('draws every seed template from %i candle(s), leaving out values the studies cannot have yet', (count) => {
    for (const [id, seedBody] of bodies) {
      const { png, layout } = renderer.render(seedBody, rows.slice(-count));

      expect([id, layout.bars]).toEqual([id, count]);
      expect(PNG.sync.read(Buffer.from(png)).width).toBe(800);
    }
  });
});

describe('LocalChartRenderer refusals', () => {
  it('refuses a template with a study it cannot draw, naming the study, before reading any candle', () => {
    const withIchimoku = { ...body('ctpl_price_ma1226_vol_v1'), studies: [{ name: 'Volume' }, { name: 'Ichimoku Cloud', input: {} }] };

    expect(() => renderer.check(withIchimoku)).toThrow(new RenderRefusal('study "Ichimoku Cloud" is not drawn by the local renderer'));
    // No candles at all would be refused too; the study is named first because nothing is drawn.
    expect(() => renderer.render(withIchimoku, [])).toThrow('study "Ichimoku Cloud" is not drawn by the local renderer');
  });

  it.each([
    [{ style: 'baseline' }, 'style "baseline" is not drawn by the local renderer (it draws candle, hollowCandle, heikinAshi, bar, line, area)'],
    [{ timezone: 'Mars/Olympus' }, 'timezone "Mars/Olympus" is not a time zone the renderer knows'],
    [{ studies: [{ name: 'MACD', input: { in_0: 'twelve' } }] }, 'study "MACD" input in_0: expected a whole number from 1 to 5000, got "twelve"'],
    [{ drawings: [{ name: 'Long Position', input: {} }] }, 'drawing "Long Position" is not drawn by the local renderer'],
    [{ range: '2W' }, 'range "2W" must be one of 1D, 5D, 1M, 3M, 6M, 1Y, 5Y, ALL, DTD, WTD, MTD, YTD or {from, to}'],
  ])('refuses %j with one line naming the field and the value', (change, message) => {
    expect(() => renderer.check({ ...body('ctpl_price_ma1226_vol_v1'), ...change })).toThrow(new RenderRefusal(message));
  });

  it('refuses an empty OHLCV series', () => {
    expect(() => renderer.render(body('ctpl_price_ma1226_vol_v1'), [])).toThrow('OHLCV data has no candles: nothing to draw');
  });
});

import { toCandles, toHeikinAshi, type Candle } from '../candles.js';
import type { ChartPlan } from '../chart-plan.js';
import { paletteOf, type Palette } from '../palette.js';
import type { OhlcvRow } from '@worker-chart-export/domain';
import type { PreparedStudy, StudyDrawing } from '../studies/study-definition.js';
import { timeTicks, type TimeTick } from '../time-axis.js';
import { visibleWindow } from '../visible-range.js';
import { sliceSeries, valuesOf, type SceneSeries } from './scene-series.js';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One line of a pane's legend: a name, then values in their series' colours. */
export interface LegendLine {
  readonly title: string;
  readonly values: readonly { readonly text: string; readonly color: string }[];
}

/** Series on a scale of their own inside a pane (volume or an oscillator laid over the price). */
export interface OverlayScale {
  readonly min: number;
  readonly max: number;
  readonly series: readonly SceneSeries[];
}

export interface ScenePane {
  readonly id: string;
  readonly kind: 'price' | 'study';
  readonly studies: readonly string[];
  readonly rect: Rect;
  readonly min: number;
  readonly max: number;
  readonly logarithmic: boolean;
  readonly series: readonly SceneSeries[];
  readonly overlayScales: readonly OverlayScale[];
  readonly levels: readonly number[];
  readonly levelFill?: string;
  readonly legend: readonly LegendLine[];
  readonly valueFormat: 'price' | 'compact' | 'fixed2';
}

/** Everything to draw, in pixels and values, before any charting library is involved. */
export interface ChartScene {
  readonly plan: ChartPlan;
  readonly palette: Palette;
  readonly width: number;
  readonly height: number;
  readonly panes: readonly ScenePane[];
  /** Open times of the visible candles. */
  readonly times: readonly number[];
  readonly ticks: readonly TimeTick[];
  readonly timeAxis: Rect;
  readonly lastPrice: { readonly value: number; readonly color: string };
}

const PRICE_AXIS_WIDTH = 74;
const TIME_AXIS_HEIGHT = 26;
const LEFT_MARGIN = 6;
const PANE_GAP = 2;
const DEFAULT_BAR_SPACING_PX = 7;
/** Empty slots right of the last candle, as TradingView leaves room before the price axis. */
export const RIGHT_OFFSET_BARS = 3;

/** The price with as many decimals as its size needs: 97015.65, 1.2345, 0.000123. */
export function formatPrice(value: number): string {
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 2 : magnitude >= 1 ? 4 : 6;
  return value.toFixed(decimals);
}

/** 1.23K, 45.6M, 7.89B. */
export function formatCompact(value: number): string {
  const magnitude = Math.abs(value);
  for (const [unit, size] of [
    ['B', 1e9],
    ['M', 1e6],
    ['K', 1e3],
  ] as const) {
    if (magnitude >= size) return `${(value / size).toFixed(2)}${unit}`;
  }
  return value.toFixed(2);
}

function formatValue(value: number | null, format: ScenePane['valueFormat']): string {
  if (value === null) return 'n/a';
  if (format === 'compact') return formatCompact(value);
  if (format === 'fixed2') return value.toFixed(2);
  return formatPrice(value);
}

function colorOf(series: SceneSeries, palette: Palette): string {
  switch (series.kind) {
    case 'line':
    case 'markers':
      return series.color;
    case 'histogram':
      return series.colors[series.colors.length - 1] ?? palette.text;
    case 'volume-profile':
      return series.pocColor;
    default:
      return palette.text;
  }
}

function legendOf(study: PreparedStudy, drawing: StudyDrawing, format: ScenePane['valueFormat'], palette: Palette): LegendLine {
  const colored = drawing.series.filter((series) => series.kind !== 'band');
  return {
    title: study.legend,
    values: drawing.lastValues.map((value, i) => ({
      text: formatValue(value, format),
      color: colored[i] === undefined ? palette.text : colorOf(colored[i], palette),
    })),
  };
}

function spanOf(series: readonly SceneSeries[], fixed?: { min: number; max: number }): { min: number; max: number } {
  if (fixed !== undefined) return fixed;
  const values = series.flatMap(valuesOf);
  if (values.length === 0) return { min: 0, max: 1 };
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) [min, max] = [min - Math.abs(min || 1) * 0.01, max + Math.abs(max || 1) * 0.01];
  const pad = (max - min) * 0.08;
  return { min: min - pad, max: max + pad };
}

function priceSeries(plan: ChartPlan, candles: readonly Candle[], palette: Palette): SceneSeries {
  const closes = candles.map((candle) => candle.close);
  switch (plan.style) {
    case 'candle':
      return { kind: 'candles', name: plan.symbol, candles, hollow: false };
    case 'hollowCandle':
      return { kind: 'candles', name: plan.symbol, candles, hollow: true };
    case 'heikinAshi':
      return { kind: 'candles', name: plan.symbol, candles, hollow: false };
    case 'bar':
      return { kind: 'ohlc-bars', name: plan.symbol, candles };
    case 'line':
      return { kind: 'line', name: plan.symbol, values: closes, color: palette.line, width: 2 };
    case 'area':
      return { kind: 'line', name: plan.symbol, values: closes, color: palette.line, width: 2, area: true };
  }
}

function paneHeights(total: number, studyPanes: number): number[] {
  if (studyPanes === 0) return [total];
  const share = studyPanes === 1 ? 0.25 : studyPanes === 2 ? 0.2 : 0.5 / studyPanes;
  const study = Math.round((total - studyPanes * PANE_GAP) * share);
  return [total - studyPanes * (study + PANE_GAP), ...new Array<number>(studyPanes).fill(study)];
}

/**
 * Lays a plan out over the rows: the candles to show, every study computed on all candles and cut to the
 * visible ones, the price pane on top with its overlays, one pane per pane study below it, in the body's order.
 */
export function buildChartScene(plan: ChartPlan, rows: readonly OhlcvRow[]): ChartScene {
  const palette = paletteOf(plan.theme);
  const allCandles = toCandles(rows);
  const plotWidth = plan.width - PRICE_AXIS_WIDTH - LEFT_MARGIN;
  const window = visibleWindow(allCandles, plan.range, Math.floor(plotWidth / DEFAULT_BAR_SPACING_PX));
  const visible = (series: SceneSeries) => sliceSeries(series, window.from, window.to);
  const context = { candles: allCandles, visibleFrom: window.from, visibleTo: window.to, palette };
  const drawn = plan.studies.map((study) => ({ study, drawing: study.draw(context) }));

  const shownCandles = (plan.style === 'heikinAshi' ? toHeikinAshi(allCandles) : allCandles).slice(window.from, window.to);
  const main = priceSeries(plan, shownCandles, palette);
  const overlays = drawn.filter(({ study }) => study.placement === 'overlay');
  const onPrice = overlays.filter(({ study }) => study.onPriceScale);
  const ownScale = overlays.filter(({ study }) => !study.onPriceScale);
  const paneStudies = drawn.filter(({ study }) => study.placement === 'pane');

  const heights = paneHeights(plan.height - TIME_AXIS_HEIGHT, paneStudies.length);
  let top = 0;
  const rectAt = (index: number): Rect => {
    const rect = { x: LEFT_MARGIN, y: top, width: plotWidth, height: heights[index] ?? 0 };
    top += rect.height + PANE_GAP;
    return rect;
  };

  const priceOverlaySeries = onPrice.flatMap(({ drawing }) => drawing.series.map(visible));
  const priceSpan = spanOf([main, ...priceOverlaySeries]);
  // visibleWindow never returns an empty window.
  const last = allCandles[window.to - 1] as Candle;
  const first = allCandles[window.from] as Candle;
  const change = last.close - first.open;
  const pricePane: ScenePane = {
    id: 'price',
    kind: 'price',
    studies: overlays.map(({ study }) => study.name),
    rect: rectAt(0),
    min: priceSpan.min,
    max: priceSpan.max,
    logarithmic: plan.scale === 'logarithmic',
    series: [main, ...priceOverlaySeries],
    overlayScales: ownScale.map(({ drawing }) => {
      const series = drawing.series.map(visible);
      const span = spanOf(series, drawing.range);
      // Laid over the price, an own-scale study keeps to the bottom quarter of the pane, as TradingView's volume does.
      return { min: span.min, max: span.min + (span.max - span.min) * 4, series };
    }),
    levels: [],
    legend: [
      {
        title: `${plan.symbol} · ${plan.interval} · local`,
        values: [
          { text: `O ${formatPrice(last.open)}`, color: palette.text },
          { text: `H ${formatPrice(last.high)}`, color: palette.text },
          { text: `L ${formatPrice(last.low)}`, color: palette.text },
          { text: `C ${formatPrice(last.close)}`, color: palette.text },
          { text: `${change >= 0 ? '+' : ''}${((change / first.open) * 100).toFixed(2)}%`, color: change >= 0 ? palette.up : palette.down },
        ],
      },
      ...overlays.map(({ study, drawing }) => legendOf(study, drawing, study.onPriceScale ? 'price' : 'compact', palette)),
    ],
    valueFormat: 'price',
  };

  const studyPanes = paneStudies.map(({ study, drawing }, i): ScenePane => {
    const series = drawing.series.map(visible);
    const span = spanOf(series, drawing.range);
    const valueFormat = drawing.range !== undefined ? 'fixed2' : span.max - span.min >= 10_000 ? 'compact' : 'fixed2';
    return {
      id: `pane-${i + 1}`,
      kind: 'study',
      studies: [study.name],
      rect: rectAt(i + 1),
      min: span.min,
      max: span.max,
      logarithmic: false,
      series,
      overlayScales: [],
      levels: drawing.levels ?? [],
      ...(drawing.levelFill === undefined ? {} : { levelFill: drawing.levelFill }),
      legend: [legendOf(study, drawing, valueFormat, palette)],
      valueFormat,
    };
  });

  const shown = allCandles.slice(window.from, window.to);
  const barWidth = plotWidth / Math.max(shown.length + RIGHT_OFFSET_BARS, 1);
  return {
    plan,
    palette,
    width: plan.width,
    height: plan.height,
    panes: [pricePane, ...studyPanes],
    times: shown.map((candle) => candle.time),
    ticks: timeTicks(shown, plan.timezone, barWidth),
    timeAxis: { x: LEFT_MARGIN, y: plan.height - TIME_AXIS_HEIGHT, width: plotWidth, height: TIME_AXIS_HEIGHT },
    lastPrice: { value: last.close, color: last.close >= last.open ? palette.up : palette.down },
  };
}

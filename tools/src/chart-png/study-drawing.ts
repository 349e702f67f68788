import type { Candle } from './candles.js';
import { bollingerBands, ema, sma, type Series } from './moving-averages.js';
import { averageDirectionalIndex, macd, momentum, onBalanceVolume, rsi, stochasticRsi } from './oscillators.js';
import { parabolicSar } from './parabolic-sar.js';
import type { Rgb } from './raster.js';

/** A study as a template's `request.studies[]` holds it (already validated by the domain). */
export interface TemplateStudy {
  readonly name: string;
  readonly forceOverlay?: boolean;
  readonly input?: Readonly<Record<string, unknown>>;
  readonly override?: Readonly<Record<string, unknown>>;
}

export type Plot =
  | { readonly kind: 'line'; readonly series: Series; readonly color: Rgb }
  | { readonly kind: 'dots'; readonly series: Series; readonly color: Rgb }
  /** Bars from zero; `sign` colours by sign, `candle` by the bar's direction. */
  | { readonly kind: 'histogram'; readonly series: Series; readonly coloring: 'sign' | 'candle'; readonly color: Rgb }
  /** Horizontal volume-by-price bars on the price scale. */
  | { readonly kind: 'profile'; readonly rows: number; readonly color: Rgb };

/** How one study is drawn. */
export interface StudyDrawing {
  /** Legend text: the study's name and its inputs. */
  readonly label: string;
  /** `price`: on the main pane's price scale; `overlay`: on the main pane with its own scale; `pane`: a pane below. */
  readonly placement: 'price' | 'overlay' | 'pane';
  readonly plots: readonly Plot[];
  /** Fixed value range (0..100 oscillators); otherwise the data's range. */
  readonly range?: readonly [number, number];
  /** Dashed horizontal reference levels. */
  readonly guides: readonly number[];
}

type Colors = (index: number) => Rgb;
type Draw = (study: TemplateStudy, candles: readonly Candle[], color: Colors) => Omit<StudyDrawing, 'label' | 'placement'>;

const closesOf = (candles: readonly Candle[]): Series => candles.map((c) => c.close);

const movingAverageLines =
  (defaults: readonly number[], keys: readonly string[], exponential: boolean): Draw =>
  (study, candles, color) => ({
    plots: defaults.map((fallback, i) => {
      const period = numberInput(study, [keys[i] ?? '', `in_${i}`, i === 0 ? 'length' : ''], fallback);
      const series = exponential ? ema(closesOf(candles), period) : sma(closesOf(candles), period);
      return { kind: 'line' as const, series, color: color(i) };
    }),
    guides: [],
  });

const DRAWINGS: Readonly<Record<string, Draw>> = {
  'Moving Average': movingAverageLines([9], ['length'], false),
  'Moving Average Exponential': movingAverageLines([9], ['length'], true),
  'Moving Average Double': movingAverageLines([9, 26], ['firstPeriods', 'secondPeriods'], false),
  'Moving Average Triple': movingAverageLines([9, 26, 52], ['firstPeriods', 'secondPeriods', 'thirdPeriods'], false),
  'MA Cross': movingAverageLines([9, 26], ['in_0', 'in_1'], false),
  'Bollinger Bands': (study, candles, color) => {
    const bands = bollingerBands(closesOf(candles), numberInput(study, ['in_0', 'length'], 20), realInput(study, ['in_1', 'mult'], 2));
    return {
      plots: [
        { kind: 'line', series: bands.upper, color: color(0) },
        { kind: 'line', series: bands.middle, color: color(1) },
        { kind: 'line', series: bands.lower, color: color(0) },
      ],
      guides: [],
    };
  },
  'Parabolic SAR': (_study, candles, color) => ({ plots: [{ kind: 'dots', series: parabolicSar(candles), color: color(0) }], guides: [] }),
  'Volume Profile Visible Range': (study, _candles, color) => ({
    plots: [{ kind: 'profile', rows: numberInput(study, ['rows'], 24), color: color(0) }],
    guides: [],
  }),
  Volume: (_study, candles, color) => ({
    plots: [
      { kind: 'histogram', series: candles.map((c) => c.volume), coloring: 'candle', color: color(0) },
      {
        kind: 'line',
        series: sma(
          candles.map((c) => c.volume),
          20,
        ),
        color: color(0),
      },
    ],
    guides: [],
  }),
  MACD: (study, candles, color) => {
    const lines = macd(
      closesOf(candles),
      numberInput(study, ['in_0', 'fastLength'], 12),
      numberInput(study, ['in_1', 'slowLength'], 26),
      numberInput(study, ['in_2', 'signalLength'], 9),
    );
    return {
      plots: [
        { kind: 'histogram', series: lines.histogram, coloring: 'sign', color: color(0) },
        { kind: 'line', series: lines.macd, color: color(0) },
        { kind: 'line', series: lines.signal, color: color(1) },
      ],
      guides: [0],
    };
  },
  'Relative Strength Index': (study, candles, color) => {
    const line = rsi(closesOf(candles), numberInput(study, ['length', 'in_0'], 14));
    const smoothing = numberInput(study, ['smoothingLength'], 0);
    const plots: Plot[] = [{ kind: 'line', series: line, color: color(0) }];
    if (smoothing > 1) plots.push({ kind: 'line', series: sma(line, smoothing), color: color(1) });
    return { plots, range: [0, 100], guides: [30, 70] };
  },
  'Stochastic RSI': (study, candles, color) => {
    const lines = stochasticRsi(
      closesOf(candles),
      numberInput(study, ['lengthRSI', 'in_2'], 14),
      numberInput(study, ['lengthStoch', 'in_3'], 14),
      numberInput(study, ['smoothK', 'in_0'], 3),
      numberInput(study, ['smoothD', 'in_1'], 3),
    );
    return {
      plots: [
        { kind: 'line', series: lines.k, color: color(0) },
        { kind: 'line', series: lines.d, color: color(1) },
      ],
      range: [0, 100],
      guides: [20, 80],
    };
  },
  'On Balance Volume': (study, candles, color) => {
    const line = onBalanceVolume(candles);
    const smoothing = numberInput(study, ['smoothingLength'], 0);
    const plots: Plot[] = [{ kind: 'line', series: line, color: color(0) }];
    if (smoothing > 1) plots.push({ kind: 'line', series: sma(line, smoothing), color: color(1) });
    return { plots, guides: [] };
  },
  'Average Directional Index': (study, candles, color) => ({
    plots: [{ kind: 'line', series: averageDirectionalIndex(candles, numberInput(study, ['in_0', 'length'], 14)), color: color(0) }],
    range: [0, 100],
    guides: [20],
  }),
};

/** Studies TradingView draws on the price scale; every other study gets a pane unless `forceOverlay` is set. */
const PRICE_SCALE =
  /moving average|^ma |ema$|^bollinger bands$|parabolic sar|volume profile|envelope|ichimoku|vwap|vwma|channels?$|supertrend|alligator|mcginley|chande kroll|linear regression curve/i;

/** How to draw `study`; `colorOffset` picks its first palette colour so neighbouring studies differ. */
export function studyDrawing(study: TemplateStudy, candles: readonly Candle[], palette: readonly Rgb[], colorOffset: number): StudyDrawing {
  const overrideColor = parseRgb(Object.entries(study.override ?? {}).find(([key]) => key.endsWith('.color'))?.[1]);
  const color: Colors = (index) =>
    index === 0 && overrideColor !== undefined ? overrideColor : (palette[(colorOffset + index) % palette.length] ?? [0, 0, 0]);
  const onPriceScale = PRICE_SCALE.test(study.name);
  const draw = DRAWINGS[study.name] ?? (onPriceScale ? movingAverageLines([20], ['length'], false) : genericOscillator);
  const placement = onPriceScale ? 'price' : study.forceOverlay === true ? 'overlay' : 'pane';
  return { label: legendLabel(study), placement, ...draw(study, candles, color) };
}

/** A study without a dedicated drawing: its shape is unknown, so a momentum line stands in for it. */
const genericOscillator: Draw = (study, candles, color) => ({
  plots: [{ kind: 'line', series: momentum(closesOf(candles), numberInput(study, ['length', 'in_0'], 10)), color: color(0) }],
  guides: [0],
});

function numberInput(study: TemplateStudy, keys: readonly string[], fallback: number): number {
  for (const key of keys) {
    const value = study.input?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.min(500, Math.round(value));
  }
  return fallback;
}

function realInput(study: TemplateStudy, keys: readonly string[], fallback: number): number {
  for (const key of keys) {
    const value = study.input?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.min(10, value);
  }
  return fallback;
}

function legendLabel(study: TemplateStudy): string {
  const inputs = Object.values(study.input ?? {}).filter((v) => typeof v === 'number' || typeof v === 'string');
  return [study.name, ...inputs.map(String)].join(' ');
}

function parseRgb(value: unknown): Rgb | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/.exec(value);
  if (match === null) return undefined;
  return [Number(match[1]) & 255, Number(match[2]) & 255, Number(match[3]) & 255];
}

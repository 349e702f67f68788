import type { Candle } from '../candles.js';

/** One value per candle; null where the indicator has no value yet. */
export type Values = readonly (number | null)[];

/** A bucket of the volume profile: its price range and the volume traded there on up and down candles. */
export interface VolumeProfileRow {
  readonly low: number;
  readonly high: number;
  readonly up: number;
  readonly down: number;
  readonly inValueArea: boolean;
}

/** Something drawn in a pane, independent of the charting library. */
export type SceneSeries =
  | { readonly kind: 'candles'; readonly name: string; readonly candles: readonly Candle[]; readonly hollow: boolean }
  | { readonly kind: 'ohlc-bars'; readonly name: string; readonly candles: readonly Candle[] }
  | {
      readonly kind: 'line';
      readonly name: string;
      readonly values: Values;
      readonly color: string;
      readonly width: number;
      readonly area?: boolean;
    }
  | { readonly kind: 'histogram'; readonly name: string; readonly values: Values; readonly colors: readonly string[] }
  | {
      readonly kind: 'markers';
      readonly name: string;
      readonly values: Values;
      readonly color: string;
      readonly size: number;
      readonly shape: 'cross' | 'circle';
    }
  | { readonly kind: 'band'; readonly name: string; readonly upper: Values; readonly lower: Values; readonly color: string }
  | {
      readonly kind: 'volume-profile';
      readonly name: string;
      readonly rows: readonly VolumeProfileRow[];
      readonly pocPrice: number;
      readonly upColor: string;
      readonly downColor: string;
      readonly pocColor: string;
    };

/** Slices every per-candle array of `series` to `[from, to)`. */
export function sliceSeries(series: SceneSeries, from: number, to: number): SceneSeries {
  switch (series.kind) {
    case 'candles':
    case 'ohlc-bars':
      return { ...series, candles: series.candles.slice(from, to) };
    case 'line':
    case 'markers':
      return { ...series, values: series.values.slice(from, to) };
    case 'histogram':
      return { ...series, values: series.values.slice(from, to), colors: series.colors.slice(from, to) };
    case 'band':
      return { ...series, upper: series.upper.slice(from, to), lower: series.lower.slice(from, to) };
    case 'volume-profile':
      return series;
  }
}

/** The values a series spans, for the pane's price scale (the volume profile follows the price scale). */
export function valuesOf(series: SceneSeries): number[] {
  const finite = (values: Values) => values.filter((value): value is number => value !== null && Number.isFinite(value));
  switch (series.kind) {
    case 'candles':
    case 'ohlc-bars':
      return series.candles.flatMap((candle) => [candle.high, candle.low]);
    case 'line':
    case 'markers':
      return finite(series.values);
    case 'histogram':
      return [0, ...finite(series.values)];
    case 'band':
      return [...finite(series.upper), ...finite(series.lower)];
    case 'volume-profile':
      return [];
  }
}

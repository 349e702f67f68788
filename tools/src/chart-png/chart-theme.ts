import type { Rgb } from './raster.js';

/** Colours of one chart theme (close to TradingView's defaults, so a fixture reads like the real thing). */
export interface ChartTheme {
  readonly background: Rgb;
  readonly grid: Rgb;
  readonly separator: Rgb;
  readonly text: Rgb;
  readonly axisText: Rgb;
  readonly watermark: Rgb;
  readonly up: Rgb;
  readonly down: Rgb;
  readonly mockBadge: Rgb;
  /** Study line colours, used in order. */
  readonly palette: readonly Rgb[];
}

const PALETTE: readonly Rgb[] = [
  [41, 98, 255],
  [255, 152, 0],
  [156, 39, 176],
  [0, 150, 136],
  [233, 30, 99],
  [121, 85, 72],
];

export const LIGHT_THEME: ChartTheme = {
  background: [255, 255, 255],
  grid: [240, 243, 250],
  separator: [209, 212, 220],
  text: [19, 23, 34],
  axisText: [106, 109, 120],
  watermark: [232, 235, 242],
  up: [8, 153, 129],
  down: [242, 54, 69],
  mockBadge: [230, 81, 0],
  palette: PALETTE,
};

export const DARK_THEME: ChartTheme = {
  background: [19, 23, 34],
  grid: [32, 36, 48],
  separator: [54, 58, 69],
  text: [209, 212, 220],
  axisText: [140, 143, 154],
  watermark: [31, 35, 47],
  up: [38, 166, 154],
  down: [239, 83, 80],
  mockBadge: [255, 152, 0],
  palette: PALETTE,
};

/** The theme a request's `theme` names (`light` when absent or unknown). */
export function chartTheme(name: unknown): ChartTheme {
  return name === 'dark' ? DARK_THEME : LIGHT_THEME;
}

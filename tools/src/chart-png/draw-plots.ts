import type { Candle } from './candles.js';
import type { ChartTheme } from './chart-theme.js';
import type { Raster, Rgb } from './raster.js';
import type { Plot } from './study-drawing.js';
import { scaleY, type ValueScale } from './value-scale.js';

/** Where bar `i` is drawn: its centre column and the body width. */
export interface BarGeometry {
  readonly x: (index: number) => number;
  readonly bodyWidth: number;
}

/** Draws one study plot over the visible bars. */
export function drawPlot(
  raster: Raster,
  plot: Plot,
  scale: ValueScale,
  bars: BarGeometry,
  candles: readonly Candle[],
  theme: ChartTheme,
  priceRight: number,
): void {
  switch (plot.kind) {
    case 'line': {
      let previous: [number, number] | undefined;
      plot.series.forEach((value, i) => {
        if (value === undefined) {
          previous = undefined;
          return;
        }
        const point: [number, number] = [bars.x(i), scaleY(scale, value)];
        if (previous !== undefined) raster.line(previous[0], previous[1], point[0], point[1], plot.color);
        previous = point;
      });
      return;
    }
    case 'dots':
      plot.series.forEach((value, i) => {
        if (value === undefined) return;
        const x = bars.x(i);
        const y = Math.round(scaleY(scale, value));
        raster.line(x - 2, y, x + 2, y, plot.color);
        raster.line(x, y - 2, x, y + 2, plot.color);
      });
      return;
    case 'histogram': {
      const zero = scaleY(scale, Math.min(Math.max(0, scale.min), scale.max));
      plot.series.forEach((value, i) => {
        if (value === undefined) return;
        const candle = candles[i];
        const rising = plot.coloring === 'sign' ? value >= 0 : candle !== undefined && candle.close >= candle.open;
        const color = tint(rising ? theme.up : theme.down, theme.background, 0.45);
        const y = scaleY(scale, value);
        raster.fillRect(bars.x(i) - Math.floor(bars.bodyWidth / 2), Math.min(y, zero), bars.bodyWidth, Math.max(1, Math.abs(zero - y)), color);
      });
      return;
    }
    case 'profile':
      drawVolumeProfile(raster, plot.rows, plot.color, scale, candles, theme, priceRight);
      return;
  }
}

/** Volume by price in `rows` bins, as bars growing leftwards from the price axis (at most a quarter of the pane). */
function drawVolumeProfile(
  raster: Raster,
  rows: number,
  color: Rgb,
  scale: ValueScale,
  candles: readonly Candle[],
  theme: ChartTheme,
  priceRight: number,
): void {
  const low = Math.min(...candles.map((c) => c.low));
  const high = Math.max(...candles.map((c) => c.high));
  const binSize = (high - low) / rows || 1;
  const up = new Array<number>(rows).fill(0);
  const down = new Array<number>(rows).fill(0);
  for (const candle of candles) {
    const bin = Math.min(rows - 1, Math.floor(((candle.low + candle.high) / 2 - low) / binSize));
    const side = candle.close >= candle.open ? up : down;
    side[bin] = (side[bin] ?? 0) + candle.volume;
  }
  const largest = Math.max(...up.map((u, i) => u + (down[i] ?? 0))) || 1;
  const maxWidth = Math.floor(priceRight / 4);
  for (let bin = 0; bin < rows; bin += 1) {
    const top = scaleY(scale, low + (bin + 1) * binSize) + 1;
    const bottom = scaleY(scale, low + bin * binSize);
    const upWidth = Math.round(((up[bin] ?? 0) / largest) * maxWidth);
    const downWidth = Math.round(((down[bin] ?? 0) / largest) * maxWidth);
    raster.fillRect(priceRight - upWidth, top, upWidth, bottom - top, tint(color, theme.background, 0.35));
    raster.fillRect(priceRight - upWidth - downWidth, top, downWidth, bottom - top, tint(theme.down, theme.background, 0.3));
  }
}

/** `color` mixed into `background` at `amount` (0: background, 1: color). */
export function tint(color: Rgb, background: Rgb, amount: number): Rgb {
  const mix = (c: 0 | 1 | 2): number => Math.round(background[c] + (color[c] - background[c]) * amount);
  return [mix(0), mix(1), mix(2)];
}

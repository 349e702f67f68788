import { GLYPH_HEIGHT, drawText, textWidth } from './bitmap-font.js';
import { generateCandles, type Candle } from './candles.js';
import { chartTheme, type ChartTheme } from './chart-theme.js';
import { drawPlot, tint, type BarGeometry } from './draw-plots.js';
import { Raster, type Rgb } from './raster.js';
import { hashSeed, seededRandom } from './seeded-random.js';
import { studyDrawing, type StudyDrawing, type TemplateStudy } from './study-drawing.js';
import { formatValue, niceTicks, scaleY, valueRange, type ValueScale } from './value-scale.js';

/** What a mock chart shows. */
export interface ChartPicture {
  /** Seeds the candles: the same key always draws the same chart. */
  readonly seedKey: string;
  readonly chartImgSymbol: string;
  readonly interval: string;
  readonly chartTemplateId: string;
  readonly width: number;
  readonly height: number;
  /** The template's `request`: `theme`, `style` and `studies` are used. */
  readonly request: Readonly<Record<string, unknown>>;
}

const HEADER_HEIGHT = 26;
const FOOTER_HEIGHT = 12;
const AXIS_WIDTH = 62;
const BAR_STEP = 7;
const BODY_WIDTH = 5;
const RIGHT_PADDING_BARS = 3;
const WARM_UP_BARS = 60;
const LINE_HEIGHT = GLYPH_HEIGHT + 4;

interface Pane {
  readonly top: number;
  readonly bottom: number;
}

/** Draws the chart: caption, candles with price-scale studies, one pane per other study, grid and axes. */
export function drawChart(picture: ChartPicture): Raster {
  const theme = chartTheme(picture.request['theme']);
  const raster = new Raster(picture.width, picture.height, theme.background);
  const plotRight = picture.width - AXIS_WIDTH;
  const visibleBars = Math.max(10, Math.floor(plotRight / BAR_STEP) - RIGHT_PADDING_BARS);
  const all = generateCandles(seededRandom(hashSeed(picture.seedKey)), WARM_UP_BARS + visibleBars);
  const candles = all.slice(WARM_UP_BARS);
  const drawings = templateStudies(picture.request).map((study, i) => visible(studyDrawing(study, all, theme.palette, i * 2), WARM_UP_BARS));
  const panes = drawings.filter((d) => d.placement === 'pane');
  const { main, studyPanes } = layout(picture.height, panes.length);
  const bars: BarGeometry = { x: (i) => i * BAR_STEP + Math.floor(BAR_STEP / 2), bodyWidth: BODY_WIDTH };

  drawCaption(raster, picture, theme);
  drawMainPane(raster, picture, theme, main, plotRight, bars, candles, drawings);
  panes.forEach((drawing, i) => {
    const pane = studyPanes[i];
    if (pane !== undefined) drawStudyPane(raster, theme, pane, plotRight, bars, candles, drawing);
  });
  raster.vline(plotRight, HEADER_HEIGHT, picture.height - FOOTER_HEIGHT, theme.separator);
  raster.hline(0, picture.width - 1, picture.height - FOOTER_HEIGHT, theme.separator);
  for (let i = 0; i < visibleBars; i += 12) raster.vline(bars.x(i), picture.height - FOOTER_HEIGHT, picture.height - FOOTER_HEIGHT + 3, theme.axisText);
  return raster;
}

function layout(height: number, paneCount: number): { main: Pane; studyPanes: Pane[] } {
  const top = HEADER_HEIGHT;
  const bottom = height - FOOTER_HEIGHT;
  const available = bottom - top;
  const paneHeight = Math.min(Math.max(48, Math.floor(available * 0.2)), Math.floor((available * 0.55) / Math.max(1, paneCount)));
  const mainBottom = bottom - paneHeight * paneCount;
  const studyPanes = Array.from({ length: paneCount }, (_, i) => ({
    top: mainBottom + i * paneHeight,
    bottom: mainBottom + (i + 1) * paneHeight,
  }));
  return { main: { top, bottom: mainBottom }, studyPanes };
}

function drawCaption(raster: Raster, picture: ChartPicture, theme: ChartTheme): void {
  const caption = `${picture.chartImgSymbol}  ${picture.interval}  ${picture.chartTemplateId}`;
  const badge = 'mock';
  const fits = (scale: number): boolean => textWidth(caption, scale) + textWidth(badge, scale) + 36 <= picture.width;
  const scale = fits(2) ? 2 : 1;
  const y = Math.floor((HEADER_HEIGHT - GLYPH_HEIGHT * scale) / 2);
  drawText(raster, 8, y, caption, theme.text, scale);
  const badgeX = 8 + textWidth(caption, scale) + 12;
  raster.fillRect(badgeX - 4, y - 3, textWidth(badge, scale) + 8, GLYPH_HEIGHT * scale + 6, theme.mockBadge);
  drawText(raster, badgeX, y, badge, theme.background, scale);
  raster.hline(0, picture.width - 1, HEADER_HEIGHT - 1, theme.separator);
}

function drawMainPane(
  raster: Raster,
  picture: ChartPicture,
  theme: ChartTheme,
  pane: Pane,
  plotRight: number,
  bars: BarGeometry,
  candles: readonly Candle[],
  drawings: readonly StudyDrawing[],
): void {
  const onPrice = drawings.filter((d) => d.placement === 'price');
  const [min, max] = valueRange(
    [...candles.flatMap((c) => [c.low, c.high]), ...onPrice.flatMap((d) => d.plots.flatMap((p) => ('series' in p ? p.series : [])))],
    0.06,
  );
  const scale: ValueScale = { min, max, top: pane.top + 6, bottom: pane.bottom - 6 };
  drawGrid(raster, theme, pane, plotRight, bars, candles.length, scale, false);
  drawWatermark(raster, picture, theme, pane, plotRight);
  for (const drawing of onPrice) {
    for (const plot of drawing.plots) if (plot.kind === 'profile') drawPlot(raster, plot, scale, bars, candles, theme, plotRight);
  }
  for (const drawing of drawings.filter((d) => d.placement === 'overlay')) {
    const [low, high] = drawing.range ?? valueRange(seriesValues(drawing), 0);
    const band: ValueScale = { min: Math.min(0, low), max: high, top: pane.bottom - (pane.bottom - pane.top) / 4, bottom: pane.bottom - 2 };
    for (const plot of drawing.plots) drawPlot(raster, plot, band, bars, candles, theme, plotRight);
  }
  drawCandles(raster, theme, picture.request['style'], scale, bars, candles);
  for (const drawing of onPrice) {
    for (const plot of drawing.plots) if (plot.kind !== 'profile') drawPlot(raster, plot, scale, bars, candles, theme, plotRight);
  }
  const last = candles[candles.length - 1];
  if (last !== undefined) {
    const y = Math.round(scaleY(scale, last.close));
    const color = last.close >= last.open ? theme.up : theme.down;
    raster.hline(0, plotRight, y, color, 2);
    raster.fillRect(plotRight + 1, y - 6, AXIS_WIDTH - 1, 13, color);
    drawText(raster, plotRight + 5, y - 3, formatValue(last.close, 1), theme.background);
  }
  drawLegend(raster, theme, pane, [
    { text: `${picture.chartImgSymbol}  ${picture.interval}`, color: theme.text },
    ...drawings.filter((d) => d.placement !== 'pane').map((d) => ({ text: d.label, color: firstColor(d, theme.text) })),
  ]);
}

function drawStudyPane(
  raster: Raster,
  theme: ChartTheme,
  pane: Pane,
  plotRight: number,
  bars: BarGeometry,
  candles: readonly Candle[],
  drawing: StudyDrawing,
): void {
  const values = seriesValues(drawing);
  const hasHistogram = drawing.plots.some((p) => p.kind === 'histogram');
  const [min, max] = drawing.range ?? valueRange(hasHistogram ? [...values, 0] : values, 0.08);
  const scale: ValueScale = { min, max, top: pane.top + 4, bottom: pane.bottom - 4 };
  raster.hline(0, raster.width - 1, pane.top, theme.separator);
  drawGrid(raster, theme, pane, plotRight, bars, candles.length, scale, true);
  for (const guide of drawing.guides) raster.hline(0, plotRight - 1, Math.round(scaleY(scale, guide)), theme.axisText, 3);
  for (const plot of drawing.plots) drawPlot(raster, plot, scale, bars, candles, theme, plotRight);
  drawLegend(raster, theme, pane, [{ text: drawing.label, color: firstColor(drawing, theme.text) }]);
}

function drawGrid(
  raster: Raster,
  theme: ChartTheme,
  pane: Pane,
  plotRight: number,
  bars: BarGeometry,
  barCount: number,
  scale: ValueScale,
  compact: boolean,
): void {
  for (let i = 0; i < barCount; i += 12) raster.vline(bars.x(i), pane.top + 1, pane.bottom - 1, theme.grid);
  const { ticks, step } = niceTicks(scale.min, scale.max, compact ? 3 : 8);
  for (const tick of ticks) {
    const y = Math.round(scaleY(scale, tick));
    if (y < pane.top + 4 || y > pane.bottom - 4) continue;
    raster.hline(0, plotRight - 1, y, theme.grid);
    drawText(raster, plotRight + 5, y - 3, formatValue(tick, step, compact), theme.axisText);
  }
}

function drawWatermark(raster: Raster, picture: ChartPicture, theme: ChartTheme, pane: Pane, plotRight: number): void {
  const text = `${picture.chartImgSymbol.split(':').pop() ?? picture.chartImgSymbol} ${picture.interval}`;
  let scale = 6;
  while (scale > 2 && (textWidth(text, scale) > plotRight * 0.7 || GLYPH_HEIGHT * scale > (pane.bottom - pane.top) / 3)) scale -= 1;
  const x = Math.floor((plotRight - textWidth(text, scale)) / 2);
  const y = Math.floor((pane.top + pane.bottom - GLYPH_HEIGHT * scale) / 2);
  drawText(raster, x, y, text, theme.watermark, scale);
}

function drawCandles(raster: Raster, theme: ChartTheme, style: unknown, scale: ValueScale, bars: BarGeometry, candles: readonly Candle[]): void {
  if (style === 'line' || style === 'area' || style === 'baseline') {
    candles.forEach((candle, i) => {
      const previous = candles[i - 1];
      if (previous === undefined) return;
      raster.line(bars.x(i - 1), scaleY(scale, previous.close), bars.x(i), scaleY(scale, candle.close), theme.palette[0] ?? theme.text, 2);
    });
    return;
  }
  candles.forEach((candle, i) => {
    const color = candle.close >= candle.open ? theme.up : theme.down;
    const x = bars.x(i);
    const half = Math.floor(bars.bodyWidth / 2);
    raster.vline(x, scaleY(scale, candle.high), scaleY(scale, candle.low), color);
    const openY = Math.round(scaleY(scale, candle.open));
    const closeY = Math.round(scaleY(scale, candle.close));
    if (style === 'bar' || style === 'hiLo') {
      raster.hline(x - half, x, openY, color);
      raster.hline(x, x + half, closeY, color);
      return;
    }
    raster.fillRect(x - half, Math.min(openY, closeY), bars.bodyWidth, Math.max(1, Math.abs(closeY - openY)), color);
  });
}

function drawLegend(raster: Raster, theme: ChartTheme, pane: Pane, lines: readonly { text: string; color: Rgb }[]): void {
  lines.forEach((line, i) => {
    const y = pane.top + 5 + i * LINE_HEIGHT;
    if (y + GLYPH_HEIGHT > pane.bottom - 2) return;
    raster.fillRect(4, y - 2, textWidth(line.text) + 14, LINE_HEIGHT, tint(theme.background, theme.grid, 0.5));
    raster.fillRect(6, y, 5, GLYPH_HEIGHT, line.color);
    drawText(raster, 14, y, line.text, theme.text);
  });
}

/** A drawing's series cut to the visible bars (indicators are computed over the warm-up bars too). */
function visible(drawing: StudyDrawing, warmUp: number): StudyDrawing {
  return {
    ...drawing,
    plots: drawing.plots.map((plot) => ('series' in plot ? { ...plot, series: plot.series.slice(warmUp) } : plot)),
  };
}

function seriesValues(drawing: StudyDrawing): (number | undefined)[] {
  return drawing.plots.flatMap((p) => ('series' in p ? [...p.series] : []));
}

function firstColor(drawing: StudyDrawing, fallback: Rgb): Rgb {
  return drawing.plots[0]?.color ?? fallback;
}

function templateStudies(request: Readonly<Record<string, unknown>>): TemplateStudy[] {
  const studies = request['studies'];
  if (!Array.isArray(studies)) return [];
  return studies.filter((s): s is TemplateStudy => typeof s === 'object' && s !== null && typeof (s as { name?: unknown }).name === 'string');
}

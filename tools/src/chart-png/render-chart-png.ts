import { drawChart, type ChartPicture } from './draw-chart.js';
import { encodeRgbPng } from './png-encoder.js';

/** Chart-IMG's default image size, used when a template sets no width or height. */
export const DEFAULT_CHART_WIDTH = 800;
export const DEFAULT_CHART_HEIGHT = 600;

/** A mock chart for one fixture key. */
export interface ChartPngSpec {
  /** `BINANCE_BTCUSDT__1h__ctpl_price_psar_adi_v1`: seeds the candles. */
  readonly fixtureKey: string;
  readonly chartImgSymbol: string;
  /** The provider interval shown in the caption (`1h`, `1M`). */
  readonly interval: string;
  readonly chartTemplateId: string;
  /** The template's `request` body (width, height, theme, style, studies). */
  readonly request: Readonly<Record<string, unknown>>;
}

/** The image size a request asks for: its `width`/`height`, else Chart-IMG's defaults. */
export function chartPngSize(request: Readonly<Record<string, unknown>>): { width: number; height: number } {
  return {
    width: positiveInteger(request['width']) ?? DEFAULT_CHART_WIDTH,
    height: positiveInteger(request['height']) ?? DEFAULT_CHART_HEIGHT,
  };
}

/** The PNG bytes of a mock chart. Deterministic: the same spec always gives the same bytes. */
export function renderChartPng(spec: ChartPngSpec): Buffer {
  const { width, height } = chartPngSize(spec.request);
  const picture: ChartPicture = {
    seedKey: spec.fixtureKey,
    chartImgSymbol: spec.chartImgSymbol,
    interval: spec.interval,
    chartTemplateId: spec.chartTemplateId,
    width,
    height,
    request: spec.request,
  };
  const raster = drawChart(picture);
  return encodeRgbPng(width, height, raster.data);
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

import type { ChartTemplate } from '../contracts/chart-template.schema.js';
import type { RenderDemand } from '../ports/account-pool.js';
import type { ChartCall } from '../ports/chart-api.js';
import { CHART_IMG_DEFAULT_HEIGHT, CHART_IMG_DEFAULT_WIDTH } from './chart-img-body-options.js';
import { fixtureKey } from './fixture-key.js';
import { renderChartImgSymbol } from './render-chart-img-symbol.js';

/**
 * One logical render request (docs/design.md#templates): the template's `request`, deep-copied, plus the
 * rendered `symbol`, the provider `interval` and a `timezone` (the template's, else the default), and the step's
 * OHLCV file when it has one.
 * The template must have passed `validateChartTemplate`.
 */
export function buildChartCall(p: {
  template: ChartTemplate;
  symbol: string;
  timeframe: string;
  interval: string;
  defaultTimezone: string;
  /** The step's OHLCV export file, for the local renderer. */
  ohlcvGcsUri?: string;
}): ChartCall {
  const chartImgSymbol = renderChartImgSymbol(p.template.chartImgSymbolTemplate, p.symbol);
  const request = structuredClone(p.template.request) as Record<string, unknown>;
  const timezone = typeof request['timezone'] === 'string' ? request['timezone'] : p.defaultTimezone;
  return {
    chartTemplateId: p.template.id,
    chartImgSymbol,
    timeframe: p.timeframe,
    interval: p.interval,
    // symbol and interval lead the body and always win over the template (validation already forbids them there).
    body: Object.assign({ symbol: chartImgSymbol, interval: p.interval }, request, {
      symbol: chartImgSymbol,
      interval: p.interval,
      timezone,
    }),
    fixtureKey: fixtureKey(chartImgSymbol, p.timeframe, p.template.id),
    ...(p.ohlcvGcsUri === undefined ? {} : { ohlcvGcsUri: p.ohlcvGcsUri }),
  };
}

/** What a body asks of an account's plan: its size (800x600 when unset) and studies + drawings. */
export function renderDemandOf(body: Readonly<Record<string, unknown>>): RenderDemand {
  const width = body['width'];
  const height = body['height'];
  return {
    width: typeof width === 'number' ? width : CHART_IMG_DEFAULT_WIDTH,
    height: typeof height === 'number' ? height : CHART_IMG_DEFAULT_HEIGHT,
    parameterCount: lengthOf(body['studies']) + lengthOf(body['drawings']),
  };
}

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

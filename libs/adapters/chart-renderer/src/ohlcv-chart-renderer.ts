import type { ChartCall, OhlcvSource } from '@worker-chart-export/domain';
import type { ChartPlan } from './chart-plan.js';
import type { ChartLayout } from './scene/chart-layout.js';
import { LocalChartRenderer } from './local-chart-renderer.js';
import { isRenderRefusal } from './render-refusal.js';

/** A chart drawn locally, or why it was not: the body refused, or the OHLCV file unreadable or of another market. */
export type OhlcvRenderOutcome =
  | { readonly ok: true; readonly png: Uint8Array; readonly layout: ChartLayout }
  | { readonly ok: false; readonly reason: 'refused' | 'ohlcv-unavailable' | 'ohlcv-mismatch'; readonly message: string };

// `BINANCE:BTCUSDT`, `BTCUSDT` and `BTC/USDT` name the same market.
export const marketOf = (symbol: string): string =>
  (symbol.includes(':') ? symbol.slice(symbol.indexOf(':') + 1) : symbol).replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/**
 * Renders one Chart-IMG call locally from the OHLCV export file at a `gs://` URI: checks the body first (nothing is
 * read for a template the renderer cannot draw), reads and schema-checks the file through the {@link OhlcvSource},
 * makes sure it holds the call's symbol and timeframe, then draws. Never throws for bad input: the outcome says why.
 */
export class OhlcvChartRenderer {
  constructor(
    private readonly ohlcv: OhlcvSource,
    private readonly renderer = new LocalChartRenderer(),
  ) {}

  async render(call: ChartCall, ohlcvGcsUri: string): Promise<OhlcvRenderOutcome> {
    let plan: ChartPlan;
    try {
      plan = this.renderer.check(call.body);
    } catch (error) {
      if (isRenderRefusal(error)) return { ok: false, reason: 'refused', message: `${call.chartTemplateId}: ${error.message}` };
      throw error;
    }
    let file;
    try {
      file = await this.ohlcv.read(ohlcvGcsUri);
    } catch (error) {
      return { ok: false, reason: 'ohlcv-unavailable', message: error instanceof Error ? error.message : String(error) };
    }
    const { symbol, timeframe } = file.metadata;
    if (marketOf(symbol) !== marketOf(call.chartImgSymbol) || timeframe !== call.timeframe) {
      return {
        ok: false,
        reason: 'ohlcv-mismatch',
        message: `OHLCV file ${ohlcvGcsUri} holds ${symbol} ${timeframe}, not ${call.chartImgSymbol} ${call.timeframe}`,
      };
    }
    try {
      return { ok: true, ...this.renderer.draw(plan, file.data) };
    } catch (error) {
      if (isRenderRefusal(error)) return { ok: false, reason: 'refused', message: `${call.chartTemplateId}: ${error.message}` };
      throw error;
    }
  }
}

import type { AccountReservation } from './account-pool.js';

export const CHARTS_API_MODES = ['real', 'mock', 'record'] as const;
export type ChartsApiMode = (typeof CHARTS_API_MODES)[number];

/** One logical render request, in the provider's terms. */
export interface ChartCall {
  readonly chartTemplateId: string;
  /** TradingView symbol, e.g. `BINANCE:BTCUSDT`. */
  readonly chartImgSymbol: string;
  /** The flow's own timeframe string (file names, fixture keys). */
  readonly timeframe: string;
  /** The provider's interval (`1M`, `1W`, `4h` ...). */
  readonly interval: string;
  /** The complete JSON body for `POST /v2/tradingview/advanced-chart`. */
  readonly body: Readonly<Record<string, unknown>>;
  /** `BINANCE_BTCUSDT__1h__<chartTemplateId>`. */
  readonly fixtureKey: string;
}

/** What the provider (or a fixture standing in for it) answered, unclassified. */
export type ChartApiResponse =
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly contentType: string | undefined;
      readonly body: Uint8Array;
      /** From a `Retry-After` header, when present. */
      readonly retryAfterMs?: number;
      readonly source: 'network' | 'fixture';
      readonly durationMs: number;
    }
  | {
      readonly kind: 'transport-error';
      readonly reason: 'timeout' | 'network';
      /** Free of secrets. */
      readonly message: string;
      readonly durationMs: number;
    }
  | { readonly kind: 'fixture-missing'; readonly fixtureKey: string };

/**
 * The Chart-IMG Advanced Chart endpoint. `replay` answers from fixtures without the network
 * or quota (mock: always answers; record: answers on a hit; real: never); `render` makes
 * one HTTP attempt on a reserved account.
 */
export interface ChartApi {
  readonly mode: ChartsApiMode;
  replay(call: ChartCall): Promise<ChartApiResponse | undefined>;
  render(call: ChartCall, account: AccountReservation, timeoutMs: number): Promise<ChartApiResponse>;
}
export const ChartApi = Symbol.for('worker-chart-export.ChartApi');

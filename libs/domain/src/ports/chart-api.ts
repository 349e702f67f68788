import type { AccountReservation } from './account-pool.js';

/** `local`: every chart is drawn by the local renderer from the step's OHLCV; Chart-IMG is never called. */
export const CHARTS_API_MODES = ['real', 'mock', 'record', 'local'] as const;
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
  /** The step's OHLCV export file (`gs://`), which the local renderer draws from; absent when the step has none. */
  readonly ohlcvGcsUri?: string;
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
      /** `too-large`: the body went past the client's size cap and was aborted. */
      readonly reason: 'timeout' | 'network' | 'too-large';
      /** Free of secrets. */
      readonly message: string;
      readonly durationMs: number;
      /** true when the request never left this process: the provider saw nothing and the quota unit is unspent. */
      readonly notSent?: true;
    }
  | { readonly kind: 'fixture-missing'; readonly fixtureKey: string };

/**
 * The Chart-IMG Advanced Chart endpoint: one implementation per mode (`mode` says which).
 *
 * Rules every implementation keeps (`describeChartApiContract` checks them):
 * - `replay` answers from fixtures, without the network and without quota. `mock`: always; a stored PNG as a
 *   200 `image/png` with its bytes, a stored error as its status with its body (JSON as `application/json`), both
 *   `source: 'fixture'`; no fixture: `fixture-missing` naming the call's `fixtureKey`. `record`: on a fixture the
 *   same answer as mock, else undefined. `real`: always undefined;
 * - `render` (`real`, `record`) makes exactly one request to the provider on the reserved account, with the call's
 *   `body`, and never retries (the domain does). It passes the answer on unclassified: whatever the status, an
 *   `http` answer with its status, content type and body, `source: 'network'`; no answer within `timeoutMs` is a
 *   `transport-error` `timeout`, a connection that breaks one with `network`. It never rejects for what the
 *   provider did. `mock`: `render` rejects and nothing reaches the network;
 * - `record`: the provider's 200 PNG, or its error status and body, is saved under the call's `fixtureKey` before
 *   `render` answers, so the next `replay` of that key answers it. A 200 that is not a PNG and transport errors are
 *   not saved.
 */
export interface ChartApi {
  readonly mode: ChartsApiMode;
  replay(call: ChartCall): Promise<ChartApiResponse | undefined>;
  render(call: ChartCall, account: AccountReservation, timeoutMs: number): Promise<ChartApiResponse>;
}
export const ChartApi = Symbol.for('worker-chart-export.ChartApi');

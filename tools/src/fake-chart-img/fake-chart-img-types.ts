import type { ChartImgPlan } from '@worker-chart-export/domain';
import type { KeyEchoForm } from './echo-key.js';

/** An account the fake knows: its key, plan (default BASIC) and daily quota (default: the plan's). */
export interface FakeAccount {
  readonly apiKey: string;
  readonly plan?: ChartImgPlan;
  readonly dailyLimit?: number;
  /** Only for readable `calls`; the provider itself knows keys, not ids. */
  readonly id?: string;
}

/** A fault injected into the next `times` authenticated requests (after the key check). */
export type FakeFault =
  | { readonly type: 'server-error'; readonly times: number; readonly status?: number; readonly message?: string }
  /** The request is held and never answered (until `close()`), so the client times out. */
  | { readonly type: 'timeout'; readonly times: number }
  /** A 200 whose body is HTML, not a PNG. */
  | { readonly type: 'non-png'; readonly times: number }
  | { readonly type: 'too-many-requests'; readonly times: number; readonly retryAfterSeconds?: number }
  /**
   * An error (default 403) whose JSON body echoes the request's key in `form`:
   * `{"message":"Invalid API key <key>"}`, written as raw text so the escapes reach the client as they are,
   * labelled `contentType` (default `application/json`; a provider may mislabel it, e.g. `image/png`).
   */
  | {
      readonly type: 'key-echo';
      readonly times: number;
      readonly form: KeyEchoForm;
      readonly status?: number;
      readonly contentType?: string;
    };

export interface FakeChartImgOptions {
  readonly accounts: readonly FakeAccount[];
  /** Default 0: a free port. The server always binds 127.0.0.1. */
  readonly port?: number;
  /** Delay before every answer. Default 0. */
  readonly latencyMs?: number;
  readonly fault?: FakeFault;
  /** Epoch milliseconds, for rate and quota windows. Default `Date.now`. */
  readonly now?: () => number;
}

/** What the fake saw of one request. Keys are never recorded: only a short SHA-256 prefix. */
export interface FakeCall {
  readonly at: number;
  readonly keyHash: string | undefined;
  readonly accountId: string | undefined;
  readonly status: number | 'timeout';
  /** The message of an error answer (a key echo is described, never recorded). */
  readonly message?: string;
  readonly body?: {
    readonly symbol: unknown;
    readonly interval: unknown;
    readonly width: unknown;
    readonly height: unknown;
    readonly studies: number;
    readonly drawings: number;
  };
}

export interface FakeChartImg {
  /** `http://127.0.0.1:<port>`: the `CHART_IMG_BASE_URL`. */
  readonly url: string;
  readonly calls: FakeCall[];
  /** Replaces the injected fault; undefined clears it. */
  setFault(fault: FakeFault | undefined): void;
  /** Latency for later requests. */
  setLatency(latencyMs: number): void;
  /** Successful renders counted today for a key. */
  usage(apiKey: string): number;
  close(): Promise<void>;
}

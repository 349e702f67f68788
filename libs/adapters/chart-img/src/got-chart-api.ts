import { performance } from 'node:perf_hooks';
import { got, RequestError, TimeoutError, type Got } from 'got';
import {
  PLAN_LIMITS,
  type AccountReservation,
  type ChartApi,
  type ChartApiResponse,
  type ChartCall,
  type Clock,
} from '@worker-chart-export/domain';
import type { AccountKeyring } from './account-keyring.js';
import { parseRetryAfter } from './retry-after.js';
import { TokenBucket } from './token-bucket.js';

export const DEFAULT_CHART_IMG_BASE_URL = 'https://api.chart-img.com';
export const ADVANCED_CHART_PATH = '/v2/tradingview/advanced-chart';
/** Slack on every token-bucket wait, against early timers and uneven latencies. */
const RATE_MARGIN_MS = 50;

export interface GotChartApiOptions {
  /** `CHART_IMG_BASE_URL`: `scheme://host[:port]`, a trailing slash is tolerated. */
  readonly baseUrl?: string;
  readonly keyring: AccountKeyring;
  readonly clock: Clock;
  /** A got instance, for tests; defaults to got itself. */
  readonly got?: Got;
}

/**
 * The Chart-IMG Advanced Chart endpoint over HTTP (mode `real`). One `render` is one attempt:
 * got never retries (the domain does) and never throws on an HTTP status; the answer is passed
 * on unclassified. Before each call the account's client-side token bucket (its plan's rate and
 * burst) is waited on, so this process alone never trips the provider's rate limit; that wait
 * counts toward `timeoutMs`.
 */
export class GotChartApi implements ChartApi {
  readonly mode = 'real' as const;
  readonly url: string;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly got: Got;

  constructor(private readonly options: GotChartApiOptions) {
    this.url = `${(options.baseUrl ?? DEFAULT_CHART_IMG_BASE_URL).replace(/\/+$/, '')}${ADVANCED_CHART_PATH}`;
    this.got = options.got ?? got;
  }

  /** Real mode has no fixtures. */
  replay(_call: ChartCall): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  async render(call: ChartCall, account: AccountReservation, timeoutMs: number): Promise<ChartApiResponse> {
    const apiKey = this.options.keyring.keyFor(account.accountId);
    // The rate-limit wait is part of the attempt's time budget: a call that could only leave
    // after its deadline is not sent at all.
    const waitStarted = this.options.clock.now().getTime();
    const waitedMs = await this.bucketFor(account).takeWithin(timeoutMs);
    const spentMs = waitedMs === undefined ? 0 : Math.max(waitedMs, this.options.clock.now().getTime() - waitStarted);
    if (waitedMs === undefined || spentMs >= timeoutMs) {
      return {
        kind: 'transport-error',
        reason: 'timeout',
        message: `Chart-IMG account "${account.accountId}" could not be called within ${timeoutMs} ms: its ${account.plan} rate limit allows no earlier call`,
        durationMs: 0,
      };
    }
    const requestTimeoutMs = timeoutMs - spentMs;
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const response = await this.got.post(this.url, {
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(call.body),
        responseType: 'buffer',
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: requestTimeoutMs },
      });
      const body = response.body;
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.options.clock.now());
      return {
        kind: 'http',
        status: response.statusCode,
        contentType: response.headers['content-type'],
        body: this.scrubbedUnlessImage(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), response.headers['content-type']),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        source: 'network',
        durationMs: elapsed(),
      };
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      const durationMs = elapsed();
      if (error instanceof TimeoutError || error.code === 'ETIMEDOUT') {
        return { kind: 'transport-error', reason: 'timeout', message: `Chart-IMG did not answer within ${timeoutMs} ms`, durationMs };
      }
      const message = this.options.keyring.scrub(`Chart-IMG request failed: ${error.code}: ${error.message}`);
      return { kind: 'transport-error', reason: 'network', message, durationMs };
    }
  }

  private bucketFor(account: AccountReservation): TokenBucket {
    let bucket = this.buckets.get(account.accountId);
    if (bucket === undefined) {
      const { ratePerSecond, burst } = PLAN_LIMITS[account.plan];
      bucket = new TokenBucket({ ratePerSecond, burst, clock: this.options.clock, marginMs: RATE_MARGIN_MS });
      this.buckets.set(account.accountId, bucket);
    }
    return bucket;
  }

  /** A provider error may echo the key it was sent (`Invalid API key ...`): text bodies are scrubbed before anyone sees them. */
  private scrubbedUnlessImage(body: Uint8Array, contentType: string | undefined): Uint8Array {
    if (contentType?.startsWith('image/')) return body;
    const text = new TextDecoder().decode(body);
    const scrubbed = this.options.keyring.scrub(text);
    return scrubbed === text ? body : new TextEncoder().encode(scrubbed);
  }
}
